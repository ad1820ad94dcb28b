/**
 * Rules of a professional trial: what a teacher may type into one, who may sign up, and how
 * the catalogue is ordered. Pure functions; services and scenes share them.
 */
import type { RiasecLetter } from "../db/models/common.js";
import { zonedParts, zonedTimeToUtc, clockTime } from "./zoned-time.js";

export const TRIAL_TEXT_LIMITS = {
  title: 120,
  description: 2000,
  organisation: 200,
  address: 300,
  transport: 500,
  onlineLink: 2048,
  personName: 100,
  longText: 1000,
} as const;
export type TrialTextField = keyof typeof TRIAL_TEXT_LIMITS;

/** A trial lasts at most this long (a multi-day internship still fits). */
export const MAX_TRIAL_DURATION_MS = 14 * 24 * 60 * 60 * 1000;
/** Trials are planned at most a year ahead. */
export const MAX_TRIAL_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

export type TextCheck = { ok: true; value: string } | { ok: false; reason: "empty" | "too-long"; max: number };

/** Trimmed, with runs of blank lines collapsed; within the field's limit. */
export function checkTrialText(input: string, field: TrialTextField): TextCheck {
  const max = TRIAL_TEXT_LIMITS[field];
  const value = input.normalize("NFC").replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  if (value.length === 0) return { ok: false, reason: "empty", max };
  if (value.length > max) return { ok: false, reason: "too-long", max };
  return { ok: true, value };
}

/**
 * A phone of a responsible adult: "+7 701 234 56 78", "8 (701) 234-56-78", "+996 555 123 456".
 * Digits, spaces, brackets and hyphens, an optional leading "+", 10 to 15 digits. Kept as typed,
 * with spaces tidied, because that is how people recognise their own number.
 */
export function checkPhone(input: string): string | undefined {
  const value = input.trim().replace(/\s+/g, " ");
  if (!/^\+?[\d\s()-]+$/.test(value)) return undefined;
  const digits = value.replace(/\D/g, "").length;
  return digits >= 10 && digits <= 15 ? value : undefined;
}

/** An http(s) link for an online session. */
export function checkOnlineLink(input: string): string | undefined {
  const value = input.trim();
  if (value.length > TRIAL_TEXT_LIMITS.onlineLink || /\s/.test(value)) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".") ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "8-9", "8–11", "9": a grade range within 5–11. */
export function parseGradeRange(input: string, min = 5, max = 11): { minGrade: number; maxGrade: number } | undefined {
  const match = /^(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?$/.exec(input.trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < min || to > max || from > to) return undefined;
  return { minGrade: from, maxGrade: to };
}

export type MomentCheck = { ok: true; at: Date } | { ok: false; reason: "format" | "no-such-date" | "past" | "too-far" };

const DATE_TIME = /^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}))?[\s,]+(\d{1,2})[:.](\d{2})$/;
const TIME_ONLY = /^(\d{1,2})[:.](\d{2})$/;

/**
 * "15.10 10:00" or "15.10.2027 10:00" on the school's clock. Without a year: the next such date
 * from now, so in December "15.01 10:00" means January of the coming year.
 */
export function parseTrialMoment(input: string, now: Date, timeZone: string): MomentCheck {
  const match = DATE_TIME.exec(input.trim());
  if (!match) return { ok: false, reason: "format" };
  const [day, month, year, hour, minute] = [match[1], match[2], match[3], match[4], match[5]].map((v) => (v === undefined ? undefined : Number(v)));
  if (hour! > 23 || minute! > 59) return { ok: false, reason: "format" };
  const thisYear = zonedParts(now, timeZone).year;
  const read = (y: number) => zonedTimeToUtc({ year: y, month: month!, day: day!, hour: hour!, minute: minute! }, timeZone);
  // Without a year, 29.02 in a common year means the coming leap day.
  let at = read(year ?? thisYear) ?? (year === undefined ? read(thisYear + 1) : undefined);
  if (!at) return { ok: false, reason: "no-such-date" };
  if (year === undefined && at.getTime() <= now.getTime()) {
    const next = read(thisYear + 1);
    // Only a date well behind us rolls over: "today 08:00" at 09:00 is a mistake, not next year.
    if (next && now.getTime() - at.getTime() > 31 * 24 * 60 * 60 * 1000) at = next;
  }
  if (at.getTime() <= now.getTime()) return { ok: false, reason: "past" };
  if (at.getTime() - now.getTime() > MAX_TRIAL_AHEAD_MS) return { ok: false, reason: "too-far" };
  return { ok: true, at };
}

export type EndCheck = { ok: true; at: Date } | { ok: false; reason: "format" | "no-such-date" | "before-start" | "too-long" };

/** The end: "13:00" on the start's day, or a full "16.10 13:00". */
export function parseTrialEnd(input: string, startsAt: Date, timeZone: string): EndCheck {
  const typed = input.trim();
  const time = TIME_ONLY.exec(typed);
  let at: Date | undefined;
  if (time) {
    const [hour, minute] = [Number(time[1]), Number(time[2])];
    if (hour > 23 || minute > 59) return { ok: false, reason: "format" };
    const day = zonedParts(startsAt, timeZone);
    at = zonedTimeToUtc({ year: day.year, month: day.month, day: day.day, hour, minute }, timeZone);
    if (!at) return { ok: false, reason: "no-such-date" };
  } else {
    const full = parseTrialMoment(typed, startsAt, timeZone);
    if (!full.ok) return { ok: false, reason: full.reason === "past" ? "before-start" : full.reason === "too-far" ? "too-long" : full.reason };
    at = full.at;
  }
  if (at.getTime() <= startsAt.getTime()) return { ok: false, reason: "before-start" };
  if (at.getTime() - startsAt.getTime() > MAX_TRIAL_DURATION_MS) return { ok: false, reason: "too-long" };
  return { ok: true, at };
}

export interface TrialTimes {
  startsAt: Date;
  endsAt: Date;
  signupDeadline: Date;
  consentDeadline: Date;
}

export type TimesProblem = "start-past" | "end-before-start" | "too-long" | "signup-after-start" | "signup-past" | "consent-before-signup" | "consent-after-start";

/**
 * Dates of a trial that can work: ahead of now, end after start, sign-up closing before the
 * consent deadline (a parent needs time to answer), and both before the start. An edit may keep
 * the stored sign-up deadline after it has passed (`kept`): sign-up simply stays closed.
 */
export function checkTrialTimes(times: TrialTimes, now: Date, kept?: { signupDeadline: Date }): TimesProblem | undefined {
  const [start, end, signup, consent] = [times.startsAt, times.endsAt, times.signupDeadline, times.consentDeadline].map((d) => d.getTime()) as [number, number, number, number];
  if (start <= now.getTime()) return "start-past";
  if (end <= start) return "end-before-start";
  if (end - start > MAX_TRIAL_DURATION_MS) return "too-long";
  if (signup > start) return "signup-after-start";
  if (signup <= now.getTime() && signup !== kept?.signupDeadline.getTime()) return "signup-past";
  if (consent < signup) return "consent-before-signup";
  if (consent > start) return "consent-after-start";
  return undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Sensible deadlines when the teacher takes the defaults: sign-up closes two days before, consent
 * one day before, at 18:00 on the school's clock. Undefined when that is already behind us.
 */
export function defaultDeadlines(startsAt: Date, now: Date, timeZone: string): { signupDeadline: Date; consentDeadline: Date } | undefined {
  const at = (daysBefore: number) => {
    const day = zonedParts(new Date(startsAt.getTime() - daysBefore * DAY_MS), timeZone);
    return zonedTimeToUtc({ year: day.year, month: day.month, day: day.day, hour: 18, minute: 0 }, timeZone);
  };
  const signupDeadline = at(2);
  const consentDeadline = at(1);
  if (!signupDeadline || !consentDeadline) return undefined;
  return checkTrialTimes({ startsAt, endsAt: new Date(startsAt.getTime() + 1), signupDeadline, consentDeadline }, now) ? undefined : { signupDeadline, consentDeadline };
}

/** What keeps a pupil from signing up for a trial; checked again by the service at the moment of sign-up. */
export type SignupBlock = "not-open" | "started" | "deadline" | "grade" | "school" | "not-a-pupil";

export interface SignupTrial {
  status: string;
  startsAt: Date;
  signupDeadline?: Date | null | undefined;
  minGrade: number;
  maxGrade: number;
  schoolIds: readonly { toString(): string }[];
}

export interface SignupPupil {
  schoolId?: { toString(): string } | undefined;
  grade?: number | undefined;
}

export function signupBlock(trial: SignupTrial, pupil: SignupPupil, now: Date): SignupBlock | undefined {
  if (pupil.schoolId === undefined || pupil.grade === undefined) return "not-a-pupil";
  if (trial.status !== "published") return "not-open";
  if (trial.startsAt.getTime() <= now.getTime()) return "started";
  if ((trial.signupDeadline ?? trial.startsAt).getTime() <= now.getTime()) return "deadline";
  if (!trial.schoolIds.some((id) => id.toString() === pupil.schoolId!.toString())) return "school";
  if (pupil.grade < trial.minGrade || pupil.grade > trial.maxGrade) return "grade";
  return undefined;
}

/** Two sessions overlap when each starts before the other ends. Back-to-back is fine. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * How well a trial's directions fit a pupil's interests: the pupil's top letters weigh 3, 2, 1
 * in order, and a trial scores the best weight among its directions (a broad trial is not
 * better for listing every letter). 0 when nothing matches or there is no result yet.
 */
export function matchScore(directions: readonly RiasecLetter[], top: readonly RiasecLetter[]): number {
  let best = 0;
  for (const letter of directions) {
    const rank = top.indexOf(letter);
    if (rank >= 0) best = Math.max(best, 3 - Math.min(rank, 2));
  }
  return best;
}

/** Best match first, then the soonest; the order of trials that tie on both stays as given. */
export function rankTrials<T extends { directions: readonly RiasecLetter[]; startsAt: Date }>(trials: readonly T[], top: readonly RiasecLetter[]): T[] {
  return trials
    .map((trial, index) => ({ trial, index, score: matchScore(trial.directions, top) }))
    .sort((a, b) => b.score - a.score || a.trial.startsAt.getTime() - b.trial.startsAt.getTime() || a.index - b.index)
    .map(({ trial }) => trial);
}

/** "15.10.2026 10:00" on the school's clock: the same in every language, for notices rendered later. */
export function numericDateTime(at: Date, timeZone: string): string {
  return `${numericDate(at, timeZone)} ${numericTime(at, timeZone)}`;
}

/** "15.10.2026" on the school's clock. */
export function numericDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${String(p.day).padStart(2, "0")}.${String(p.month).padStart(2, "0")}.${p.year}`;
}

/** "10:00" on the school's clock. */
export function numericTime(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return clockTime(p.hour, p.minute);
}
