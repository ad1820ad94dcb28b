import { Schema, type InferSchemaType } from "mongoose";

export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "failed", "dead", "cancelled"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const PARSE_MODES = ["HTML", "MarkdownV2"] as const;
export type ParseMode = (typeof PARSE_MODES)[number];

/**
 * What to send, stored as Mixed and validated by the notifications service (zod):
 * - `{ key, params }`: a Fluent message key rendered in the recipient's locale at send time;
 * - `{ text, parseMode?, buttons? }`: literal text (broadcasts).
 */
export type NotificationPayload =
  | { key: string; params?: Record<string, string | number> }
  | {
      text: string;
      parseMode?: ParseMode;
      buttons?: { text: string; callbackData?: string; url?: string }[][];
    };

/**
 * Outbox entry (DESIGN §7). Enqueue with an upsert/insert on `dedupeKey`, e.g.
 * `reminder24h:<registrationId>` or `broadcast:<broadcastId>:<userId>`, so enqueueing twice is a no-op.
 * The dispatcher claims with one atomic update on (status, notBefore, lockedUntil).
 */
export const notificationSchema = new Schema(
  {
    dedupeKey: { type: String, required: true, minlength: 1, maxlength: 200 },
    userId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    chatId: { type: Number, required: true },
    /** e.g. "reminder24h", "consentRequest", "broadcast"; used for logs and reports. */
    kind: { type: String, required: true, maxlength: 64 },
    payload: { type: Schema.Types.Mixed, required: true },
    /** Not sent before this instant; quiet hours are applied when it is planned. */
    notBefore: { type: Date, required: true, default: Date.now },
    /** Urgent messages (cancellation, time change) ignore quiet hours. */
    urgent: { type: Boolean, required: true, default: false },
    status: { type: String, enum: NOTIFICATION_STATUSES, required: true, default: "pending" },
    attempts: { type: Number, required: true, default: 0, min: 0 },
    lastError: { type: String, maxlength: 1000 },
    lockedUntil: { type: Date },
    lockOwner: { type: String, maxlength: 100 },
    /** Set right after Telegram accepted the message; an expired `sending` lock is re-claimed only without it. */
    sentAt: { type: Date },
    telegramMessageId: { type: Number },
    broadcastId: { type: Schema.Types.ObjectId, ref: "Broadcast" },
    /** Set on trial reminders so they can be moved or cancelled with the trial. */
    trialId: { type: Schema.Types.ObjectId, ref: "Trial" },
  },
  { timestamps: true, collection: "notifications" },
);

notificationSchema.index({ dedupeKey: 1 }, { unique: true });
notificationSchema.index({ status: 1, notBefore: 1 });
notificationSchema.index({ trialId: 1, status: 1 });
notificationSchema.index({ broadcastId: 1, status: 1 });

export type NotificationFields = InferSchemaType<typeof notificationSchema>;
