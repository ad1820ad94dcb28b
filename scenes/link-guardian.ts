import { InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { childConfirmData, personalDataDecisionData, teacherJoinData } from "../src/bot/callback-data/link.js";
import type { BagdarContext, BagdarConversation, SceneContext } from "../src/bot/context.js";
import { loadMenuSummary, replyWithMenu } from "../src/bot/features/menu.js";
import type { Locale } from "../src/db/models/user.js";
import { CONSENT_TEXT_VERSIONS } from "../src/domain/consent-texts.js";
import { extractInviteCode } from "../src/domain/invite-code.js";
import { hashShownText } from "../src/domain/text-hash.js";
import { attempt, run, step } from "./kit.js";

/** The person behind this update, with a record even if they arrived straight from a link. */
async function currentActor(ctx: BagdarContext) {
  return ctx.user ?? ctx.deps.services.users.ensure(ctx.from!.id, (await ctx.i18n.getLocale()) as Locale);
}

/** A teacher's invite: which school, then join or not. */
async function joinAsTeacher(conversation: BagdarConversation, ctx: SceneContext, code: string, schoolName: string): Promise<void> {
  const answer = await step(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("teacher-invite-confirm", { school: schoolName }), {
        reply_markup: new InlineKeyboard()
          .text(c.t("teacher-invite-join"), teacherJoinData.pack({ answer: "yes" }))
          .text(c.t("teacher-invite-not-now"), teacherJoinData.pack({ answer: "no" })),
      }),
    button: (data) => teacherJoinData.unpack(data)?.answer,
    expected: "onboarding-use-buttons",
  });
  if (answer === "no") return void (await ctx.reply(ctx.t("teacher-invite-declined")));
  const joined = await attempt(conversation, async (c) => c.deps.services.invites.acceptTeacherInvite(await currentActor(c), code));
  if (!joined.ok) return void (await ctx.reply(ctx.t(`errors-${joined.code}`)));
  await ctx.reply(ctx.t("teacher-invite-done", { school: schoolName }));
}

/**
 * A parent and a code: see which child it is, confirm, decide on personal data.
 * The link and the decision are written together at the very end, so leaving midway stores nothing.
 */
export async function linkWithCode(conversation: BagdarConversation, ctx: SceneContext, code: string): Promise<void> {
  const preview = await attempt(conversation, async (c) => c.deps.services.invites.preview(code, await currentActor(c)));
  if (!preview.ok) return void (await ctx.reply(ctx.t(`errors-${preview.code}`)));
  const invite = preview.value;
  if (invite.kind === "teacher") return joinAsTeacher(conversation, ctx, code, invite.schoolName);

  const isMine = await step(conversation, ctx, {
    ask: (c) =>
      c.reply(c.t("link-confirm-child", { child: invite.childFirstName, school: invite.schoolName }), {
        reply_markup: new InlineKeyboard()
          .text(c.t("link-child-yes"), childConfirmData.pack({ answer: "yes" }))
          .row()
          .text(c.t("link-child-no"), childConfirmData.pack({ answer: "no" })),
      }),
    button: (data) => childConfirmData.unpack(data)?.answer,
    expected: "onboarding-use-buttons",
  });
  if (isMine === "no") return void (await ctx.reply(ctx.t("link-not-my-child")));

  // The evidence is the text exactly as shown; it is rendered once and hashed as sent.
  const locale = (await ctx.i18n.getLocale()) as Locale;
  const consentText = ctx.t("link-personal-data", { child: invite.childFirstName, school: invite.schoolName });
  const decision = await step(conversation, ctx, {
    ask: (c) =>
      c.reply(consentText, {
        reply_markup: new InlineKeyboard()
          .text(c.t("link-pd-agree"), personalDataDecisionData.pack({ decision: "granted" }))
          .row()
          .text(c.t("link-pd-refuse"), personalDataDecisionData.pack({ decision: "refused" })),
      }),
    button: (data) => personalDataDecisionData.unpack(data)?.decision,
    expected: "onboarding-use-buttons",
  });

  const linked = await attempt(conversation, async (c) => {
    const guardian = await currentActor(c);
    const { studentId } = await c.deps.services.invites.acceptGuardianInvite(
      guardian,
      code,
      { decision, textVersion: CONSENT_TEXT_VERSIONS.personal_data, textHash: hashShownText(consentText), locale },
      c.from!.first_name,
    );
    // Tell the pupil in their own language; a pupil who blocked the bot must not undo the link.
    const student = await c.deps.services.users.findById(new Types.ObjectId(studentId));
    if (student) {
      const text = c.i18n.fluent.translate(student.locale, "link-student-notified", { guardian: c.from!.first_name });
      await c.api.sendMessage(student.telegramId, text).catch((error: unknown) => c.logger.warn({ err: error }, "Could not notify the pupil"));
    }
    return { studentId };
  });
  if (!linked.ok) return void (await ctx.reply(ctx.t(`errors-${linked.code}`)));
  await ctx.reply(ctx.t(decision === "granted" ? "link-done-granted" : "link-done-refused", { child: invite.childFirstName }));
}

/** Entered from a deep link (code given) or from the menu (code asked for). */
export async function linkGuardian(conversation: BagdarConversation, ctx: SceneContext, givenCode?: string): Promise<void> {
  const code =
    givenCode ??
    (await step(conversation, ctx, {
      ask: (c) => c.reply(c.t("link-enter-code")),
      text: (typed) => {
        const found = extractInviteCode(typed);
        return found ? { ok: true, value: found } : { ok: false, errorKey: "link-code-invalid" };
      },
      expected: "link-code-invalid",
    }));
  await linkWithCode(conversation, ctx, code);
  const summary = await run(conversation, (c) => loadMenuSummary(c.deps.services, c.from!.id));
  if (summary.roles.length > 0) await replyWithMenu(ctx, summary);
}
