/**
 * The questions of a trial, one function per field, shared by the create dialog, its "change a
 * field" step, a copy and the edit dialog. Each question checks its answer at once and says
 * precisely what is wrong; nothing is stored here. State is JSON-safe: dates are ISO strings,
 * ids hex strings, and they become Dates and ObjectIds only inside `conversation.external`.
 */
import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import {
  SKIPPABLE_FIELDS,
  TRIAL_FIELDS,
  trialDeadlinesData,
  trialDirectionData,
  trialFieldData,
  trialFormatData,
  trialGradesData,
  trialKeepData,
  trialKindData,
  trialPreviewData,
  trialSchoolData,
  trialSchoolsData,
  trialSkipData,
  type TrialField,
} from "../src/bot/callback-data/trials.js";
import type { BagdarContext, BagdarConversation, SceneContext } from "../src/bot/context.js";
import { gradeRange, kindLabel, shortWhen, trialDetails, type TrialText } from "../src/bot/trial-text.js";
import { RIASEC_LETTERS, type RiasecLetter } from "../src/db/models/common.js";
import { TRIAL_FORMATS, TRIAL_KINDS, TRIAL_MAX_CAPACITY, TRIAL_MIN_CAPACITY, type TrialFormat, type TrialKind } from "../src/db/models/trial.js";
import type { Locale } from "../src/db/models/user.js";
import {
  checkOnlineLink,
  checkPhone,
  checkTrialText,
  checkTrialTimes,
  defaultDeadlines,
  parseGradeRange,
  parseTrialEnd,
  parseTrialMoment,
  TRIAL_TEXT_LIMITS,
  type TrialTextField,
} from "../src/domain/trial.js";
import { DomainError } from "../src/services/errors.js";
import { TrialInvalid, type Person, type TrialInput } from "../src/services/trials.js";
import { clearButtons, run, type Plain, type TextCheck } from "./kit.js";

/** A trial as the dialog builds it. */
export interface Draft {
  kind?: TrialKind;
  format?: TrialFormat;
  title?: string;
  description?: string;
  directions?: RiasecLetter[];
  organisation?: string;
  address?: string;
  onlineLink?: string;
  transport?: string;
  mentor?: Person;
  escort?: Person;
  startsAt?: string;
  endsAt?: string;
  capacity?: number;
  minGrade?: number;
  maxGrade?: number;
  schoolIds?: string[];
  bring?: string;
  clothing?: string;
  ppe?: string;
  healthRestrictions?: string;
  risks?: string;
  signupDeadline?: string;
  consentDeadline?: string;
}

/** What every question needs: the dialog, where times are read, and who may see the trial. */
export interface Io {
  conversation: BagdarConversation;
  ctx: SceneContext;
  locale: Locale;
  timezone: string;
  ownSchoolId: string;
  schools: { id: string; name: string }[];
  /** Places already held (when editing): the capacity may not go below. */
  seatsTaken: number;
  /** The stored sign-up deadline (when editing): keeping it is fine even once it has passed. */
  keptSignupDeadline?: string | undefined;
}

/** A question's place in the create dialog, or (changing one field) a "keep as it is" button. */
export interface Mode {
  step?: number;
  total?: number;
  keep?: boolean;
}

/** The steps of the full dialog; the place (address, link, getting there) is one step, each person is one. */
export const CREATE_STEPS = 20;
/** A copy asks only for the new start, end and deadlines. */
export const COPY_STEPS = 3;

const EXPECT_BUTTON = "trial-create-expect-button";
const EXPECT_TEXT = "trial-create-expect-text";
const EXPECT_TEXT_OR_SKIP = "trial-create-expect-text-or-skip";
const SCHOOLS_PER_PAGE = 20;
const SCHOOL_LABEL_MAX = 40;
const CURRENT_MAX = 300;
const DAY_MS = 24 * 60 * 60 * 1000;
const GRADE_PRESETS: [number, number][] = [
  [5, 11],
  [7, 11],
  [8, 11],
  [9, 11],
  [10, 11],
];

const KEPT = Symbol("kept");
type Kept = typeof KEPT;

const inPerson = (draft: Draft) => draft.format !== "online";
const online = (draft: Draft) => draft.format === "online" || draft.format === "hybrid";

// ── Asking ──────────────────────────────────────────────────────────────────────────────────────

interface Question<T> {
  text: string;
  keyboard?: InlineKeyboard | undefined;
  /** The value of one of this question's buttons, or undefined for anything else. */
  button?: (data: string) => T | undefined;
  typed?: (text: string) => TextCheck<T> | Promise<TextCheck<T>>;
  expected: string;
  keep?: boolean | undefined;
}

function withKeep(io: Io, keyboard: InlineKeyboard | undefined, keep: boolean | undefined): InlineKeyboard | undefined {
  if (!keep) return keyboard;
  const rows = keyboard ? keyboard.inline_keyboard.map((row) => [...row]) : [];
  rows.push([InlineKeyboard.text(io.ctx.t("trial-create-keep"), trialKeepData.pack({}))]);
  return InlineKeyboard.from(rows);
}

/**
 * One question, asked until it gets a usable answer. Only the buttons of this question's own
 * messages count: a button of an earlier question, or of an earlier round of the same one, is
 * "out of date". A sticker, photo or text where a button is expected gets a hint and the question again.
 */
async function ask<T>(io: Io, question: Question<T>): Promise<T | Kept> {
  const live = new Set<number>();
  const markup = withKeep(io, question.keyboard, question.keep);
  const send = async () => {
    const sent = await io.ctx.reply(question.text, markup ? { reply_markup: markup } : {});
    live.add(sent.message_id);
  };
  await send();
  for (;;) {
    const next = await io.conversation.wait();
    if (next.callbackQuery) {
      const data = next.callbackQuery.data;
      const own = live.has(next.callbackQuery.message?.message_id ?? -1) && data !== undefined;
      const value: T | Kept | undefined = !own ? undefined : question.keep && trialKeepData.unpack(data) ? KEPT : question.button?.(data);
      if (value !== undefined) {
        await next.answerCallbackQuery();
        await clearButtons(next);
        return value;
      }
      await next.answerCallbackQuery({ text: next.t("button-stale") });
      continue;
    }
    if (!next.message) continue;
    const typed = next.message.text;
    if (typed !== undefined && question.typed) {
      const check = await question.typed(typed);
      if (check.ok) return check.value;
      await next.reply(next.t(check.errorKey, check.params));
      continue;
    }
    await next.reply(next.t(question.expected));
    await send();
  }
}

type PickAction = { toggle: string } | { page: number } | { done: true } | { only: true };

interface Pick {
  text: string;
  initial: string[];
  render: (selected: string[], page: number) => InlineKeyboard;
  parse: (data: string) => PickAction | undefined;
  /** Said when "Done" is tapped with nothing chosen. */
  emptyKey: string;
  only?: string[];
  keep?: boolean | undefined;
}

/** Toggle buttons and "Done": the message's buttons change in place as the teacher taps. */
async function pickMany(io: Io, pick: Pick): Promise<string[] | Kept> {
  let selected = [...pick.initial];
  let page = 0;
  const live = new Set<number>();
  const markup = () => withKeep(io, pick.render(selected, page), pick.keep)!;
  const send = async () => {
    const sent = await io.ctx.reply(pick.text, { reply_markup: markup() });
    live.add(sent.message_id);
  };
  await send();
  for (;;) {
    const next = await io.conversation.wait();
    if (next.callbackQuery) {
      const data = next.callbackQuery.data;
      const own = live.has(next.callbackQuery.message?.message_id ?? -1) && data !== undefined;
      if (own && pick.keep && trialKeepData.unpack(data)) {
        await next.answerCallbackQuery();
        await clearButtons(next);
        return KEPT;
      }
      const action = own ? pick.parse(data) : undefined;
      if (!action) {
        await next.answerCallbackQuery({ text: next.t("button-stale") });
        continue;
      }
      if ("done" in action || "only" in action) {
        const chosen = "only" in action ? (pick.only ?? []) : selected;
        if (chosen.length === 0) {
          await next.answerCallbackQuery({ text: next.t(pick.emptyKey) });
          continue;
        }
        await next.answerCallbackQuery();
        await clearButtons(next);
        return chosen;
      }
      if ("page" in action) page = action.page;
      else selected = selected.includes(action.toggle) ? selected.filter((v) => v !== action.toggle) : [...selected, action.toggle];
      await next.answerCallbackQuery();
      await next.editMessageReplyMarkup({ reply_markup: markup() }).catch(() => undefined);
      continue;
    }
    if (!next.message) continue;
    await next.reply(next.t(EXPECT_BUTTON));
    await send();
  }
}

/** "Step 7 of 20" above a question of the full dialog; "Now: …" under a question changing one field. */
function phrase(io: Io, mode: Mode, body: string, current?: string): string {
  const { t } = io.ctx;
  const lines = [];
  if (mode.step !== undefined) lines.push(t("trial-create-step", { step: mode.step, total: mode.total ?? CREATE_STEPS }));
  lines.push(body);
  if (mode.keep && current) lines.push("", t("trial-create-now", { value: current.length > CURRENT_MAX ? `${current.slice(0, CURRENT_MAX - 1)}…` : current }));
  return lines.join("\n");
}

/** The later questions of one field: same step, but no "keep" (the field is already being changed). */
const later = (mode: Mode): Mode => ({ ...mode, keep: false });

function textCheck(field: TrialTextField) {
  return (typed: string): TextCheck<string> => {
    const check = checkTrialText(typed, field);
    if (check.ok) return { ok: true, value: check.value };
    if (check.reason === "empty") return { ok: false, errorKey: "trial-create-text-empty" };
    return { ok: false, errorKey: "trial-create-text-too-long", params: { length: typed.trim().length, max: check.max } };
  };
}

type Skippable = (typeof SKIPPABLE_FIELDS)[number];

/** A free-text answer; with `skip`, a button leaves it empty ("Skip", or "Clear" when it has a value). */
async function askText(io: Io, mode: Mode, options: { key: string; params?: Record<string, string | number>; limit: TrialTextField; current?: string | undefined; skip?: Skippable }): Promise<string | null | Kept> {
  const { t } = io.ctx;
  const skip = options.skip;
  const keyboard = skip ? new InlineKeyboard().text(t(mode.keep && options.current ? "trial-create-clear" : "trial-create-skip"), trialSkipData.pack({ field: skip })) : undefined;
  return ask<string | null>(io, {
    text: phrase(io, mode, t(options.key, options.params), options.current),
    keyboard,
    button: (data) => (skip && trialSkipData.unpack(data)?.field === skip ? null : undefined),
    typed: textCheck(options.limit),
    expected: skip ? EXPECT_TEXT_OR_SKIP : EXPECT_TEXT,
    keep: mode.keep,
  });
}

const now = (io: Io) => run(io.conversation, async (c: BagdarContext) => c.deps.clock.now());

/** "22.09 10:00": a week from now at ten, as an example in the school's zone. */
function exampleMoment(nowIso: string, timezone: string): string {
  return `${shortWhen(new Date(new Date(nowIso).getTime() + 7 * DAY_MS), timezone).split(" ")[0]} 10:00`;
}

// ── The fields ──────────────────────────────────────────────────────────────────────────────────

export async function askKind(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const keyboard = InlineKeyboard.from(TRIAL_KINDS.map((kind) => [InlineKeyboard.text(kindLabel(kind, t), trialKindData.pack({ kind }))]));
  const kind = await ask(io, {
    text: phrase(io, mode, t("trial-create-kind-ask"), draft.kind && kindLabel(draft.kind, t)),
    keyboard,
    button: (data) => trialKindData.unpack(data)?.kind,
    expected: EXPECT_BUTTON,
    keep: mode.keep,
  });
  if (kind !== KEPT) draft.kind = kind;
}

/** The format; an online trial has no address, transport or need of an escort; an in-person one no link. */
export async function askFormat(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const keyboard = InlineKeyboard.from(TRIAL_FORMATS.map((format) => [InlineKeyboard.text(t(`trial-create-format-${format}`), trialFormatData.pack({ format }))]));
  const format = await ask(io, {
    text: phrase(io, mode, t("trial-create-format-ask"), draft.format && t(`trial-create-format-${draft.format}`)),
    keyboard,
    button: (data) => trialFormatData.unpack(data)?.format,
    expected: EXPECT_BUTTON,
    keep: mode.keep,
  });
  if (format === KEPT) return;
  draft.format = format;
  if (!inPerson(draft)) {
    delete draft.address;
    delete draft.transport;
  }
  if (!online(draft)) delete draft.onlineLink;
}

async function askPlainField(io: Io, draft: Draft, mode: Mode, field: "title" | "description" | "organisation", limit: TrialTextField): Promise<void> {
  const value = await askText(io, mode, { key: `trial-create-${field}-ask`, params: { max: TRIAL_TEXT_LIMITS[limit] }, limit, current: draft[field] });
  if (typeof value === "string") draft[field] = value;
}

export const askTitle = (io: Io, draft: Draft, mode: Mode) => askPlainField(io, draft, mode, "title", "title");
export const askDescription = (io: Io, draft: Draft, mode: Mode) => askPlainField(io, draft, mode, "description", "description");
export const askOrganisation = (io: Io, draft: Draft, mode: Mode) => askPlainField(io, draft, mode, "organisation", "organisation");

function directionName(letter: RiasecLetter, t: SceneContext["t"]): string {
  return t(`riasec-scale-${letter.toLowerCase()}`);
}

export async function askDirections(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const picked = await pickMany(io, {
    text: phrase(io, mode, t("trial-create-directions-ask"), draft.directions?.map((l) => directionName(l, t)).join(", ")),
    initial: draft.directions ?? [],
    render: (selected) => {
      const keyboard = new InlineKeyboard();
      RIASEC_LETTERS.forEach((letter, i) => {
        keyboard.text(`${selected.includes(letter) ? "✅ " : ""}${directionName(letter, t)}`, trialDirectionData.pack({ letter }));
        if (i % 2 === 1) keyboard.row();
      });
      return keyboard.text(t("trial-create-done"), trialDirectionData.pack({ letter: "done" }));
    },
    parse: (data) => {
      const letter = trialDirectionData.unpack(data)?.letter;
      if (letter === undefined) return undefined;
      return letter === "done" ? { done: true } : { toggle: letter };
    },
    emptyKey: "trial-create-directions-none",
    keep: mode.keep,
  });
  if (picked !== KEPT) draft.directions = RIASEC_LETTERS.filter((letter) => picked.includes(letter));
}

export async function askAddress(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const value = await askText(io, mode, { key: "trial-create-address-ask", limit: "address", current: draft.address });
  if (typeof value === "string") draft.address = value;
}

export async function askOnlineLink(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const link = await ask(io, {
    text: phrase(io, mode, t("trial-create-link-ask"), draft.onlineLink),
    typed: (typed) => {
      const value = checkOnlineLink(typed);
      return value ? { ok: true, value } : { ok: false, errorKey: "trial-create-link-invalid" };
    },
    expected: EXPECT_TEXT,
    keep: mode.keep,
  });
  if (link !== KEPT) draft.onlineLink = link;
}

export async function askTransport(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const value = await askText(io, mode, { key: "trial-create-transport-ask", limit: "transport", current: draft.transport, skip: "transport" });
  if (value === KEPT) return;
  if (value === null) delete draft.transport;
  else draft.transport = value;
}

/** Step 7: where. An address in person, a link online, both for a hybrid; how to get there is optional. */
export async function askPlace(io: Io, draft: Draft, mode: Mode): Promise<void> {
  if (inPerson(draft)) await askAddress(io, draft, mode);
  if (online(draft)) await askOnlineLink(io, draft, mode);
  if (inPerson(draft)) await askTransport(io, draft, mode);
}

function personLabel(person: Person | undefined): string | undefined {
  return person ? `${person.name}, ${person.phone}` : undefined;
}

/** The host's mentor, or the school's escort: a name, then a phone. An online trial may go without an escort. */
async function askPerson(io: Io, draft: Draft, mode: Mode, who: "mentor" | "escort"): Promise<void> {
  const { t } = io.ctx;
  const optional = who === "escort" && !inPerson(draft);
  const name = await askText(io, mode, {
    key: `trial-create-${who}-name-ask`,
    limit: "personName",
    current: personLabel(draft[who]),
    ...(optional ? { skip: "escort" as const } : {}),
  });
  if (name === KEPT) return;
  if (name === null) {
    delete draft[who];
    return;
  }
  const phone = await ask(io, {
    text: phrase(io, later(mode), t(`trial-create-${who}-phone-ask`, { name })),
    typed: (typed) => {
      const value = checkPhone(typed);
      return value ? { ok: true, value } : { ok: false, errorKey: "trial-create-phone-invalid" };
    },
    expected: EXPECT_TEXT,
  });
  if (phone !== KEPT) draft[who] = { name, phone };
}

export const askMentor = (io: Io, draft: Draft, mode: Mode) => askPerson(io, draft, mode, "mentor");
export const askEscort = (io: Io, draft: Draft, mode: Mode) => askPerson(io, draft, mode, "escort");

export function whenLabel(draft: Draft, timezone: string): string | undefined {
  if (!draft.startsAt || !draft.endsAt) return undefined;
  const [start, end] = [shortWhen(draft.startsAt, timezone), shortWhen(draft.endsAt, timezone)];
  const [startDay, endDay] = [start.split(" ")[0], end.split(" ")[0]];
  return startDay === endDay ? `${start}–${end.split(" ")[1]}` : `${start}–${end}`;
}

/** Steps 10 and 11: the start on the school's clock, then the end. */
export async function askTimes(io: Io, draft: Draft, mode: Mode, endStep?: number): Promise<boolean> {
  const { t } = io.ctx;
  const example = exampleMoment(await now(io), io.timezone);
  const start = await ask(io, {
    text: phrase(io, mode, t("trial-create-start-ask", { example }), whenLabel(draft, io.timezone)),
    typed: async (typed) => {
      const check = await run(io.conversation, async (c) => parseTrialMoment(typed, c.deps.clock.now(), io.timezone));
      return check.ok ? { ok: true, value: check.at } : { ok: false, errorKey: `trial-create-start-${check.reason}`, params: { example } };
    },
    expected: EXPECT_TEXT,
    keep: mode.keep,
  });
  if (start === KEPT) return false;
  const end = await ask(io, {
    text: phrase(io, { ...later(mode), ...(endStep !== undefined ? { step: endStep } : {}) }, t("trial-create-end-ask", { start: shortWhen(start, io.timezone) })),
    typed: (typed) => {
      const check = parseTrialEnd(typed, new Date(start), io.timezone);
      return check.ok ? { ok: true, value: check.at.toISOString() } : { ok: false, errorKey: `trial-create-end-${check.reason}`, params: { start: shortWhen(start, io.timezone) } };
    },
    expected: EXPECT_TEXT,
  });
  if (end === KEPT) return false;
  draft.startsAt = start;
  draft.endsAt = end;
  return true;
}

export async function askCapacity(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const min = Math.max(TRIAL_MIN_CAPACITY, io.seatsTaken);
  const capacity = await ask(io, {
    text: phrase(io, mode, t("trial-create-capacity-ask", { min: TRIAL_MIN_CAPACITY, max: TRIAL_MAX_CAPACITY }), draft.capacity?.toString()),
    typed: (typed): TextCheck<number> => {
      const value = typed.trim();
      if (!/^\d{1,6}$/.test(value)) return { ok: false, errorKey: "trial-create-capacity-format", params: { min: TRIAL_MIN_CAPACITY, max: TRIAL_MAX_CAPACITY } };
      const n = Number(value);
      if (n < TRIAL_MIN_CAPACITY || n > TRIAL_MAX_CAPACITY) return { ok: false, errorKey: "trial-create-capacity-range", params: { min: TRIAL_MIN_CAPACITY, max: TRIAL_MAX_CAPACITY } };
      if (n < min) return { ok: false, errorKey: "trial-create-capacity-below-taken", params: { taken: io.seatsTaken } };
      return { ok: true, value: n };
    },
    expected: EXPECT_TEXT,
    keep: mode.keep,
  });
  if (capacity !== KEPT) draft.capacity = capacity;
}

export async function askGrades(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const keyboard = new InlineKeyboard();
  for (const [min, max] of GRADE_PRESETS) keyboard.text(gradeRange({ minGrade: min, maxGrade: max }), trialGradesData.pack({ min, max }));
  const current = draft.minGrade !== undefined && draft.maxGrade !== undefined ? gradeRange({ minGrade: draft.minGrade, maxGrade: draft.maxGrade }) : undefined;
  const grades = await ask(io, {
    text: phrase(io, mode, t("trial-create-grades-ask"), current),
    keyboard,
    button: (data) => {
      const value = trialGradesData.unpack(data);
      return value && GRADE_PRESETS.some(([min, max]) => min === value.min && max === value.max) ? { minGrade: value.min, maxGrade: value.max } : undefined;
    },
    typed: (typed) => {
      const value = parseGradeRange(typed);
      return value ? { ok: true, value } : { ok: false, errorKey: "trial-create-grades-invalid" };
    },
    expected: "trial-create-grades-expected",
    keep: mode.keep,
  });
  if (grades === KEPT) return;
  draft.minGrade = grades.minGrade;
  draft.maxGrade = grades.maxGrade;
}

export function schoolNames(io: Io, ids: readonly string[] | undefined): string {
  return (ids ?? []).map((id) => io.schools.find((s) => s.id === id)?.name ?? "—").join(", ");
}

/** Which schools' pupils see it: the teacher's own is chosen at first; more can be added. */
export async function askSchools(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const known = new Set(io.schools.map((s) => s.id));
  const pages = Math.max(1, Math.ceil(io.schools.length / SCHOOLS_PER_PAGE));
  const picked = await pickMany(io, {
    text: phrase(io, mode, t("trial-create-schools-ask"), draft.schoolIds && schoolNames(io, draft.schoolIds)),
    initial: draft.schoolIds ?? [io.ownSchoolId],
    render: (selected, page) => {
      const keyboard = new InlineKeyboard();
      for (const school of io.schools.slice(page * SCHOOLS_PER_PAGE, (page + 1) * SCHOOLS_PER_PAGE)) {
        const name = school.name.length > SCHOOL_LABEL_MAX ? `${school.name.slice(0, SCHOOL_LABEL_MAX - 1)}…` : school.name;
        keyboard.text(`${selected.includes(school.id) ? "✅" : "▫️"} ${name}`, trialSchoolData.pack({ school: school.id })).row();
      }
      if (pages > 1) {
        if (page > 0) keyboard.text("◀️", trialSchoolsData.pack({ action: "page", page: page - 1 }));
        if (page < pages - 1) keyboard.text("▶️", trialSchoolsData.pack({ action: "page", page: page + 1 }));
        keyboard.row();
      }
      return keyboard
        .text(t("trial-create-schools-only"), trialSchoolsData.pack({ action: "only", page: 0 }))
        .text(t("trial-create-done"), trialSchoolsData.pack({ action: "done", page: 0 }));
    },
    parse: (data) => {
      const school = trialSchoolData.unpack(data)?.school;
      if (school !== undefined) return known.has(school) ? { toggle: school } : undefined;
      const action = trialSchoolsData.unpack(data);
      if (!action) return undefined;
      if (action.action === "page") return action.page < pages ? { page: action.page } : undefined;
      return action.action === "only" ? { only: true } : { done: true };
    },
    emptyKey: "trial-create-schools-none",
    only: [io.ownSchoolId],
    keep: mode.keep,
  });
  // The teacher's own school first, then the others in the order of the list.
  if (picked !== KEPT) draft.schoolIds = io.schools.map((s) => s.id).filter((id) => picked.includes(id));
}

const OPTIONAL_TEXTS = {
  bring: "bring",
  clothing: "clothing",
  ppe: "ppe",
  health: "healthRestrictions",
  risks: "risks",
} as const;

/** Steps 15–19: what to bring and wear, protective equipment, health restrictions, risks; each may be skipped. */
export async function askOptionalText(io: Io, draft: Draft, mode: Mode, field: keyof typeof OPTIONAL_TEXTS): Promise<void> {
  const key = OPTIONAL_TEXTS[field];
  const value = await askText(io, mode, { key: `trial-create-${field}-ask`, limit: "longText", current: draft[key], skip: field });
  if (value === KEPT) return;
  if (value === null) delete draft[key];
  else draft[key] = value;
}

/**
 * Step 20: when sign-up closes and by when parents must consent. Suggested defaults are one tap;
 * typed dates must lie ahead, before the start, with consent no earlier than the sign-up deadline.
 */
export async function askDeadlines(io: Io, draft: Draft, mode: Mode): Promise<void> {
  const { t } = io.ctx;
  const startsAt = draft.startsAt!;
  const start = shortWhen(startsAt, io.timezone);
  const suggested = defaultDeadlines(new Date(startsAt), new Date(await now(io)), io.timezone);
  const example = shortWhen(new Date(new Date(startsAt).getTime() - 2 * DAY_MS), io.timezone).split(" ")[0] + " 18:00";
  const current = draft.signupDeadline && draft.consentDeadline ? `${shortWhen(draft.signupDeadline, io.timezone)} / ${shortWhen(draft.consentDeadline, io.timezone)}` : undefined;
  const body = suggested
    ? t("trial-create-signup-ask-default", { signup: shortWhen(suggested.signupDeadline, io.timezone), consent: shortWhen(suggested.consentDeadline, io.timezone), start, example })
    : t("trial-create-signup-ask", { start, example });

  const moment = async (typed: string) => run(io.conversation, async (c) => parseTrialMoment(typed, c.deps.clock.now(), io.timezone));
  const signup = await ask<{ default: true } | { at: string }>(io, {
    text: phrase(io, mode, body, current),
    keyboard: suggested ? new InlineKeyboard().text(t("trial-create-deadlines-use"), trialDeadlinesData.pack({ choice: "default" })) : undefined,
    button: (data) => (suggested && trialDeadlinesData.unpack(data)?.choice === "default" ? { default: true } : undefined),
    typed: async (typed) => {
      const check = await moment(typed);
      if (!check.ok) return { ok: false, errorKey: check.reason === "past" ? "trial-create-signup-past" : `trial-create-deadline-${check.reason === "too-far" ? "after-start" : check.reason}`, params: { start, example } };
      if (new Date(check.at).getTime() > new Date(startsAt).getTime()) return { ok: false, errorKey: "trial-create-deadline-after-start", params: { start, example } };
      return { ok: true, value: { at: check.at } };
    },
    expected: EXPECT_TEXT,
    keep: mode.keep,
  });
  if (signup === KEPT) return;
  if ("default" in signup) {
    draft.signupDeadline = suggested!.signupDeadline.toISOString();
    draft.consentDeadline = suggested!.consentDeadline.toISOString();
    return;
  }
  const signupAt = signup.at;
  const consentSuggested = suggested && suggested.consentDeadline.getTime() >= new Date(signupAt).getTime() ? suggested.consentDeadline.toISOString() : undefined;
  const consent = await ask(io, {
    text: phrase(io, later(mode), t("trial-create-consent-ask", { signup: shortWhen(signupAt, io.timezone), start })),
    keyboard: consentSuggested
      ? new InlineKeyboard().text(t("trial-create-consent-use", { consent: shortWhen(consentSuggested, io.timezone) }), trialDeadlinesData.pack({ choice: "consent-default" }))
      : undefined,
    button: (data) => (consentSuggested && trialDeadlinesData.unpack(data)?.choice === "consent-default" ? consentSuggested : undefined),
    typed: async (typed) => {
      const check = await moment(typed);
      const params = { signup: shortWhen(signupAt, io.timezone), start, example };
      if (!check.ok) return { ok: false, errorKey: check.reason === "past" ? "trial-create-consent-before-signup" : `trial-create-deadline-${check.reason === "too-far" ? "after-start" : check.reason}`, params };
      const at = new Date(check.at).getTime();
      if (at < new Date(signupAt).getTime()) return { ok: false, errorKey: "trial-create-consent-before-signup", params };
      if (at > new Date(startsAt).getTime()) return { ok: false, errorKey: "trial-create-deadline-after-start", params };
      return { ok: true, value: check.at };
    },
    expected: EXPECT_TEXT,
  });
  if (consent === KEPT) return;
  draft.signupDeadline = signupAt;
  draft.consentDeadline = consent;
}

// ── Whole dialogs ───────────────────────────────────────────────────────────────────────────────

/** All twenty steps of a new trial, in order. */
export async function askEverything(io: Io, draft: Draft): Promise<void> {
  const at = (step: number): Mode => ({ step, total: CREATE_STEPS });
  await askKind(io, draft, at(1));
  await askFormat(io, draft, at(2));
  await askTitle(io, draft, at(3));
  await askDescription(io, draft, at(4));
  await askDirections(io, draft, at(5));
  await askOrganisation(io, draft, at(6));
  await askPlace(io, draft, at(7));
  await askMentor(io, draft, at(8));
  await askEscort(io, draft, at(9));
  await askTimes(io, draft, at(10), 11);
  await askCapacity(io, draft, at(12));
  await askGrades(io, draft, at(13));
  await askSchools(io, draft, at(14));
  await askOptionalText(io, draft, at(15), "bring");
  await askOptionalText(io, draft, at(16), "clothing");
  await askOptionalText(io, draft, at(17), "ppe");
  await askOptionalText(io, draft, at(18), "health");
  await askOptionalText(io, draft, at(19), "risks");
  await askDeadlines(io, draft, at(20));
}

/** A copy: only the new start, end and deadlines. */
export async function askNewDates(io: Io, draft: Draft): Promise<void> {
  await askTimes(io, draft, { step: 1, total: COPY_STEPS }, 2);
  await askDeadlines(io, draft, { step: 3, total: COPY_STEPS });
}

/** Deadlines that no longer fit the dates (after the trial moved) are asked again. */
async function refitDeadlines(io: Io, draft: Draft): Promise<void> {
  if (!draft.startsAt || !draft.endsAt) return;
  const problem =
    draft.signupDeadline && draft.consentDeadline
      ? checkTrialTimes(
          { startsAt: new Date(draft.startsAt), endsAt: new Date(draft.endsAt), signupDeadline: new Date(draft.signupDeadline), consentDeadline: new Date(draft.consentDeadline) },
          new Date(await now(io)),
          io.keptSignupDeadline ? { signupDeadline: new Date(io.keptSignupDeadline) } : undefined,
        )
      : "signup-past";
  if (!problem || problem === "start-past" || problem === "end-before-start" || problem === "too-long") return;
  await io.ctx.reply(io.ctx.t("trial-create-deadlines-refit"));
  await askDeadlines(io, draft, {});
}

/** Asks one field again (from the preview, or editing a trial), with "keep as it is" at hand. */
export async function changeField(io: Io, draft: Draft, field: TrialField): Promise<void> {
  const mode: Mode = { keep: true };
  switch (field) {
    case "kind":
      return askKind(io, draft, mode);
    case "format":
      await askFormat(io, draft, mode);
      // A new format may need what the old one did not: an address, a link, an escort.
      if (inPerson(draft) && !draft.address) await askAddress(io, draft, {});
      if (online(draft) && !draft.onlineLink) await askOnlineLink(io, draft, {});
      if (inPerson(draft) && !draft.escort) await askEscort(io, draft, {});
      return;
    case "title":
      return askTitle(io, draft, mode);
    case "description":
      return askDescription(io, draft, mode);
    case "directions":
      return askDirections(io, draft, mode);
    case "organisation":
      return askOrganisation(io, draft, mode);
    case "address":
      return askAddress(io, draft, mode);
    case "onlineLink":
      return askOnlineLink(io, draft, mode);
    case "transport":
      return askTransport(io, draft, mode);
    case "mentor":
      return askMentor(io, draft, mode);
    case "escort":
      return askEscort(io, draft, mode);
    case "times":
      if (await askTimes(io, draft, mode)) await refitDeadlines(io, draft);
      return;
    case "capacity":
      return askCapacity(io, draft, mode);
    case "grades":
      return askGrades(io, draft, mode);
    case "schools":
      return askSchools(io, draft, mode);
    case "bring":
    case "clothing":
    case "ppe":
    case "health":
    case "risks":
      return askOptionalText(io, draft, mode, field);
    case "deadlines":
      return askDeadlines(io, draft, draft.signupDeadline ? mode : {});
  }
}

/** The fields that apply to this format, for the "change a field" buttons. */
export function fieldsFor(draft: Draft): TrialField[] {
  return TRIAL_FIELDS.filter((field) => {
    if (field === "address" || field === "transport") return inPerson(draft);
    if (field === "onlineLink") return online(draft);
    return true;
  });
}

/** "Which field?": two buttons a row, and a way back (to the preview, or out of the edit). */
export async function pickField(io: Io, draft: Draft, text: string, back: string): Promise<TrialField | "back"> {
  const { t } = io.ctx;
  const fields = fieldsFor(draft);
  const keyboard = new InlineKeyboard();
  fields.forEach((field, i) => {
    keyboard.text(t(`trial-edit-field-${field}`), trialFieldData.pack({ field }));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(back, trialFieldData.pack({ field: "back" }));
  const picked = await ask(io, {
    text,
    keyboard,
    button: (data) => {
      const field = trialFieldData.unpack(data)?.field;
      return field === "back" || (field !== undefined && fields.includes(field)) ? field : undefined;
    },
    expected: EXPECT_BUTTON,
  });
  return picked === KEPT ? "back" : picked;
}

export type PreviewChoice = "publish" | "draft" | "change" | "cancel" | "save";

/** The trial exactly as pupils will see it, then what to do with it. */
export async function preview(io: Io, draft: Draft, intro: string, choices: PreviewChoice[], seatsTaken = 0): Promise<PreviewChoice> {
  const { t } = io.ctx;
  await io.ctx.reply(intro);
  const keyboard = new InlineKeyboard();
  for (const choice of choices) keyboard.text(t(`trial-create-preview-${choice}`), trialPreviewData.pack({ choice })).row();
  const choice = await ask(io, {
    text: trialDetails(textOf(draft, io.timezone, seatsTaken), { t, locale: io.locale }),
    keyboard,
    button: (data) => {
      const value = trialPreviewData.unpack(data)?.choice;
      return value && choices.includes(value) ? value : undefined;
    },
    expected: EXPECT_BUTTON,
  });
  return choice === KEPT ? "cancel" : choice;
}

// ── Conversions ─────────────────────────────────────────────────────────────────────────────────

/** The draft as the shared renderer reads it. */
export function textOf(draft: Draft, timezone: string, seatsTaken: number): TrialText {
  return {
    kind: draft.kind ?? "trial",
    format: draft.format ?? "in_person",
    title: draft.title ?? "",
    description: draft.description,
    directions: draft.directions ?? [],
    host: { organisation: draft.organisation ?? "", address: draft.address, onlineLink: draft.onlineLink, transport: draft.transport },
    mentor: draft.mentor,
    escort: draft.escort,
    startsAt: draft.startsAt ?? new Date(0),
    endsAt: draft.endsAt ?? new Date(0),
    timezone,
    capacity: draft.capacity ?? 0,
    seatsTaken,
    minGrade: draft.minGrade ?? 0,
    maxGrade: draft.maxGrade ?? 0,
    bring: draft.bring,
    clothing: draft.clothing,
    ppe: draft.ppe,
    healthRestrictions: draft.healthRestrictions,
    risks: draft.risks,
    signupDeadline: draft.signupDeadline ?? new Date(0),
    consentDeadline: draft.consentDeadline ?? new Date(0),
  };
}

/** The draft as the service takes it; called only inside `conversation.external`. */
export function toInput(draft: Draft): TrialInput {
  const date = (value: string | undefined) => new Date(value ?? 0);
  return {
    kind: draft.kind!,
    format: draft.format!,
    title: draft.title ?? "",
    description: draft.description ?? "",
    directions: draft.directions ?? [],
    host: {
      organisation: draft.organisation ?? "",
      address: inPerson(draft) ? draft.address : undefined,
      onlineLink: online(draft) ? draft.onlineLink : undefined,
      transport: inPerson(draft) ? draft.transport : undefined,
    },
    mentor: draft.mentor ?? { name: "", phone: "" },
    escort: draft.escort,
    startsAt: date(draft.startsAt),
    endsAt: date(draft.endsAt),
    capacity: draft.capacity ?? 0,
    minGrade: draft.minGrade ?? 0,
    maxGrade: draft.maxGrade ?? 0,
    schoolIds: (draft.schoolIds ?? []).map((id) => new Types.ObjectId(id)),
    bring: draft.bring,
    clothing: draft.clothing,
    ppe: draft.ppe,
    healthRestrictions: draft.healthRestrictions,
    risks: draft.risks,
    signupDeadline: date(draft.signupDeadline),
    consentDeadline: date(draft.consentDeadline),
  };
}

/** A stored trial's input (from `draftFrom` or `get`), as the dialog keeps it. */
export function draftOf(input: Plain<TrialInput>): Draft {
  const draft: Draft = {
    kind: input.kind,
    format: input.format,
    title: input.title,
    description: input.description,
    directions: [...input.directions],
    organisation: input.host.organisation,
    address: input.host.address,
    onlineLink: input.host.onlineLink,
    transport: input.host.transport,
    mentor: input.mentor,
    escort: input.escort,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    minGrade: input.minGrade,
    maxGrade: input.maxGrade,
    schoolIds: [...input.schoolIds],
    bring: input.bring,
    clothing: input.clothing,
    ppe: input.ppe,
    healthRestrictions: input.healthRestrictions,
    risks: input.risks,
    signupDeadline: input.signupDeadline,
    consentDeadline: input.consentDeadline,
  };
  // Absent stays absent, as after a JSON round trip.
  return JSON.parse(JSON.stringify(draft)) as Draft;
}

export type SaveOutcome<T> = { ok: true; value: Plain<T> } | { ok: false; code: string; field?: string };

/** Like `attempt`, keeping which field the service refused, so the dialog can ask exactly that again. */
export async function attemptTrial<T>(conversation: BagdarConversation, task: (ctx: BagdarContext) => Promise<T>): Promise<SaveOutcome<T>> {
  return conversation.external(async (ctx): Promise<SaveOutcome<T>> => {
    try {
      const value = await task(ctx);
      return { ok: true, value: JSON.parse(JSON.stringify(value)) as Plain<T> };
    } catch (error) {
      if (error instanceof TrialInvalid) return { ok: false, code: error.code, field: error.field };
      if (error instanceof DomainError) return { ok: false, code: error.code };
      throw error;
    }
  });
}
