import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { SELF_ASSESSMENT_CRITERIA, type ArtifactKind, type SelfAssessmentCriterion, type TriStateAnswer } from "../src/db/models/reflection.js";
import { objectIdField } from "../src/domain/callback-data.js";
import { reflectionAnswerData, type ReflectionButtonValue } from "../src/domain/reflection-buttons.js";
import { AFTER_TEXT_QUESTIONS, cleanAnswer, REFLECTION_TEXT_MAX, type AfterReflectionInput, type AfterTextQuestion } from "../src/services/reflections.js";
import { attempt, clearButtons, step, type TextCheck } from "./kit.js";

/** A button answering question `q` with one of `values`; anything else (an older question's button) is undefined. */
export function answerOf<V extends ReflectionButtonValue>(q: string, values: readonly V[]) {
  return (data: string): V | undefined => {
    const answer = reflectionAnswerData.unpack(data);
    return answer?.q === q && (values as readonly string[]).includes(answer.v) ? (answer.v as V) : undefined;
  };
}

export function answerButton(ctx: SceneContext, q: string, v: ReflectionButtonValue, key: string): [string, string] {
  return [ctx.t(key), reflectionAnswerData.pack({ q, v })];
}

function keyboard(rows: [string, string][][]): InlineKeyboard {
  const kb = new InlineKeyboard();
  rows.forEach((row, i) => {
    if (i > 0) kb.row();
    for (const [text, data] of row) kb.text(text, data);
  });
  return kb;
}

export function checkAnswer(typed: string): TextCheck<string> {
  const value = cleanAnswer(typed);
  if (value.length === 0) return { ok: false, errorKey: "reflection-text-empty" };
  if (value.length > REFLECTION_TEXT_MAX) return { ok: false, errorKey: "reflection-text-too-long", params: { max: REFLECTION_TEXT_MAX, length: value.length } };
  return { ok: true, value };
}

/** A free-text question; with `skippable`, a "Skip" button answers null. */
export async function textQuestion(conversation: BagdarConversation, ctx: SceneContext, q: string, key: string, skippable: boolean): Promise<string | null> {
  return step<string | null>(conversation, ctx, {
    ask: (c) => c.reply(c.t(key), skippable ? { reply_markup: keyboard([[answerButton(c, q, "skip", "reflection-skip")]]) } : {}),
    ...(skippable ? { button: (data: string) => (answerOf(q, ["skip"])(data) ? null : undefined) } : {}),
    text: checkAnswer,
    expected: skippable ? "reflection-expected-text-or-skip" : "reflection-expected-text",
  });
}

async function buttonQuestion<V extends ReflectionButtonValue>(conversation: BagdarConversation, ctx: SceneContext, q: string, key: string, rows: [V, string][][]): Promise<V> {
  const values = rows.flat().map(([v]) => v);
  return step<V>(conversation, ctx, {
    ask: (c) => c.reply(c.t(key), { reply_markup: keyboard(rows.map((row) => row.map(([v, label]) => answerButton(c, q, v, label)))) }),
    button: answerOf(q, values),
    expected: "reflection-expected-button",
  });
}

const TRI_ROW: [TriStateAnswer, string][][] = [[["yes", "reflection-yes"], ["no", "reflection-no"], ["unsure", "reflection-unsure"]]];
/** Plain 1–5 buttons; the question's own text says what 1 and 5 mean. */
const ONE_TO_FIVE: ["1" | "2" | "3" | "4" | "5", string][][] = [
  [["1", "reflection-interest-1"], ["2", "reflection-interest-2"], ["3", "reflection-interest-3"], ["4", "reflection-interest-4"], ["5", "reflection-interest-5"]],
];
const YES_NO: ["yes" | "no", string][][] = [[["yes", "reflection-yes"], ["no", "reflection-no"]]];

/** A photo (its largest size) or a document, or "none" from the button; anything else is asked again. */
async function artifactQuestion(conversation: BagdarConversation, ctx: SceneContext): Promise<{ fileId: string; kind: ArtifactKind } | null> {
  const ask = (c: SceneContext) => c.reply(c.t("reflection-after-artifact"), { reply_markup: keyboard([[answerButton(c, "artifact", "none", "reflection-artifact-none")]]) });
  await ask(ctx);
  for (;;) {
    const next = await conversation.wait();
    if (next.callbackQuery) {
      if (answerOf("artifact", ["none"])(next.callbackQuery.data ?? "")) {
        await next.answerCallbackQuery();
        await clearButtons(next);
        return null;
      }
      await next.answerCallbackQuery({ text: next.t("button-stale") });
      continue;
    }
    const message = next.message;
    if (!message) continue;
    const photo = message.photo?.reduce((best, size) => (size.width * size.height >= best.width * best.height ? size : best));
    if (photo && photo.file_id.length <= 256) return { fileId: photo.file_id, kind: "photo" };
    if (message.document && message.document.file_id.length <= 256) return { fileId: message.document.file_id, kind: "document" };
    await next.reply(next.t("reflection-expected-artifact"));
    await ask(next);
  }
}

/**
 * The "after" reflection (seed 001 form В and Appendix 6), for the pupil's own attended
 * registration: six free texts (the first required), liked / would choose / useful, an overall rating 1–5,
 * self-assessment 1–3 on five criteria, interest now 1–5, an optional artefact with the pupil's
 * portfolio choice, and whether their parents may read what they did. Kept only in the dialog
 * until the end, then stored at once; nothing is half-saved.
 */
export async function reflectionAfter(conversation: BagdarConversation, ctx: SceneContext, registrationId?: string): Promise<void> {
  if (!registrationId || !objectIdField.safeParse(registrationId).success) return void (await ctx.reply(ctx.t("errors-not-found")));
  const id = () => new Types.ObjectId(registrationId);
  const opened = await attempt(conversation, (c) => c.deps.services.reflections.open(c.user, id(), "after"));
  if (!opened.ok) return void (await ctx.reply(ctx.t(`errors-${opened.code}`)));
  if (opened.value.done) return void (await ctx.reply(ctx.t("reflection-after-already")));
  await ctx.reply(ctx.t("reflection-after-intro", { title: opened.value.trialTitle }));

  const answers: Partial<Record<AfterTextQuestion, string>> = {};
  for (const [i, q] of AFTER_TEXT_QUESTIONS.entries()) {
    const answer = await textQuestion(conversation, ctx, q, `reflection-after-q-${q}`, i > 0);
    if (answer !== null) answers[q] = answer;
  }
  const liked = await buttonQuestion(conversation, ctx, "liked", "reflection-after-liked", TRI_ROW);
  const wouldChoose = await buttonQuestion(conversation, ctx, "wouldChoose", "reflection-after-would-choose", TRI_ROW);
  const useful = await buttonQuestion(conversation, ctx, "useful", "reflection-after-useful", TRI_ROW);
  const rating = await buttonQuestion(conversation, ctx, "rating", "reflection-after-rating", ONE_TO_FIVE);

  const selfAssessment = {} as Record<SelfAssessmentCriterion, number>;
  for (const criterion of SELF_ASSESSMENT_CRITERIA) {
    const score = await buttonQuestion(conversation, ctx, criterion, `reflection-self-${criterion}`, [
      [["1", "reflection-score-1"], ["2", "reflection-score-2"], ["3", "reflection-score-3"]],
    ]);
    selfAssessment[criterion] = Number(score);
  }
  const interest = await buttonQuestion(conversation, ctx, "interest", "reflection-after-interest", ONE_TO_FIVE);

  const file = await artifactQuestion(conversation, ctx);
  let artifact: AfterReflectionInput["artifact"];
  if (file) {
    const inPortfolio = await buttonQuestion(conversation, ctx, "portfolio", "reflection-after-portfolio", YES_NO);
    artifact = { ...file, inPortfolio: inPortfolio === "yes" };
  }
  const share = await buttonQuestion(conversation, ctx, "share", "reflection-after-share", YES_NO);

  const input: AfterReflectionInput = { answers, liked, wouldChoose, useful, rating: Number(rating), selfAssessment, interestAfter: Number(interest), artifact, shareWithParents: share === "yes" };
  const saved = await attempt(conversation, (c) => c.deps.services.reflections.saveAfter(c.user, id(), input));
  if (!saved.ok) return void (await ctx.reply(ctx.t(`errors-${saved.code}`)));
  await ctx.reply(ctx.t("reflection-after-saved"));
}
