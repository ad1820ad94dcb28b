import { Composer } from "grammy";
import type { Locale } from "../../db/models/user.js";
import type { BagdarContext } from "../context.js";
import { languageKeyboard } from "../keyboards/language.js";

export const startFeature = new Composer<BagdarContext>();

startFeature.chatType("private").command("start", async (ctx) => {
  const current = (await ctx.i18n.getLocale()) as Locale;
  await ctx.reply(`${ctx.t("start-greeting")}\n\n${ctx.t("language-prompt")}`, {
    reply_markup: languageKeyboard(current),
  });
});
