import { Schema, type InferSchemaType } from "mongoose";
import { MAX_GRADE, MIN_GRADE, timeZoneValidator } from "./common.js";
import { PARSE_MODES } from "./notification.js";

export const BROADCAST_AUDIENCE_ROLES = ["student", "guardian"] as const;
export type BroadcastAudienceRole = (typeof BROADCAST_AUDIENCE_ROLES)[number];

export const BROADCAST_SCHEDULE_KINDS = ["now", "at", "cron"] as const;
export type BroadcastScheduleKind = (typeof BROADCAST_SCHEDULE_KINDS)[number];

export const BROADCAST_STATUSES = ["draft", "scheduled", "sending", "done", "cancelled"] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Telegram's limit for one text message. */
export const BROADCAST_TEXT_MAX_LENGTH = 4096;

const count = { type: Number, required: true, default: 0, min: 0 };

export const broadcastSchema = new Schema(
  {
    createdBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
    schoolId: { type: Schema.Types.ObjectId, ref: "School", required: true },
    /** Students and/or guardians of the school, narrowed to a grade, a class or a trial's registrants. */
    audience: {
      roles: {
        type: [String],
        enum: BROADCAST_AUDIENCE_ROLES,
        default: [],
        validate: { validator: (v: unknown[]) => v.length > 0, message: "audience needs at least one role" },
      },
      grade: { type: Number, min: MIN_GRADE, max: MAX_GRADE },
      classLetter: { type: String, maxlength: 1 },
      trialId: { type: Schema.Types.ObjectId, ref: "Trial" },
    },
    text: { type: String, required: true, minlength: 1, maxlength: BROADCAST_TEXT_MAX_LENGTH },
    parseMode: { type: String, enum: PARSE_MODES },
    schedule: {
      kind: { type: String, enum: BROADCAST_SCHEDULE_KINDS, required: true, default: "now" },
      at: { type: Date },
      /** node-cron expression for recurring broadcasts. */
      cron: { type: String, trim: true, maxlength: 100 },
      /** Zone the cron expression is read in; absent means the school's zone. */
      timezone: { type: String, validate: timeZoneValidator },
    },
    status: { type: String, enum: BROADCAST_STATUSES, required: true, default: "draft" },
    /** Delivery report; for recurring broadcasts, of the latest run. */
    stats: { total: count, sent: count, failed: count, blocked: count },
    lastRunAt: { type: Date },
    /** When the recurring-broadcast job should fan out next (at or next cron tick). */
    nextRunAt: { type: Date },
  },
  { timestamps: true, collection: "broadcasts" },
);

broadcastSchema.pre("validate", function () {
  if (this.schedule?.kind === "at" && !this.schedule.at) this.invalidate("schedule.at", "schedule 'at' needs a time");
  if (this.schedule?.kind === "cron" && !this.schedule.cron) {
    this.invalidate("schedule.cron", "schedule 'cron' needs an expression");
  }
});

broadcastSchema.index({ status: 1, nextRunAt: 1 });
broadcastSchema.index({ schoolId: 1, createdAt: -1 });

export type BroadcastFields = InferSchemaType<typeof broadcastSchema>;
