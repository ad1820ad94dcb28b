import { parse, validate } from "node-cron";
import { zonedParts, zonedTimeToUtc } from "./zoned-time.js";

/**
 * Cron expressions as node-cron reads them (it also runs them), plus the two things node-cron 4
 * does not offer for a given instant: the next run after it, and a plain-words reading.
 * Day of month and day of week must both match, as in node-cron (not Vixie cron's "either").
 */

export interface CronFields {
  second: number[];
  minute: number[];
  hour: number[];
  /** Numbers, or node-cron's tokens "L", "15W", "LW", "L-3". */
  dayOfMonth: (number | string)[];
  month: number[];
  /** 0–6 (Sunday = 0), or node-cron's tokens "5#2" (second Friday), "5L" (last Friday). */
  dayOfWeek: (number | string)[];
}

/** One space between fields, as people copy expressions with stray spaces and tabs. */
export function normalizeCron(expression: string): string {
  return expression.trim().replace(/\s+/g, " ");
}

/** The expression's fields, or undefined for anything node-cron would refuse. */
export function parseCron(expression: string): CronFields | undefined {
  const normalized = normalizeCron(expression);
  if (normalized.length === 0 || normalized.length > 100) return undefined;
  try {
    if (!validate(normalized)) return undefined;
    const fields = parse(normalized);
    return { ...fields, second: [...fields.second].sort((a, b) => a - b), minute: [...fields.minute].sort((a, b) => a - b), hour: [...fields.hour].sort((a, b) => a - b) };
  } catch {
    return undefined;
  }
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The weekday nearest to the target day within the month ("15W"). */
function nearestWeekday(year: number, month: number, target: number): number {
  const last = lastDayOfMonth(year, month);
  if (target < 1 || target > last) return -1;
  const weekday = weekdayOf(year, month, target);
  if (weekday === 6) return target === 1 ? target + 2 : target - 1;
  if (weekday === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function matchesDayOfMonth(field: (number | string)[], year: number, month: number, day: number): boolean {
  const last = lastDayOfMonth(year, month);
  return field.some((value) => {
    if (value === day) return true;
    if (typeof value !== "string") return false;
    if (value === "L") return day === last;
    const weekday = /^(\d{1,2}|L)W$/.exec(value);
    if (weekday) return nearestWeekday(year, month, weekday[1] === "L" ? last : Number(weekday[1])) === day;
    const offset = /^L-(\d{1,2})$/.exec(value);
    return offset ? last - Number(offset[1]) === day : false;
  });
}

function matchesDayOfWeek(field: (number | string)[], year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  return field.some((value) => {
    if (value === weekday) return true;
    if (typeof value !== "string") return false;
    const nth = /^([0-7])#([1-5])$/.exec(value);
    if (nth) return Number(nth[1]) % 7 === weekday && Math.floor((day - 1) / 7) + 1 === Number(nth[2]);
    const last = /^([0-7])L$/i.exec(value);
    return last ? Number(last[1]) % 7 === weekday && day + 7 > lastDayOfMonth(year, month) : false;
  });
}

// "0 9 29 2 *" runs only in leap years, and 2100 is not one: eight years covers every valid expression.
const SEARCH_DAYS = 366 * 8 + 1;

/**
 * The first instant strictly after `after` at which the expression fires, read in `timeZone`;
 * null for an invalid expression. A wall time the zone skips (daylight saving) is skipped, like node-cron does.
 */
export function nextCronRun(expression: string | CronFields, after: Date, timeZone: string): Date | null {
  const fields = typeof expression === "string" ? parseCron(expression) : expression;
  if (!fields) return null;
  const start = zonedParts(after, timeZone);
  const startSeconds = start.hour * 3600 + start.minute * 60 + start.second;
  let { year, month, day } = start;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    if (fields.month.includes(month) && matchesDayOfMonth(fields.dayOfMonth, year, month, day) && matchesDayOfWeek(fields.dayOfWeek, year, month, day)) {
      for (const hour of fields.hour) {
        for (const minute of fields.minute) {
          for (const second of fields.second) {
            if (i === 0 && hour * 3600 + minute * 60 + second < startSeconds) continue;
            const at = zonedTimeToUtc({ year, month, day, hour, minute, second }, timeZone);
            if (at && at.getTime() > after.getTime()) return at;
          }
        }
      }
    }
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    [year, month, day] = [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
  }
  return null;
}

/** The next `count` runs after `after`. */
export function nextCronRuns(expression: string, after: Date, timeZone: string, count: number): Date[] {
  const fields = parseCron(expression);
  const runs: Date[] = [];
  let from = after;
  while (fields && runs.length < count) {
    const next = nextCronRun(fields, from, timeZone);
    if (!next) break;
    runs.push(next);
    from = next;
  }
  return runs;
}

/** A reading of an expression that can be said in words; anything else is shown verbatim. */
export type CronShape =
  | { kind: "every-minutes"; count: number }
  | { kind: "every-hours"; count: number }
  | { kind: "daily"; times: string[] }
  | { kind: "weekdays"; times: string[] }
  | { kind: "weekends"; times: string[] }
  | { kind: "weekly"; days: number[]; times: string[] }
  | { kind: "monthly"; day: number; times: string[] }
  | { kind: "monthly-last"; times: string[] };

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const sameList = (a: readonly (number | string)[], b: readonly number[]) => a.length === b.length && a.every((value, i) => value === b[i]);
const isEvery = (values: readonly (number | string)[], from: number, to: number) => sameList([...values].sort(), range(from, to).sort());

/** [0, step, 2·step, …] filling the whole field evenly, as "*\/step" gives when step divides it. */
function evenStep(values: number[], size: number): number | undefined {
  const step = values[1];
  if (values[0] !== 0 || step === undefined || size % step !== 0) return undefined;
  return sameList(values, range(0, size / step - 1).map((i) => i * step)) ? step : undefined;
}

const MAX_TIMES_IN_WORDS = 4;

/** Common expressions in a structured reading a translator can put in words; undefined for the rest. */
export function cronShape(expression: string): CronShape | undefined {
  const f = parseCron(expression);
  if (!f || !sameList(f.second, [0]) || !isEvery(f.month, 1, 12)) return undefined;
  const everyDay = isEvery(f.dayOfMonth, 1, 31);
  const everyWeekday = isEvery(f.dayOfWeek, 0, 6);
  if (everyDay && everyWeekday && isEvery(f.hour, 0, 23)) {
    const step = f.minute.length === 60 ? 1 : evenStep(f.minute, 60);
    if (step) return { kind: "every-minutes", count: step };
  }
  if (everyDay && everyWeekday && sameList(f.minute, [0])) {
    const step = f.hour.length === 24 ? 1 : evenStep(f.hour, 24);
    if (step) return { kind: "every-hours", count: step };
  }
  if (f.hour.length * f.minute.length > MAX_TIMES_IN_WORDS) return undefined;
  const times = f.hour.flatMap((h) => f.minute.map((m) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`));
  if (everyDay) {
    if (everyWeekday) return { kind: "daily", times };
    if (!f.dayOfWeek.every((d) => typeof d === "number")) return undefined;
    const days = [...new Set(f.dayOfWeek as number[])].sort((a, b) => a - b);
    if (sameList(days, [1, 2, 3, 4, 5])) return { kind: "weekdays", times };
    if (sameList(days, [0, 6])) return { kind: "weekends", times };
    // Monday first, as the week starts in Kazakhstan and Kyrgyzstan.
    return { kind: "weekly", days: days.sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)), times };
  }
  if (!everyWeekday || f.dayOfMonth.length !== 1) return undefined;
  const [day] = f.dayOfMonth;
  if (day === "L") return { kind: "monthly-last", times };
  return typeof day === "number" ? { kind: "monthly", day, times } : undefined;
}
