/**
 * Wall-clock time in an IANA zone, without a date library: schools read times in their own zone
 * (Asia/Almaty, Asia/Bishkek), whatever the server's zone is.
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

export interface ZonedParts extends Required<WallTime> {
  /** 0 = Sunday … 6 = Saturday, as in cron. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the school's wall shows at this instant. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
  return { ...wall, weekday: new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() };
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(ms: number, timeZone: string): number {
  const p = zonedParts(new Date(ms), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a wall-clock time happens in the zone. Undefined for a time the clock skips
 * (a daylight-saving gap) or a date that does not exist (31.09); when the clock shows the time
 * twice, the first one.
 */
export function zonedTimeToUtc(wall: WallTime, timeZone: string): Date | undefined {
  const second = wall.second ?? 0;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, second);
  if (Number.isNaN(asUtc)) return undefined;
  // At most one offset change happens within a day of any instant, so the two offsets around it cover both readings.
  const candidates = [...new Set([asUtc - offsetAt(asUtc - DAY_MS, timeZone), asUtc - offsetAt(asUtc + DAY_MS, timeZone)])].sort((a, b) => a - b);
  for (const ms of candidates) {
    const p = zonedParts(new Date(ms), timeZone);
    if (p.year === wall.year && p.month === wall.month && p.day === wall.day && p.hour === wall.hour && p.minute === wall.minute && p.second === second) {
      return new Date(ms);
    }
  }
  return undefined;
}

/** "09:05" */
export function clockTime(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
