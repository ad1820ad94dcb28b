/**
 * Which trial reminders are due and when (DESIGN §6 "Reminders", issue 9). Pure: the planner job
 * asks, for each published trial, which reminders to put into the outbox now.
 *
 * A reminder is planned when its moment comes (not days ahead), so its text carries the trial and
 * roster as they are then, and a registration confirmed later still gets it on the next run. A
 * moment missed by more than the grace (the pupil was confirmed 3 hours before the start, the
 * server was down) is skipped: a "tomorrow" direction sheet arriving an hour before is noise, and
 * the 2-hour reminder covers the day itself.
 *
 * Each dedupe key ends with the trial's start (ms): when the trial moves, the planner withdraws
 * the pending ones whose key names another start, and plans them again at the new moments.
 */

const HOUR = 60 * 60 * 1000;

export const REMINDER_KINDS = ["reminder24h", "reminder2h", "digest1d"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How long before the start each reminder is meant for. */
export const REMINDER_LEAD: Readonly<Record<ReminderKind, number>> = { reminder24h: 24 * HOUR, reminder2h: 2 * HOUR, digest1d: 24 * HOUR };
/** How late a reminder may still be planned after its moment. */
export const REMINDER_GRACE: Readonly<Record<ReminderKind, number>> = { reminder24h: 2 * HOUR, reminder2h: 1 * HOUR, digest1d: 2 * HOUR };

/** The moment this reminder is for, if it is to be planned now; undefined before it or past its grace. */
export function reminderMoment(kind: ReminderKind, startsAt: Date, now: Date): Date | undefined {
  const at = startsAt.getTime() - REMINDER_LEAD[kind];
  const t = now.getTime();
  if (t < at || t >= at + REMINDER_GRACE[kind] || t >= startsAt.getTime()) return undefined;
  return new Date(at);
}

/** The starts for which some reminder may be due now: what the planner reads. */
export function planningWindow(now: Date): { from: Date; to: Date } {
  return { from: now, to: new Date(now.getTime() + Math.max(...REMINDER_KINDS.map((k) => REMINDER_LEAD[k]))) };
}

/** `reminder24h:<registrationId>:<userId>:<startsMs>`, `reminder2h:<registrationId>:<startsMs>`, `digest1d:<trialId>:<teacherId>:<startsMs>`. */
export function reminderKey(kind: ReminderKind, ids: readonly string[], startsAt: Date): string {
  return [kind, ...ids, String(startsAt.getTime())].join(":");
}

/** The start a reminder's key was planned for. */
export function keyStart(key: string): number | undefined {
  const last = key.slice(key.lastIndexOf(":") + 1);
  return /^\d+$/.test(last) ? Number(last) : undefined;
}

/** A map search for the address: 2GIS, which pupils in both countries use; its Kyrgyz site for Bishkek's zone. */
export function mapLink(address: string, timeZone: string): string {
  const site = timeZone === "Asia/Bishkek" ? "2gis.kg" : "2gis.kz";
  return `https://${site}/search/${encodeURIComponent(address)}`;
}

/**
 * Names for a list in the teacher's digest: at most `maxItems`, and within `budget` characters
 * joined by `separator`; `more` counts the ones left off ("and 12 more").
 */
export function clippedList(items: readonly string[], options: { maxItems: number; budget: number; separator?: string }): { text: string; more: number } {
  const separator = options.separator ?? ", ";
  const shown: string[] = [];
  let length = 0;
  for (const item of items) {
    if (shown.length >= options.maxItems) break;
    const added = (shown.length > 0 ? separator.length : 0) + item.length;
    if (length + added > options.budget) break;
    shown.push(item);
    length += added;
  }
  return { text: shown.join(separator), more: items.length - shown.length };
}
