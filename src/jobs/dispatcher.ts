import { GrammyError, HttpError, type Api } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { Types } from "mongoose";
import { systemClock, type Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { NotificationFields } from "../db/models/notification.js";
import type { UserFields } from "../db/models/user.js";
import { checkQuietHours } from "../domain/quiet-hours.js";
import { PerChatLimiter, TokenBucket } from "../domain/rate-limit.js";
import type { Logger } from "../logger.js";
import { outboxPayload, type OutboxPayload } from "../services/outbox.js";
import { errorSummary } from "./error-summary.js";

/**
 * The outbox dispatcher (DESIGN §7): claims due notifications, renders them in the recipient's
 * current language, and sends them within Telegram's budgets.
 *
 * Claiming. A batch is claimed race-safely in three steps: find up to N due ids; one `updateMany`
 * whose filter repeats the "claimable" condition per document (`pending` and due, or `sending`
 * with an expired lock and no `sentAt`) and sets `status: sending, lockOwner, lockedUntil`; then
 * read back the documents that now carry our `lockOwner` and that `lockedUntil`. Each document
 * update is atomic and re-checks the filter, so when two dispatchers race for the same id exactly
 * one of them flips it; the other finds it no longer claimable. Nothing is sent without a claim.
 *
 * What a crash does (no transactions, so this is the whole truth):
 * - Crash after the claim, before the HTTP request: the document stays `sending` with our lock
 *   and no `sentAt`. When `lockedUntil` passes, any dispatcher re-claims it and sends it, once.
 *   Nothing is lost; nothing is doubled.
 * - Crash after Telegram accepted the message, before `sentAt` was written: we cannot tell
 *   "sent" from "not sent" (the Bot API has no idempotency key), so when the lock expires the
 *   message is re-claimed and sent AGAIN. Delivery is at-least-once; the window is one HTTP
 *   answer plus one single-document update (milliseconds). Choosing at-most-once instead would
 *   silently lose messages, which DESIGN §7 forbids.
 * - A network error or timeout on the request itself is the same unknown: it is retried with
 *   backoff, so a message Telegram did receive may arrive twice.
 * - The lock is never sent under: a claimed message is sent only while at least half of its lock
 *   is left, and each request is aborted after `sendTimeoutMs`, which must stay below that half
 *   (in real time), so a slow request cannot overlap a re-claim by another dispatcher.
 * - If a record still finds the document re-claimed (a duplicate did happen), the first record
 *   wins and the broadcast counters are bumped once; the second is logged.
 */

export interface Translator {
  t(locale: string, key: string, variables?: Record<string, string | number>): string;
}

export interface DispatcherDeps {
  models: Models;
  /** A raw grammY Api, deliberately without auto-retry: the dispatcher answers 429/5xx itself. */
  api: Api;
  i18n: Translator;
  clock: Clock;
  config: Pick<Config, "broadcastRatePerSec" | "quietHours" | "defaultTimezone">;
  logger: Logger;
  /** Unique per running instance; written into `lockOwner`. */
  owner: string;
  /**
   * The clock of Telegram's budgets (token bucket, per-chat gaps, 429 pauses): real time by
   * default, even when `clock` is a playground clock that stands still or jumps a day ahead.
   * Tests and the benchmark pass the same clock they move (or scale).
   */
  rateClock?: Clock;
  /** How the dispatcher waits, in `rateClock` time; tests pass one that moves a ManualClock instead. */
  sleep?: (ms: number) => Promise<void>;
  tuning?: Partial<DispatcherTuning>;
}

export interface DispatcherTuning {
  /** How long a claim holds (clock time). */
  lockMs: number;
  /** Notifications claimed at once; by default what the budget sends in a quarter of the lock, at most 100. */
  batchSize: number;
  /** Requests in flight at once; Telegram answers in ~50–150 ms, so one at a time could not reach 30/s. */
  concurrency: number;
  /** Token bucket size; small, so a pause or an idle spell does not end in a burst. */
  burst: number;
  perChatIntervalMs: number;
  /** After this many failed attempts (5xx, network) the notification is dead. */
  maxAttempts: number;
  /** Retry n waits retryBaseMs · 2^(n-1): 30 s, 1 min, 2 min, 4 min. */
  retryBaseMs: number;
  /** The continuous loop's pause when nothing is due. */
  idleMs: number;
  /** Real-time limit of one request; must stay below lockMs / 2. */
  sendTimeoutMs: number;
  /** How long to stop after 401/404 (a wrong token or API root): retrying at once would only spin. */
  unauthorizedPauseMs: number;
}

export interface DispatchCounts {
  claimed: number;
  sent: number;
  /** Moved to the end of quiet hours. */
  deferred: number;
  /** Failed with 5xx or a network error; back to pending with backoff. */
  retried: number;
  /** 400 (chat not found and other bad requests), or retries exhausted, or an unreadable payload. */
  dead: number;
  /** 403 from Telegram, or the user is already known to have blocked the bot. */
  blocked: number;
  /** The recipient deleted their data or no longer exists. */
  cancelled: number;
  /** 429 answers: each paused the dispatcher. */
  rateLimited: number;
  /** Claimed but handed back unsent (stop, pause, or the lock running short). */
  released: number;
}

type NotificationDoc = NotificationFields & { _id: Types.ObjectId };
type Recipient = Pick<UserFields, "locale" | "status" | "schoolId" | "teacherSchoolId" | "timezone"> & { _id: Types.ObjectId };
type Outcome = "sent" | "dead" | "blocked" | "cancelled";

interface Prepared {
  doc: NotificationDoc;
  /** When our claim on it runs out (clock ms). */
  lockedUntil: number;
  chatId: number;
  text: string;
  other: {
    parse_mode?: "HTML" | "MarkdownV2";
    reply_markup?: { inline_keyboard: InlineKeyboardButton[][] };
  };
}

const emptyCounts = (): DispatchCounts => ({
  claimed: 0,
  sent: 0,
  deferred: 0,
  retried: 0,
  dead: 0,
  blocked: 0,
  cancelled: 0,
  rateLimited: 0,
  released: 0,
});

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Telegram descriptions that mean the person is out of reach for good. */
const BLOCKED_DESCRIPTION = /blocked by the user|user is deactivated/i;
/** `lastError` of a notification finished as "blocked" (see `finish` calls): a 403, or a user known to have blocked the bot. */
const BLOCKED_ERROR = /^(403: |recipient has blocked the bot)/;

export function createDispatcher(deps: DispatcherDeps) {
  const { models, api, i18n, clock, config, logger, owner } = deps;
  const { Notification, User, School, Broadcast } = models;
  const sleep = deps.sleep ?? realSleep;
  const rate = config.broadcastRatePerSec;
  const lockMs = deps.tuning?.lockMs ?? 60_000;
  const tuning: DispatcherTuning = {
    lockMs,
    batchSize: Math.max(1, Math.min(100, Math.floor((rate * lockMs) / 4000))),
    concurrency: 4,
    burst: Math.max(1, Math.ceil(rate / 10)),
    perChatIntervalMs: 1000,
    maxAttempts: 5,
    retryBaseMs: 30_000,
    idleMs: 1000,
    sendTimeoutMs: Math.min(15_000, lockMs / 4),
    unauthorizedPauseMs: 60_000,
    ...deps.tuning,
  };
  const rateClock = deps.rateClock ?? systemClock;
  const bucket = new TokenBucket({ ratePerSec: rate, burst: tuning.burst }, rateClock);
  const perChat = new PerChatLimiter({ intervalMs: tuning.perChatIntervalMs }, rateClock);
  const schoolZones = new Map<string, { zone: string; loadedAt: number }>();
  const log = logger.child({ component: "dispatcher", owner });

  /** Every sleep ends early when the dispatcher is asked to stop. */
  let stopRequested = false;
  let wakeUp: () => void = () => undefined;
  let wakeUpSignal = new Promise<void>((resolve) => (wakeUp = resolve));
  /** In rateClock time. */
  let pausedUntil = 0;
  /** Bumped whenever claimed notifications go back to pending, so a drain knows to look again. */
  let handBacks = 0;
  /** One drain at a time per instance: the claim read-back relies on it. */
  let draining: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | undefined;

  /** Business time: notBefore, quiet hours, locks, sentAt. */
  const now = () => clock.now().getTime();
  /** Budget time: token bucket, per-chat gaps, pauses. */
  const rateNow = () => rateClock.now().getTime();
  const halted = (signal?: AbortSignal) => stopRequested || signal?.aborted === true;

  /** One listener per signal, however many times we wait on it. */
  const abortPromises = new WeakMap<AbortSignal, Promise<void>>();
  function abortedPromise(signal: AbortSignal): Promise<void> {
    let promise = abortPromises.get(signal);
    if (!promise) {
      promise = new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      abortPromises.set(signal, promise);
    }
    return promise;
  }

  async function wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || halted(signal)) return;
    await Promise.race([sleep(ms), wakeUpSignal, ...(signal ? [abortedPromise(signal)] : [])]);
  }

  function claimableFilter(at: Date) {
    return {
      $or: [
        { status: "pending" as const, notBefore: { $lte: at } },
        { status: "sending" as const, lockedUntil: { $lt: at }, sentAt: null },
      ],
    };
  }

  /**
   * Claims up to `limit` due notifications for this dispatcher; urgent ones first, then by
   * `notBefore`. Public so tests can claim and then "crash".
   */
  async function claimDueNotifications(limit = tuning.batchSize): Promise<NotificationDoc[]> {
    // Another dispatcher may win every id we found; then look again, as more may be due.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { found, claimed } = await claimOnce(limit);
      if (claimed.length > 0 || found === 0) return claimed;
    }
    return [];
  }

  async function claimOnce(limit: number): Promise<{ found: number; claimed: NotificationDoc[] }> {
    const at = clock.now();
    const claimable = claimableFilter(at);
    const urgent = await Notification.find({ ...claimable, urgent: true }, { _id: 1 }).sort({ notBefore: 1 }).limit(limit).lean();
    const rest =
      urgent.length < limit
        ? await Notification.find({ ...claimable, urgent: { $ne: true } }, { _id: 1 })
            .sort({ notBefore: 1 })
            .limit(limit - urgent.length)
            .lean()
        : [];
    const ids = [...urgent, ...rest].map((doc) => doc._id);
    if (ids.length === 0) return { found: 0, claimed: [] };
    const lockedUntil = new Date(at.getTime() + tuning.lockMs);
    await Notification.updateMany(
      { _id: { $in: ids }, ...claimable },
      { $set: { status: "sending", lockOwner: owner, lockedUntil } },
    );
    const claimed = await Notification.find({ _id: { $in: ids }, status: "sending", lockOwner: owner, lockedUntil }).lean<NotificationDoc[]>();
    const order = new Map(ids.map((id, index) => [String(id), index]));
    return { found: ids.length, claimed: claimed.sort((a, b) => order.get(String(a._id))! - order.get(String(b._id))!) };
  }

  /** Hands claimed-but-unsent notifications back to `pending` (never one that was sent). */
  async function release(ids: Types.ObjectId[], notBefore?: Date): Promise<number> {
    if (ids.length === 0) return 0;
    handBacks++;
    const result = await Notification.updateMany(
      { _id: { $in: ids }, status: "sending", lockOwner: owner, sentAt: null },
      {
        $set: { status: "pending" },
        $unset: { lockOwner: 1, lockedUntil: 1 },
        ...(notBefore ? { $max: { notBefore } } : {}),
      },
    );
    return result.modifiedCount;
  }

  /** Releases everything this owner still holds; for shutdown. */
  async function releaseAll(): Promise<number> {
    const result = await Notification.updateMany(
      { status: "sending", lockOwner: owner, sentAt: null },
      { $set: { status: "pending" }, $unset: { lockOwner: 1, lockedUntil: 1 } },
    );
    return result.modifiedCount;
  }

  /** A final state for a claimed notification, plus the broadcast's counters, exactly once. */
  async function finish(
    doc: NotificationDoc,
    outcome: Exclude<Outcome, "sent">,
    lastError: string,
    touched: Set<string>,
    extra: { attempts?: number } = {},
  ): Promise<void> {
    const status = outcome === "cancelled" ? "cancelled" : "dead";
    const result = await Notification.updateOne(
      { _id: doc._id, status: "sending", lockOwner: owner, sentAt: null },
      { $set: { status, lastError: lastError.slice(0, 1000), ...extra }, $unset: { lockOwner: 1, lockedUntil: 1 } },
    );
    if (result.modifiedCount === 1) await countForBroadcast(doc, outcome, touched);
  }

  async function countForBroadcast(doc: NotificationDoc, outcome: Outcome, touched: Set<string>): Promise<void> {
    if (!doc.broadcastId) return;
    const field = outcome === "sent" ? "stats.sent" : outcome === "blocked" ? "stats.blocked" : "stats.failed";
    await Broadcast.updateOne({ _id: doc.broadcastId }, { $inc: { [field]: 1 } });
    touched.add(String(doc.broadcastId));
  }

  /**
   * A "sending" broadcast with nothing left pending or sending is done. A recurring one stays
   * "scheduled" for its next run and is never touched here; nor is one still being fanned out
   * (also "scheduled" until fanOutBroadcast has enqueued everyone and says "sending" — which then
   * closes it itself if we were faster).
   */
  async function settleBroadcasts(touched: Set<string>): Promise<void> {
    for (const id of touched) {
      const open = await Notification.exists({ broadcastId: id, status: { $in: ["pending", "sending"] } });
      if (open) continue;
      // The counters are bumped after each record, so a crash in between leaves them short: close with
      // figures counted from the notifications themselves (a one-off broadcast has exactly these).
      const [sent, blocked, over] = await Promise.all([
        Notification.countDocuments({ broadcastId: id, status: "sent" }),
        Notification.countDocuments({ broadcastId: id, status: "dead", lastError: BLOCKED_ERROR }),
        Notification.countDocuments({ broadcastId: id, status: { $in: ["dead", "cancelled"] } }),
      ]);
      await Broadcast.updateOne(
        { _id: id, status: "sending", "schedule.kind": { $ne: "cron" } },
        { $set: { status: "done", "stats.sent": sent, "stats.blocked": blocked, "stats.failed": over - blocked } },
      );
    }
  }

  async function zoneOf(user: Recipient): Promise<string> {
    const schoolId = user.schoolId ?? user.teacherSchoolId;
    if (schoolId) {
      const key = String(schoolId);
      const cached = schoolZones.get(key);
      if (cached && now() - cached.loadedAt < 10 * 60_000 && now() >= cached.loadedAt) return cached.zone;
      const school = await School.findById(schoolId, { timezone: 1 }).lean();
      if (school?.timezone) {
        schoolZones.set(key, { zone: school.timezone, loadedAt: now() });
        return school.timezone;
      }
    }
    return user.timezone ?? config.defaultTimezone;
  }

  function render(payload: OutboxPayload, locale: string): Pick<Prepared, "text" | "other"> {
    const text = "key" in payload ? i18n.t(locale, payload.key, payload.params) : payload.text;
    const other: Prepared["other"] = {};
    if (payload.parseMode) other.parse_mode = payload.parseMode;
    if (payload.buttons?.length) {
      other.reply_markup = {
        inline_keyboard: payload.buttons.map((row) =>
          row.map((button): InlineKeyboardButton => {
            if ("key" in button) return { text: i18n.t(locale, button.key, button.params), callback_data: button.callbackData };
            if ("url" in button) return { text: button.text, url: button.url };
            return { text: button.text, callback_data: button.callbackData };
          }),
        ),
      };
    }
    return { text, other };
  }

  /** Sends one prepared message and records what Telegram answered. */
  async function send(item: Prepared, counts: DispatchCounts, touched: Set<string>): Promise<void> {
    const { doc } = item;
    try {
      const message = await api.sendMessage(item.chatId, item.text, item.other, requestTimeout(tuning.sendTimeoutMs));
      const recorded = await Notification.updateOne(
        { _id: doc._id, sentAt: null },
        { $set: { status: "sent", sentAt: clock.now(), telegramMessageId: message.message_id }, $unset: { lockOwner: 1, lockedUntil: 1 } },
      );
      counts.sent++;
      if (recorded.modifiedCount === 1) await countForBroadcast(doc, "sent", touched);
      else log.warn({ notificationId: String(doc._id), kind: doc.kind }, "Notification was already recorded as sent: delivered twice");
    } catch (error) {
      await handleFailure(item, error, counts, touched);
    }
  }

  async function handleFailure(item: Prepared, error: unknown, counts: DispatchCounts, touched: Set<string>): Promise<void> {
    const { doc } = item;
    const context = { notificationId: String(doc._id), kind: doc.kind };
    if (error instanceof GrammyError) {
      const description = error.description;
      const code = error.error_code;
      if (code === 429) {
        // Telegram's flood control: everyone waits; this message did nothing wrong, so no attempt is counted.
        const retryAfterMs = Math.max(1, error.parameters.retry_after ?? 1) * 1000;
        pausedUntil = Math.max(pausedUntil, rateNow() + retryAfterMs);
        bucket.drain();
        counts.rateLimited++;
        counts.released += await release([doc._id], new Date(now() + retryAfterMs));
        log.warn({ ...context, retryAfterMs }, "Telegram rate limit (429): pausing the dispatcher");
        return;
      }
      if (code === 403) {
        if (BLOCKED_DESCRIPTION.test(description)) {
          await User.updateOne({ _id: doc.userId, status: "active" }, { $set: { status: "blocked" } });
        }
        counts.blocked++;
        await finish(doc, "blocked", `403: ${description}`, touched);
        log.info({ ...context, code }, "Recipient is out of reach (403): notification dead, not retried");
        return;
      }
      if (code === 400) {
        // "chat not found" and every other bad request: sending the same thing again cannot help.
        counts.dead++;
        await finish(doc, "dead", `400: ${description}`, touched);
        log.warn({ ...context, code, description }, "Telegram refused the notification (400): dead");
        return;
      }
      if (code === 401 || code === 404) {
        pausedUntil = Math.max(pausedUntil, rateNow() + tuning.unauthorizedPauseMs);
        counts.released += await release([doc._id]);
        log.error({ ...context, code }, "Telegram does not accept our token or API root: pausing the dispatcher");
        return;
      }
      await retryLater(doc, `${code}: ${description}`, counts, touched);
      return;
    }
    const reason = error instanceof HttpError ? `network: ${describe(error.error)}` : `error: ${describe(error)}`;
    await retryLater(doc, reason, counts, touched);
  }

  /** 5xx or a network error: back to pending with exponential backoff, dead after maxAttempts. */
  async function retryLater(doc: NotificationDoc, reason: string, counts: DispatchCounts, touched: Set<string>): Promise<void> {
    const attempts = (doc.attempts ?? 0) + 1;
    const context = { notificationId: String(doc._id), kind: doc.kind, attempts };
    if (attempts >= tuning.maxAttempts) {
      counts.dead++;
      await finish(doc, "dead", reason, touched, { attempts });
      log.warn({ ...context, reason }, "Notification failed too often: dead");
      return;
    }
    const notBefore = new Date(now() + tuning.retryBaseMs * 2 ** (attempts - 1));
    await Notification.updateOne(
      { _id: doc._id, status: "sending", lockOwner: owner, sentAt: null },
      { $set: { status: "pending", attempts, lastError: reason.slice(0, 1000), notBefore }, $unset: { lockOwner: 1, lockedUntil: 1 } },
    );
    counts.retried++;
    log.warn({ ...context, reason, retryAt: notBefore.toISOString() }, "Sending failed; will retry");
  }

  /** Sorts a claimed batch into finished-without-sending, deferred (quiet hours) and ready to send. */
  async function prepare(batch: NotificationDoc[], counts: DispatchCounts, touched: Set<string>): Promise<Prepared[]> {
    const userIds = [...new Set(batch.map((doc) => String(doc.userId)))];
    const users = await User.find({ _id: { $in: userIds } }, { locale: 1, status: 1, schoolId: 1, teacherSchoolId: 1, timezone: 1 }).lean<Recipient[]>();
    const byId = new Map(users.map((user) => [String(user._id), user]));
    const deferrals = new Map<number, Types.ObjectId[]>();
    const ready: Prepared[] = [];
    const at = clock.now();
    for (const doc of batch) {
      const user = byId.get(String(doc.userId));
      if (!user || user.status === "deleted") {
        counts.cancelled++;
        await finish(doc, "cancelled", "recipient deleted", touched);
        continue;
      }
      if (user.status === "blocked") {
        counts.blocked++;
        await finish(doc, "blocked", "recipient has blocked the bot", touched);
        continue;
      }
      if (!doc.urgent) {
        const quiet = checkQuietHours(at, await zoneOf(user), config.quietHours);
        if (quiet.quiet) {
          const key = quiet.endsAt.getTime();
          deferrals.set(key, [...(deferrals.get(key) ?? []), doc._id]);
          continue;
        }
      }
      const payload = outboxPayload.safeParse(doc.payload);
      if (!payload.success) {
        counts.dead++;
        await finish(doc, "dead", "unreadable payload", touched);
        continue;
      }
      // Rendered now, in the language the person uses today, not the one they had at enqueue time.
      ready.push({ doc, lockedUntil: doc.lockedUntil!.getTime(), chatId: doc.chatId, ...render(payload.data, user.locale) });
    }
    for (const [endsAt, ids] of deferrals) {
      // Back to pending, due when quiet hours end in the recipient's school zone.
      const result = await Notification.updateMany(
        { _id: { $in: ids }, status: "sending", lockOwner: owner, sentAt: null },
        { $set: { status: "pending", notBefore: new Date(endsAt) }, $unset: { lockOwner: 1, lockedUntil: 1 } },
      );
      counts.deferred += result.modifiedCount;
    }
    return ready;
  }

  /**
   * Claims and sends until nothing is due, or until told to stop. Pipelined: when less than about
   * a second of work is left in the queue, the next batch is claimed and prepared while the
   * current one is still going out, so no budget is wasted at batch boundaries. At most
   * `concurrency` requests are in flight; each takes a token from the global bucket, and a chat
   * gets its next message only a full interval after Telegram ANSWERED the previous one (so
   * network or GC delays can never squeeze two messages closer together at Telegram's end).
   */
  async function drain(signal?: AbortSignal): Promise<DispatchCounts> {
    const counts = emptyCounts();
    const queue: Prepared[] = [];
    const inFlight = new Set<Promise<void>>();
    const busyChats = new Set<number>();
    const touched = new Set<string>();
    const lowWater = Math.max(2 * tuning.concurrency, Math.ceil(rate));
    let refill: Promise<void> | undefined;
    let exhausted = false;
    let failure: { error: unknown } | undefined;

    const settleTouched = async () => {
      const ids = new Set(touched);
      touched.clear();
      await settleBroadcasts(ids);
    };
    const startRefill = () => {
      refill = (async () => {
        await settleTouched();
        const handBacksBefore = handBacks;
        const batch = await claimDueNotifications();
        counts.claimed += batch.length;
        if (batch.length === 0) {
          // Unless something was handed back meanwhile (a 429), nothing more is due in this drain.
          if (handBacks === handBacksBefore) exhausted = true;
          return;
        }
        const ready = await prepare(batch, counts, touched);
        // A newer claim of the same notification supersedes a stale queue entry.
        const fresh = new Set(ready.map((item) => String(item.doc._id)));
        for (let i = queue.length - 1; i >= 0; i--) if (fresh.has(String(queue[i]!.doc._id))) queue.splice(i, 1);
        queue.push(...ready);
      })()
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => (refill = undefined));
    };
    const check = () => {
      if (failure) throw failure.error;
    };

    try {
      while (!halted(signal)) {
        check();
        const pause = pausedUntil - rateNow();
        if (pause > 0) {
          await wait(pause, signal);
          // What the 429 handed back is due again.
          exhausted = false;
          continue;
        }
        // Never start a request under a lock that could run out before the answer is recorded.
        const shortLocked = queue.filter((item) => item.lockedUntil - now() < tuning.lockMs / 2);
        if (shortLocked.length > 0) {
          for (const item of shortLocked) queue.splice(queue.indexOf(item), 1);
          counts.released += await release(shortLocked.map((item) => item.doc._id));
          exhausted = false;
          continue;
        }
        if (!refill && !exhausted && queue.length < lowWater) startRefill();
        if (queue.length === 0) {
          if (refill) await refill;
          else if (inFlight.size > 0) await Promise.race(inFlight);
          else break;
          continue;
        }
        if (inFlight.size >= tuning.concurrency) {
          await Promise.race(inFlight);
          continue;
        }
        let index = -1;
        let soonest = Infinity;
        for (let i = 0; i < queue.length; i++) {
          const chatId = queue[i]!.chatId;
          if (busyChats.has(chatId)) continue;
          const chatWait = perChat.waitMs(chatId);
          if (chatWait === 0) {
            index = i;
            break;
          }
          soonest = Math.min(soonest, chatWait);
        }
        if (index < 0) {
          // Every queued message is for a chat that just got one, or has one in flight.
          const chatWait = Number.isFinite(soonest) ? soonest : tuning.perChatIntervalMs;
          await Promise.race([...inFlight, wait(chatWait, signal), ...(refill ? [refill] : [])]);
          continue;
        }
        const tokenWait = bucket.take();
        if (tokenWait > 0) {
          await wait(tokenWait, signal);
          continue;
        }
        const item = queue.splice(index, 1)[0]!;
        perChat.record(item.chatId);
        busyChats.add(item.chatId);
        const request = send(item, counts, touched)
          .catch((error: unknown) => void (failure ??= { error }))
          .finally(() => {
            inFlight.delete(request);
            busyChats.delete(item.chatId);
            perChat.record(item.chatId);
          });
        inFlight.add(request);
      }
      check();
    } finally {
      await Promise.all(inFlight);
      if (refill) await refill;
      if (queue.length > 0) {
        counts.released += await release(
          queue.map((item) => item.doc._id),
          pausedUntil > rateNow() ? new Date(now() + pausedUntil - rateNow()) : undefined,
        );
      }
      await settleTouched();
    }
    return counts;
  }

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = draining.then(task, task);
    draining = run.catch(() => undefined);
    return run;
  }

  return {
    owner,
    tuning: tuning as Readonly<DispatcherTuning>,
    claimDueNotifications,

    /**
     * Processes everything due now within the budget and returns what happened. The scheduler's
     * tick calls this; `signal` (the lease was lost, or shutdown) stops it after the requests in
     * flight, handing the rest of its claim back.
     */
    async runOnce(options: { signal?: AbortSignal } = {}): Promise<DispatchCounts> {
      return exclusive(async () => {
        const counts = await drain(options.signal);
        if (options.signal?.aborted) counts.released += await releaseAll();
        return counts;
      });
    },

    /** A continuous loop: drain, idle `idleMs` when nothing is due, repeat until stop(). */
    start(): void {
      if (loop) return;
      loop = (async () => {
        while (!stopRequested) {
          try {
            const counts = await exclusive(() => drain());
            if (counts.claimed === 0) await wait(tuning.idleMs);
          } catch (error) {
            log.error(errorSummary(error), "Dispatcher loop failed; retrying shortly");
            await wait(tuning.idleMs);
          }
        }
      })();
    },

    /** Stops the loop after the requests in flight are answered and recorded, then releases what we still hold. */
    async stop(): Promise<void> {
      stopRequested = true;
      wakeUp();
      await loop;
      await draining;
      loop = undefined;
      const released = await releaseAll();
      if (released > 0) log.info({ released }, "Released claimed notifications on stop");
      // Stopped and clean: a later runOnce() or start() works again.
      stopRequested = false;
      wakeUpSignal = new Promise<void>((resolve) => (wakeUp = resolve));
    },

    /** When the current 429 (or 401) pause ends, in rateClock time; null when not paused. */
    pausedUntil(): Date | null {
      return pausedUntil > rateNow() ? new Date(pausedUntil) : null;
    },
  };
}

/** grammY types its signal with the abort-controller shim's class; the platform's is what it uses at run time. */
function requestTimeout(ms: number): Parameters<Api["sendMessage"]>[3] {
  return AbortSignal.timeout(ms) as unknown as Parameters<Api["sendMessage"]>[3];
}

/** A short error text for `lastError` and logs; anything shaped like a bot token is blanked out. */
function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\d{5,}:[\w-]{20,}/g, "[token]").slice(0, 300);
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
