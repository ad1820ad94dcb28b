import { Schema, type InferSchemaType } from "mongoose";
import { DEFAULT_TIMEZONE, timeZoneValidator } from "./common.js";

export const schoolSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    region: { type: String, trim: true, maxlength: 100 },
    /** IANA zone in which the school's trials, reminders and quiet hours are shown. */
    timezone: { type: String, required: true, default: DEFAULT_TIMEZONE, validate: timeZoneValidator },
  },
  { timestamps: true, collection: "schools" },
);

schoolSchema.index({ name: 1 });

export type SchoolFields = InferSchemaType<typeof schoolSchema>;
