import { Composer } from "grammy";
import type { BagdarContext } from "../context.js";

export const helpFeature = new Composer<BagdarContext>();

helpFeature.chatType("private").command("help", (ctx) => ctx.reply(ctx.t("help-text")));
