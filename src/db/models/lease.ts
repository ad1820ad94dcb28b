import { Schema, type InferSchemaType } from "mongoose";

/**
 * A named lease so that only one instance runs a cron job at a time (DESIGN §7).
 * Acquire with one atomic upsert: `findOneAndUpdate({name, $or: [{lockedUntil: {$lte: now}}, {owner}]},
 * {$set: {owner, lockedUntil}}, {upsert: true})`, treating duplicate key 11000 as "held by someone else".
 * Release by setting `lockedUntil` to now (only where `owner` matches).
 */
export const leaseSchema = new Schema(
  {
    name: { type: String, required: true, minlength: 1, maxlength: 100 },
    /** Instance id of the holder. */
    owner: { type: String, maxlength: 100 },
    lockedUntil: { type: Date, required: true },
  },
  { timestamps: true, collection: "leases" },
);

leaseSchema.index({ name: 1 }, { unique: true });

export type LeaseFields = InferSchemaType<typeof leaseSchema>;
