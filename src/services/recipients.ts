import type { Types } from "mongoose";
import type { Models } from "../db/models/index.js";

/** Someone to tell about a pupil's trial: the pupil, or one of their parents (named by the child). */
export interface NoticeRecipient {
  userId: Types.ObjectId;
  chatId: number;
  role: "pupil" | "parent";
  /** The pupil the message is about. */
  studentId: Types.ObjectId;
  /** For a parent: the child's first name, since a parent may have several children signed up. */
  childName?: string | undefined;
}

/** The pupils and their linked parents who can still be reached (not blocked, not deleted). */
export async function noticeRecipients(models: Models, studentIds: readonly Types.ObjectId[], options: { parents?: boolean } = {}): Promise<NoticeRecipient[]> {
  if (studentIds.length === 0) return [];
  const pupils = await models.User.find({ _id: { $in: studentIds }, status: "active" }, { telegramId: 1, firstName: 1 }).lean<
    { _id: Types.ObjectId; telegramId: number; firstName?: string }[]
  >();
  const recipients: NoticeRecipient[] = pupils.map((p) => ({ userId: p._id, chatId: p.telegramId, role: "pupil", studentId: p._id }));
  if (options.parents === false) return recipients;
  const names = new Map(pupils.map((p) => [p._id.toHexString(), p.firstName ?? ""]));
  const links = await models.Guardianship.find({ studentId: { $in: studentIds } }, { guardianId: 1, studentId: 1 }).lean<{ guardianId: Types.ObjectId; studentId: Types.ObjectId }[]>();
  const guardians = await models.User.find({ _id: { $in: links.map((l) => l.guardianId) }, status: "active" }, { telegramId: 1 }).lean<{ _id: Types.ObjectId; telegramId: number }[]>();
  const chats = new Map(guardians.map((g) => [g._id.toHexString(), g.telegramId]));
  for (const link of links) {
    const chatId = chats.get(link.guardianId.toHexString());
    if (chatId === undefined) continue;
    recipients.push({ userId: link.guardianId, chatId, role: "parent", studentId: link.studentId, childName: names.get(link.studentId.toHexString()) });
  }
  return recipients;
}
