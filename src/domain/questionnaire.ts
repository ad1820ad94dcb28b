/**
 * Interest questionnaires as data, and their scoring. Pure: no grammY, no mongoose.
 *
 * An instrument's texts live in the locales under keys derived from its id (see `instrumentKeys`),
 * so adding an instrument is one data file in `src/content/instruments/` plus its locale keys.
 * The result is "a reason for dialogue, not a verdict" (seed 001, lines 5152–5162): scoring only
 * orders the scales; it never labels a pupil as unsuitable for anything.
 */
import type { RiasecLetter } from "../db/models/common.js";

/** Where a profession sits in the regional economy; each type shows examples from several. */
export const SECTORS = ["agro", "industry", "it", "services", "education", "health", "creative"] as const;
export type Sector = (typeof SECTORS)[number];

/** One scale of an instrument: a RIASEC type, a sphere of work… */
export interface Scale {
  /** Short and stable: stored in results (`scores`, `top`); letters and digits only. */
  id: string;
  /** Bar colour in the profile chart. */
  color: string;
  /** RIASEC directions of trials that suit this scale (trials are tagged with RIASEC letters). */
  directions: readonly RiasecLetter[];
  /** 4–6 example professions (ids of `src/content/professions.ts`), from several sectors. */
  professions: readonly string[];
}

interface InstrumentBase {
  /** Lowercase id, also the prefix of its locale keys. */
  id: string;
  /** Bump when items, their order or the scoring key change: runs of an older version are not continued. */
  version: number;
  /** Emoji shown before the instrument's title on buttons. */
  icon: string;
  scales: readonly Scale[];
  /** Whether the result card shows the first letters of the top three scales as a code ("RIA"). */
  showCode: boolean;
}

/** Each item is an activity rated on one answer scale; an answer adds its points to the item's scale. */
export interface RatingInstrument extends InstrumentBase {
  kind: "rating";
  /** Answer options, best-liked first; `points` is also the stored answer value. */
  answers: readonly { points: number; key: string }[];
  items: readonly { id: string; scale: string }[];
}

/** Each item is a forced choice between two activities; the chosen one adds a point to its scale. */
export interface ChoiceInstrument extends InstrumentBase {
  kind: "choice";
  /** The stored answer value is the index of the chosen option (0 or 1). */
  items: readonly { id: string; options: readonly [string, string] }[];
}

export type Instrument = RatingInstrument | ChoiceInstrument;

/** "riasec@1": what a stored result records. */
export function instrumentRef(instrument: Pick<Instrument, "id" | "version">): string {
  return `${instrument.id}@${instrument.version}`;
}

export function parseInstrumentRef(ref: string): { id: string; version: number } | undefined {
  const match = /^([a-z0-9_-]+)@(\d+)$/.exec(ref);
  return match ? { id: match[1]!, version: Number(match[2]) } : undefined;
}

/** Locale keys of an instrument, derived from its id; a unit test checks every one exists in every locale. */
export function instrumentKeys(instrument: Instrument) {
  const p = instrument.id;
  const scale = (id: string) => `${p}-scale-${id.toLowerCase()}`;
  return {
    title: `${p}-title`,
    /** "30 questions · about 5 minutes", with `$total`. */
    size: `${p}-size`,
    /** With `$total`. */
    intro: `${p}-intro`,
    question: `${p}-question`,
    /** Rating: the activity. Choice: `option(item, 0|1)`. */
    item: (itemId: string) => `${p}-item-${itemId}`,
    option: (itemId: string, index: number) => `${p}-item-${itemId}-${index === 0 ? "a" : "b"}`,
    scaleName: scale,
    /** Two warm lines about the scale. */
    scaleAbout: (id: string) => `${scale(id)}-about`,
    /** What kinds of trials and places to look for. */
    scaleTry: (id: string) => `${scale(id)}-try`,
  };
}

export function itemCount(instrument: Instrument): number {
  return instrument.items.length;
}

/** The values an answer to item `index` may take. */
export function allowedValues(instrument: Instrument, index: number): number[] {
  if (index < 0 || index >= instrument.items.length) return [];
  return instrument.kind === "rating" ? instrument.answers.map((a) => a.points) : [0, 1];
}

export function isAllowedAnswer(instrument: Instrument, index: number, value: number): boolean {
  return allowedValues(instrument, index).includes(value);
}

/**
 * - `clear`: some scales stand out; the card shows the top three.
 * - `even`: every scale scored the same (and not zero): many things interest the pupil equally.
 * - `quiet`: nothing scored at all, e.g. "dislike" everywhere: nothing has caught on yet, which is fine.
 */
export type ProfileShape = "clear" | "even" | "quiet";

export interface QuestionnaireScore {
  /** Points per scale id. */
  scores: Record<string, number>;
  /** Highest attainable points per scale id (the chart draws score out of this). */
  maxima: Record<string, number>;
  /** Every scale id, strongest first; ties broken deterministically (see `scoreAnswers`). */
  ranking: string[];
  /** The first three of `ranking`. */
  top: string[];
  /** Letters of `top` for instruments that show a code ("RIA"); otherwise undefined. */
  code: string | undefined;
  shape: ProfileShape;
  /** True when the third and the fourth scale scored the same, so the card can say the cut is arbitrary. */
  tiedAtCut: boolean;
}

export class InvalidAnswers extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidAnswers";
  }
}

/** Points every scale can reach. */
export function maximaOf(instrument: Instrument): Record<string, number> {
  const maxima: Record<string, number> = Object.fromEntries(instrument.scales.map((s) => [s.id, 0]));
  if (instrument.kind === "rating") {
    const best = Math.max(...instrument.answers.map((a) => a.points));
    for (const item of instrument.items) maxima[item.scale] = (maxima[item.scale] ?? 0) + best;
  } else {
    for (const item of instrument.items) for (const scale of item.options) maxima[scale] = (maxima[scale] ?? 0) + 1;
  }
  return maxima;
}

/**
 * Scores a complete set of answers, one value per item in the instrument's order.
 *
 * Scales are ranked by their share of the attainable points, so an unbalanced instrument
 * cannot favour its longer scales. Equal shares are ordered by how many answers gave the
 * scale the best possible mark ("like"), then by the instrument's own scale order. That is
 * arbitrary but stable: the same answers always give the same card, and the card says so
 * when a tie decided the third place.
 */
export function scoreAnswers(instrument: Instrument, answers: readonly number[]): QuestionnaireScore {
  if (answers.length !== instrument.items.length) {
    throw new InvalidAnswers(`expected ${instrument.items.length} answers, got ${answers.length}`);
  }
  const scores: Record<string, number> = Object.fromEntries(instrument.scales.map((s) => [s.id, 0]));
  const strong: Record<string, number> = Object.fromEntries(instrument.scales.map((s) => [s.id, 0]));
  answers.forEach((value, index) => {
    if (!isAllowedAnswer(instrument, index, value)) throw new InvalidAnswers(`answer ${value} is not allowed for item ${index}`);
    if (instrument.kind === "rating") {
      const scale = instrument.items[index]!.scale;
      scores[scale] = (scores[scale] ?? 0) + value;
      if (value === instrument.answers[0]!.points) strong[scale] = (strong[scale] ?? 0) + 1;
    } else {
      const scale = instrument.items[index]!.options[value]!;
      scores[scale] = (scores[scale] ?? 0) + 1;
    }
  });

  const maxima = maximaOf(instrument);
  const order = new Map(instrument.scales.map((s, i) => [s.id, i]));
  const ranking = instrument.scales
    .map((s) => s.id)
    .sort((x, y) => compareShares(scores, maxima, x, y) || strong[y]! - strong[x]! || order.get(x)! - order.get(y)!);
  return { scores, maxima, ranking, ...describeProfile(instrument, scores, ranking) };
}

/** Negative when scale x has the larger share of its attainable points: a/b > c/d ⇔ a·d > c·b, exact. */
function compareShares(scores: Record<string, number>, maxima: Record<string, number>, x: string, y: string): number {
  const a = { score: scores[x] ?? 0, max: Math.max(maxima[x] ?? 0, 1) };
  const b = { score: scores[y] ?? 0, max: Math.max(maxima[y] ?? 0, 1) };
  return b.score * a.max - a.score * b.max;
}

/** What a card says about a ranking: its top three, code and shape. Also used for stored results. */
export function describeProfile(
  instrument: Instrument,
  scores: Record<string, number>,
  ranking: readonly string[],
): Pick<QuestionnaireScore, "top" | "code" | "shape" | "tiedAtCut"> {
  const maxima = maximaOf(instrument);
  const top = ranking.slice(0, 3);
  const allZero = ranking.every((id) => (scores[id] ?? 0) === 0);
  const allEqual = ranking.every((id) => compareShares(scores, maxima, id, ranking[0]!) === 0);
  const shape: ProfileShape = allZero ? "quiet" : allEqual ? "even" : "clear";
  const third = ranking[2];
  const fourth = ranking[3];
  const tiedAtCut = shape === "clear" && third !== undefined && fourth !== undefined && compareShares(scores, maxima, third, fourth) === 0;
  return { top, code: instrument.showCode ? top.join("") : undefined, shape, tiedAtCut };
}
