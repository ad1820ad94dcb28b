import { Composer } from "grammy";
import { LINK_GUARDIAN_SCENE } from "../../../scenes/ids.js";
import { extractInviteCode } from "../../domain/invite-code.js";
import type { BagdarContext } from "../context.js";

/** Registered last: whatever no feature claimed gets a clear answer, never silence. */
export const unhandledFeature = new Composer<BagdarContext>();
const privateChats = unhandledFeature.chatType("private");

privateChats.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
privateChats.on("message", async (ctx) => {
  // An invite code typed or pasted outside any dialog is still an invite.
  const code = ctx.message.text ? extractInviteCode(ctx.message.text) : undefined;
  if (code) return ctx.conversation.enter(LINK_GUARDIAN_SCENE, code);
  await ctx.reply(ctx.t("unhandled-text"));
});
