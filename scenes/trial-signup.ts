import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { signUpInterestData } from "../src/bot/callback-data/catalogue.js";
import { menuData } from "../src/bot/callback-data/menu.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import { dateTime, trialWhen } from "../src/bot/trial-text.js";
import { BEFORE_ANSWER_MAX } from "../src/services/registrations.js";
import { attempt, run, step, type TextCheck } from "./kit.js";

const INTEREST_LEVELS = [1, 2, 3, 4, 5] as const;

/** A free-text answer of the "before" reflection: some words, at most BEFORE_ANSWER_MAX characters (as the service counts them). */
function checkAnswer(typed: string): TextCheck<string> {
  const value = typed.normalize("NFC").trim();
  if (value.length === 0) return { ok: false, errorKey: "signup-answer-empty" };
  if (value.length > BEFORE_ANSWER_MAX) return { ok: false, errorKey: "signup-answer-too-long", params: { max: BEFORE_ANSWER_MAX, length: value.length } };
  return { ok: true, value };
}

function askText(conversation: BagdarConversation, ctx: SceneContext, question: string): Promise<string> {
  return step(conversation, ctx, {
    ask: (c) => c.reply(c.t(question)),
    text: checkAnswer,
    expected: "signup-text-expected",
  });
}

/**
 * A pupil signs up for a trial (entered with the trial's id): the short "before" reflection, then the
 * seat or the waiting list. Seed 001, form В, "before the trial": what do I expect, what worries me
 * or might be hard; and interest right now, 1–5 (DESIGN §6). Nothing is stored until the last answer.
 */
export async function trialSignup(conversation: BagdarConversation, ctx: SceneContext, trialId?: string): Promise<void> {
  if (!trialId || !Types.ObjectId.isValid(trialId) || new Types.ObjectId(trialId).toHexString() !== trialId) {
    await ctx.reply(ctx.t("errors-not-found"));
    return;
  }
  const opened = await attempt(conversation, (c) => c.deps.services.trials.card(c.user, new Types.ObjectId(trialId)));
  if (!opened.ok) return void (await ctx.reply(ctx.t(`errors-${opened.code}`)));
  const card = opened.value;
  if (card.mine) return void (await ctx.reply(ctx.t("errors-signup-already")));
  if (card.block) return void (await ctx.reply(ctx.t(`errors-signup-${card.block}`)));
  const title = card.trial.title;
  const locale = ctx.user?.locale ?? ctx.deps.config.defaultLocale;

  await ctx.reply(ctx.t("signup-intro", { title, when: trialWhen(card.trial, locale) }));
  const expect = await askText(conversation, ctx, "signup-expect");
  const worries = await askText(conversation, ctx, "signup-worries");
  const interest = await step(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("signup-interest"), {
        reply_markup: InlineKeyboard.from([INTEREST_LEVELS.map((value) => InlineKeyboard.text(String(value), signUpInterestData.pack({ trial: trialId, value })))]),
      }),
    button: (data) => {
      const value = signUpInterestData.unpack(data);
      return value?.trial === trialId ? value.value : undefined;
    },
    expected: "signup-interest-expected",
  });

  const outcome = await attempt(conversation, (c) => c.deps.services.registrations.signUp(c.user, new Types.ObjectId(trialId), { expect, worries, interest }));
  if (!outcome.ok) return void (await ctx.reply(ctx.t(`errors-${outcome.code}`)));
  const next = new InlineKeyboard().text(ctx.t("menu-my-trials"), menuData.pack({ action: "my-trials" })).row().text(ctx.t("menu-trials"), menuData.pack({ action: "trials" }));
  const result = outcome.value;
  if (result.status === "waitlisted") {
    await ctx.reply(ctx.t("signup-waitlisted", { title, position: result.position }), { reply_markup: next });
    return;
  }
  // The parents' consent request goes out with the seat; with no parent linked yet, nobody can give it.
  const parents = await run(conversation, async (c) => (await c.deps.services.guardianships.guardiansOf(c.user!)).length);
  if (parents > 0) return void (await ctx.reply(ctx.t("signup-seat", { title }), { reply_markup: next }));
  const invite = new InlineKeyboard().text(ctx.t("menu-invite-parent"), menuData.pack({ action: "invite-parent" })).row().text(ctx.t("menu-my-trials"), menuData.pack({ action: "my-trials" }));
  await ctx.reply(ctx.t("signup-seat-no-parent", { title, deadline: dateTime(card.trial.consentDeadline, card.trial.timezone, locale) }), { reply_markup: invite });
}
