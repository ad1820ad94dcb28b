import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { AuditService } from "./audit.js";
import type { Outbox } from "./outbox.js";
import { requireRole, type Actor } from "./authorization.js";
import { NotFound } from "./errors.js";

/** A teacher as the district coordinator sees them in a school's list. */
export interface TeacherView {
  id: Types.ObjectId;
  telegramId: number;
  firstName: string | undefined;
  lastName: string | undefined;
  /** Absent only for an inconsistent record: a teacher role without a school. */
  schoolId: Types.ObjectId | undefined;
}

type StoredTeacher = {
  _id: Types.ObjectId;
  telegramId: number;
  firstName?: string | null;
  lastName?: string | null;
  teacherSchoolId?: Types.ObjectId | null;
};

const TEACHER_FIELDS = { telegramId: 1, firstName: 1, lastName: 1, teacherSchoolId: 1 } as const;

const toView = (doc: StoredTeacher): TeacherView => ({
  id: doc._id,
  telegramId: doc.telegramId,
  firstName: doc.firstName ?? undefined,
  lastName: doc.lastName ?? undefined,
  schoolId: doc.teacherSchoolId ?? undefined,
});

/** Teacher rights come only from an admin's invite (DESIGN §1), and only an admin takes them away. */
export function createTeacherService(deps: { models: Models; clock: Clock; audit: AuditService; outbox: Outbox }) {
  const { User, School } = deps.models;
  const activeTeacher = { roles: "teacher", status: { $ne: "deleted" } } as const;

  return {
    async listTeachers(actor: Actor | null, schoolId: Types.ObjectId): Promise<TeacherView[]> {
      requireRole(actor, "admin");
      const docs = await User.find({ teacherSchoolId: schoolId, ...activeTeacher }, TEACHER_FIELDS)
        .sort({ firstName: 1, lastName: 1, _id: 1 })
        .lean<StoredTeacher[]>();
      // MongoDB sorts a missing name first; people without a name read better at the end.
      return docs.sort((x, y) => Number(!x.firstName) - Number(!y.firstName)).map(toView);
    },

    async getTeacher(actor: Actor | null, userId: Types.ObjectId): Promise<TeacherView> {
      requireRole(actor, "admin");
      const doc = await User.findOne({ _id: userId, ...activeTeacher }, TEACHER_FIELDS).lean<StoredTeacher>();
      if (!doc) throw new NotFound("teacher");
      return toView(doc);
    },

    /**
     * Takes the teacher role and the school scope away in one atomic update; a second tap
     * finds no teacher and changes nothing. Other roles (a teacher who is also a parent) stay.
     */
    async revokeTeacher(actor: Actor | null, userId: Types.ObjectId): Promise<TeacherView> {
      const admin = requireRole(actor, "admin");
      const before = await User.findOneAndUpdate(
        { _id: userId, roles: "teacher" },
        { $pull: { roles: "teacher" }, $unset: { teacherSchoolId: "" } },
        { returnDocument: "before", projection: TEACHER_FIELDS },
      ).lean<StoredTeacher>();
      if (!before) throw new NotFound("teacher");
      await deps.audit.record({
        actorId: admin.id,
        action: "role.revoked",
        entity: "user",
        entityId: userId,
        details: { role: "teacher", schoolId: before.teacherSchoolId ?? null },
      });
      // The person should not find out by a refused button: tell them, in their language, at send time.
      const school = before.teacherSchoolId ? await School.findById(before.teacherSchoolId, { name: 1 }).lean<{ name: string }>() : null;
      await deps.outbox.enqueue({
        dedupeKey: `role-revoked:teacher:${userId.toHexString()}:${deps.clock.now().getTime()}`,
        userId,
        chatId: before.telegramId,
        kind: "role-revoked",
        payload: { key: "admin-teacher-revoked-notice", params: { school: school?.name ?? "—" } },
      });
      return toView(before);
    },
  };
}

export type TeacherService = ReturnType<typeof createTeacherService>;
