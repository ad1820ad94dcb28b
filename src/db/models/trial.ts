import { Schema, type InferSchemaType } from "mongoose";
import { MAX_GRADE, MIN_GRADE, RIASEC_LETTERS, timeZoneValidator } from "./common.js";

export const TRIAL_KINDS = ["trial", "excursion", "open_day", "master_class", "meeting"] as const;
export type TrialKind = (typeof TRIAL_KINDS)[number];

export const TRIAL_FORMATS = ["in_person", "online", "hybrid"] as const;
export type TrialFormat = (typeof TRIAL_FORMATS)[number];

export const TRIAL_STATUSES = ["draft", "published", "cancelled", "completed"] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const TRIAL_MIN_CAPACITY = 1;
export const TRIAL_MAX_CAPACITY = 500;

const person = {
  name: { type: String, trim: true, maxlength: 100 },
  phone: { type: String, trim: true, maxlength: 32 },
};

const longText = { type: String, trim: true, maxlength: 1000 };

export const trialSchema = new Schema(
  {
    kind: { type: String, enum: TRIAL_KINDS, required: true },
    format: { type: String, enum: TRIAL_FORMATS, required: true },
    title: { type: String, required: true, trim: true, minlength: 1, maxlength: 120 },
    /** What the pupil will do. */
    description: { type: String, trim: true, maxlength: 2000 },
    directions: { type: [String], enum: RIASEC_LETTERS, default: [] },
    host: {
      organisation: { type: String, trim: true, maxlength: 200 },
      address: { type: String, trim: true, maxlength: 300 },
      onlineLink: { type: String, trim: true, maxlength: 2048 },
      transport: { type: String, trim: true, maxlength: 500 },
    },
    mentor: person,
    escort: person,
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    /** IANA zone the times are shown in; normally the owner school's zone. */
    timezone: { type: String, required: true, validate: timeZoneValidator },
    capacity: { type: Number, required: true, min: TRIAL_MIN_CAPACITY, max: TRIAL_MAX_CAPACITY, validate: Number.isInteger },
    /**
     * Seats held by registrations in pending_consent/confirmed.
     * Invariant seatsTaken ≤ capacity is enforced at write time only by atomic conditional updates,
     * e.g. `findOneAndUpdate({_id, seatsTaken: {$lt: capacity}}, {$inc: {seatsTaken: 1}})`
     * and `findOneAndUpdate({_id, seatsTaken: {$gt: 0}}, {$inc: {seatsTaken: -1}})`;
     * the `pre("validate")` check below only guards create/save, since validators don't run on updates.
     */
    seatsTaken: { type: Number, required: true, default: 0, min: 0, validate: Number.isInteger },
    minGrade: { type: Number, required: true, min: MIN_GRADE, max: MAX_GRADE },
    maxGrade: { type: Number, required: true, min: MIN_GRADE, max: MAX_GRADE },
    /** Schools whose pupils may see and join the trial. */
    schoolIds: { type: [{ type: Schema.Types.ObjectId, ref: "School" }], default: [] },
    bring: longText,
    clothing: longText,
    /** Personal protective equipment provided or required. */
    ppe: longText,
    healthRestrictions: longText,
    /** Risks and how they are reduced (briefing, PPE); part of the informed consent text. */
    risks: longText,
    /** Absent: sign-up is open until startsAt. */
    signupDeadline: { type: Date },
    /** Absent: services fall back to a default before startsAt; pending_consent registrations expire at it. */
    consentDeadline: { type: Date },
    status: { type: String, enum: TRIAL_STATUSES, required: true, default: "draft" },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
    /** Owner school: its teachers manage the trial. */
    schoolId: { type: Schema.Types.ObjectId, ref: "School", required: true },
  },
  { timestamps: true, collection: "trials" },
);

trialSchema.pre("validate", function () {
  if (this.capacity != null && this.seatsTaken != null && this.seatsTaken > this.capacity) {
    this.invalidate("seatsTaken", "seatsTaken must not exceed capacity", this.seatsTaken);
  }
  if (this.startsAt && this.endsAt && this.endsAt.getTime() <= this.startsAt.getTime()) {
    this.invalidate("endsAt", "endsAt must be after startsAt", this.endsAt);
  }
  if (this.minGrade != null && this.maxGrade != null && this.minGrade > this.maxGrade) {
    this.invalidate("maxGrade", "maxGrade must not be below minGrade", this.maxGrade);
  }
});

trialSchema.index({ status: 1, startsAt: 1 });
trialSchema.index({ schoolIds: 1, status: 1, startsAt: 1 });
trialSchema.index({ schoolId: 1, startsAt: 1 });

export type TrialFields = InferSchemaType<typeof trialSchema>;
