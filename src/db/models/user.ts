import { Schema, type InferSchemaType } from "mongoose";

export const ROLES = ["student", "guardian", "teacher", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["kk", "ru", "ky", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const USER_STATUSES = ["active", "blocked", "deleted"] as const;

export const userSchema = new Schema(
  {
    telegramId: { type: Number, required: true },
    locale: { type: String, enum: LOCALES, required: true },
    roles: { type: [String], enum: ROLES, default: [] },
    firstName: { type: String, maxlength: 50 },
    lastName: { type: String, maxlength: 50 },
    /** A pupil's school. */
    schoolId: { type: Schema.Types.ObjectId, ref: "School" },
    /** The one school a teacher is scoped to; separate from schoolId so a teacher can also be a parent or pupil. */
    teacherSchoolId: { type: Schema.Types.ObjectId, ref: "School" },
    grade: { type: Number, min: 5, max: 11 },
    classLetter: { type: String, maxlength: 1 },
    timezone: { type: String },
    status: { type: String, enum: USER_STATUSES, default: "active", required: true },
    /** When the person finished onboarding and saw the privacy notice. */
    onboardedAt: { type: Date },
  },
  { timestamps: true, collection: "users" },
);

userSchema.index({ telegramId: 1 }, { unique: true });
userSchema.index({ schoolId: 1, roles: 1, grade: 1, classLetter: 1 });
userSchema.index({ teacherSchoolId: 1, roles: 1 });

export type UserFields = InferSchemaType<typeof userSchema>;
