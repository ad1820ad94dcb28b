/**
 * Reflections after a trial (DESIGN §6 "Reflection and portfolio", issue 9; seed 001 form В,
 * Appendix 6, the "trace" 1–2 days later, and form Г for parents): the prompts planned by a job,
 * the pupil's "after" and "trace" answers stored once at the end of their dialog, and the
 * parents' short summary. Free texts typed by pupils are never logged.
 */
import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import { SELF_ASSESSMENT_CRITERIA, TRI_STATE_ANSWERS, type ArtifactKind, type ReflectionPhase, type SelfAssessmentCriterion, type TriStateAnswer } from "../db/models/reflection.js";
import { reflectionStartData } from "../domain/reflection-buttons.js";
import { numericDateTime } from "../domain/trial.js";
import { requireRole, type Actor } from "./authorization.js";
import { DomainError, InvalidInput, NotAllowed, NotFound } from "./errors.js";
import type { Outbox } from "./outbox.js";
import { noticeRecipients } from "./recipients.js";

const HOUR = 3_600_000;
/** About an hour after the end, attendees are asked for the "after" reflection. */
export const AFTER_PROMPT_DELAY = HOUR;
/** The "trace" reflection is asked the next day (seed: 1–2 days later). */
export const TRACE_PROMPT_DELAY = 24 * HOUR;
/** Without an "after" reflection, the parents' summary goes 2 days after the trial. */
export const PARENT_SUMMARY_DELAY = 48 * HOUR;
/** Trials that ended longer ago than this are left alone (a late attendance mark gets no prompts a month on). */
export const PROMPT_LOOKBACK = 7 * 24 * HOUR;
/** Each free-text answer of a reflection. */
export const REFLECTION_TEXT_MAX = 1000;
/** The part of the "what I did" answer a parent sees in the summary. */
export const SUMMARY_DID_MAX = 500;

/** Question ids (keys of `answers`) of the "after" reflection, in the order asked; the first is required. */
export const AFTER_TEXT_QUESTIONS = ["didWhat", "wentWell", "hardHow", "demands", "aboutMe", "continue"] as const;
export type AfterTextQuestion = (typeof AFTER_TEXT_QUESTIONS)[number];
/** Question ids of the "trace" reflection; the last (my next step) is required. */
export const TRACE_QUESTIONS = ["new", "easyHard", "suits", "doubts", "nextStep"] as const;
export type TraceQuestion = (typeof TRACE_QUESTIONS)[number];
/** Answers key holding the pupil's yes/no to sharing "what I did" with their parents. */
export const SHARE_WITH_PARENTS = "shareWithParents";

export interface AfterReflectionInput {
  answers: Partial<Record<AfterTextQuestion, string>>;
  liked: TriStateAnswer;
  wouldChoose: TriStateAnswer;
  useful: TriStateAnswer;
  /** The pupil's overall rating of the trial, 1–5. */
  rating: number;
  selfAssessment: Record<SelfAssessmentCriterion, number>;
  interestAfter: number;
  artifact?: { fileId: string; kind: ArtifactKind; inPortfolio: boolean } | undefined;
  shareWithParents: boolean;
}

export type TraceReflectionInput = Partial<Record<TraceQuestion, string>>;

/** What a reflection dialog needs to start: the trial's title, and whether it is already done. */
export interface ReflectionOpening {
  registrationId: Types.ObjectId;
  trialTitle: string;
  done: boolean;
}

export interface ReflectionServiceDeps {
  models: Models;
  clock: Clock;
  outbox: Outbox;
}

type StoredTrial = {
  _id: Types.ObjectId;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  status: string;
  host?: { organisation?: string };
  mentor?: { name?: string };
};
type StoredRegistration = { _id: Types.ObjectId; trialId: Types.ObjectId; studentId: Types.ObjectId; status: string };

const EMPTY = "—";

/** A pupil's free text, as stored: NFC, trimmed, within the limit; empty means not answered. */
export function cleanAnswer(text: string): string {
  return text.normalize("NFC").trim();
}

function checkText(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const clean = cleanAnswer(value);
  if (clean.length === 0 || clean.length > REFLECTION_TEXT_MAX) throw new InvalidInput(field);
  return clean;
}

function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function createReflectionService(deps: ReflectionServiceDeps) {
  const { Registration, Reflection, Trial } = deps.models;

  /** The pupil's own registration, marked attended; anything else is refused. */
  async function ownAttended(actor: Actor | null, registrationId: Types.ObjectId): Promise<{ registration: StoredRegistration; trial: StoredTrial }> {
    const pupil = requireRole(actor, "student");
    const registration = await Registration.findById(registrationId).lean<StoredRegistration>();
    if (!registration) throw new NotFound();
    if (!registration.studentId.equals(pupil.id)) throw new NotAllowed();
    if (registration.status !== "attended") throw new DomainError("reflection-not-attended");
    const trial = await Trial.findById(registration.trialId).lean<StoredTrial>();
    if (!trial) throw new NotFound();
    return { registration, trial };
  }

  async function exists(registrationId: Types.ObjectId, phase: ReflectionPhase): Promise<boolean> {
    return (await Reflection.exists({ registrationId, phase })) !== null;
  }

  async function store(doc: Record<string, unknown>): Promise<void> {
    try {
      await Reflection.create(doc);
    } catch (error) {
      // A second tap on the last button, or the dialog run twice: the first one counts.
      if ((error as { code?: number }).code === 11000) throw new DomainError("reflection-done");
      throw error;
    }
  }

  /**
   * One short message to each linked parent (form Г): where and with whom, what the child did —
   * the child's own words only if they agreed to share — and the next steps. Once per parent.
   */
  async function queueParentSummary(registration: StoredRegistration, trial: StoredTrial, didWhat: string | undefined): Promise<number> {
    const parents = (await noticeRecipients(deps.models, [registration.studentId])).filter((r) => r.role === "parent");
    let queued = 0;
    for (const parent of parents) {
      const added = await deps.outbox.enqueue({
        dedupeKey: `parent-summary:${registration._id.toHexString()}:${parent.userId.toHexString()}`,
        userId: parent.userId,
        chatId: parent.chatId,
        kind: "parent-summary",
        payload: {
          key: "reflection-parent-summary",
          params: {
            child: parent.childName || EMPTY,
            title: trial.title,
            organisation: trial.host?.organisation || EMPTY,
            mentor: trial.mentor?.name || EMPTY,
            when: numericDateTime(trial.startsAt, trial.timezone),
            shared: didWhat ? "yes" : "no",
            did: didWhat ? shortened(didWhat, SUMMARY_DID_MAX) : "",
          },
        },
        trialId: trial._id,
      });
      if (added) queued++;
    }
    return queued;
  }

  return {
    /** Opens a reflection dialog for the pupil's own attended registration. */
    async open(actor: Actor | null, registrationId: Types.ObjectId, phase: "after" | "trace"): Promise<ReflectionOpening> {
      const { trial } = await ownAttended(actor, registrationId);
      return { registrationId, trialTitle: trial.title, done: await exists(registrationId, phase) };
    },

    /** Stores the whole "after" reflection at once, then queues the parents' summary. */
    async saveAfter(actor: Actor | null, registrationId: Types.ObjectId, input: AfterReflectionInput): Promise<void> {
      const { registration, trial } = await ownAttended(actor, registrationId);
      const answers = new Map<string, string>();
      for (const question of AFTER_TEXT_QUESTIONS) {
        const value = checkText(input.answers[question], question);
        if (value !== undefined) answers.set(question, value);
      }
      if (!answers.has("didWhat")) throw new InvalidInput("didWhat");
      for (const field of ["liked", "wouldChoose", "useful"] as const) {
        if (!TRI_STATE_ANSWERS.includes(input[field])) throw new InvalidInput(field);
      }
      const selfAssessment = new Map<string, number>();
      for (const criterion of SELF_ASSESSMENT_CRITERIA) {
        const score = input.selfAssessment[criterion];
        if (!Number.isInteger(score) || score < 1 || score > 3) throw new InvalidInput(criterion);
        selfAssessment.set(criterion, score);
      }
      if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new InvalidInput("rating");
      if (!Number.isInteger(input.interestAfter) || input.interestAfter < 1 || input.interestAfter > 5) throw new InvalidInput("interestAfter");
      answers.set(SHARE_WITH_PARENTS, input.shareWithParents ? "yes" : "no");
      await store({
        studentId: registration.studentId,
        trialId: registration.trialId,
        registrationId: registration._id,
        phase: "after",
        answers,
        selfAssessment,
        interestAfter: input.interestAfter,
        rating: input.rating,
        liked: input.liked,
        wouldChoose: input.wouldChoose,
        useful: input.useful,
        artifacts: input.artifact ? [{ fileId: input.artifact.fileId, kind: input.artifact.kind, inPortfolio: input.artifact.inPortfolio }] : [],
      });
      await queueParentSummary(registration, trial, input.shareWithParents ? answers.get("didWhat") : undefined);
    },

    /** Stores the "trace" reflection at once; "my next step" is required. */
    async saveTrace(actor: Actor | null, registrationId: Types.ObjectId, input: TraceReflectionInput): Promise<void> {
      const { registration } = await ownAttended(actor, registrationId);
      const answers = new Map<string, string>();
      for (const question of TRACE_QUESTIONS) {
        const value = checkText(input[question], question);
        if (value !== undefined) answers.set(question, value);
      }
      if (!answers.has("nextStep")) throw new InvalidInput("nextStep");
      await store({ studentId: registration.studentId, trialId: registration.trialId, registrationId: registration._id, phase: "trace", answers });
    },

    /**
     * The job: for trials that ended within the lookback, each pupil marked attended gets the
     * "after" prompt an hour after the end and the "trace" prompt a day after (each once, and
     * not when that reflection exists); 2 days after, parents still without a summary get one
     * without the child's words. Not urgent: the dispatcher holds them back in quiet hours.
     */
    async planPrompts(): Promise<number> {
      const now = deps.clock.now();
      const trials = await Trial.find(
        { status: { $ne: "cancelled" }, endsAt: { $lte: new Date(now.getTime() - AFTER_PROMPT_DELAY), $gt: new Date(now.getTime() - PROMPT_LOOKBACK) } },
        { title: 1, startsAt: 1, endsAt: 1, timezone: 1, status: 1, host: 1, mentor: 1 },
      ).lean<StoredTrial[]>();
      let queued = 0;
      for (const trial of trials) {
        const registrations = await Registration.find({ trialId: trial._id, status: "attended" }, { trialId: 1, studentId: 1, status: 1 }).lean<StoredRegistration[]>();
        const since = now.getTime() - trial.endsAt.getTime();
        for (const registration of registrations) {
          const pupil = (await noticeRecipients(deps.models, [registration.studentId], { parents: false }))[0];
          const id = registration._id.toHexString();
          const prompt = async (phase: "after" | "trace") => {
            if (!pupil || (await exists(registration._id, phase))) return;
            const added = await deps.outbox.enqueue({
              dedupeKey: `reflect-${phase}:${id}`,
              userId: pupil.userId,
              chatId: pupil.chatId,
              kind: `reflect-${phase}`,
              payload: {
                key: `reflection-${phase}-prompt`,
                params: { title: trial.title },
                buttons: [[{ key: "reflection-start", callbackData: reflectionStartData.pack({ registration: id, phase }) }]],
              },
              trialId: trial._id,
            });
            if (added) queued++;
          };
          await prompt("after");
          if (since >= TRACE_PROMPT_DELAY) await prompt("trace");
          if (since >= PARENT_SUMMARY_DELAY && !(await exists(registration._id, "after"))) queued += await queueParentSummary(registration, trial, undefined);
        }
      }
      return queued;
    },
  };
}

export type ReflectionService = ReturnType<typeof createReflectionService>;
