import type { Clock } from "../clock.js";

/**
 * Telegram's outbound budgets (DESIGN §7): about 30 messages per second to different chats, and
 * about one per second in one chat. Both limiters read time only from the injected clock, so tests
 * and the benchmark can move it; they never sleep themselves, they say how long to wait.
 */

export interface TokenBucketOptions {
  /** Sustained rate: BROADCAST_RATE_PER_SEC. */
  ratePerSec: number;
  /** How many tokens may pile up while idle; a small burst keeps us clear of the server-side limit. */
  burst: number;
}

/** A token bucket: `ratePerSec` tokens a second, at most `burst` saved up. Starts full. */
export class TokenBucket {
  readonly ratePerSec: number;
  readonly burst: number;
  #tokens: number;
  #updatedAt: number;

  constructor(
    options: TokenBucketOptions,
    private readonly clock: Clock,
  ) {
    if (!(options.ratePerSec > 0)) throw new RangeError("ratePerSec must be positive");
    if (!(options.burst >= 1)) throw new RangeError("burst must be at least 1");
    this.ratePerSec = options.ratePerSec;
    this.burst = options.burst;
    this.#tokens = options.burst;
    this.#updatedAt = clock.now().getTime();
  }

  #refill(): number {
    const now = this.clock.now().getTime();
    // A clock moved backwards (the playground can do that) refills nothing rather than going negative.
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.burst, this.#tokens + (elapsed * this.ratePerSec) / 1000);
    this.#updatedAt = now;
    return now;
  }

  /** Takes one token and returns 0, or takes nothing and returns the milliseconds until one is there. */
  take(): number {
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.#tokens) * 1000) / this.ratePerSec));
  }

  /** Tokens available now (fractional). */
  available(): number {
    this.#refill();
    return this.#tokens;
  }

  /** Empties the bucket, e.g. after a 429 pause, so we do not come back with a burst. */
  drain(): void {
    this.#refill();
    this.#tokens = 0;
  }
}

export interface PerChatLimiterOptions {
  /** Minimum gap between two messages to one chat; Telegram allows about one a second. */
  intervalMs: number;
}

/** Spaces messages to the same chat at least `intervalMs` apart. */
export class PerChatLimiter {
  readonly intervalMs: number;
  readonly #lastSentAt = new Map<number, number>();
  #prunedAt = 0;

  constructor(
    options: PerChatLimiterOptions,
    private readonly clock: Clock,
  ) {
    if (!(options.intervalMs > 0)) throw new RangeError("intervalMs must be positive");
    this.intervalMs = options.intervalMs;
  }

  /** Milliseconds until `chatId` may get the next message; 0 = now. */
  waitMs(chatId: number): number {
    const last = this.#lastSentAt.get(chatId);
    if (last === undefined) return 0;
    const now = this.clock.now().getTime();
    // Never more than one interval, even if the clock was moved backwards in between.
    return Math.min(this.intervalMs, Math.max(0, last + this.intervalMs - now));
  }

  /** Records a message going to `chatId` now. */
  record(chatId: number): void {
    const now = this.clock.now().getTime();
    this.#lastSentAt.set(chatId, now);
    // Chats idle for longer than the interval need no memory; prune now and then so a
    // 30,000-recipient broadcast does not leave 30,000 entries behind.
    if (now - this.#prunedAt >= 10 * this.intervalMs || now < this.#prunedAt) {
      this.#prunedAt = now;
      for (const [chat, at] of this.#lastSentAt) {
        if (now - at >= this.intervalMs || at > now) this.#lastSentAt.delete(chat);
      }
      this.#lastSentAt.set(chatId, now);
    }
  }

  /** Chats remembered right now; for tests. */
  get size(): number {
    return this.#lastSentAt.size;
  }
}
