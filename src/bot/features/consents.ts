import { Composer, InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { CONSENT_HEALTH_SCENE } from "../../../scenes/ids.js";
import type { PhotoScope } from "../../db/models/consent.js";
import type { Locale } from "../../db/models/user.js";
import {
  consentDecisionData,
  consentHealthData,
  consentOpenData,
  consentPhotoData,
  consentPhotoWithdrawData,
  consentsListData,
  consentWithdrawData,
} from "../../domain/consent-buttons.js";
import { requireRole } from "../../services/authorization.js";
import type { ChildConsents, ParticipationRequest } from "../../services/consents.js";
import { NotAllowed } from "../../services/errors.js";
import { consentPhotoAskData } from "../callback-data/consents.js";
import type { BagdarContext } from "../context.js";
import {
  consentsScreen,
  healthNoteKeyboard,
  participationKeyboard,
  photoKeyboard,
  photoQuestion,
  photoWithdrawQuestion,
  photoWithdrawScreen,
  withdrawQuestion,
  withdrawScreen,
} from "../keyboards/consents.js";
import { renderScreen } from "../screen.js";
import type { TrialReading } from "../trial-text.js";

/**
 * The guardian's side of consent: the buttons on the informed-consent request (and its
 * reminders), the photo/video answer, health notes, and /consents with change and withdrawal.
 *
 * Evidence: a decision is recorded with the exact text the guardian saw. The bot renders the
 * text again from the trial as it is now and compares it with the message the button was
 * tapped on; only when they are equal is the decision recorded (with that text, which the
 * service hashes). A trial changed since the message was sent gets its current text shown
 * afresh, and nothing is recorded. The services re-check the link to the child on every tap.
 */
export const consentsFeature = new Composer<BagdarContext>();
const privateChats = consentsFeature.chatType("private");

function readingOf(ctx: BagdarContext): TrialReading {
  return { t: ctx.t.bind(ctx), locale: ctx.user?.locale ?? ctx.deps.config.defaultLocale };
}

const localeOf = async (ctx: BagdarContext): Promise<Locale> => (await ctx.i18n.getLocale()) as Locale;

/** The text of the message the button was tapped on, as Telegram shows it; empty for a message too old to read. */
function tappedText(ctx: BagdarContext): string {
  const message = ctx.callbackQuery?.message;
  return message && "text" in message && typeof message.text === "string" ? message.text.trim() : "";
}

/** The answered message keeps its text and loses its buttons, so it cannot be tapped again by mistake. */
async function dropButtons(ctx: BagdarContext): Promise<void> {
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup().catch(() => undefined);
}

const stale = (ctx: BagdarContext) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") });

/** One of the guardian's children, by a button's id; a child of another family is not theirs to answer for. */
async function childOf(ctx: BagdarContext, studentId: string): Promise<ChildConsents> {
  const children = await ctx.deps.services.consents.overview(ctx.user);
  const child = children.find((c) => c.studentId.toHexString() === studentId);
  if (!child) throw new NotAllowed("not a guardian of this child");
  return child;
}

/** The informed-consent text of a request, rendered in the guardian's language from the trial as it is now. */
const requestText = (ctx: BagdarContext, request: ParticipationRequest): string => ctx.t("consent-request", request.params).trim();

export async function sendRequest(ctx: BagdarContext, request: ParticipationRequest): Promise<void> {
  await ctx.reply(requestText(ctx, request), { reply_markup: participationKeyboard(ctx.t, request.registrationId) });
}

async function askPhoto(ctx: BagdarContext, child: Pick<ChildConsents, "studentId" | "firstName">): Promise<void> {
  await ctx.reply(photoQuestion(ctx.t, child.firstName), { reply_markup: photoKeyboard(ctx.t, child.studentId) });
}

/** /consents, "✅ Consents" in the menu and "↩️ Back": every current consent, child by child. */
export async function showConsents(ctx: BagdarContext, how: "reply" | "replace" = "reply"): Promise<void> {
  requireRole(ctx.user, "guardian");
  const children = await ctx.deps.services.consents.overview(ctx.user);
  const screen = consentsScreen(children, readingOf(ctx));
  if (how === "replace") return renderScreen(ctx, screen);
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}

privateChats.command("consents", (ctx) => showConsents(ctx));

privateChats.callbackQuery(consentsListData.filter, async (ctx) => {
  if (!consentsListData.unpack(ctx.callbackQuery.data)) return stale(ctx);
  await showConsents(ctx, "replace");
  await ctx.answerCallbackQuery();
});

// "📝 Read and decide": the full informed-consent text again, with its two buttons.
privateChats.callbackQuery(consentOpenData.filter, async (ctx) => {
  const data = consentOpenData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const request = await ctx.deps.services.consents.request(ctx.user, new Types.ObjectId(data.registration));
  await ctx.answerCallbackQuery();
  await sendRequest(ctx, request);
});

// Agree / Refuse on the request, a reminder or a re-sent request.
privateChats.callbackQuery(consentDecisionData.filter, async (ctx) => {
  const data = consentDecisionData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const { consents } = ctx.deps.services;
  const registrationId = new Types.ObjectId(data.registration);
  // Not current (trial cancelled or started, registration gone) or not their child: the service refuses here.
  const request = await consents.request(ctx.user, registrationId);
  if (request.mine === data.decision) {
    await ctx.answerCallbackQuery({ text: ctx.t("consents-already") });
    return dropButtons(ctx);
  }
  const text = requestText(ctx, request);
  if (tappedText(ctx) !== text) {
    await ctx.answerCallbackQuery();
    await dropButtons(ctx);
    await ctx.reply(ctx.t("consents-changed"));
    return sendRequest(ctx, request);
  }
  await consents.decideParticipation(ctx.user, registrationId, data.decision, { text, locale: await localeOf(ctx) });
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  const params = { child: request.childFirstName, title: request.trial.title };
  if (data.decision === "refused") return void (await ctx.reply(ctx.t("consents-refused", params)));
  // Another parent may have confirmed the place already: then nobody new was told.
  const thanks = ctx.t(request.registrationStatus === "confirmed" ? "consents-granted-also" : "consents-granted", params);
  await ctx.reply(`${thanks}\n\n${ctx.t("consents-health-offer", params)}`, { reply_markup: healthNoteKeyboard(ctx.t, registrationId) });
  // The photo answer is asked once per child and kept until changed; the outbox usually asked already with the request.
  const child = (await consents.overview(ctx.user)).find((c) => c.studentId.equals(request.studentId));
  if (child && child.photo.mine === undefined && !child.photo.asked) await askPhoto(ctx, child);
});

// "📷 Change" on /consents: the photo question again.
privateChats.callbackQuery(consentPhotoAskData.filter, async (ctx) => {
  const data = consentPhotoAskData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const child = await childOf(ctx, data.student);
  await ctx.answerCallbackQuery();
  await askPhoto(ctx, child);
});

function photoSaved(ctx: BagdarContext, child: string, scope: PhotoScope, effective: string): string {
  const lines = [ctx.t(`consents-photo-saved-${scope}`, { child })];
  if (effective !== scope) lines.push(ctx.t("consents-photo-stricter", { scope: ctx.t(`consents-scope-${effective}`) }));
  lines.push(ctx.t("consents-photo-change-later"));
  return lines.join("\n\n");
}

// Publish / portfolio only / forbidden.
privateChats.callbackQuery(consentPhotoData.filter, async (ctx) => {
  const data = consentPhotoData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const child = await childOf(ctx, data.student);
  if (child.photo.mine === data.scope) {
    await ctx.answerCallbackQuery({ text: ctx.t("consents-already") });
    return dropButtons(ctx);
  }
  const text = photoQuestion(ctx.t, child.firstName);
  if (tappedText(ctx) !== text) {
    await ctx.answerCallbackQuery();
    await dropButtons(ctx);
    await ctx.reply(ctx.t("consents-question-changed"));
    return askPhoto(ctx, child);
  }
  const { effective } = await ctx.deps.services.consents.decidePhoto(ctx.user, child.studentId, data.scope, { text, locale: await localeOf(ctx) });
  await ctx.answerCallbackQuery();
  await dropButtons(ctx);
  await ctx.reply(photoSaved(ctx, child.firstName, data.scope, effective));
});

// Withdrawing the photo answer: "ask" shows the question, "yes" (the second tap) withdraws.
privateChats.callbackQuery(consentPhotoWithdrawData.filter, async (ctx) => {
  const data = consentPhotoWithdrawData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const child = await childOf(ctx, data.student);
  if (child.photo.mine !== "publish" && child.photo.mine !== "portfolio") {
    await ctx.answerCallbackQuery({ text: ctx.t("consents-photo-nothing", { child: child.firstName }) });
    return dropButtons(ctx);
  }
  if (data.step === "ask") {
    await renderScreen(ctx, photoWithdrawScreen(ctx.t, child));
    return ctx.answerCallbackQuery();
  }
  const text = photoWithdrawQuestion(ctx.t, child.firstName);
  if (tappedText(ctx) !== text) {
    await renderScreen(ctx, photoWithdrawScreen(ctx.t, child));
    return ctx.answerCallbackQuery();
  }
  await ctx.deps.services.consents.decidePhoto(ctx.user, child.studentId, "withdrawn", { text, locale: await localeOf(ctx) });
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, { text: ctx.t("consents-photo-withdrawn", { child: child.firstName }), keyboard: new InlineKeyboard().text(ctx.t("consents-back"), consentsListData.pack({})) });
});

// Withdrawing a participation consent: "ask", then "yes". The registration is cancelled at once.
privateChats.callbackQuery(consentWithdrawData.filter, async (ctx) => {
  const data = consentWithdrawData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  const { consents } = ctx.deps.services;
  const registrationId = new Types.ObjectId(data.registration);
  const request = await consents.request(ctx.user, registrationId);
  if (request.mine !== "granted") {
    await ctx.answerCallbackQuery({ text: ctx.t("consents-withdraw-nothing") });
    return dropButtons(ctx);
  }
  const reading = readingOf(ctx);
  if (data.step === "ask" || tappedText(ctx) !== withdrawQuestion(request, reading)) {
    await renderScreen(ctx, withdrawScreen(request, reading));
    return ctx.answerCallbackQuery();
  }
  await consents.withdrawParticipation(ctx.user, registrationId, { text: withdrawQuestion(request, reading), locale: await localeOf(ctx) });
  await ctx.answerCallbackQuery();
  await renderScreen(ctx, {
    text: ctx.t("consents-withdrawn", { child: request.childFirstName, title: request.trial.title }),
    keyboard: new InlineKeyboard().text(ctx.t("consents-back"), consentsListData.pack({})),
  });
});

// "🩺 Add a health note": a short dialog; the scene checks the request is current and agreed to.
privateChats.callbackQuery(consentHealthData.filter, async (ctx) => {
  const data = consentHealthData.unpack(ctx.callbackQuery.data);
  if (!data) return stale(ctx);
  requireRole(ctx.user, "guardian");
  await ctx.answerCallbackQuery();
  if (Object.keys(ctx.conversation.active()).length > 0) await ctx.conversation.exitAll();
  await ctx.conversation.enter(CONSENT_HEALTH_SCENE, data.registration);
});
