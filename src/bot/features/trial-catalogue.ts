import { Composer } from "grammy";
import { Types } from "mongoose";
import { TRIAL_SIGNUP_SCENE } from "../../../scenes/ids.js";
import { ACTIVE_REGISTRATION_STATUSES } from "../../db/models/registration.js";
import { requireRole } from "../../services/authorization.js";
import { DomainError, NotFound } from "../../services/errors.js";
import { hasRole } from "../../services/users.js";
import { cancelSignUpData, cataloguePageData, myTrialsData, signUpData, trialCardData } from "../callback-data/catalogue.js";
import { objectIdField } from "../callback-data/factory.js";
import type { BagdarContext } from "../context.js";
import { cancelConfirmScreen, cancelledScreen, catalogueScreen, myTrialsScreen, trialCardScreen, type Back, type Screen } from "../keyboards/catalogue.js";
import { renderScreen } from "../screen.js";
import type { TrialReading } from "../trial-text.js";
import { showSchoolTrials } from "./trial-manage.js";

/** The pupil's side of trials: the catalogue, a trial's card, sign-up, "My trials" and cancelling. */
export const trialCatalogueFeature = new Composer<BagdarContext>();
const privateChats = trialCatalogueFeature.chatType("private");

type How = "reply" | "replace";

function readingOf(ctx: BagdarContext): TrialReading {
  return { t: ctx.t.bind(ctx), locale: ctx.user?.locale ?? ctx.deps.config.defaultLocale };
}

/** Commands and the main menu send a new message, so the menu stays; a button replaces the screen it is on. */
async function show(ctx: BagdarContext, screen: Screen, how: How): Promise<void> {
  if (how === "replace") return renderScreen(ctx, screen);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

/** "🔎 Find a trial" and /trials for a pupil: upcoming trials they may join, best match first. */
export async function showCatalogue(ctx: BagdarContext, how: How = "reply", page = 0): Promise<void> {
  const entries = await ctx.deps.services.trials.catalogue(ctx.user);
  await show(ctx, catalogueScreen(entries, page, readingOf(ctx)), how);
}

/** "🎟 My trials" and /mytrials: the pupil's registrations with status and waiting-list place. */
export async function showMyTrials(ctx: BagdarContext, how: How = "reply"): Promise<void> {
  const list = await ctx.deps.services.registrations.mine(ctx.user);
  await show(ctx, myTrialsScreen(list, readingOf(ctx)), how);
}

/** One trial's card for a pupil (from the catalogue, the questionnaire or a `/start trial-<id>` link). */
export async function showTrialCard(ctx: BagdarContext, trialId: string, back: Back = { to: "catalogue", page: 0 }, how: How = "reply"): Promise<void> {
  if (!objectIdField.safeParse(trialId).success) throw new NotFound("trial");
  const card = await ctx.deps.services.trials.card(ctx.user, new Types.ObjectId(trialId));
  await show(ctx, trialCardScreen(card, back, { ...readingOf(ctx), now: ctx.deps.clock.now() }), how);
}

/** /trials: the catalogue for a pupil; a teacher (who is not also a pupil) gets the school's trials. */
privateChats.command("trials", async (ctx) => {
  if (!hasRole(ctx.user, "student") && hasRole(ctx.user, "teacher")) return showSchoolTrials(ctx);
  await showCatalogue(ctx);
});

privateChats.command("mytrials", (ctx) => showMyTrials(ctx));

privateChats.callbackQuery(cataloguePageData.filter, async (ctx) => {
  const data = cataloguePageData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await showCatalogue(ctx, "replace", data.page);
  await ctx.answerCallbackQuery();
});

privateChats.callbackQuery(myTrialsData.filter, async (ctx) => {
  if (!myTrialsData.unpack(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await showMyTrials(ctx, "replace");
  await ctx.answerCallbackQuery();
});

privateChats.callbackQuery(trialCardData.filter, async (ctx) => {
  const data = trialCardData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const back: Back = data.back === "m" ? { to: "my-trials" } : { to: "catalogue", page: data.page };
  await showTrialCard(ctx, data.trial, back, data.back === "n" ? "reply" : "replace");
  await ctx.answerCallbackQuery();
});

// The card is read again first: someone already signed up, or kept out, hears so without entering the dialog.
privateChats.callbackQuery(signUpData.filter, async (ctx) => {
  const data = signUpData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const card = await ctx.deps.services.trials.card(ctx.user, new Types.ObjectId(data.trial));
  await ctx.answerCallbackQuery();
  if (card.mine) throw new DomainError("signup-already");
  if (card.block) throw new DomainError(`signup-${card.block}`);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll();
  await ctx.conversation.enter(TRIAL_SIGNUP_SCENE, data.trial);
});

privateChats.callbackQuery(cancelSignUpData.filter, async (ctx) => {
  const data = cancelSignUpData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  requireRole(ctx.user, "student");
  const { registrations } = ctx.deps.services;
  const id = new Types.ObjectId(data.registration);
  // Only the pupil's own registration is found: a forged id of someone else's reads as "not found".
  const mine = await registrations.myRegistration(ctx.user, id);
  if (data.action === "ask") {
    if (!(ACTIVE_REGISTRATION_STATUSES as readonly string[]).includes(mine.status)) throw new DomainError("registration-not-active");
    if (mine.trial.startsAt.getTime() <= ctx.deps.clock.now().getTime()) throw new DomainError("trial-started");
    await renderScreen(ctx, cancelConfirmScreen(mine, readingOf(ctx)));
    return ctx.answerCallbackQuery();
  }
  const { previous } = await registrations.cancel(ctx.user, id);
  await renderScreen(ctx, cancelledScreen(mine.trial.title, previous !== "waitlisted", readingOf(ctx)));
  await ctx.answerCallbackQuery();
});
