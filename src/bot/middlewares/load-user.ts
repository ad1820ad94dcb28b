import type { MiddlewareFn } from "grammy";
import type { UserView } from "../../services/users.js";
import { localeFromLanguageCode } from "../i18n.js";
import type { BagdarContext } from "../context.js";

/**
 * Conversations v2 builds a fresh context for every step, so scenes cannot see `ctx.user`
 * set on the outer one. The outer middleware parks the user here for the duration of the
 * update, and the scene plugin picks it up: one database read per update, replay or not.
 */
export class CurrentUsers {
  readonly #byTelegramId = new Map<number, UserView | null>();

  get(telegramId: number | undefined): UserView | null {
    return telegramId === undefined ? null : (this.#byTelegramId.get(telegramId) ?? null);
  }

  async during<T>(telegramId: number, user: UserView | null, work: () => Promise<T>): Promise<T> {
    this.#byTelegramId.set(telegramId, user);
    try {
      return await work();
    } finally {
      this.#byTelegramId.delete(telegramId);
    }
  }
}

export function loadUser(current: CurrentUsers): MiddlewareFn<BagdarContext> {
  return async (ctx, next) => {
    const telegramId = ctx.from?.id;
    if (telegramId === undefined) {
      ctx.user = null;
      return next();
    }
    const users = ctx.deps.services.users;
    ctx.user = await users.findByTelegramId(telegramId);
    // An admin from configuration needs a record (audit entries point at it) from the very first update.
    if (!ctx.user && ctx.deps.config.adminTelegramIds.includes(telegramId)) {
      ctx.user = await users.ensure(telegramId, localeFromLanguageCode(ctx.from?.language_code) ?? ctx.deps.config.defaultLocale);
    }
    await current.during(telegramId, ctx.user, next);
  };
}
