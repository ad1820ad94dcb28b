import { Schema, type InferSchemaType } from "mongoose";
import { LOCALES } from "./user.js";

/** "<instrument>@<version>", e.g. "riasec@1". */
export const INSTRUMENT_PATTERN = /^[a-z0-9_-]{1,40}@[0-9]{1,6}$/;

const answerSchema = new Schema(
  {
    itemId: { type: String, required: true, maxlength: 64 },
    value: { type: Number, required: true },
  },
  { _id: false },
);

/** One attempt at a questionnaire; every completed result is kept (history, retakes). */
export const questionnaireResultSchema = new Schema(
  {
    studentId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    instrument: { type: String, required: true, match: INSTRUMENT_PATTERN },
    answers: { type: [answerSchema], default: [] },
    /**
     * While in progress: how many items are answered, i.e. the index of the item on screen.
     * "Back" lowers it and keeps the answer beyond it, so the item shows what was chosen before.
     * Unset on completion.
     */
    position: { type: Number, min: 0 },
    /** While in progress: bumped by every answer and every step back, so a write can check nothing changed since a read. */
    revision: { type: Number, min: 0 },
    /** Score per scale, e.g. {R: 7, I: 3, …}. */
    scores: { type: Map, of: Number, default: () => new Map<string, number>() },
    /** Scale keys in descending order of score (the result card shows the first three). */
    top: { type: [{ type: String, maxlength: 32 }], default: [] },
    startedAt: { type: Date, required: true, default: Date.now },
    /** Absent while in progress. */
    completedAt: { type: Date },
    locale: { type: String, enum: LOCALES, required: true },
  },
  { timestamps: true, collection: "questionnaire_results" },
);

questionnaireResultSchema.index({ studentId: 1, completedAt: -1 });
/** A pupil's run in progress is looked up by instrument. */
questionnaireResultSchema.index({ studentId: 1, instrument: 1 });

export type QuestionnaireResultFields = InferSchemaType<typeof questionnaireResultSchema>;
