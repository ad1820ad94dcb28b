import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { Locale, Role } from "../db/models/user.js";

/** What handlers and services need to know about the person behind an update. */
export interface UserView {
  id: Types.ObjectId;
  telegramId: number;
  locale: Locale;
  /** Stored roles, plus "admin" when the id is in ADMIN_TELEGRAM_IDS (never stored, so removing it revokes it). */
  roles: Role[];
  status: "active" | "blocked" | "deleted";
  firstName?: string | undefined;
  lastName?: string | undefined;
  schoolId?: Types.ObjectId | undefined;
  grade?: number | undefined;
  classLetter?: string | undefined;
  teacherSchoolId?: Types.ObjectId | undefined;
  onboardedAt?: Date | undefined;
}

type StoredUser = Omit<UserView, "id" | "roles"> & { _id: Types.ObjectId; roles: Role[] };

const VIEW_FIELDS = {
  telegramId: 1,
  locale: 1,
  roles: 1,
  status: 1,
  firstName: 1,
  lastName: 1,
  schoolId: 1,
  grade: 1,
  classLetter: 1,
  teacherSchoolId: 1,
  onboardedAt: 1,
} as const;

export function createUserService(deps: { models: Models; clock: Clock; config: Pick<Config, "adminTelegramIds"> }) {
  const { User } = deps.models;
  const admins = new Set(deps.config.adminTelegramIds);

  function toView(doc: StoredUser): UserView {
    const { _id, roles, ...rest } = doc;
    const allRoles = admins.has(doc.telegramId) && !roles.includes("admin") ? [...roles, "admin" as const] : [...roles];
    return { id: _id, ...rest, roles: allRoles };
  }

  return {
    toView,
    viewFields: VIEW_FIELDS,

    async findByTelegramId(telegramId: number): Promise<UserView | null> {
      const doc = await User.findOne({ telegramId }, VIEW_FIELDS).lean<StoredUser>();
      return doc ? toView(doc) : null;
    },

    async findById(id: Types.ObjectId): Promise<UserView | null> {
      const doc = await User.findById(id, VIEW_FIELDS).lean<StoredUser>();
      return doc ? toView(doc) : null;
    },

    /** The person's record, created with this language if they have none yet (e.g. someone arriving by an invite link). */
    async ensure(telegramId: number, locale: Locale): Promise<UserView> {
      const doc = await User.findOneAndUpdate(
        { telegramId },
        { $setOnInsert: { telegramId, locale, roles: [], status: "active" } },
        { upsert: true, returnDocument: "after", projection: VIEW_FIELDS },
      ).lean<StoredUser>();
      return toView(doc!);
    },

    /**
     * Remembers the chosen language. Someone who has not onboarded yet still gets a user
     * record, with no roles, so the choice survives until onboarding. One upsert: a double tap
     * cannot create two users (unique telegramId).
     */
    async setLocale(telegramId: number, locale: Locale): Promise<UserView> {
      const doc = await User.findOneAndUpdate(
        { telegramId },
        { $set: { locale, status: "active" }, $setOnInsert: { telegramId, roles: [] } },
        { upsert: true, returnDocument: "after", projection: VIEW_FIELDS },
      ).lean<StoredUser>();
      return toView(doc!);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;

export function hasRole(user: Pick<UserView, "roles"> | null | undefined, role: Role): boolean {
  return user?.roles.includes(role) ?? false;
}
