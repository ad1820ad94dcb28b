import { Composer, InlineKeyboard, InputFile } from "grammy";
import { QUESTIONNAIRE_SCENE } from "../../../scenes/ids.js";
import { findInstrument, INSTRUMENTS } from "../../content/instruments/index.js";
import { professionKey } from "../../content/professions.js";
import { instrumentKeys, type Instrument, type Scale } from "../../domain/questionnaire.js";
import type { ResultView } from "../../services/questionnaires.js";
import { itemAnswerData, itemBackData, openResultData, pickInstrumentData, resumeRunData, tryScaleData } from "../callback-data/questionnaire.js";
import { trialCardData } from "../callback-data/catalogue.js";
import { menuData } from "../callback-data/menu.js";
import { renderProfileChart, type ProfileChart } from "../charts/profile-chart.js";
import type { BagdarContext, SceneContext } from "../context.js";
import { formatDate } from "../format.js";
import { buttonTitle } from "../keyboards/catalogue.js";
import { shortWhen } from "../trial-text.js";

type Translate = SceneContext["t"];

/** How many past results /results offers to open again. */
const RESULTS_TO_OPEN = 5;

function scaleOf(instrument: Instrument, id: string): Scale | undefined {
  return instrument.scales.find((scale) => scale.id === id);
}

function professionList(scale: Scale, t: Translate): string {
  return scale.professions.map((id) => t(professionKey(id))).join(", ");
}

/** The pupil's school's zone for dates, or the configured default. */
async function timeZoneOf(ctx: BagdarContext): Promise<string> {
  const schoolId = ctx.user?.schoolId;
  if (!schoolId) return ctx.deps.config.defaultTimezone;
  return (await ctx.deps.services.schools.get(schoolId).catch(() => undefined))?.timezone ?? ctx.deps.config.defaultTimezone;
}

function localeOf(ctx: BagdarContext) {
  return ctx.user?.locale ?? ctx.deps.config.defaultLocale;
}

/** The bar chart of every scale, strongest first, with the top three in full colour. */
export function resultChart(instrument: Instrument, result: ResultView, t: Translate, subtitle?: string): ProfileChart {
  const keys = instrumentKeys(instrument);
  const highlighted = new Set(result.shape === "clear" ? result.top : []);
  return {
    title: t("questionnaire-chart-title", { title: t(keys.title) }),
    subtitle,
    bars: result.ranking.map((id) => ({
      label: t(keys.scaleName(id)),
      score: result.scores[id] ?? 0,
      max: result.maxima[id] ?? 0,
      color: scaleOf(instrument, id)?.color ?? "#888888",
      highlight: highlighted.has(id),
    })),
  };
}

/**
 * The result: the chart as a photo with a caption, then the closest scales with warm words and
 * example professions, ending in "What would you like to try?" with a button per direction.
 * An invitation, never a verdict (seed 001, lines 7476–7480: no "untalented", no "not for you").
 */
export async function sendResultCard(ctx: BagdarContext, result: ResultView, options: { dated: boolean }): Promise<void> {
  const instrument = findInstrument(result.instrumentId);
  if (!instrument) return void (await ctx.reply(ctx.t("errors-not-found")));
  const keys = instrumentKeys(instrument);
  const t = ctx.t.bind(ctx);

  const date = options.dated ? formatDate(result.completedAt, localeOf(ctx), await timeZoneOf(ctx)) : undefined;
  const code = result.code && result.shape === "clear" ? t("questionnaire-result-code", { code: result.code }) : undefined;
  const chart = await renderProfileChart(resultChart(instrument, result, t, [date, code].filter(Boolean).join(" · ") || undefined));
  const caption = [t("questionnaire-chart-title", { title: t(keys.title) }), code, date].filter(Boolean).join("\n");
  await ctx.replyWithPhoto(new InputFile(chart, `bagdar-${instrument.id}.png`), { caption });

  const paragraphs: string[] = [];
  if (result.shape === "clear") {
    paragraphs.push(t("questionnaire-result-top"));
    result.top.forEach((id, i) => {
      const scale = scaleOf(instrument, id);
      if (!scale) return;
      paragraphs.push(
        [`${i + 1}. ${t(keys.scaleName(id))}`, t(keys.scaleAbout(id)), t("questionnaire-result-examples", { list: professionList(scale, t) })].join("\n"),
      );
    });
    if (result.tiedAtCut) paragraphs.push(t("questionnaire-result-ties"));
  } else {
    paragraphs.push(t(result.shape === "even" ? "questionnaire-result-even" : "questionnaire-result-quiet"));
  }
  paragraphs.push(t("questionnaire-result-note"));
  paragraphs.push(`👉 ${t("questionnaire-try")}`);

  // A flat profile points nowhere in particular, so every direction is offered.
  const offered = result.shape === "clear" ? result.top : result.ranking;
  const keyboard = new InlineKeyboard();
  for (const id of offered) keyboard.text(t(keys.scaleName(id)), tryScaleData.pack({ instrument: instrument.id, scale: id })).row();
  keyboard.text(t("menu-home"), menuData.pack({ action: "home" }));
  await ctx.reply(paragraphs.join("\n\n"), { reply_markup: keyboard });
}

/**
 * The card of a result just completed. Drawing the chart takes longer than storing the answer,
 * so the card is sent right after the update that completed the run, not within it. If it fails,
 * the pupil hears so; the result itself is saved, and /results shows it.
 */
export function sendResultCardAfterUpdate(ctx: BagdarContext, result: ResultView): void {
  ctx.background.run("result-card", () =>
    sendResultCard(ctx, result, { dated: false }).catch(async (error: unknown) => {
      await ctx.reply(ctx.t("errors-generic")).catch(() => undefined);
      throw error;
    }),
  );
}

/** One direction under "What would you like to try?": where to look, and matching upcoming trials, each a button to its card. */
export async function showDirection(ctx: BagdarContext, instrument: Instrument, scale: Scale): Promise<void> {
  const keys = instrumentKeys(instrument);
  const trials = await ctx.deps.services.recommendations.matchingTrialsFor(ctx.user, scale.directions);
  const timeZone = await timeZoneOf(ctx);
  const lines = [
    ctx.t(keys.scaleName(scale.id)),
    ctx.t(keys.scaleAbout(scale.id)),
    `${ctx.t("questionnaire-direction-where", { places: ctx.t(keys.scaleTry(scale.id)) })}\n${ctx.t("questionnaire-direction-examples", { list: professionList(scale, ctx.t.bind(ctx)) })}`,
    trials.length > 0
      ? [ctx.t("questionnaire-direction-trials"), ...trials.map((trial) => `• ${trial.title} — ${formatDate(trial.startsAt, localeOf(ctx), timeZone)}`)].join("\n")
      : ctx.t("questionnaire-direction-no-trials"),
  ];
  // Each suggested trial opens its card as a new message, so this direction stays on screen.
  const keyboard = new InlineKeyboard();
  for (const trial of trials) keyboard.text(`🎟 ${buttonTitle(trial.title)} · ${shortWhen(trial.startsAt, timeZone)}`, trialCardData.pack({ trial: trial.trialId, back: "n", page: 0 })).row();
  keyboard.text(ctx.t("menu-home"), menuData.pack({ action: "home" }));
  await ctx.reply(lines.join("\n\n"), { reply_markup: keyboard });
}

/** The menu's "📝 Interest questionnaire": each instrument, or how far its unfinished run got. */
export async function showQuestionnairePicker(ctx: BagdarContext): Promise<void> {
  const open = await ctx.deps.services.questionnaires.openRuns(ctx.user);
  const keyboard = new InlineKeyboard();
  for (const instrument of INSTRUMENTS) {
    const keys = instrumentKeys(instrument);
    const total = instrument.items.length;
    const run = open[instrument.id];
    const label =
      run && run.position > 0
        ? ctx.t("questionnaire-pick-continue", { icon: instrument.icon, title: ctx.t(keys.title), done: run.position, total })
        : ctx.t("questionnaire-pick-button", { icon: instrument.icon, title: ctx.t(keys.title), size: ctx.t(keys.size, { total }) });
    keyboard.text(label, pickInstrumentData.pack({ instrument: instrument.id })).row();
  }
  await ctx.reply(ctx.t("questionnaire-pick"), { reply_markup: keyboard });
}

/** "Continue or start over?" for a run with answers. */
async function offerResume(ctx: BagdarContext, instrument: Instrument, done: number): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(ctx.t("questionnaire-continue"), resumeRunData.pack({ instrument: instrument.id, action: "continue" }))
    .row()
    .text(ctx.t("questionnaire-restart"), resumeRunData.pack({ instrument: instrument.id, action: "restart" }));
  const title = ctx.t(instrumentKeys(instrument).title);
  await ctx.reply(ctx.t("questionnaire-resume", { title, done, total: instrument.items.length }), { reply_markup: keyboard });
}

/** Enters the scene for a run; a dialog left open elsewhere is closed first (its answers, if any, are kept by its own scene). */
async function enterRun(ctx: BagdarContext, runId: string): Promise<void> {
  if (Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll();
  await ctx.conversation.enter(QUESTIONNAIRE_SCENE, runId);
}

async function startFresh(ctx: BagdarContext, instrument: Instrument): Promise<void> {
  const run = await ctx.deps.services.questionnaires.start(ctx.user, instrument.id, localeOf(ctx));
  await ctx.reply(ctx.t(instrumentKeys(instrument).intro, { total: run.total }));
  await enterRun(ctx, run.runId);
}

async function openInstrument(ctx: BagdarContext, instrument: Instrument): Promise<void> {
  const open = await ctx.deps.services.questionnaires.openRun(ctx.user, instrument.id);
  if (!open) return startFresh(ctx, instrument);
  if (open.position === 0) {
    await ctx.reply(ctx.t(instrumentKeys(instrument).intro, { total: open.total }));
    return enterRun(ctx, open.runId);
  }
  await offerResume(ctx, instrument, open.position);
}

/** /results: every completed result with its date, newest first; the newest drives recommendations. */
export async function showResults(ctx: BagdarContext): Promise<void> {
  const history = await ctx.deps.services.questionnaires.history(ctx.user);
  if (history.length === 0) {
    const keyboard = new InlineKeyboard().text(ctx.t("results-take"), menuData.pack({ action: "questionnaire" }));
    return void (await ctx.reply(ctx.t("results-none"), { reply_markup: keyboard }));
  }
  const locale = localeOf(ctx);
  const timeZone = await timeZoneOf(ctx);
  const describe = (result: ResultView) => {
    const instrument = findInstrument(result.instrumentId)!;
    const keys = instrumentKeys(instrument);
    const date = formatDate(result.completedAt, locale, timeZone);
    const names = result.top.map((id) => ctx.t(keys.scaleName(id))).join(", ");
    const code = result.code && result.shape === "clear" ? ` (${result.code})` : "";
    return { date, title: `${instrument.icon} ${ctx.t(keys.title)}`, line: `• ${date} — ${instrument.icon} ${ctx.t(keys.title)}${code}: ${names}` };
  };
  const lines = history.map(describe);
  const keyboard = new InlineKeyboard();
  history.slice(0, RESULTS_TO_OPEN).forEach((result, i) => {
    keyboard.text(`📊 ${lines[i]!.date} · ${lines[i]!.title}`, openResultData.pack({ id: result.id })).row();
  });
  keyboard.text(ctx.t("results-take"), menuData.pack({ action: "questionnaire" }));
  await ctx.reply([ctx.t("results-title"), lines.map((l) => l.line).join("\n"), ctx.t("results-latest")].join("\n\n"), { reply_markup: keyboard });
}

export const questionnaireFeature = new Composer<BagdarContext>();
const privateChats = questionnaireFeature.chatType("private");

privateChats.command("questionnaire", showQuestionnairePicker);
privateChats.command("results", showResults);

privateChats.callbackQuery(pickInstrumentData.filter, async (ctx) => {
  const instrument = findInstrument(pickInstrumentData.unpack(ctx.callbackQuery.data)?.instrument ?? "");
  if (!instrument) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await openInstrument(ctx, instrument);
});

privateChats.callbackQuery(resumeRunData.filter, async (ctx) => {
  const data = resumeRunData.unpack(ctx.callbackQuery.data);
  const instrument = findInstrument(data?.instrument ?? "");
  if (!data || !instrument) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (data.action === "restart") return startFresh(ctx, instrument);
  const open = await ctx.deps.services.questionnaires.openRun(ctx.user, instrument.id);
  if (!open) return startFresh(ctx, instrument);
  await enterRun(ctx, open.runId);
});

// An item's button outside its scene: after completion, after /cancel, or from a run started over.
privateChats.callbackQuery([itemAnswerData.filter, itemBackData.filter], async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const data = itemAnswerData.unpack(ctx.callbackQuery.data) ?? itemBackData.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.user) return;
  // The run is still open: offer to go on, so a pupil who left does not have to find the menu.
  const progress = await ctx.deps.services.questionnaires.progress(ctx.user, data.run).catch(() => undefined);
  const instrument = progress ? findInstrument(progress.instrument.split("@")[0]!) : undefined;
  if (progress && instrument && progress.position > 0) await offerResume(ctx, instrument, progress.position);
});

privateChats.callbackQuery(tryScaleData.filter, async (ctx) => {
  const data = tryScaleData.unpack(ctx.callbackQuery.data);
  const instrument = findInstrument(data?.instrument ?? "");
  const scale = instrument && data ? scaleOf(instrument, data.scale) : undefined;
  if (!instrument || !scale) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await showDirection(ctx, instrument, scale);
});

privateChats.callbackQuery(openResultData.filter, async (ctx) => {
  const id = openResultData.unpack(ctx.callbackQuery.data)?.id;
  if (!id) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await sendResultCard(ctx, await ctx.deps.services.questionnaires.result(ctx.user, id), { dated: true });
});
