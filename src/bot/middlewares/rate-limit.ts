import type { MiddlewareFn } from "grammy";
import type { Clock } from "../../clock.js";
import { TokenBucket } from "../../domain/rate-limit.js";
import type { BagdarContext } from "../context.js";
import { localeFromLanguageCode, type BagdarI18n } from "../i18n.js";

export interface UserRateLimitOptions {
  /** Updates a second one person may send, sustained. */
  ratePerSec: number;
  /** How many may come at once after a pause (an album of ten photos must fit). */
  burst: number;
  /** People remembered at most; the least recently active are forgotten first. */
  maxUsers?: number;
}

/** What to do with an update: handle it, say "slow down" once, or drop it without a word. */
export type RateVerdict = "pass" | "warn" | "drop";

export const DEFAULT_MAX_TRACKED_USERS = 10_000;

interface Entry {
  bucket: TokenBucket;
  /** The "slow down" reply went out; no other until the person has calmed down (bucket full again). */
  warned: boolean;
}

/**
 * A token bucket per Telegram user, on the injected clock. The buckets live in a Map used as an LRU
 * (re-inserted on every update, oldest evicted), so memory stays bounded however many people write.
 * A forgotten person starts again with a full bucket, which is what an idle person would have anyway.
 */
export class UserRateLimiter {
  readonly #entries = new Map<number, Entry>();
  readonly #maxUsers: number;

  constructor(
    private readonly options: UserRateLimitOptions,
    private readonly clock: Clock,
  ) {
    this.#maxUsers = options.maxUsers ?? DEFAULT_MAX_TRACKED_USERS;
    if (!(this.#maxUsers >= 1)) throw new RangeError("maxUsers must be at least 1");
    // Fail at start-up, not on the first update.
    new TokenBucket(options, clock);
  }

  check(userId: number): RateVerdict {
    let entry = this.#entries.get(userId);
    if (entry) {
      this.#entries.delete(userId);
    } else {
      entry = { bucket: new TokenBucket(this.options, this.clock), warned: false };
    }
    this.#entries.set(userId, entry);
    while (this.#entries.size > this.#maxUsers) {
      const oldest = this.#entries.keys().next().value as number;
      this.#entries.delete(oldest);
    }
    if (entry.warned && entry.bucket.available() >= entry.bucket.burst) entry.warned = false;
    if (entry.bucket.take() === 0) return "pass";
    if (entry.warned) return "drop";
    entry.warned = true;
    return "warn";
  }

  /** People remembered right now; for tests. */
  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Throttles people who flood the bot, before any database work (sessions, user, conversations).
 * Only what a person sends counts: messages, edits and button taps; membership changes always pass.
 * The first update over the limit gets one polite reply (a toast for a button), the rest are dropped.
 */
export function rateLimit(limiter: UserRateLimiter, i18n: BagdarI18n): MiddlewareFn<BagdarContext> {
  return async (ctx, next) => {
    const userId = ctx.from?.id;
    const counted = ctx.update.message ?? ctx.update.edited_message ?? ctx.update.callback_query;
    if (userId === undefined || !counted) return next();
    const verdict = limiter.check(userId);
    if (verdict === "pass") return next();
    ctx.logger.debug({ verdict }, "update throttled");
    if (verdict === "drop") return;
    // Once per flood: worth one read to answer in the language the person chose.
    const stored = await ctx.deps.services.users.findByTelegramId(userId).catch(() => null);
    const locale = stored?.locale ?? localeFromLanguageCode(ctx.from?.language_code) ?? ctx.deps.config.defaultLocale;
    const text = i18n.t(locale, "errors-too-fast");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
    else if (ctx.chat) await ctx.reply(text);
  };
}
