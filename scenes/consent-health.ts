import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { consentHealthSkipData } from "../src/bot/callback-data/consents.js";
import { objectIdField } from "../src/bot/callback-data/factory.js";
import type { BagdarConversation, SceneContext } from "../src/bot/context.js";
import type { Locale } from "../src/db/models/user.js";
import { attempt, step, type TextCheck } from "./kit.js";

/** As long as the Consent model keeps a health note. */
export const HEALTH_NOTE_MAX = 500;

function checkNote(typed: string): TextCheck<string> {
  const value = typed.normalize("NFC").trim();
  if (value.length === 0) return { ok: false, errorKey: "consents-health-empty" };
  if (value.length > HEALTH_NOTE_MAX) return { ok: false, errorKey: "consents-health-too-long", params: { max: HEALTH_NOTE_MAX, length: value.length } };
  return { ok: true, value };
}

/**
 * A guardian adds a health note to a trial they agreed to (entered with the registration's id):
 * restrictions the teacher must know. Only the pupil's teachers see it. The question's text is
 * the evidence kept with the note, so it is rendered once and sent exactly as hashed.
 */
export async function consentHealth(conversation: BagdarConversation, ctx: SceneContext, registrationId?: string): Promise<void> {
  if (!registrationId || !objectIdField.safeParse(registrationId).success) return void (await ctx.reply(ctx.t("errors-not-found")));
  const id = () => new Types.ObjectId(registrationId);
  const opened = await attempt(conversation, (c) => c.deps.services.consents.request(c.user, id()));
  if (!opened.ok) return void (await ctx.reply(ctx.t(`errors-${opened.code}`)));
  const request = opened.value;
  if (request.mine !== "granted") return void (await ctx.reply(ctx.t("consents-health-needs-consent")));

  const locale = (await ctx.i18n.getLocale()) as Locale;
  const question = ctx.t("consent-health-ask", { child: request.childFirstName, title: request.trial.title }).trim();
  const note = await step<string | null>(conversation, ctx, {
    ask: (c) => c.reply(question, { reply_markup: new InlineKeyboard().text(c.t("consents-health-skip"), consentHealthSkipData.pack({ registration: registrationId })) }),
    button: (data) => (consentHealthSkipData.unpack(data)?.registration === registrationId ? null : undefined),
    text: checkNote,
    expected: "consents-health-expected",
  });
  if (note === null) return void (await ctx.reply(ctx.t("consents-health-skipped")));

  const saved = await attempt(conversation, (c) => c.deps.services.consents.setHealthNote(c.user, id(), note, { text: question, locale }));
  if (!saved.ok) return void (await ctx.reply(ctx.t(`errors-${saved.code}`)));
  await ctx.reply(ctx.t("consents-health-saved", { child: request.childFirstName }));
}
