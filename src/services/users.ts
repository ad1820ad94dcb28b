import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { Locale, Role } from "../db/models/user.js";

/** What handlers need to know about the person behind an update. */
export interface UserView {
  id: Types.ObjectId;
  telegramId: number;
  locale: Locale;
  roles: Role[];
  status: "active" | "blocked" | "deleted";
}

export function createUserService(deps: { models: Models; clock: Clock }) {
  const { User } = deps.models;

  function toView(doc: { _id: Types.ObjectId; telegramId: number; locale: Locale; roles: Role[]; status: UserView["status"] }): UserView {
    return { id: doc._id, telegramId: doc.telegramId, locale: doc.locale, roles: [...doc.roles], status: doc.status };
  }

  return {
    async findByTelegramId(telegramId: number): Promise<UserView | null> {
      const doc = await User.findOne({ telegramId }, { telegramId: 1, locale: 1, roles: 1, status: 1 }).lean();
      return doc ? toView(doc as Parameters<typeof toView>[0]) : null;
    },

    /**
     * Remembers the chosen language. A person who has not onboarded yet still gets a user
     * record, with no roles, so the choice survives until onboarding. One upsert: a double tap
     * cannot create two users (unique telegramId).
     */
    async setLocale(telegramId: number, locale: Locale): Promise<UserView> {
      const doc = await User.findOneAndUpdate(
        { telegramId },
        { $set: { locale, status: "active" }, $setOnInsert: { telegramId, roles: [] } },
        { upsert: true, returnDocument: "after", projection: { telegramId: 1, locale: 1, roles: 1, status: 1 } },
      ).lean();
      return toView(doc as Parameters<typeof toView>[0]);
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
