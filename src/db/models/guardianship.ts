import { Schema, type InferSchemaType } from "mongoose";

/** Links a guardian to a child; created when the guardian redeems the child's invite. */
export const guardianshipSchema = new Schema(
  {
    guardianId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    studentId: { type: Schema.Types.ObjectId, ref: "User", required: true },
    inviteId: { type: Schema.Types.ObjectId, ref: "Invite", required: true },
  },
  { timestamps: true, collection: "guardianships" },
);

guardianshipSchema.index({ guardianId: 1, studentId: 1 }, { unique: true });
guardianshipSchema.index({ studentId: 1 });

export type GuardianshipFields = InferSchemaType<typeof guardianshipSchema>;
