import { nextCronRuns, normalizeCron, parseCron } from "./cron.js";
import { zonedParts, zonedTimeToUtc } from "./zoned-time.js";

/**
 * Rules for what a teacher types while preparing a broadcast. Pure functions: each returns the
 * clean value or the reason it was refused, so the scene can re-prompt precisely and the service
 * can refuse the same things.
 */

/** What the teacher may type; Telegram's own limit of 4096 leaves room for the formatting tags. */
export const BROADCAST_TEXT_MAX = 4000;
/** Telegram's limit for one message, which the stored HTML must respect too. */
export const BROADCAST_HTML_MAX = 4096;
/** A recurring broadcast never repeats more often than this: pupils and parents are not a chat room. */
export const MIN_RECURRENCE_MS = 60 * 60 * 1000;
/** Scheduling further ahead than a school year is almost surely a typo. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

export type TextCheck = { ok: true } | { ok: false; reason: "empty" | "too-long" | "too-long-formatted"; length: number };

/** The typed text (as the recipient reads it) and its HTML form (as it is sent). */
export function checkBroadcastText(plain: string, html: string): TextCheck {
  if (plain.trim().length === 0) return { ok: false, reason: "empty", length: 0 };
  if (plain.length > BROADCAST_TEXT_MAX) return { ok: false, reason: "too-long", length: plain.length };
  if (html.length > BROADCAST_HTML_MAX) return { ok: false, reason: "too-long-formatted", length: html.length };
  return { ok: true };
}

export type SendTimeCheck = { ok: true; at: Date } | { ok: false; reason: "format" | "no-such-date" | "past" | "too-far" };

const SEND_TIME = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?[\s,]+(\d{1,2})[:.](\d{2})$/;

/**
 * "15.09 18:00" or "15.09.2026 18:00", read as the school's wall clock. Without a year, this year.
 * The moment must lie ahead, and within a year.
 */
export function parseSendTime(input: string, now: Date, timeZone: string): SendTimeCheck {
  const match = SEND_TIME.exec(input.trim());
  if (!match) return { ok: false, reason: "format" };
  const [day, month, year, hour, minute] = [match[1], match[2], match[3], match[4], match[5]].map((v) => (v === undefined ? undefined : Number(v)));
  if (hour! > 23 || minute! > 59) return { ok: false, reason: "format" };
  const at = zonedTimeToUtc({ year: year ?? zonedParts(now, timeZone).year, month: month!, day: day!, hour: hour!, minute: minute! }, timeZone);
  if (!at) return { ok: false, reason: "no-such-date" };
  if (at.getTime() <= now.getTime()) return { ok: false, reason: "past" };
  if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) return { ok: false, reason: "too-far" };
  return { ok: true, at };
}

export type CronCheck = { ok: true; cron: string; first: Date } | { ok: false; reason: "invalid" | "seconds" | "too-often" };

// Enough runs to see the shortest gap of any common expression (a day of "*\/30" has 48).
const RUNS_TO_INSPECT = 50;

/** A recurring schedule: five fields (minute precision) that node-cron accepts, at most hourly. */
export function checkBroadcastCron(input: string, now: Date, timeZone: string): CronCheck {
  const cron = normalizeCron(input);
  if (!cron.startsWith("@") && cron.split(" ").length === 6 && parseCron(cron)) return { ok: false, reason: "seconds" };
  if ((!cron.startsWith("@") && cron.split(" ").length !== 5) || !parseCron(cron)) return { ok: false, reason: "invalid" };
  const runs = nextCronRuns(cron, now, timeZone, RUNS_TO_INSPECT);
  const first = runs[0];
  if (!first) return { ok: false, reason: "invalid" };
  for (let i = 1; i < runs.length; i++) {
    if (runs[i]!.getTime() - runs[i - 1]!.getTime() < MIN_RECURRENCE_MS) return { ok: false, reason: "too-often" };
  }
  return { ok: true, cron, first };
}
