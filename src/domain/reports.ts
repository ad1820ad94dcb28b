/**
 * The rules behind the reports (issue 10): who counts toward the yearly targets, how figures are
 * averaged and shared, which sectors are under-represented and which schools are below target.
 * Pure: the reports service aggregates in MongoDB and hands the counts here.
 *
 * Sources: seed 001 lines 4262–4272 (targets), 7594–7616 (the trial journal), 7618–7636 and
 * 12537–12565 (what a district wants to see, de-identified).
 */
import { RIASEC_LETTERS, type RiasecLetter } from "../db/models/common.js";
import type { TriStateAnswer } from "../db/models/reflection.js";
import { YEARLY_TARGETS } from "./yearly-targets.js";

/** The grades the yearly targets are set for. */
export const KPI_GRADES = { min: 7, max: 11 } as const;
/** The average rating of trials a school should reach (of 5). */
export const RATING_TARGET = 4;
/** A sector is under-represented when its share of seats is below this part of its share of pupils' interest. */
export const UNDER_REPRESENTED_RATIO = 0.5;

export function inKpiGrades(grade: number | undefined | null): boolean {
  return grade !== undefined && grade !== null && grade >= KPI_GRADES.min && grade <= KPI_GRADES.max;
}

/** A mean rounded to one decimal, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, v) => sum + v, 0) / values.length) * 10) / 10;
}

/** part / whole as a fraction 0–1 rounded to 3 decimals; null when the whole is 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** "67%" (or "—" for null). */
export function percent(fraction: number | null): string {
  return fraction === null ? "—" : `${Math.round(fraction * 100)}%`;
}

export interface TriStateCounts {
  yes: number;
  no: number;
  unsure: number;
}

export function countTriState(answers: readonly (TriStateAnswer | undefined | null)[]): TriStateCounts {
  const counts: TriStateCounts = { yes: 0, no: 0, unsure: 0 };
  for (const a of answers) if (a) counts[a]++;
  return counts;
}

/** The share of "yes" among those who answered. */
export function yesShare(counts: TriStateCounts): number | null {
  return share(counts.yes, counts.yes + counts.no + counts.unsure);
}

/** A pupil's attended events in the school year → whether each target is met. */
export function pupilTargets(trials: number, contacts: number): { trialMet: boolean; contactsMet: boolean } {
  return { trialMet: trials >= YEARLY_TARGETS.trials, contactsMet: contacts >= YEARLY_TARGETS.contacts };
}

/** Interest types the pupils' newest results ask for and no trial of the year offers, in RIASEC order. */
export function uncoveredDirections(demand: Readonly<Partial<Record<RiasecLetter, number>>>, offered: ReadonlySet<RiasecLetter>): RiasecLetter[] {
  return RIASEC_LETTERS.filter((letter) => (demand[letter] ?? 0) > 0 && !offered.has(letter));
}

export interface SectorBalance {
  direction: RiasecLetter;
  /** Pupils whose newest result has this type first. */
  demand: number;
  /** Seats offered by the year's published or held trials in this direction (a trial with two directions counts for both). */
  supply: number;
  demandShare: number | null;
  supplyShare: number | null;
  underRepresented: boolean;
}

/** Demand against supply per direction: under-represented when asked for and offered less than half as often. */
export function sectorBalance(demand: Readonly<Partial<Record<RiasecLetter, number>>>, supply: Readonly<Partial<Record<RiasecLetter, number>>>): SectorBalance[] {
  const totalDemand = RIASEC_LETTERS.reduce((sum, l) => sum + (demand[l] ?? 0), 0);
  const totalSupply = RIASEC_LETTERS.reduce((sum, l) => sum + (supply[l] ?? 0), 0);
  return RIASEC_LETTERS.map((direction) => {
    const d = demand[direction] ?? 0;
    const s = supply[direction] ?? 0;
    const demandShare = share(d, totalDemand);
    const supplyShare = share(s, totalSupply);
    const underRepresented = d > 0 && (s === 0 || (demandShare !== null && (supplyShare ?? 0) < demandShare * UNDER_REPRESENTED_RATIO));
    return { direction, demand: d, supply: s, demandShare, supplyShare, underRepresented };
  });
}

export interface TargetFigures {
  pupils: number;
  withTrial: number;
  withContacts: number;
  averageRating: number | null;
}

/**
 * Below target: some pupil of grades 7–11 still lacks a trial or four contacts this year, or the
 * average rating is under 4. The gap says how far: the smaller of the two shares.
 */
export function belowTarget(f: TargetFigures): { below: boolean; gap: number } {
  const trialShare = share(f.withTrial, f.pupils) ?? 1;
  const contactShare = share(f.withContacts, f.pupils) ?? 1;
  const ratingLow = f.averageRating !== null && f.averageRating < RATING_TARGET;
  return { below: trialShare < 1 || contactShare < 1 || ratingLow, gap: Math.min(trialShare, contactShare) };
}

/** "9Б": a class label for sorting and display. */
export function classLabel(grade: number, letter: string | undefined | null): string {
  return `${grade}${letter ?? ""}`;
}

/** Grade first, then letter in the school's alphabet order. */
export function compareClasses(a: { grade: number; classLetter: string }, b: { grade: number; classLetter: string }): number {
  return a.grade - b.grade || a.classLetter.localeCompare(b.classLetter, "ru");
}

/** `mean` from a sum and a count (as a MongoDB `$group` gives them): one decimal, null for no values. */
export function meanOf(sum: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.round((sum / count) * 10) / 10;
}
