import { Schema, type InferSchemaType } from "mongoose";
import { makeAppendOnly } from "./common.js";

/**
 * Append-only record of every consent decision, role change, trial change, broadcast and deletion.
 * Updates and deletes through mongoose throw (see `makeAppendOnly`); erasure keeps the entries
 * and the privacy service anonymises `details` through the raw collection if needed.
 */
export const auditLogSchema = new Schema(
  {
    at: { type: Date, required: true, default: Date.now },
    /** The acting user; null for the system (cron jobs, configuration bootstrap). */
    actorId: { type: Schema.Types.ObjectId, ref: "User", default: null },
    /** Dotted verb, e.g. "consent.granted", "role.granted", "trial.updated", "broadcast.sent", "user.deleted". */
    action: { type: String, required: true, trim: true, maxlength: 64 },
    /** Collection-like name of the subject, e.g. "trial", "consent", "user". */
    entity: { type: String, required: true, trim: true, maxlength: 64 },
    entityId: { type: Schema.Types.ObjectId },
    /** Small structured context without personal free text. */
    details: { type: Schema.Types.Mixed },
  },
  { timestamps: true, collection: "audit_log" },
);

makeAppendOnly(auditLogSchema, "audit_log");

auditLogSchema.index({ entity: 1, entityId: 1, at: 1 });
auditLogSchema.index({ actorId: 1, at: 1 });

export type AuditLogFields = InferSchemaType<typeof auditLogSchema>;
