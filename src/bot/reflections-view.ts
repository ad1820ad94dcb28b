/**
 * The teacher's view of a trial's reflections (issue 9, item 6): who has written which, and one
 * pupil's answers and artefacts. Plain text: the pupils' answers are shown exactly as typed.
 */
import { InlineKeyboard } from "grammy";
import type { ReflectionPhase } from "../db/models/reflection.js";
import { SELF_ASSESSMENT_CRITERIA } from "../db/models/reflection.js";
import type { PupilReflections, ReflectionView, TrialReflections } from "../services/portfolio.js";
import { rosterArtifactsData, rosterOpenData, rosterPupilReflectionsData, rosterReflectionsData } from "./callback-data/roster.js";
import type { Screen } from "./screen.js";
import { shortWhen } from "./trial-text.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const PAGE_SIZE = 20;
const PHASES: ReflectionPhase[] = ["before", "after", "trace"];
/** Question ids the reflection scenes store, in the order they are asked; others are shown last, unlabelled. */
const KNOWN_ANSWERS = ["expect", "worries", "didWhat", "wentWell", "hardHow", "demands", "aboutMe", "continue", "new", "easyHard", "suits", "doubts", "nextStep"];
/** Kept with the answers but not an answer: whether the pupil shares "what I did" with the parents. */
const NOT_ANSWERS = new Set(["shareWithParents"]);
const ANSWER_ON_SCREEN = 250;
const TEXT_MAX = 4000;
const NAME_IN_BUTTON = 40;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const nameOf = (p: { firstName: string; lastName: string }) => `${p.lastName} ${p.firstName}`.trim();

/** Per attendee: before ✅ · after — · later —, with a button to open the pupil. */
export function trialReflectionsScreen(view: TrialReflections, t: Translate, requestedPage: number): Screen {
  const trialId = view.trial.id.toHexString();
  const pages = Math.max(1, Math.ceil(view.entries.length / PAGE_SIZE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const shown = view.entries.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const blocks = [t("roster-reflections-title", { title: view.trial.title, when: shortWhen(view.trial.startsAt, view.trial.timezone) })];
  const keyboard = new InlineKeyboard();
  if (view.entries.length === 0) blocks.push(t("roster-reflections-none"));
  else {
    const lines = shown.map((entry, i) => {
      const marks = PHASES.map((phase) => `${t(`roster-reflection-phase-${phase}`)} ${entry.phases.includes(phase) ? "✅" : "—"}`).join(" · ");
      return `${page * PAGE_SIZE + i + 1}. ${nameOf(entry)}, ${entry.className}\n   ${marks}`;
    });
    blocks.push(lines.join("\n"), t("roster-reflections-hint"));
    for (const entry of shown) {
      keyboard.text(`👤 ${cut(nameOf(entry), NAME_IN_BUTTON)}`, rosterPupilReflectionsData.pack({ trial: trialId, pupil: entry.studentId.toHexString() })).row();
    }
  }
  if (pages > 1) {
    blocks.push(t("roster-page", { page: page + 1, pages }));
    if (page > 0) keyboard.text("◀️", rosterReflectionsData.pack({ trial: trialId, page: page - 1 }));
    if (page < pages - 1) keyboard.text("▶️", rosterReflectionsData.pack({ trial: trialId, page: page + 1 }));
    keyboard.row();
  }
  keyboard.text(t("roster-back"), rosterOpenData.pack({ trial: trialId }));
  return { text: blocks.join("\n\n"), keyboard };
}

function reflectionBlock(r: ReflectionView, t: Translate): string {
  const lines = [t(`roster-reflection-heading-${r.phase}`)];
  if (r.interestBefore !== undefined) lines.push(t("roster-reflection-interest", { value: r.interestBefore }));
  if (r.interestAfter !== undefined) lines.push(t("roster-reflection-interest", { value: r.interestAfter }));
  const keys = Object.keys(r.answers).filter((k) => !NOT_ANSWERS.has(k));
  const ordered = [...KNOWN_ANSWERS.filter((k) => keys.includes(k)), ...keys.filter((k) => !KNOWN_ANSWERS.includes(k))];
  for (const key of ordered) {
    const text = cut(r.answers[key]!.replace(/\s+/g, " ").trim(), ANSWER_ON_SCREEN);
    lines.push(KNOWN_ANSWERS.includes(key) ? `• ${t(`roster-rq-${key}`)}: ${text}` : `• ${text}`);
  }
  const tri = (["liked", "wouldChoose", "useful"] as const).filter((k) => r[k]).map((k) => `${t(`roster-rt-${k}`)}: ${t(`portfolio-answer-${r[k]!}`)}`);
  if (tri.length > 0) lines.push(tri.join(" · "));
  const scores = SELF_ASSESSMENT_CRITERIA.filter((c) => r.selfAssessment[c] !== undefined).map((c) => `${t(`roster-sa-${c}`)} ${r.selfAssessment[c]!}`);
  if (scores.length > 0) lines.push(t("roster-reflection-self", { scores: scores.join(", ") }));
  return lines.join("\n");
}

/** One attendee's reflections, and the artefacts they chose for the portfolio (forbidden photos named, not shown). */
export function pupilReflectionsScreen(view: PupilReflections, t: Translate): Screen {
  const trialId = view.trial.id.toHexString();
  const pupil = nameOf(view);
  const head = t("roster-reflections-pupil-title", { name: pupil, class: view.className, title: view.trial.title });
  const tail: string[] = [];
  if (view.artifacts.length > 0) tail.push(t("roster-reflection-artifacts", { count: view.artifacts.length }));
  if (view.artifacts.some((a) => a.withheld)) tail.push(t("roster-reflection-photo-withheld"));
  if (view.privateArtifacts > 0) tail.push(t("roster-reflection-private", { count: view.privateArtifacts }));
  const body = view.reflections.length === 0 ? t("roster-reflections-pupil-none") : view.reflections.map((r) => reflectionBlock(r, t)).join("\n\n");
  const room = TEXT_MAX - head.length - tail.join("\n").length - 8;
  const text = [head, cut(body, room), ...(tail.length > 0 ? [tail.join("\n")] : [])].join("\n\n");
  const keyboard = new InlineKeyboard();
  if (view.artifacts.some((a) => !a.withheld)) keyboard.text(t("roster-reflection-artifacts-button"), rosterArtifactsData.pack({ trial: trialId, pupil: view.studentId.toHexString() })).row();
  keyboard.text(t("roster-back"), rosterReflectionsData.pack({ trial: trialId, page: 0 }));
  return { text, keyboard };
}
