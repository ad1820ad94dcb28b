/**
 * The pupil's portfolio (DESIGN §6 "Reflection and portfolio", issue 9): interest results over
 * time, the trials attended with interest before → after and the reflections, artefacts, and the
 * seed's yearly targets. And the teacher's view of a trial's reflections: who has reflected, and
 * per pupil the reflections and the artefacts the pupil put in the portfolio, with photos held
 * back when a parent forbade photos.
 */
import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { ArtifactKind, ReflectionPhase, TriStateAnswer } from "../db/models/reflection.js";
import type { Models } from "../db/models/index.js";
import type { TrialKind } from "../db/models/trial.js";
import type { EffectivePhotoScope } from "../domain/consent.js";
import { yearlyProgress, type YearlyProgress } from "../domain/yearly-targets.js";
import { requireRole, requireStaffOf, type Actor } from "./authorization.js";
import { NotFound } from "./errors.js";
import type { QuestionnaireService, ResultView } from "./questionnaires.js";
import { toTrialView } from "./trials.js";

export interface ReflectionView {
  phase: ReflectionPhase;
  /** Free-text answers by question id, in stored order. */
  answers: Record<string, string>;
  selfAssessment: Record<string, number>;
  interestBefore?: number | undefined;
  interestAfter?: number | undefined;
  liked?: TriStateAnswer | undefined;
  wouldChoose?: TriStateAnswer | undefined;
  useful?: TriStateAnswer | undefined;
  artifacts: { fileId: string; kind: ArtifactKind; inPortfolio: boolean }[];
}

export interface PortfolioTrial {
  trialId: Types.ObjectId;
  title: string;
  kind: TrialKind;
  organisation: string;
  startsAt: Date;
  timezone: string;
  interestBefore?: number | undefined;
  interestAfter?: number | undefined;
  before?: ReflectionView | undefined;
  after?: ReflectionView | undefined;
  trace?: ReflectionView | undefined;
}

export interface Portfolio {
  firstName: string;
  lastName: string;
  className: string;
  schoolName: string;
  timezone: string;
  /** Completed questionnaire results, newest first. */
  results: ResultView[];
  /** Attended trials, newest first. */
  trials: PortfolioTrial[];
  targets: YearlyProgress;
}

/** One attendee of a trial in the teacher's reflections screen. */
export interface ReflectionStatusEntry {
  studentId: Types.ObjectId;
  firstName: string;
  lastName: string;
  className: string;
  phases: ReflectionPhase[];
}

export interface TrialReflections {
  trial: { id: Types.ObjectId; title: string; startsAt: Date; timezone: string };
  entries: ReflectionStatusEntry[];
}

/** An artefact as the teacher may see it: a forbidden photo is named but not given. */
export interface TeacherArtifact {
  kind: ArtifactKind;
  /** Absent when the photo may not be shown (a parent forbade photos). */
  fileId?: string | undefined;
  withheld: boolean;
}

export interface PupilReflections {
  trial: TrialReflections["trial"];
  studentId: Types.ObjectId;
  firstName: string;
  lastName: string;
  className: string;
  photo: EffectivePhotoScope;
  reflections: ReflectionView[];
  /** The artefacts the pupil put in the portfolio. */
  artifacts: TeacherArtifact[];
  /** How many the pupil kept out of the portfolio (not shown). */
  privateArtifacts: number;
}

interface StoredReflection {
  registrationId: Types.ObjectId;
  studentId: Types.ObjectId;
  trialId: Types.ObjectId;
  phase: ReflectionPhase;
  answers?: Map<string, string> | Record<string, string>;
  selfAssessment?: Map<string, number> | Record<string, number>;
  interestBefore?: number;
  interestAfter?: number;
  liked?: TriStateAnswer;
  wouldChoose?: TriStateAnswer;
  useful?: TriStateAnswer;
  artifacts?: { fileId: string; kind: ArtifactKind; inPortfolio: boolean }[];
}

const plain = <T>(value: Map<string, T> | Record<string, T> | undefined): Record<string, T> => (value instanceof Map ? Object.fromEntries(value) : { ...(value ?? {}) });

function toReflectionView(r: StoredReflection): ReflectionView {
  return {
    phase: r.phase,
    answers: plain(r.answers),
    selfAssessment: plain(r.selfAssessment),
    interestBefore: r.interestBefore,
    interestAfter: r.interestAfter,
    liked: r.liked,
    wouldChoose: r.wouldChoose,
    useful: r.useful,
    artifacts: (r.artifacts ?? []).map((a) => ({ fileId: a.fileId, kind: a.kind, inPortfolio: a.inPortfolio })),
  };
}

const PHASE_ORDER: ReflectionPhase[] = ["before", "after", "trace"];

export interface PortfolioServiceDeps {
  models: Models;
  clock: Clock;
  questionnaires: Pick<QuestionnaireService, "history">;
  photoScopeOf: (studentId: Types.ObjectId) => Promise<EffectivePhotoScope>;
  defaultTimezone: string;
}

export function createPortfolioService(deps: PortfolioServiceDeps) {
  const { Registration, Reflection, Trial, User, School } = deps.models;

  async function pupilInfo(studentId: Types.ObjectId) {
    const p = await User.findById(studentId, { firstName: 1, lastName: 1, grade: 1, classLetter: 1, schoolId: 1 }).lean<{ firstName?: string; lastName?: string; grade?: number; classLetter?: string; schoolId?: Types.ObjectId }>();
    const school = p?.schoolId ? await School.findById(p.schoolId, { name: 1, timezone: 1 }).lean<{ name: string; timezone?: string }>() : null;
    return {
      firstName: p?.firstName ?? "",
      lastName: p?.lastName ?? "",
      className: p?.grade !== undefined ? `${p.grade}${p.classLetter ?? ""}` : "",
      schoolName: school?.name ?? "",
      timezone: school?.timezone ?? deps.defaultTimezone,
    };
  }

  async function staffTrial(actor: Actor | null, trialId: Types.ObjectId) {
    const doc = await Trial.findById(trialId).lean();
    if (!doc) throw new NotFound("trial");
    const trial = toTrialView(doc as Parameters<typeof toTrialView>[0]);
    requireStaffOf(actor, trial.schoolId);
    return { id: trial.id, title: trial.title, startsAt: trial.startsAt, timezone: trial.timezone };
  }

  async function attendees(trialId: Types.ObjectId) {
    return Registration.find({ trialId, status: "attended" }, { studentId: 1 }).lean<{ _id: Types.ObjectId; studentId: Types.ObjectId }[]>();
  }

  return {
    /** The pupil's own portfolio. */
    async mine(actor: Actor | null): Promise<Portfolio> {
      const pupil = requireRole(actor, "student");
      const info = await pupilInfo(pupil.id);
      const results = await deps.questionnaires.history(pupil);
      const registrations = await Registration.find({ studentId: pupil.id, status: "attended" }, { trialId: 1 }).lean<{ _id: Types.ObjectId; trialId: Types.ObjectId }[]>();
      const trials = await Trial.find({ _id: { $in: registrations.map((r) => r.trialId) } }, { title: 1, kind: 1, host: 1, startsAt: 1, timezone: 1 }).lean<
        { _id: Types.ObjectId; title: string; kind: TrialKind; host?: { organisation?: string }; startsAt: Date; timezone?: string }[]
      >();
      const reflections = await Reflection.find({ studentId: pupil.id, registrationId: { $in: registrations.map((r) => r._id) } }).lean<StoredReflection[]>();
      const trialBy = new Map(trials.map((t) => [t._id.toHexString(), t]));
      const list = registrations.flatMap((r): PortfolioTrial[] => {
        const trial = trialBy.get(r.trialId.toHexString());
        if (!trial) return [];
        const of = (phase: ReflectionPhase) => {
          const found = reflections.find((x) => x.registrationId.equals(r._id) && x.phase === phase);
          return found ? toReflectionView(found) : undefined;
        };
        const before = of("before");
        const after = of("after");
        return [
          {
            trialId: trial._id,
            title: trial.title,
            kind: trial.kind,
            organisation: trial.host?.organisation ?? "",
            startsAt: trial.startsAt,
            timezone: trial.timezone ?? info.timezone,
            interestBefore: before?.interestBefore,
            interestAfter: after?.interestAfter,
            before,
            after,
            trace: of("trace"),
          },
        ];
      });
      list.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
      const targets = yearlyProgress(list, deps.clock.now(), info.timezone);
      return { ...info, results, trials: list, targets };
    },

    /** Per attendee of a trial, which reflections they have written; for the trial's school staff. */
    async trialReflections(actor: Actor | null, trialId: Types.ObjectId): Promise<TrialReflections> {
      const trial = await staffTrial(actor, trialId);
      const regs = await attendees(trialId);
      const reflections = await Reflection.find({ registrationId: { $in: regs.map((r) => r._id) } }, { registrationId: 1, phase: 1 }).lean<{ registrationId: Types.ObjectId; phase: ReflectionPhase }[]>();
      const pupils = await User.find({ _id: { $in: regs.map((r) => r.studentId) } }, { firstName: 1, lastName: 1, grade: 1, classLetter: 1 }).lean<
        { _id: Types.ObjectId; firstName?: string; lastName?: string; grade?: number; classLetter?: string }[]
      >();
      const entries = regs.map((r): ReflectionStatusEntry => {
        const p = pupils.find((x) => x._id.equals(r.studentId));
        const phases = new Set(reflections.filter((x) => x.registrationId.equals(r._id)).map((x) => x.phase));
        return {
          studentId: r.studentId,
          firstName: p?.firstName ?? "—",
          lastName: p?.lastName ?? "",
          className: p?.grade !== undefined ? `${p.grade}${p.classLetter ?? ""}` : "—",
          phases: PHASE_ORDER.filter((phase) => phases.has(phase)),
        };
      });
      entries.sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`, "ru"));
      return { trial, entries };
    },

    /**
     * One attendee's reflections on a trial, for the trial's school staff. Artefacts: only those the
     * pupil put in the portfolio; a photo of a pupil whose parent forbade photos is named, not given.
     */
    async pupilReflections(actor: Actor | null, trialId: Types.ObjectId, studentId: Types.ObjectId): Promise<PupilReflections> {
      const trial = await staffTrial(actor, trialId);
      const registration = await Registration.findOne({ trialId, studentId, status: "attended" }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
      if (!registration) throw new NotFound("attendee");
      const info = await pupilInfo(studentId);
      const stored = await Reflection.find({ registrationId: registration._id }).lean<StoredReflection[]>();
      const reflections = stored.map(toReflectionView).sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase));
      const photo = await deps.photoScopeOf(studentId);
      const all = reflections.flatMap((r) => r.artifacts);
      const artifacts = all
        .filter((a) => a.inPortfolio)
        .map((a): TeacherArtifact => {
          const withheld = a.kind === "photo" && photo === "forbidden";
          return { kind: a.kind, fileId: withheld ? undefined : a.fileId, withheld };
        });
      return { trial, studentId, firstName: info.firstName, lastName: info.lastName, className: info.className, photo, reflections, artifacts, privateArtifacts: all.length - artifacts.length };
    },
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
