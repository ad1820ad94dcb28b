import { zonedParts, zonedTimeToUtc } from "./zoned-time.js";

/**
 * Quiet hours (DESIGN §3 `QUIET_HOURS`, §7): local hours, in the recipient's school zone, when no
 * non-urgent message goes out. `{startHour: 22, endHour: 7}` is quiet from 22:00 up to (not
 * including) 07:00 and wraps midnight; `{startHour: 13, endHour: 15}` is an ordinary daytime span.
 * Pure: no clock, no I/O.
 */

export interface QuietHours {
  /** 0–23, local hour at which quiet starts (inclusive). */
  startHour: number;
  /** 0–23, local hour at which quiet ends (exclusive); differs from startHour. */
  endHour: number;
}

export type QuietHoursCheck = { quiet: false } | { quiet: true; /** The first instant at which sending is allowed again. */ endsAt: Date };

/**
 * The instant the wall clock in `timeZone` shows `hour`:00 on that local day. Should a DST jump
 * skip that hour (not in Kazakhstan or Kyrgyzstan, which keep one offset all year), the first
 * full hour after the gap.
 */
function localHourToInstant(date: { year: number; month: number; day: number }, hour: number, timeZone: string): Date {
  for (let h = hour; h < hour + 3; h++) {
    const at = zonedTimeToUtc({ ...date, hour: h, minute: 0 }, timeZone);
    if (at) return at;
  }
  // Unreachable for real zones; stay safe rather than throw inside the dispatcher.
  return new Date(Date.UTC(date.year, date.month - 1, date.day, hour));
}

function isQuietHour(hour: number, hours: QuietHours): boolean {
  return hours.startHour < hours.endHour
    ? hour >= hours.startHour && hour < hours.endHour
    : hour >= hours.startHour || hour < hours.endHour;
}

/** Is `instant` inside quiet hours in `timeZone`, and if so, when does quiet end? */
export function checkQuietHours(instant: Date, timeZone: string, hours: QuietHours | null): QuietHoursCheck {
  if (!hours) return { quiet: false };
  const local = zonedParts(instant, timeZone);
  if (!isQuietHour(local.hour, hours)) return { quiet: false };
  // Quiet ends today at endHour when we are before it (the small hours of a wrapping span, or a
  // daytime span), otherwise tomorrow at endHour (the evening part of a wrapping span).
  const endsToday = local.hour < hours.endHour;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsToday ? 0 : 1)));
  const endsAt = localHourToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, hours.endHour, timeZone);
  return { quiet: true, endsAt };
}

/** When a non-urgent message planned for `instant` may go out: `instant` itself, or the end of quiet hours. */
export function earliestSendTime(instant: Date, timeZone: string, hours: QuietHours | null): Date {
  const check = checkQuietHours(instant, timeZone, hours);
  return check.quiet ? check.endsAt : instant;
}
