/**
 * The seed's yearly targets for every pupil (seed 001, lines 4262–4272): at least one trial and
 * at least four contacts with the world of work in a school year. A school year runs from
 * 1 September to 31 August on the school's clock. Only attended registrations count: a trial of
 * kind "trial" counts toward both, every other kind (excursion, open day, master class, meeting)
 * toward contacts.
 */
import type { TrialKind } from "../db/models/trial.js";
import { zonedParts, zonedTimeToUtc } from "./zoned-time.js";

export const YEARLY_TARGETS = { trials: 1, contacts: 4 } as const;

export interface SchoolYear {
  /** 1 September, 00:00 on the school's clock. */
  start: Date;
  /** 1 September of the next year, 00:00 (exclusive). */
  end: Date;
  /** "2026/2027" */
  label: string;
}

/** The school year this instant falls in, on the school's clock. */
export function schoolYearOf(instant: Date, timeZone: string): SchoolYear {
  const p = zonedParts(instant, timeZone);
  const first = p.month >= 9 ? p.year : p.year - 1;
  const at = (year: number) => zonedTimeToUtc({ year, month: 9, day: 1, hour: 0, minute: 0 }, timeZone) ?? new Date(Date.UTC(year, 8, 1));
  return { start: at(first), end: at(first + 1), label: `${first}/${first + 1}` };
}

export interface AttendedTrial {
  kind: TrialKind;
  startsAt: Date;
}

export interface YearlyProgress {
  year: SchoolYear;
  trials: number;
  contacts: number;
  trialsTarget: number;
  contactsTarget: number;
  trialsMet: boolean;
  contactsMet: boolean;
}

/** Progress toward the targets in the school year of `now`, from the trials the pupil attended. */
export function yearlyProgress(attended: readonly AttendedTrial[], now: Date, timeZone: string): YearlyProgress {
  const year = schoolYearOf(now, timeZone);
  const inYear = attended.filter((a) => a.startsAt.getTime() >= year.start.getTime() && a.startsAt.getTime() < year.end.getTime());
  const trials = inYear.filter((a) => a.kind === "trial").length;
  const contacts = inYear.length;
  return {
    year,
    trials,
    contacts,
    trialsTarget: YEARLY_TARGETS.trials,
    contactsTarget: YEARLY_TARGETS.contacts,
    trialsMet: trials >= YEARLY_TARGETS.trials,
    contactsMet: contacts >= YEARLY_TARGETS.contacts,
  };
}
