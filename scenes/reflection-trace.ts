import { Types } from "mongoose";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { objectIdField } from "../src/domain/callback-data.js";
import { TRACE_QUESTIONS, type TraceReflectionInput } from "../src/services/reflections.js";
import { attempt } from "./kit.js";
import { textQuestion } from "./reflection-after.js";

/**
 * The "trace" reflection a day or two after the trial (seed 001, 7482–7492): what was new, what
 * was easy or hard, which demands suit me, which raise doubts, and my next step (required; the
 * others may be skipped). Stored at once at the end.
 */
export async function reflectionTrace(conversation: BagdarConversation, ctx: SceneContext, registrationId?: string): Promise<void> {
  if (!registrationId || !objectIdField.safeParse(registrationId).success) return void (await ctx.reply(ctx.t("errors-not-found")));
  const id = () => new Types.ObjectId(registrationId);
  const opened = await attempt(conversation, (c) => c.deps.services.reflections.open(c.user, id(), "trace"));
  if (!opened.ok) return void (await ctx.reply(ctx.t(`errors-${opened.code}`)));
  if (opened.value.done) return void (await ctx.reply(ctx.t("reflection-trace-already")));
  await ctx.reply(ctx.t("reflection-trace-intro", { title: opened.value.trialTitle }));

  const answers: TraceReflectionInput = {};
  for (const q of TRACE_QUESTIONS) {
    const answer = await textQuestion(conversation, ctx, `t${q}`, `reflection-trace-q-${q}`, q !== "nextStep");
    if (answer !== null) answers[q] = answer;
  }
  const saved = await attempt(conversation, (c) => c.deps.services.reflections.saveTrace(c.user, id(), answers));
  if (!saved.ok) return void (await ctx.reply(ctx.t(`errors-${saved.code}`)));
  await ctx.reply(ctx.t("reflection-trace-saved"));
}
