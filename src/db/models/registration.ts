import { Schema, type InferSchemaType } from "mongoose";

/** See the registration state machine in DESIGN §5. */
export const REGISTRATION_STATUSES = [
  "pending_consent",
  "waitlisted",
  "confirmed",
  "declined",
  "expired",
  "cancelled",
  "attended",
  "no_show",
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Statuses that hold a seat (counted in trial.seatsTaken). */
export const SEAT_HOLDING_STATUSES = ["pending_consent", "confirmed"] as const satisfies readonly RegistrationStatus[];
/** Statuses a student or teacher may still cancel. */
export const ACTIVE_REGISTRATION_STATUSES = [
  "pending_consent",
  "waitlisted",
  "confirmed",
] as const satisfies readonly RegistrationStatus[];

export const registrationSchema = new Schema(
  {
    trialId: { type: Schema.Types.ObjectId, ref: "Trial", required: true },
    studentId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    status: { type: String, enum: REGISTRATION_STATUSES, required: true },
    /** Set by the teacher's attendance mark; absent until marked. */
    attended: { type: Boolean },
    /** Queue position: the oldest waitlisted registration is promoted first. */
    waitlistedAt: { type: Date },
    /** Who cancelled (student, teacher or guardian withdrawing consent); absent for system cancellations. */
    cancelledBy: { type: Schema.Types.ObjectId, ref: "User" },
    statusChangedAt: { type: Date, required: true, default: Date.now },
  },
  { timestamps: true, collection: "registrations" },
);

registrationSchema.pre("validate", function () {
  if (this.status === "waitlisted" && !this.waitlistedAt) this.waitlistedAt = new Date();
});

registrationSchema.index({ trialId: 1, studentId: 1 }, { unique: true });
registrationSchema.index({ trialId: 1, status: 1, waitlistedAt: 1 });
registrationSchema.index({ studentId: 1, status: 1 });

export type RegistrationFields = InferSchemaType<typeof registrationSchema>;
