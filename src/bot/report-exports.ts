/**
 * Report exports (issue 10 §4–5): the trial journal, the per-class KPI table, the per-pupil
 * summary and the district tables, as `ReportTable`s that go to CSV and to .xlsx unchanged.
 *
 * - Numbers stay numbers; a share is a whole percentage 0–100 in a column whose header ends in
 *   "%" (empty when there is nothing to share of).
 * - Dates and times are the trial's own clock ("15.10.2026", "10:00–13:00").
 * - The district tables carry counts and shares only, never a pupil's name (seed 001, 7630–7636).
 */
import type { RiasecLetter } from "../db/models/common.js";
import { classLabel, share, yesShare, type TriStateCounts } from "../domain/reports.js";
import type { ReportCell, ReportTable } from "../domain/report-table.js";
import { numericDate, numericTime } from "../domain/trial.js";
import type { DistrictReport, PupilKpi, SchoolReport, TrialReport } from "../services/reports.js";

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const HOUR_MS = 60 * 60 * 1000;

/** A fraction 0–1 (or null) as a whole percentage. */
function pct(fraction: number | null): number | null {
  return fraction === null ? null : Math.round(fraction * 100);
}

function triPct(counts: TriStateCounts): number | null {
  return pct(yesShare(counts));
}

function yesNo(value: boolean, t: Translate): string {
  return t(value ? "export-yes" : "export-no");
}

function riasecName(letter: RiasecLetter | null, t: Translate): string | null {
  return letter === null ? null : t(`riasec-scale-${letter.toLowerCase()}`);
}

function headers(keys: readonly string[], t: Translate): string[] {
  return keys.map((key) => t(`export-col-${key}`));
}

/** The trial journal: one line per trial, in the order given (the service sorts by start). */
export function journalTable(trials: readonly TrialReport[], t: Translate): ReportTable {
  const rows = trials.map((trial): ReportCell[] => [
    numericDate(trial.startsAt, trial.timezone),
    `${numericTime(trial.startsAt, trial.timezone)}–${numericTime(trial.endsAt, trial.timezone)}`,
    Math.round(((trial.endsAt.getTime() - trial.startsAt.getTime()) / HOUR_MS) * 10) / 10,
    trial.title,
    t(`trial-kind-${trial.kind}`),
    t(`trial-format-${trial.format}`),
    trial.organisation || null,
    trial.capacity,
    trial.registered,
    trial.confirmed,
    trial.attended,
    trial.noShow,
    trial.consentPending,
    trial.consentRefused,
    trial.consentExpired,
    trial.reflections,
    trial.interest.before,
    trial.interest.after,
    triPct(trial.liked),
    triPct(trial.wouldChoose),
    triPct(trial.useful),
    trial.averageRating,
  ]);
  return {
    name: t("export-sheet-journal"),
    header: headers(
      [
        "date",
        "time",
        "duration",
        "title",
        "kind",
        "format",
        "organisation",
        "capacity",
        "registered",
        "confirmed",
        "attended",
        "no-show",
        "consent-pending",
        "consent-refused",
        "consent-expired",
        "reflections",
        "interest-before",
        "interest-after",
        "liked",
        "would-choose",
        "useful",
        "rating",
      ],
      t,
    ),
    rows,
  };
}

/** Per class, then a last line for the whole school. */
export function classKpiTable(report: SchoolReport, t: Translate): ReportTable {
  const line = (label: string, f: { pupils: number; withTrial: number; withContacts: number; notReflected: number; averageRating: number | null }): ReportCell[] => [
    label,
    f.pupils,
    f.withTrial,
    pct(share(f.withTrial, f.pupils)),
    f.withContacts,
    pct(share(f.withContacts, f.pupils)),
    f.notReflected,
    f.averageRating,
  ];
  const notReflected = report.classes.reduce((sum, c) => sum + c.notReflected, 0);
  return {
    name: t("export-sheet-classes"),
    header: headers(["class", "pupils", "with-trial", "with-trial-share", "with-contacts", "with-contacts-share", "not-reflected", "rating"], t),
    rows: [
      ...report.classes.map((c) => line(classLabel(c.grade, c.classLetter), c)),
      line(t("export-whole-school"), { ...report, notReflected }),
    ],
  };
}

/** Per pupil, for the pupil's own school only. */
export function pupilsTable(pupils: readonly PupilKpi[], t: Translate): ReportTable {
  return {
    name: t("export-sheet-pupils"),
    header: headers(
      ["last-name", "first-name", "class", "trials", "contacts", "trial-met", "contacts-met", "reflected", "not-reflected", "interest-type", "to-reflect"],
      t,
    ),
    rows: pupils.map((p): ReportCell[] => [
      p.lastName || null,
      p.firstName || null,
      classLabel(p.grade, p.classLetter),
      p.trials,
      p.contacts,
      yesNo(p.trialMet, t),
      yesNo(p.contactsMet, t),
      p.reflected,
      p.notReflected,
      riasecName(p.interestType, t),
      p.notReflectedTitles.length > 0 ? p.notReflectedTitles.join("; ") : null,
    ]),
  };
}

/** The district view per school: counts and shares, no names of pupils. */
export function districtSchoolsTable(report: DistrictReport, t: Translate): ReportTable {
  return {
    name: t("export-sheet-schools"),
    header: headers(["school", "pupils", "with-trial", "with-trial-share", "with-contacts", "with-contacts-share", "school-trials", "rating", "below-target"], t),
    rows: report.schools.map((s): ReportCell[] => [
      s.schoolName,
      s.pupils,
      s.withTrial,
      pct(share(s.withTrial, s.pupils)),
      s.withContacts,
      pct(share(s.withContacts, s.pupils)),
      s.trials,
      s.averageRating,
      yesNo(s.below, t),
    ]),
  };
}

/** Demand (pupils' interest types) against seats offered, per direction. */
export function sectorsTable(report: DistrictReport, t: Translate): ReportTable {
  return {
    name: t("export-sheet-sectors"),
    header: headers(["direction", "demand", "demand-share", "supply", "supply-share", "under-represented"], t),
    rows: report.sectors.map((s): ReportCell[] => [
      riasecName(s.direction, t),
      s.demand,
      pct(s.demandShare),
      s.supply,
      pct(s.supplyShare),
      yesNo(s.underRepresented, t),
    ]),
  };
}
