import { Schema, type InferSchemaType } from "mongoose";

export const REFLECTION_PHASES = ["before", "after", "trace"] as const;
export type ReflectionPhase = (typeof REFLECTION_PHASES)[number];

export const TRI_STATE_ANSWERS = ["yes", "no", "unsure"] as const;
export type TriStateAnswer = (typeof TRI_STATE_ANSWERS)[number];

export const ARTIFACT_KINDS = ["photo", "document"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** Self-assessment criteria of the "after" reflection, each scored 1–3. */
export const SELF_ASSESSMENT_CRITERIA = ["task", "procedure", "accuracy", "communication", "safety"] as const;
export type SelfAssessmentCriterion = (typeof SELF_ASSESSMENT_CRITERIA)[number];

export const REFLECTION_ANSWER_MAX_LENGTH = 2000;

const artifactSchema = new Schema({
  /** Telegram file_id of the photo or document. */
  fileId: { type: String, required: true, maxlength: 256 },
  kind: { type: String, enum: ARTIFACT_KINDS, required: true },
  /** The pupil's own choice whether it appears in the portfolio. */
  inPortfolio: { type: Boolean, required: true, default: false },
});

const interest = { type: Number, min: 1, max: 5, validate: Number.isInteger };
const triState = { type: String, enum: TRI_STATE_ANSWERS };

export const reflectionSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    trialId: { type: Schema.Types.ObjectId, ref: "Trial", required: true },
    registrationId: { type: Schema.Types.ObjectId, ref: "Registration", required: true },
    phase: { type: String, enum: REFLECTION_PHASES, required: true },
    /** Free-text answers keyed by question id (e.g. "expect", "worries", "didWhat", "nextStep"). */
    answers: {
      type: Map,
      of: { type: String, maxlength: REFLECTION_ANSWER_MAX_LENGTH },
      default: () => new Map<string, string>(),
    },
    /** Criterion (see SELF_ASSESSMENT_CRITERIA) → 1..3. */
    selfAssessment: {
      type: Map,
      of: { type: Number, min: 1, max: 3 },
      default: () => new Map<string, number>(),
    },
    /** "before" phase: interest 1–5 at sign-up. */
    interestBefore: interest,
    /** "after" phase: interest 1–5 now. */
    interestAfter: interest,
    /** "after" phase: the pupil's overall rating of the trial, 1–5 (the seed's "average at least 4 of 5"). */
    rating: interest,
    liked: triState,
    wouldChoose: triState,
    useful: triState,
    artifacts: { type: [artifactSchema], default: [] },
  },
  { timestamps: true, collection: "reflections" },
);

reflectionSchema.index({ registrationId: 1, phase: 1 }, { unique: true });
reflectionSchema.index({ trialId: 1, phase: 1 });
reflectionSchema.index({ studentId: 1, createdAt: -1 });

export type ReflectionFields = InferSchemaType<typeof reflectionSchema>;
