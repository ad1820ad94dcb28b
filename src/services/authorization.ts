import type { Types } from "mongoose";
import type { Models } from "../db/models/index.js";
import type { Role } from "../db/models/user.js";
import { NotAllowed } from "./errors.js";
import { hasRole, type UserView } from "./users.js";

/** The person asking a service to act. Services decide; hiding a button is never the only guard. */
export type Actor = UserView;

export function requireRole(actor: Actor | null, role: Role): Actor {
  if (!actor || actor.status === "deleted" || !hasRole(actor, role)) throw new NotAllowed(`requires role ${role}`);
  return actor;
}

export function isAdmin(actor: Actor | null): boolean {
  return hasRole(actor, "admin");
}

/** A teacher of this school, or an admin. */
export function requireStaffOf(actor: Actor | null, schoolId: Types.ObjectId): Actor {
  if (actor && isAdmin(actor)) return actor;
  const teacher = requireRole(actor, "teacher");
  if (!teacher.teacherSchoolId?.equals(schoolId)) throw new NotAllowed("teacher of another school");
  return teacher;
}

/** A guardian linked to this child. */
export async function requireGuardianOf(models: Models, actor: Actor | null, studentId: Types.ObjectId): Promise<Actor> {
  const guardian = requireRole(actor, "guardian");
  const link = await models.Guardianship.exists({ guardianId: guardian.id, studentId });
  if (!link) throw new NotAllowed("not a guardian of this child");
  return guardian;
}
