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
import { RIASEC_LETTERS, type RiasecLetter } from "../db/models/common.js";
import type { Models } from "../db/models/index.js";
import type { RegistrationStatus } from "../db/models/registration.js";
import type { TrialFormat, TrialKind, TrialStatus } from "../db/models/trial.js";
import {
  belowTarget,
  compareClasses,
  inKpiGrades,
  KPI_GRADES,
  meanOf,
  pupilTargets,
  sectorBalance,
  uncoveredDirections,
  type SectorBalance,
  type TriStateCounts,
} from "../domain/reports.js";
import { schoolYearOf, type SchoolYear } from "../domain/yearly-targets.js";
import { isAdmin, requireStaffOf, type Actor } from "./authorization.js";
import { NotAllowed, NotFound } from "./errors.js";
import { hasRole } from "./users.js";

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


/** Trials that count: drafts and cancelled ones do not. */
const COUNTED_STATUSES: readonly TrialStatus[] = ["published", "completed"];
/** A reflection is due once the trial ended more than this long ago. */
const REFLECTION_DUE_AFTER_MS = 60 * 60 * 1000;
const RIASEC_INSTRUMENT = /^riasec@/;
const TRIAL_REPORT_FIELDS = { kind: 1, format: 1, title: 1, status: 1, startsAt: 1, endsAt: 1, timezone: 1, host: 1, capacity: 1, directions: 1, schoolId: 1, schoolIds: 1 } as const;

interface YearTrial {
  _id: Types.ObjectId;
  kind: TrialKind;
  format: TrialFormat;
  status: TrialStatus;
  timezone: string;
  host?: { organisation?: string } | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
  directions: RiasecLetter[];
  capacity: number;
  schoolId: Types.ObjectId;
  schoolIds: Types.ObjectId[];
}

interface KpiPupil {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  grade: number;
  classLetter?: string;
  firstName?: string;
  lastName?: string;
}

/** A pupil's attended registrations of the year, as the registrations aggregation groups them. */
interface PupilAttendance {
  contacts: number;
  trials: number;
  reflected: number;
  notReflected: number;
  pendingTrialIds: Types.ObjectId[];
  ratingSum: number;
  ratingCount: number;
}

const NO_ATTENDANCE: PupilAttendance = { contacts: 0, trials: 0, reflected: 0, notReflected: 0, pendingTrialIds: [], ratingSum: 0, ratingCount: 0 };

interface Totals {
  pupils: number;
  withTrial: number;
  withContacts: number;
  notReflected: number;
  ratingSum: number;
  ratingCount: number;
}

function emptyTotals(): Totals {
  return { pupils: 0, withTrial: 0, withContacts: 0, notReflected: 0, ratingSum: 0, ratingCount: 0 };
}

function addTo(totals: Totals, a: PupilAttendance): void {
  const met = pupilTargets(a.trials, a.contacts);
  totals.pupils++;
  if (met.trialMet) totals.withTrial++;
  if (met.contactsMet) totals.withContacts++;
  totals.notReflected += a.notReflected;
  totals.ratingSum += a.ratingSum;
  totals.ratingCount += a.ratingCount;
}

function emptyDistribution(): InterestDistribution {
  return { counts: { R: 0, I: 0, A: 0, S: 0, E: 0, C: 0 }, noResult: 0 };
}

function isRiasec(value: unknown): value is RiasecLetter {
  return typeof value === "string" && (RIASEC_LETTERS as readonly string[]).includes(value);
}

function addInterest(d: InterestDistribution, letter: RiasecLetter | null): void {
  if (letter) d.counts[letter]++;
  else d.noResult++;
}

function openTo(trial: YearTrial, schoolId: Types.ObjectId): boolean {
  return trial.schoolId.equals(schoolId) || trial.schoolIds.some((id) => id.equals(schoolId));
}

function offeredTo(trials: readonly YearTrial[], schoolId: Types.ObjectId): Set<RiasecLetter> {
  return new Set(trials.filter((t) => openTo(t, schoolId)).flatMap((t) => t.directions));
}

/** Active pupils in grades 7–11: the filter of the `users {schoolId, roles, grade, classLetter}` index. */
function kpiPupilFilter(schoolId: Types.ObjectId | { $in: Types.ObjectId[] }, classOf?: { grade: number; classLetter: string }) {
  return {
    schoolId,
    roles: "student" as const,
    grade: classOf ? classOf.grade : { $gte: KPI_GRADES.min, $lte: KPI_GRADES.max },
    ...(classOf ? { classLetter: classOf.classLetter } : {}),
    status: "active" as const,
  };
}

const byName = (a: { firstName?: string; lastName?: string }, b: { firstName?: string; lastName?: string }) =>
  (a.lastName ?? "").localeCompare(b.lastName ?? "", "ru") || (a.firstName ?? "").localeCompare(b.firstName ?? "", "ru");

export function createReportService(deps: ReportServiceDeps) {
  const { models, clock } = deps;

  /** Published or completed trials starting in the school year (index `trials {status, startsAt}`), by start. */
  async function yearTrials(year: SchoolYear): Promise<YearTrial[]> {
    return models.Trial.find(
      { status: { $in: COUNTED_STATUSES }, startsAt: { $gte: year.start, $lt: year.end } },
      TRIAL_REPORT_FIELDS,
    )
      .sort({ startsAt: 1, _id: 1 })
      .lean<YearTrial[]>();
  }

  /**
   * Attended registrations of the year's trials per pupil: contacts, trials, reflected / not
   * reflected (due and without an "after" reflection) and the ratings. Two `$match` → `$group`
   * aggregations — registrations and "after" reflections, each grouped per pupil — joined here.
   * `studentIds` narrows the matches to some pupils (indexes `{studentId, status}`,
   * `{studentId, createdAt}`); without it they run on the trials (`{trialId, status}`, `{trialId, phase}`).
   */
  async function attendance(trials: readonly YearTrial[], now: Date, studentIds?: readonly Types.ObjectId[]): Promise<Map<string, PupilAttendance>> {
    const result = new Map<string, PupilAttendance>();
    if (trials.length === 0 || studentIds?.length === 0) return result;
    const trialIds = trials.map((t) => t._id);
    const byId = new Map(trials.map((t) => [String(t._id), t]));
    const dueBefore = now.getTime() - REFLECTION_DUE_AFTER_MS;
    const pupils = studentIds ? { studentId: { $in: [...studentIds] } } : {};
    const [registrationRows, reflectionRows] = await Promise.all([
      models.Registration.aggregate<{ _id: Types.ObjectId; trialIds: Types.ObjectId[] }>([
        { $match: { ...pupils, trialId: { $in: trialIds }, status: "attended" } },
        { $group: { _id: "$studentId", trialIds: { $push: "$trialId" } } },
      ]),
      models.Reflection.aggregate<{ _id: Types.ObjectId; after: { t: Types.ObjectId; r?: number | null }[] }>([
        { $match: { ...pupils, trialId: { $in: trialIds }, phase: "after" } },
        { $group: { _id: "$studentId", after: { $push: { t: "$trialId", r: "$rating" } } } },
      ]),
    ]);
    const afterOf = new Map(reflectionRows.map((row) => [String(row._id), new Map(row.after.map((a) => [String(a.t), a.r ?? null]))]));
    for (const row of registrationRows) {
      const after = afterOf.get(String(row._id));
      const a: PupilAttendance = { contacts: 0, trials: 0, reflected: 0, notReflected: 0, pendingTrialIds: [], ratingSum: 0, ratingCount: 0 };
      for (const id of new Set(row.trialIds.map(String))) {
        const trial = byId.get(id);
        if (!trial) continue;
        a.contacts++;
        if (trial.kind === "trial") a.trials++;
        if (after?.has(id)) {
          a.reflected++;
          const rating = after.get(id);
          if (typeof rating === "number" && rating > 0) {
            a.ratingSum += rating;
            a.ratingCount++;
          }
        } else if (trial.endsAt.getTime() < dueBefore) {
          a.notReflected++;
          a.pendingTrialIds.push(trial._id);
        }
      }
      result.set(String(row._id), a);
    }
    return result;
  }

  /** top[0] of each pupil's newest completed "riasec@*" result (index `{studentId, completedAt}`). */
  async function interestTypes(studentIds: readonly Types.ObjectId[]): Promise<Map<string, RiasecLetter>> {
    const result = new Map<string, RiasecLetter>();
    if (studentIds.length === 0) return result;
    const rows = await models.QuestionnaireResult.aggregate<{ _id: Types.ObjectId; top: string[] | null }>([
      { $match: { studentId: { $in: [...studentIds] }, completedAt: { $exists: true, $ne: null }, instrument: RIASEC_INSTRUMENT } },
      { $sort: { studentId: 1, completedAt: -1 } },
      { $group: { _id: "$studentId", top: { $first: "$top" } } },
    ]);
    for (const row of rows) {
      const first = row.top?.[0];
      if (isRiasec(first)) result.set(String(row._id), first);
    }
    return result;
  }

  /** Figures of many trials at once: registrations by status, "after" reflections, interest before → after. */
  async function trialReports(trials: readonly YearTrial[]): Promise<TrialReport[]> {
    if (trials.length === 0) return [];
    const ids = trials.map((t) => t._id);
    const [statusRows, afterRows, interestRows] = await Promise.all([
      models.Registration.aggregate<{ _id: { t: Types.ObjectId; s: RegistrationStatus }; n: number }>([
        { $match: { trialId: { $in: ids } } },
        { $group: { _id: { t: "$trialId", s: "$status" }, n: { $sum: 1 } } },
      ]),
      models.Reflection.aggregate<{ _id: Types.ObjectId; n: number; ratingSum: number; ratingCount: number } & Record<string, number>>([
        { $match: { trialId: { $in: ids }, phase: "after" } },
        {
          $group: {
            _id: "$trialId",
            n: { $sum: 1 },
            ratingSum: { $sum: { $cond: [{ $gt: ["$rating", 0] }, "$rating", 0] } },
            ratingCount: { $sum: { $cond: [{ $gt: ["$rating", 0] }, 1, 0] } },
            ...Object.fromEntries(
              (["liked", "wouldChoose", "useful"] as const).flatMap((q) =>
                (["yes", "no", "unsure"] as const).map((a) => [`${q}_${a}`, { $sum: { $cond: [{ $eq: [`$${q}`, a] }, 1, 0] } }]),
              ),
            ),
          },
        },
      ]),
      models.Reflection.aggregate<{ _id: Types.ObjectId; pupils: number; before: number; after: number }>([
        { $match: { trialId: { $in: ids }, phase: { $in: ["before", "after"] } } },
        {
          $group: {
            _id: { t: "$trialId", s: "$studentId" },
            before: { $max: { $cond: [{ $eq: ["$phase", "before"] }, "$interestBefore", null] } },
            after: { $max: { $cond: [{ $eq: ["$phase", "after"] }, "$interestAfter", null] } },
          },
        },
        { $match: { before: { $gt: 0 }, after: { $gt: 0 } } },
        { $group: { _id: "$_id.t", pupils: { $sum: 1 }, before: { $sum: "$before" }, after: { $sum: "$after" } } },
      ]),
    ]);
    const statuses = new Map<string, Partial<Record<RegistrationStatus, number>>>();
    for (const row of statusRows) {
      const key = String(row._id.t);
      statuses.set(key, { ...statuses.get(key), [row._id.s]: row.n });
    }
    const after = new Map(afterRows.map((r) => [String(r._id), r]));
    const interest = new Map(interestRows.map((r) => [String(r._id), r]));
    return trials.map((t) => {
      const key = String(t._id);
      const s = statuses.get(key) ?? {};
      const n = (status: RegistrationStatus) => s[status] ?? 0;
      const a = after.get(key);
      const tri = (q: string): TriStateCounts => ({ yes: a?.[`${q}_yes`] ?? 0, no: a?.[`${q}_no`] ?? 0, unsure: a?.[`${q}_unsure`] ?? 0 });
      const i = interest.get(key);
      return {
        trialId: t._id,
        title: t.title,
        kind: t.kind,
        format: t.format,
        status: t.status,
        startsAt: t.startsAt,
        endsAt: t.endsAt,
        timezone: t.timezone,
        organisation: t.host?.organisation ?? "",
        capacity: t.capacity,
        registered: Object.values(s).reduce((sum, v) => sum + (v ?? 0), 0),
        confirmed: n("confirmed") + n("attended") + n("no_show"),
        attended: n("attended"),
        noShow: n("no_show"),
        waitlisted: n("waitlisted"),
        cancelled: n("cancelled"),
        consentPending: n("pending_consent"),
        consentRefused: n("declined"),
        consentExpired: n("expired"),
        reflections: a?.n ?? 0,
        interest: { pupils: i?.pupils ?? 0, before: i ? meanOf(i.before, i.pupils) : null, after: i ? meanOf(i.after, i.pupils) : null },
        liked: tri("liked"),
        wouldChoose: tri("wouldChoose"),
        useful: tri("useful"),
        averageRating: a ? meanOf(a.ratingSum, a.ratingCount) : null,
      };
    });
  }


  async function loadSchool(schoolId: Types.ObjectId) {
    const school = await models.School.findById(schoolId, { name: 1, timezone: 1 }).lean<{ _id: Types.ObjectId; name: string; timezone: string }>();
    if (!school) throw new NotFound("school");
    return school;
  }

  function pupilLine(p: KpiPupil, a: PupilAttendance, titles: Map<string, YearTrial>, interest: RiasecLetter | null): PupilKpi {
    const met = pupilTargets(a.trials, a.contacts);
    const pending = a.pendingTrialIds.map((id) => titles.get(String(id))).filter((t): t is YearTrial => t !== undefined);
    pending.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
    return {
      studentId: p._id,
      firstName: p.firstName ?? "",
      lastName: p.lastName ?? "",
      grade: p.grade,
      classLetter: p.classLetter ?? "",
      trials: a.trials,
      contacts: a.contacts,
      trialMet: met.trialMet,
      contactsMet: met.contactsMet,
      reflected: a.reflected,
      notReflected: a.notReflected,
      notReflectedTitles: pending.map((t) => t.title),
      interestType: interest,
    };
  }

  /** Every figure of a set of pupils of one school: their lines, the year's trials and the year. */
  async function pupilsOf(school: { _id: Types.ObjectId; timezone: string }, classOf?: { grade: number; classLetter: string }) {
    const now = clock.now();
    const year = schoolYearOf(now, school.timezone);
    const pupils = classOf && !inKpiGrades(classOf.grade) ? [] : await models.User.find(kpiPupilFilter(school._id, classOf), { schoolId: 1, grade: 1, classLetter: 1, firstName: 1, lastName: 1 }).lean<KpiPupil[]>();
    const ids = pupils.map((p) => p._id);
    const trials = await yearTrials(year);
    const [attended, interests] = await Promise.all([attendance(trials, now, ids), interestTypes(ids)]);
    const titles = new Map(trials.map((t) => [String(t._id), t]));
    const lines = pupils.map((p) => ({
      pupil: p,
      attendance: attended.get(String(p._id)) ?? NO_ATTENDANCE,
      line: pupilLine(p, attended.get(String(p._id)) ?? NO_ATTENDANCE, titles, interests.get(String(p._id)) ?? null),
    }));
    return { year, trials, lines };
  }

  function summarise(lines: readonly { attendance: PupilAttendance; line: PupilKpi }[]) {
    const totals = emptyTotals();
    const interests = emptyDistribution();
    for (const l of lines) {
      addTo(totals, l.attendance);
      addInterest(interests, l.line.interestType);
    }
    return { totals, interests };
  }

  function classKpi(grade: number, classLetter: string, totals: Totals): ClassKpi {
    return {
      grade,
      classLetter,
      pupils: totals.pupils,
      withTrial: totals.withTrial,
      withContacts: totals.withContacts,
      notReflected: totals.notReflected,
      averageRating: meanOf(totals.ratingSum, totals.ratingCount),
    };
  }

  function requireStaffOrAdmin(actor: Actor | null): void {
    if (isAdmin(actor)) return;
    if (!actor || actor.status === "deleted" || !hasRole(actor, "teacher")) throw new NotAllowed("reports are for staff");
  }

  return {
    /** Staff of the trial's owner school, or an admin. NotFound for an unknown trial. */
    async trial(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialReport> {
      requireStaffOrAdmin(actor);
      const trial = await models.Trial.findById(trialId, TRIAL_REPORT_FIELDS).lean<YearTrial>();
      if (!trial) throw new NotFound("trial");
      requireStaffOf(actor, trial.schoolId);
      const [report] = await trialReports([trial]);
      return report!;
    },
    /** Staff of the school, or an admin. */
    async school(actor: Actor | null, schoolId: Types.ObjectId): Promise<SchoolReport> {
      requireStaffOf(actor, schoolId);
      const school = await loadSchool(schoolId);
      const { year, trials, lines } = await pupilsOf(school);
      const { totals, interests } = summarise(lines);
      const byClass = new Map<string, { grade: number; classLetter: string; lines: typeof lines }>();
      for (const l of lines) {
        const key = `${l.line.grade}|${l.line.classLetter}`;
        const entry = byClass.get(key) ?? { grade: l.line.grade, classLetter: l.line.classLetter, lines: [] };
        entry.lines.push(l);
        byClass.set(key, entry);
      }
      const classes = [...byClass.values()].map((c) => classKpi(c.grade, c.classLetter, summarise(c.lines).totals)).sort(compareClasses);
      return {
        schoolId,
        schoolName: school.name,
        timezone: school.timezone,
        year: year.label,
        yearStart: year.start,
        yearEnd: year.end,
        pupils: totals.pupils,
        withTrial: totals.withTrial,
        withContacts: totals.withContacts,
        averageRating: meanOf(totals.ratingSum, totals.ratingCount),
        classes,
        interests,
        uncovered: uncoveredDirections(interests.counts, offeredTo(trials, schoolId)),
        trials: await trialReports(trials.filter((t) => openTo(t, schoolId))),
      };
    },
    /** Staff of the school, or an admin. */
    async class(actor: Actor | null, schoolId: Types.ObjectId, grade: number, classLetter: string): Promise<ClassReport> {
      requireStaffOf(actor, schoolId);
      const school = await loadSchool(schoolId);
      const { year, trials, lines } = await pupilsOf(school, { grade, classLetter });
      const { totals, interests } = summarise(lines);
      return {
        ...classKpi(grade, classLetter, totals),
        schoolId,
        schoolName: school.name,
        year: year.label,
        interests,
        uncovered: uncoveredDirections(interests.counts, offeredTo(trials, schoolId)),
        members: lines.map((l) => l.line).sort(byName),
      };
    },
    /** Every KPI pupil of the school, by class then last name: for the per-pupil export. Staff of the school, or an admin. */
    async pupils(actor: Actor | null, schoolId: Types.ObjectId): Promise<PupilKpi[]> {
      requireStaffOf(actor, schoolId);
      const school = await loadSchool(schoolId);
      const { lines } = await pupilsOf(school);
      return lines.map((l) => l.line).sort((a, b) => compareClasses(a, b) || byName(a, b));
    },
    /** Admins only. No names of pupils anywhere. */
    async district(actor: Actor | null): Promise<DistrictReport> {
      if (!isAdmin(actor)) throw new NotAllowed("district reports are for admins");
      const now = clock.now();
      const year = schoolYearOf(now, deps.defaultTimezone);
      const schools = await models.School.find({}, { name: 1 }).sort({ name: 1, _id: 1 }).lean<{ _id: Types.ObjectId; name: string }[]>();
      const trials = await yearTrials(year);
      const pupils = schools.length
        ? await models.User.find(kpiPupilFilter({ $in: schools.map((s) => s._id) }), { schoolId: 1 }).lean<Pick<KpiPupil, "_id" | "schoolId">[]>()
        : [];
      const [attended, interests] = await Promise.all([attendance(trials, now), interestTypes(pupils.map((p) => p._id))]);

      const perSchool = new Map(schools.map((s) => [String(s._id), emptyTotals()]));
      const all = emptyTotals();
      const demand: Partial<Record<RiasecLetter, number>> = {};
      for (const p of pupils) {
        const a = attended.get(String(p._id)) ?? NO_ATTENDANCE;
        const totals = perSchool.get(String(p.schoolId));
        if (totals) addTo(totals, a);
        addTo(all, a);
        const letter = interests.get(String(p._id));
        if (letter) demand[letter] = (demand[letter] ?? 0) + 1;
      }
      const supply: Partial<Record<RiasecLetter, number>> = {};
      for (const t of trials) for (const d of new Set(t.directions)) supply[d] = (supply[d] ?? 0) + t.capacity;

      const schoolKpis: SchoolKpi[] = schools.map((s) => {
        const totals = perSchool.get(String(s._id))!;
        const figures = { pupils: totals.pupils, withTrial: totals.withTrial, withContacts: totals.withContacts, averageRating: meanOf(totals.ratingSum, totals.ratingCount) };
        return { schoolId: s._id, schoolName: s.name, ...figures, trials: trials.filter((t) => t.schoolId.equals(s._id)).length, ...belowTarget(figures) };
      });
      return {
        year: year.label,
        pupils: all.pupils,
        withTrial: all.withTrial,
        withContacts: all.withContacts,
        averageRating: meanOf(all.ratingSum, all.ratingCount),
        schools: schoolKpis,
        sectors: sectorBalance(demand, supply),
        belowTarget: schoolKpis.filter((s) => s.below).sort((a, b) => a.gap - b.gap || a.schoolName.localeCompare(b.schoolName, "ru")),
      };
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
