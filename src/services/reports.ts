/**
 * Reports for teachers and admins (DESIGN §6 "Teacher", issue 10): per trial, per class and per
 * school for the current school year, and the district view for admins, de-identified.
 *
 * Every figure is a MongoDB aggregation that starts from an indexed match:
 * - trials of a school year: `trials {schoolId, startsAt}` or `{status, startsAt}`;
 * - a trial's registrations: `registrations {trialId, status}`; a pupil's: `{studentId, status}`;
 * - pupils of a school or class: `users {schoolId, roles, grade, classLetter}`;
 * - reflections of a trial: `reflections {trialId, phase}`;
 * - newest questionnaire result: `questionnaire_results {studentId, completedAt}`.
 *
 * Definitions (tests check them by hand on a small dataset):
 * - The school year is the one `now` falls in on the school's clock (`schoolYearOf`); for the
 *   district, on the default time zone. A trial belongs to the year its start falls in.
 * - Only trials with status published or completed count (drafts and cancelled ones do not).
 * - KPI pupils: active users with role student, of the school, in grades 7–11.
 * - A pupil's trials / contacts: registrations with status "attended" of trials in the year;
 *   kind "trial" counts toward trials, every kind toward contacts (`yearlyProgress`).
 * - Interest type of a pupil: `top[0]` of their newest completed "riasec@*" result; pupils without one are counted as `noResult`.
 * - "Not reflected": an attended registration of a trial in the year whose trial ended more than
 *   an hour ago, with no "after" reflection.
 * - Rating: the "after" reflection's `rating` (1–5); the average over reflections that have one.
 */
import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { RiasecLetter } from "../db/models/common.js";
import type { Models } from "../db/models/index.js";
import type { TrialFormat, TrialKind, TrialStatus } from "../db/models/trial.js";
import type { SectorBalance, TriStateCounts } from "../domain/reports.js";
import type { Actor } from "./authorization.js";

export interface ReportServiceDeps {
  models: Models;
  clock: Clock;
  /** For the district view (schools may be in different zones; the year is read on this one). */
  defaultTimezone: string;
}

export interface TrialReport {
  trialId: Types.ObjectId;
  title: string;
  kind: TrialKind;
  format: TrialFormat;
  status: TrialStatus;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  organisation: string;
  capacity: number;
  /** Every registration of the trial, whatever became of it. */
  registered: number;
  /** Consent granted: confirmed, attended or no-show. */
  confirmed: number;
  attended: number;
  noShow: number;
  waitlisted: number;
  cancelled: number;
  consentPending: number;
  consentRefused: number;
  consentExpired: number;
  /** "after" reflections stored, of `attended` due. */
  reflections: number;
  /** Mean interest before (the "before" reflection) and after (the "after" one) over pupils who gave both; null without any. */
  interest: { pupils: number; before: number | null; after: number | null };
  liked: TriStateCounts;
  wouldChoose: TriStateCounts;
  useful: TriStateCounts;
  averageRating: number | null;
}

export interface ClassKpi {
  grade: number;
  classLetter: string;
  pupils: number;
  /** Pupils with at least one attended trial of kind "trial" this year. */
  withTrial: number;
  /** Pupils with at least four attended events this year. */
  withContacts: number;
  /** Attended registrations of the year without an "after" reflection (see the definition above). */
  notReflected: number;
  averageRating: number | null;
}

/** A pupil's line in a class or school report: only ever shown to the pupil's own school. */
export interface PupilKpi {
  studentId: Types.ObjectId;
  firstName: string;
  lastName: string;
  grade: number;
  classLetter: string;
  trials: number;
  contacts: number;
  trialMet: boolean;
  contactsMet: boolean;
  /** Attended registrations of the year with / without an "after" reflection. */
  reflected: number;
  notReflected: number;
  /** Titles of the trials still waiting for the pupil's reflection. */
  notReflectedTitles: string[];
  interestType: RiasecLetter | null;
}

export interface InterestDistribution {
  counts: Record<RiasecLetter, number>;
  noResult: number;
}

export interface SchoolReport {
  schoolId: Types.ObjectId;
  schoolName: string;
  timezone: string;
  /** "2026/2027" */
  year: string;
  yearStart: Date;
  yearEnd: Date;
  pupils: number;
  withTrial: number;
  withContacts: number;
  averageRating: number | null;
  classes: ClassKpi[];
  interests: InterestDistribution;
  /** Directions (RIASEC) that pupils' results ask for and no trial of the year open to this school offers. */
  uncovered: RiasecLetter[];
  /** Trials of the year owned by the school or open to it (published or completed), by start. */
  trials: TrialReport[];
}

export interface ClassReport extends ClassKpi {
  schoolId: Types.ObjectId;
  schoolName: string;
  year: string;
  interests: InterestDistribution;
  uncovered: RiasecLetter[];
  /** Every KPI pupil of the class, by last name then first name. */
  members: PupilKpi[];
}

/** A school's line in the district view: counts and shares only. */
export interface SchoolKpi {
  schoolId: Types.ObjectId;
  schoolName: string;
  pupils: number;
  withTrial: number;
  withContacts: number;
  /** Trials of the year the school owns. */
  trials: number;
  averageRating: number | null;
  below: boolean;
  gap: number;
}

export interface DistrictReport {
  year: string;
  pupils: number;
  withTrial: number;
  withContacts: number;
  averageRating: number | null;
  schools: SchoolKpi[];
  sectors: SectorBalance[];
  /** Schools below target, the furthest first. */
  belowTarget: SchoolKpi[];
}

export function createReportService(deps: ReportServiceDeps) {
  void deps;
  return {
    /** Staff of the trial's owner school, or an admin. NotFound for an unknown trial. */
    async trial(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialReport> {
      void actor;
      void trialId;
      throw new Error("not implemented");
    },
    /** Staff of the school, or an admin. */
    async school(actor: Actor | null, schoolId: Types.ObjectId): Promise<SchoolReport> {
      void actor;
      void schoolId;
      throw new Error("not implemented");
    },
    /** Staff of the school, or an admin. */
    async class(actor: Actor | null, schoolId: Types.ObjectId, grade: number, classLetter: string): Promise<ClassReport> {
      void actor;
      void schoolId;
      void grade;
      void classLetter;
      throw new Error("not implemented");
    },
    /** Every KPI pupil of the school, by class then last name: for the per-pupil export. Staff of the school, or an admin. */
    async pupils(actor: Actor | null, schoolId: Types.ObjectId): Promise<PupilKpi[]> {
      void actor;
      void schoolId;
      throw new Error("not implemented");
    },
    /** Admins only. No names of pupils anywhere. */
    async district(actor: Actor | null): Promise<DistrictReport> {
      void actor;
      throw new Error("not implemented");
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
