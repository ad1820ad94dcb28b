import { Composer } from "grammy";
import type { Locale } from "../../db/models/user.js";
import { languageData } from "../callback-data/language.js";
import type { BagdarContext } from "../context.js";
import { languageKeyboard } from "../keyboards/language.js";

export async function askLanguage(ctx: BagdarContext): Promise<void> {
  const current = (await ctx.i18n.getLocale()) as Locale;
  await ctx.reply(ctx.t("language-prompt"), { reply_markup: languageKeyboard(current) });
}

export const languageFeature = new Composer<BagdarContext>();
const privateChats = languageFeature.chatType("private");

privateChats.command("language", askLanguage);

privateChats.callbackQuery(languageData.filter, async (ctx) => {
  const data = languageData.unpack(ctx.callbackQuery.data);
  if (!data) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-stale") });
    return;
  }
  ctx.user = await ctx.deps.services.users.setLocale(ctx.from.id, data.locale);
  ctx.i18n.useLocale(data.locale);
  await ctx.answerCallbackQuery();
  // Replace the keyboard so a second tap on the old message cannot flip the language back and forth.
  await ctx.editMessageText(ctx.t("language-changed"));
});
