import { Schema, type InferSchemaType } from "mongoose";
import { makeAppendOnly } from "./common.js";
import { LOCALES } from "./user.js";

export const CONSENT_KINDS = ["personal_data", "participation", "photo"] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export const CONSENT_DECISIONS = ["granted", "refused", "withdrawn"] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const PHOTO_SCOPES = ["publish", "portfolio", "forbidden"] as const;
export type PhotoScope = (typeof PHOTO_SCOPES)[number];

export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Append-only: every answer is a new record and the current state is the newest record
 * per (studentId, kind, trialId). Updates and deletes through mongoose throw
 * (see `makeAppendOnly`); the privacy service anonymises through the raw collection.
 */
export const consentSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    guardianId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    kind: { type: String, enum: CONSENT_KINDS, required: true },
    /** Participation is consented per trial; absent for personal_data and photo. */
    trialId: { type: Schema.Types.ObjectId, ref: "Trial" },
    decision: { type: String, enum: CONSENT_DECISIONS, required: true },
    /** Photo/video rule; only on kind "photo" records with decision "granted". */
    photoScope: { type: String, enum: PHOTO_SCOPES },
    /** Guardian's health note for a participation consent, shown on the teacher's roster. */
    healthNote: { type: String, trim: true, maxlength: 500 },
    /** Version id of the consent text the guardian saw, e.g. "participation@3". */
    textVersion: { type: String, required: true, trim: true, maxlength: 64 },
    /** sha256 (lowercase hex) of the exact rendered text the guardian saw. */
    textHash: { type: String, required: true, lowercase: true, match: SHA256_HEX_PATTERN },
    locale: { type: String, enum: LOCALES, required: true },
    recordedAt: { type: Date, required: true, default: Date.now },
  },
  { timestamps: true, collection: "consents" },
);

consentSchema.pre("validate", function () {
  if (this.kind === "participation" && !this.trialId) {
    this.invalidate("trialId", "a participation consent needs trialId");
  }
  if (this.kind !== "participation" && this.trialId) {
    this.invalidate("trialId", "only participation consents have trialId");
  }
  if (this.kind === "photo" && this.decision === "granted" && !this.photoScope) {
    this.invalidate("photoScope", "a granted photo consent needs photoScope");
  }
  if (this.kind !== "photo" && this.photoScope) {
    this.invalidate("photoScope", "only photo consents have photoScope");
  }
  if (this.kind !== "participation" && this.healthNote) {
    this.invalidate("healthNote", "only participation consents have healthNote");
  }
});

makeAppendOnly(consentSchema, "consents");

consentSchema.index({ studentId: 1, kind: 1, trialId: 1, recordedAt: -1 });
consentSchema.index({ guardianId: 1, recordedAt: -1 });

export type ConsentFields = InferSchemaType<typeof consentSchema>;
