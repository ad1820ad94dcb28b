import { Schema, type InferSchemaType } from "mongoose";

export const INVITE_KINDS = ["guardian", "teacher"] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];

/** Both kinds expire after 7 days (DESIGN §5). */
export const INVITE_TTL_MS: Record<InviteKind, number> = {
  guardian: 7 * 24 * 60 * 60 * 1000,
  teacher: 7 * 24 * 60 * 60 * 1000,
};

/**
 * A `/start` payload may hold at most 64 characters of `A-Za-z0-9_-`;
 * 128 random bits in base64url take 22 characters.
 */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export const inviteSchema = new Schema(
  {
    code: { type: String, required: true, match: INVITE_CODE_PATTERN },
    kind: { type: String, enum: INVITE_KINDS, required: true },
    /** guardian invites: the child the guardian will be linked to. */
    studentId: { type: Schema.Types.ObjectId, ref: "User" },
    /** teacher invites: the school the teacher will be scoped to. */
    schoolId: { type: Schema.Types.ObjectId, ref: "School" },
    createdBy: { type: Schema.Types.ObjectId, ref: "User", required: true },
    expiresAt: { type: Date, required: true },
    /** Single use: redeeming is `findOneAndUpdate({code, usedAt: null, revokedAt: null, expiresAt: {$gt: now}}, {$set: {usedAt, usedBy}})`. */
    usedAt: { type: Date },
    usedBy: { type: Schema.Types.ObjectId, ref: "User" },
    revokedAt: { type: Date },
  },
  { timestamps: true, collection: "invites" },
);

inviteSchema.pre("validate", function () {
  if (this.kind === "guardian" && !this.studentId) this.invalidate("studentId", "a guardian invite needs studentId");
  if (this.kind === "teacher" && !this.schoolId) this.invalidate("schoolId", "a teacher invite needs schoolId");
});

inviteSchema.index({ code: 1 }, { unique: true });
inviteSchema.index({ studentId: 1, kind: 1 });

export type InviteFields = InferSchemaType<typeof inviteSchema>;
