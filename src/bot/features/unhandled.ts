import { Composer } from "grammy";
import type { BagdarContext } from "../context.js";

/** Registered last: whatever no feature claimed gets a clear answer, never silence. */
export const unhandledFeature = new Composer<BagdarContext>();
const privateChats = unhandledFeature.chatType("private");

privateChats.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button-stale") }));
privateChats.on("message", (ctx) => ctx.reply(ctx.t("unhandled-text")));
