import { Composer, InlineKeyboard } from "grammy";
import { Types } from "mongoose";
import { invitePayload } from "../../domain/invite-code.js";
import { DomainError } from "../../services/errors.js";
import type { LinkView } from "../../services/guardianships.js";
import { unlinkConfirmData, unlinkData, unlinkKeepData } from "../callback-data/guardians.js";
import type { BagdarContext } from "../context.js";
import { escapeHtml, formatDate } from "../format.js";
import { LINK_GUARDIAN_SCENE } from "../../../scenes/ids.js";

/** A pupil's invite: a note to the pupil, then a message addressed to the parent, made to be forwarded. */
export async function inviteParent(ctx: BagdarContext): Promise<void> {
  const invite = await ctx.deps.services.invites.createGuardianInvite(ctx.user);
  const user = ctx.user!;
  const username = ctx.me.username;
  const link = `https://t.me/${username}?start=${invitePayload(invite.code)}`;
  const timeZone = user.schoolId ? (await ctx.deps.services.schools.get(user.schoolId)).timezone : ctx.deps.config.defaultTimezone;
  await ctx.reply(ctx.t("link-invite-intro"));
  await ctx.reply(
    ctx.t("link-invite-forward", {
      name: escapeHtml(user.firstName ?? ""),
      link,
      bot: username,
      code: invite.code,
      until: formatDate(invite.expiresAt, user.locale, timeZone),
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  );
}

function unlinkKeyboard(ctx: BagdarContext, links: LinkView[]): InlineKeyboard {
  return InlineKeyboard.from(
    links.map((link) => [InlineKeyboard.text(ctx.t("links-unlink-button", { name: link.firstName }), unlinkData.pack({ link: link.id.toHexString() }))]),
  );
}

export async function showMyParents(ctx: BagdarContext): Promise<void> {
  if (!ctx.user) return void (await ctx.reply(ctx.t("errors-not-allowed")));
  const links = await ctx.deps.services.guardianships.guardiansOf(ctx.user);
  if (links.length === 0) return void (await ctx.reply(ctx.t("links-parents-none")));
  const keyboard = unlinkKeyboard(ctx, links);
  await ctx.reply([ctx.t("links-parents-title"), ...links.map((l) => `• ${l.firstName}`)].join("\n"), { reply_markup: keyboard });
}

export async function showMyChildren(ctx: BagdarContext): Promise<void> {
  if (!ctx.user) return void (await ctx.reply(ctx.t("errors-not-allowed")));
  const links = await ctx.deps.services.guardianships.childrenOf(ctx.user);
  if (links.length === 0) return void (await ctx.reply(ctx.t("links-children-none")));
  const keyboard = unlinkKeyboard(ctx, links);
  const lines = links.map((l) => (l.schoolName ? `• ${l.firstName} — ${l.schoolName}` : `• ${l.firstName}`));
  await ctx.reply([ctx.t("links-children-title"), ...lines].join("\n"), { reply_markup: keyboard });
}

/** "Enter a child's code": the linking dialog, starting from the code. */
export async function enterCodeHint(ctx: BagdarContext): Promise<void> {
  await ctx.conversation.enter(LINK_GUARDIAN_SCENE);
}

export const guardiansFeature = new Composer<BagdarContext>();
const privateChats = guardiansFeature.chatType("private");

privateChats.callbackQuery(unlinkData.filter, async (ctx) => {
  const data = unlinkData.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.user) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  const linkId = new Types.ObjectId(data.link);
  const all = [...(await ctx.deps.services.guardianships.guardiansOf(ctx.user)), ...(await ctx.deps.services.guardianships.childrenOf(ctx.user))];
  const link = all.find((l) => l.id.equals(linkId));
  if (!link) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("links-unlink-confirm", { name: link.firstName }), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("links-unlink-yes"), unlinkConfirmData.pack({ link: data.link }))
      .text(ctx.t("links-unlink-no"), unlinkKeepData.pack({})),
  });
});

privateChats.callbackQuery(unlinkConfirmData.filter, async (ctx) => {
  const data = unlinkConfirmData.unpack(ctx.callbackQuery.data);
  if (!data || !ctx.user) return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  try {
    await ctx.deps.services.guardianships.unlink(ctx.user, new Types.ObjectId(data.link));
  } catch (error) {
    // Already gone (a second tap) or not theirs (a forged button): nothing to change.
    if (!(error instanceof DomainError)) throw error;
    return ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("links-unlink-done"));
});

privateChats.callbackQuery(unlinkKeepData.filter, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("links-unlink-kept"));
});
