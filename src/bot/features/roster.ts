import { Composer, InputFile } from "grammy";
import { Types } from "mongoose";
import { isAdmin } from "../../services/authorization.js";
import { DomainError, NotAllowed } from "../../services/errors.js";
import type { Roster } from "../../services/registrations.js";
import { rosterArtifactsData, rosterCsvData, rosterEvidenceData, rosterMarkData, rosterOpenData, rosterPageData, rosterPupilReflectionsData, rosterReflectionsData } from "../callback-data/roster.js";
import { consentEvidenceCsv, evidenceFileName } from "../consent-evidence-csv.js";
import type { BagdarContext } from "../context.js";
import { rosterScreen } from "../keyboards/roster.js";
import { rosterCsv, rosterFileName } from "../roster-csv.js";
import { pupilReflectionsScreen, trialReflectionsScreen } from "../reflections-view.js";
import { renderScreen } from "../screen.js";
import { shortWhen, type TrialReading } from "../trial-text.js";

/** A trial's roster for its school's teachers: live consent, photo rules, health notes, attendance, CSV; consent evidence for admins. */
export const rosterFeature = new Composer<BagdarContext>();
const privateChats = rosterFeature.chatType("private");

const reading = (ctx: BagdarContext): TrialReading => ({ t: ctx.t, locale: ctx.user?.locale ?? ctx.deps.config.defaultLocale });

/** The service decides who may see it: staff of the trial's school, or an admin. */
const loadRoster = (ctx: BagdarContext, trialId: string): Promise<Roster> => ctx.deps.services.registrations.roster(ctx.user, new Types.ObjectId(trialId));

/** The roster screen as this person may use it: the evidence button is for admins only. */
const screenOf = (ctx: BagdarContext, roster: Roster, page: number, notice?: string) => rosterScreen(roster, reading(ctx), page, notice, { evidence: isAdmin(ctx.user) });

async function showRoster(ctx: BagdarContext, trialId: string, page: number, notice?: string): Promise<void> {
  const roster = await loadRoster(ctx, trialId);
  await renderScreen(ctx, screenOf(ctx, roster, page, notice));
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
  await renderScreen(ctx, screenOf(ctx, roster, 0));
});

privateChats.callbackQuery(rosterPageData.filter, async (ctx) => {
  const data = rosterPageData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const roster = await loadRoster(ctx, data.trial);
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, screenOf(ctx, roster, data.page));
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
    return renderScreen(ctx, screenOf(ctx, before, data.page));
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

// "🧾 Consent evidence (CSV)": every consent record behind the roster, with text version and hash. Admins only.
privateChats.callbackQuery(rosterEvidenceData.filter, async (ctx) => {
  const data = rosterEvidenceData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  if (!isAdmin(ctx.user)) throw new NotAllowed("consent evidence is for admins");
  const roster = await loadRoster(ctx, data.trial);
  const rows = await ctx.deps.services.consents.evidence(ctx.user, roster.trial.id);
  await ctx.answerCallbackQuery();
  const { trial } = roster;
  await ctx.replyWithDocument(new InputFile(consentEvidenceCsv(rows, trial.timezone, ctx.t), evidenceFileName(roster)), {
    caption: ctx.t("roster-evidence-caption", { title: trial.title, when: shortWhen(trial.startsAt, trial.timezone), count: rows.length }),
  });
});

// "📝 Reflections": who of those who came has written which reflection; the service checks the school.
privateChats.callbackQuery(rosterReflectionsData.filter, async (ctx) => {
  const data = rosterReflectionsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const view = await ctx.deps.services.portfolio.trialReflections(ctx.user, new Types.ObjectId(data.trial));
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, trialReflectionsScreen(view, ctx.t, data.page));
});

// One pupil's reflections and the artefacts they chose for the portfolio.
privateChats.callbackQuery(rosterPupilReflectionsData.filter, async (ctx) => {
  const data = rosterPupilReflectionsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const view = await ctx.deps.services.portfolio.pupilReflections(ctx.user, new Types.ObjectId(data.trial), new Types.ObjectId(data.pupil));
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, pupilReflectionsScreen(view, ctx.t));
});

// "📎 Show artefacts": sent by file id; a photo of a pupil whose parents forbade photos is never sent.
privateChats.callbackQuery(rosterArtifactsData.filter, async (ctx) => {
  const data = rosterArtifactsData.unpack(ctx.callbackQuery.data);
  if (!data) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const view = await ctx.deps.services.portfolio.pupilReflections(ctx.user, new Types.ObjectId(data.trial), new Types.ObjectId(data.pupil));
  await ctx.answerCallbackQuery();
  const caption = `${view.lastName} ${view.firstName}`.trim();
  for (const artifact of view.artifacts) {
    if (!artifact.fileId) continue;
    if (artifact.kind === "photo") await ctx.replyWithPhoto(artifact.fileId, { caption });
    else await ctx.replyWithDocument(artifact.fileId, { caption });
  }
  if (view.artifacts.some((a) => a.withheld)) await ctx.reply(ctx.t("roster-reflection-photo-withheld"));
});
