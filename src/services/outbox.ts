import type { Types } from "mongoose";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import { PARSE_MODES, type NotificationPayload } from "../db/models/notification.js";

/** One button row of an outgoing message. Keyed buttons are rendered in the recipient's locale at send time. */
const button = z.union([
  z.object({ key: z.string().min(1).max(100), params: z.record(z.string(), z.union([z.string(), z.number()])).optional(), callbackData: z.string().max(64) }).strict(),
  z.object({ text: z.string().min(1).max(100), callbackData: z.string().max(64) }).strict(),
  z.object({ text: z.string().min(1).max(100), url: z.url() }).strict(),
]);

/** What a notification says: a Fluent key rendered at send time in the recipient's current locale, or a teacher's literal text. */
export const outboxPayload = z.union([
  z
    .object({
      key: z.string().min(1).max(100),
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      /** Set when the Fluent message itself carries markup; values in `params` must then be escaped by the caller. */
      parseMode: z.enum(PARSE_MODES).optional(),
      buttons: z.array(z.array(button).min(1).max(8)).max(10).optional(),
    })
    .strict(),
  z
    .object({
      text: z.string().min(1).max(4096),
      parseMode: z.enum(PARSE_MODES).optional(),
      buttons: z.array(z.array(button).min(1).max(8)).max(10).optional(),
    })
    .strict(),
]);
export type OutboxPayload = z.infer<typeof outboxPayload>;

export interface EnqueueRequest {
  /** Makes enqueueing idempotent, e.g. `reminder24h:<registrationId>` or `broadcast:<broadcastId>:<userId>`. */
  dedupeKey: string;
  userId: Types.ObjectId;
  chatId: number;
  kind: string;
  payload: OutboxPayload;
  /** Defaults to now. */
  notBefore?: Date;
  /** Urgent messages (cancellations, time changes) ignore quiet hours. */
  urgent?: boolean;
  trialId?: Types.ObjectId;
  broadcastId?: Types.ObjectId;
}

export function createOutbox(deps: { models: Models; clock: Clock }) {
  const { Notification } = deps.models;

  return {
    /**
     * Adds a message to the outbox. Enqueueing the same dedupeKey again changes nothing and
     * returns false: one atomic upsert, so two instances racing still create one document.
     */
    async enqueue(request: EnqueueRequest): Promise<boolean> {
      const payload = outboxPayload.parse(request.payload) as NotificationPayload;
      const result = await Notification.updateOne(
        { dedupeKey: request.dedupeKey },
        {
          $setOnInsert: {
            dedupeKey: request.dedupeKey,
            userId: request.userId,
            chatId: request.chatId,
            kind: request.kind,
            payload,
            notBefore: request.notBefore ?? deps.clock.now(),
            urgent: request.urgent ?? false,
            status: "pending",
            attempts: 0,
            ...(request.trialId ? { trialId: request.trialId } : {}),
            ...(request.broadcastId ? { broadcastId: request.broadcastId } : {}),
          },
        },
        { upsert: true },
      ).catch((error: unknown) => {
        // Two upserts racing on a new key: the loser sees the unique index; the message exists once either way.
        if ((error as { code?: number }).code === 11000) return { upsertedCount: 0 };
        throw error;
      });
      return result.upsertedCount === 1;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
