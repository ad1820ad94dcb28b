import { Composer, InputFile } from "grammy";
import { Types } from "mongoose";
import { DomainError } from "../../services/errors.js";
import type { Roster } from "../../services/registrations.js";
import { rosterConsentData, rosterCsvData, rosterMarkData, rosterOpenData, rosterPageData } from "../callback-data/roster.js";
import type { BagdarContext } from "../context.js";
import { rosterScreen } from "../keyboards/roster.js";
import { rosterCsv, rosterFileName } from "../roster-csv.js";
import { renderScreen } from "../screen.js";
import { shortWhen, type TrialReading } from "../trial-text.js";

/** A trial's roster for its school's teachers: consent, photo rules, health notes, attendance, CSV. */
export const rosterFeature = new Composer<BagdarContext>();
const privateChats = rosterFeature.chatType("private");

const reading = (ctx: BagdarContext): TrialReading => ({ t: ctx.t, locale: ctx.user?.locale ?? ctx.deps.config.defaultLocale });

/** The service decides who may see it: staff of the trial's school, or an admin. */
const loadRoster = (ctx: BagdarContext, trialId: string): Promise<Roster> => ctx.deps.services.registrations.roster(ctx.user, new Types.ObjectId(trialId));

async function showRoster(ctx: BagdarContext, trialId: string, page: number, notice?: string): Promise<void> {
  const roster = await loadRoster(ctx, trialId);
  await renderScreen(ctx, rosterScreen(roster, reading(ctx), page, notice));
}

/**
 * A refusal about this pupil's registration that a second tap or an old screen explains
 * (already confirmed, trial not started yet…): said in a toast, with the roster as it is now.
 * Not being allowed is never softened: the error handler says so.
 */
async function refusedGently(ctx: BagdarContext, error: unknown, trialId: string, page: number): Promise<void> {
  if (!(error instanceof DomainError) || error.code === "not-allowed" || error.code === "not-found") throw error;
  await ctx.answerCallbackQuery({ text: ctx.t(`errors-${error.code}`) });
  await showRoster(ctx, trialId, page);
}

// Opening, 🔄 and paging: the service re-checks the school every time, so a forged trial id is refused.
privateChats.callbackQuery(rosterOpenData.filter, async (ctx) => {
  const data = rosterOpenData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const roster = await loadRoster(ctx, data.trial);
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, rosterScreen(roster, reading(ctx), 0));
});

privateChats.callbackQuery(rosterPageData.filter, async (ctx) => {
  const data = rosterPageData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const roster = await loadRoster(ctx, data.trial);
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, rosterScreen(roster, reading(ctx), data.page));
});

// "✍️ Consent received": the teacher holds a signed paper consent; the service records it under their name.
privateChats.callbackQuery(rosterConsentData.filter, async (ctx) => {
  const data = rosterConsentData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  // Reading the roster first checks the teacher's school and spots a second tap before anything is written.
  const before = await loadRoster(ctx, data.trial);
  const entry = before.entries.find((e) => e.registrationId.toHexString() === data.reg);
  if (entry && entry.status !== "pending_consent") {
    await ctx.answerCallbackQuery({ text: ctx.t("errors-registration-not-pending") });
    return renderScreen(ctx, rosterScreen(before, reading(ctx), data.page));
  }
  try {
    // An id not on this roster is the service's to judge: it is refused unless the teacher runs that trial too.
    await ctx.deps.services.registrations.markConsentReceived(ctx.user, new Types.ObjectId(data.reg));
  } catch (error) {
    return refusedGently(ctx, error, data.trial, data.page);
  }
  await ctx.answerCallbackQuery({ text: ctx.t("roster-consent-recorded") });
  await showRoster(ctx, data.trial, data.page);
});

// ✅ / ❌: one tap per pupil from the start on; tapping the same mark again changes nothing.
privateChats.callbackQuery(rosterMarkData.filter, async (ctx) => {
  const data = rosterMarkData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const attended = data.mark === "a";
  const before = await loadRoster(ctx, data.trial);
  const entry = before.entries.find((e) => e.registrationId.toHexString() === data.reg);
  if (entry && entry.status === (attended ? "attended" : "no_show")) {
    await ctx.answerCallbackQuery({ text: ctx.t("roster-already-marked") });
    return renderScreen(ctx, rosterScreen(before, reading(ctx), data.page));
  }
  try {
    await ctx.deps.services.registrations.markAttendance(ctx.user, new Types.ObjectId(data.reg), attended);
  } catch (error) {
    return refusedGently(ctx, error, data.trial, data.page);
  }
  await ctx.answerCallbackQuery({ text: ctx.t(attended ? "roster-marked-present" : "roster-marked-absent") });
  await showRoster(ctx, data.trial, data.page);
});

// "📄 CSV": the whole roster, not just the page on screen, as a document the teacher can open in Excel.
privateChats.callbackQuery(rosterCsvData.filter, async (ctx) => {
  const data = rosterCsvData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const roster = await loadRoster(ctx, data.trial);
  await ctx.answerCallbackQuery();
  const { trial } = roster;
  await ctx.replyWithDocument(new InputFile(rosterCsv(roster, ctx.t), rosterFileName(roster)), {
    caption: ctx.t("roster-csv-caption", { title: trial.title, when: shortWhen(trial.startsAt, trial.timezone), count: roster.entries.length }),
  });
});
