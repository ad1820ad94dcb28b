import { Types } from "mongoose";
import { z } from "zod";
import type { Clock } from "../clock.js";
import { findInstrument, findInstrumentVersion, INSTRUMENTS } from "../content/instruments/index.js";
import type { Models } from "../db/models/index.js";
import { LOCALES, type Locale } from "../db/models/user.js";
import { describeProfile, instrumentRef, isAllowedAnswer, itemCount, maximaOf, parseInstrumentRef, scoreAnswers, type Instrument } from "../domain/questionnaire.js";
import { requireRole, type Actor } from "./authorization.js";
import { InvalidInput, NotFound } from "./errors.js";

/** A run in progress as the scene needs it: which item is on screen, and what was chosen there before "back". */
export interface RunProgress {
  runId: string;
  instrument: string;
  position: number;
  total: number;
  /** The earlier answer to the item on screen, when the pupil came back to it. */
  previous: number | undefined;
  /**
   * On the last item, the values given to all the others, so the last answer can complete the run
   * in one write; empty before that, so what a scene keeps does not grow with the answers.
   */
  answered: number[];
  /** Changes with every answer and step back. */
  revision: number;
}

/** A completed result, JSON-plain so it can travel through conversation storage. */
export interface ResultView {
  id: string;
  /** "riasec@1". */
  instrument: string;
  instrumentId: string;
  scores: Record<string, number>;
  maxima: Record<string, number>;
  /** Every scale, strongest first. */
  ranking: string[];
  top: string[];
  code: string | undefined;
  shape: "clear" | "even" | "quiet";
  tiedAtCut: boolean;
  startedAt: string;
  completedAt: string;
  locale: Locale;
}

export type AnswerOutcome =
  | { status: "next"; position: number }
  /** The item was answered already (a double tap) or the run is over: nothing changed. */
  | { status: "stale" }
  | { status: "completed"; result: ResultView };

const answerInput = z
  .object({
    runId: z.string().regex(/^[0-9a-f]{24}$/),
    instrument: z.string().max(50),
    index: z.number().int().min(0).max(999),
    value: z.number().int().min(0).max(99),
    answered: z.array(z.number().int().min(0).max(99)).max(999).optional(),
    revision: z.number().int().min(0).optional(),
  })
  .strict();

const IN_PROGRESS = { completedAt: { $exists: false } } as const;

interface StoredRun {
  _id: Types.ObjectId;
  instrument: string;
  answers: { itemId: string; value: number }[];
  position?: number;
  revision?: number;
  scores?: Map<string, number> | Record<string, number>;
  top?: string[];
  startedAt: Date;
  completedAt?: Date;
  locale: Locale;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function toProgress(run: StoredRun, instrument: Instrument): RunProgress {
  const position = run.position ?? 0;
  return {
    runId: run._id.toHexString(),
    instrument: run.instrument,
    position,
    total: itemCount(instrument),
    previous: run.answers[position]?.value,
    answered: position === itemCount(instrument) - 1 ? run.answers.slice(0, position).map((a) => a.value) : [],
    revision: run.revision ?? 0,
  };
}

/** A stored result as the card shows it. Answers may have been erased for privacy: scores and order are kept. */
function toResultView(run: StoredRun): ResultView {
  const parsed = parseInstrumentRef(run.instrument);
  const instrument = parsed ? findInstrument(parsed.id) : undefined;
  if (!instrument) throw new NotFound(`instrument ${run.instrument}`);
  const stored: Record<string, number> = run.scores instanceof Map ? Object.fromEntries(run.scores) : { ...(run.scores ?? {}) };
  const known = new Set(instrument.scales.map((s) => s.id));
  const ranking = (run.top ?? []).filter((id) => known.has(id));
  return {
    id: run._id.toHexString(),
    instrument: run.instrument,
    instrumentId: instrument.id,
    scores: stored,
    maxima: maximaOf(instrument),
    ranking,
    ...describeProfile(instrument, stored, ranking),
    startedAt: run.startedAt.toISOString(),
    completedAt: (run.completedAt ?? run.startedAt).toISOString(),
    locale: run.locale,
  };
}

/**
 * Interest questionnaires: runs in progress and completed results.
 *
 * A run is one `questionnaire_results` document; `completedAt` is absent while it is in
 * progress, so an abandoned run is never a result. Each answer is one conditional update
 * keyed by the item's index: a double tap, or a tap on an older item, matches nothing and
 * changes nothing, and answering item 30 costs what answering item 1 does.
 */
export function createQuestionnaireService(deps: { models: Models; clock: Clock }) {
  const { QuestionnaireResult } = deps.models;

  /** The pupil's run of this instrument in progress; one of an older version cannot go on and is dropped. */
  async function openRun(actor: Actor | null, instrumentId: string): Promise<RunProgress | null> {
    const student = requireRole(actor, "student");
    const instrument = findInstrument(instrumentId);
    if (!instrument) throw new NotFound(`instrument ${instrumentId}`);
    const runs = await QuestionnaireResult.find({
      studentId: student.id,
      instrument: new RegExp(`^${escapeRegex(instrument.id)}@`),
      ...IN_PROGRESS,
    })
      .sort({ startedAt: -1, _id: -1 })
      .lean<StoredRun[]>();
    const current = runs.find((run) => run.instrument === instrumentRef(instrument));
    const outdated = runs.filter((run) => run !== current).map((run) => run._id);
    if (outdated.length > 0) await QuestionnaireResult.deleteMany({ _id: { $in: outdated }, ...IN_PROGRESS });
    return current ? toProgress(current, instrument) : null;
  }

  return {
    instruments: () => INSTRUMENTS,

    openRun,

    /** Open runs of every instrument, for the picker's "continue 7/30". */
    async openRuns(actor: Actor | null): Promise<Record<string, RunProgress>> {
      const student = requireRole(actor, "student");
      const runs = await QuestionnaireResult.find({ studentId: student.id, ...IN_PROGRESS }).lean<StoredRun[]>();
      const open: Record<string, RunProgress> = {};
      for (const run of runs) {
        const instrument = findInstrumentVersion(run.instrument);
        if (instrument) open[instrument.id] = toProgress(run, instrument);
      }
      return open;
    },

    /** A fresh run; any run of the same instrument in progress is discarded ("start over"). */
    async start(actor: Actor | null, instrumentId: string, locale: Locale): Promise<RunProgress> {
      const student = requireRole(actor, "student");
      const instrument = findInstrument(instrumentId);
      if (!instrument) throw new NotFound(`instrument ${instrumentId}`);
      if (!LOCALES.includes(locale)) throw new InvalidInput("locale");
      await QuestionnaireResult.deleteMany({ studentId: student.id, instrument: new RegExp(`^${escapeRegex(instrument.id)}@`), ...IN_PROGRESS });
      const run = await QuestionnaireResult.create({
        studentId: student.id,
        instrument: instrumentRef(instrument),
        answers: [],
        position: 0,
        revision: 0,
        startedAt: deps.clock.now(),
        locale,
      });
      return toProgress(run.toObject() as StoredRun, instrument);
    },

    /** Where a run stands; NotFound once it is completed or discarded. */
    async progress(actor: Actor | null, runId: string): Promise<RunProgress> {
      const student = requireRole(actor, "student");
      if (!Types.ObjectId.isValid(runId)) throw new NotFound("run");
      const run = await QuestionnaireResult.findOne({ _id: new Types.ObjectId(runId), studentId: student.id, ...IN_PROGRESS }).lean<StoredRun>();
      const instrument = run ? findInstrumentVersion(run.instrument) : undefined;
      if (!run || !instrument) throw new NotFound("run");
      return toProgress(run, instrument);
    },

    /**
     * Records the answer to item `index`, only if that item is the one on screen.
     *
     * The last answer completes the run. When the caller passes the earlier answers and the
     * revision as it read them, scoring happens here and the answer, scores and completion are
     * one conditional update that holds only if the run has not changed since that read; so the
     * last item costs one write, like every other. Otherwise the answer is stored first and the
     * run is completed from the stored answers.
     */
    async answer(
      actor: Actor | null,
      input: { runId: string; instrument: string; index: number; value: number; answered?: number[] | undefined; revision?: number | undefined },
    ): Promise<AnswerOutcome> {
      const student = requireRole(actor, "student");
      const parsed = answerInput.safeParse(input);
      if (!parsed.success) throw new InvalidInput(String(parsed.error.issues[0]?.path[0] ?? "answer"));
      const { runId, index, value, answered, revision } = parsed.data;
      const instrument = findInstrumentVersion(parsed.data.instrument);
      if (!instrument) return { status: "stale" };
      if (!isAllowedAnswer(instrument, index, value)) throw new InvalidInput("value");
      const total = itemCount(instrument);
      const filter = { _id: new Types.ObjectId(runId), studentId: student.id, instrument: instrumentRef(instrument), ...IN_PROGRESS };
      const answerOf = (i: number, v: number) => ({ itemId: instrument.items[i]!.id, value: v });
      const completion = (score: ReturnType<typeof scoreAnswers>) => ({
        scores: score.scores,
        top: score.ranking,
        completedAt: deps.clock.now(),
      });

      if (index === total - 1 && answered?.length === index && revision !== undefined) {
        const score = scoreAnswers(instrument, [...answered, value]);
        const done = await QuestionnaireResult.findOneAndUpdate(
          { ...filter, position: index, revision },
          { $set: { [`answers.${index}`]: answerOf(index, value), ...completion(score) }, $unset: { position: 1, revision: 1 } },
          { returnDocument: "after" },
        ).lean<StoredRun>();
        return done ? { status: "completed", result: toResultView(done) } : { status: "stale" };
      }

      const run = await QuestionnaireResult.findOneAndUpdate(
        { ...filter, position: index },
        { $set: { [`answers.${index}`]: answerOf(index, value) }, $inc: { position: 1, revision: 1 } },
        { returnDocument: "after" },
      ).lean<StoredRun>();
      if (!run) return { status: "stale" };
      if ((run.position ?? 0) < total) return { status: "next", position: run.position ?? 0 };

      const answers = run.answers.slice(0, total);
      const score = scoreAnswers(instrument, answers.map((a) => a.value));
      const done = await QuestionnaireResult.findOneAndUpdate(
        { ...filter, position: total, revision: run.revision ?? 0 },
        { $set: { answers, ...completion(score) }, $unset: { position: 1, revision: 1 } },
        { returnDocument: "after" },
      ).lean<StoredRun>();
      if (!done) return { status: "stale" };
      return { status: "completed", result: toResultView(done) };
    },

    /** Steps back from item `index` to the one before, keeping its answer to show; only from the item on screen. */
    async back(actor: Actor | null, input: { runId: string; index: number }): Promise<{ status: "moved" | "stale" }> {
      const student = requireRole(actor, "student");
      if (!Types.ObjectId.isValid(input.runId) || !Number.isInteger(input.index) || input.index < 1) return { status: "stale" };
      const moved = await QuestionnaireResult.updateOne(
        { _id: new Types.ObjectId(input.runId), studentId: student.id, position: input.index, ...IN_PROGRESS },
        { $inc: { position: -1, revision: 1 } },
      );
      return { status: moved.modifiedCount === 1 ? "moved" : "stale" };
    },

    /** Every completed result, newest first. */
    async history(actor: Actor | null): Promise<ResultView[]> {
      const student = requireRole(actor, "student");
      const runs = await QuestionnaireResult.find({ studentId: student.id, completedAt: { $exists: true } })
        .sort({ completedAt: -1, _id: -1 })
        .lean<StoredRun[]>();
      return runs.flatMap((run) => {
        try {
          return [toResultView(run)];
        } catch {
          return []; // an instrument no longer offered at all
        }
      });
    },

    /** One completed result of the pupil's own. */
    async result(actor: Actor | null, resultId: string): Promise<ResultView> {
      const student = requireRole(actor, "student");
      if (!Types.ObjectId.isValid(resultId)) throw new NotFound("result");
      const run = await QuestionnaireResult.findOne({
        _id: new Types.ObjectId(resultId),
        studentId: student.id,
        completedAt: { $exists: true },
      }).lean<StoredRun>();
      if (!run) throw new NotFound("result");
      return toResultView(run);
    },

    /** The newest completed result: what recommendations are based on. */
    async latest(actor: Actor | null): Promise<ResultView | null> {
      const student = requireRole(actor, "student");
      const run = await QuestionnaireResult.findOne({ studentId: student.id, completedAt: { $exists: true } })
        .sort({ completedAt: -1, _id: -1 })
        .lean<StoredRun>();
      return run ? toResultView(run) : null;
    },
  };
}

export type QuestionnaireService = ReturnType<typeof createQuestionnaireService>;
