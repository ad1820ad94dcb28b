import type { Api } from "grammy";
import { LOCALES } from "../db/models/user.js";
import type { Logger } from "../logger.js";
import type { BagdarI18n } from "./i18n.js";

/** Commands shown in Telegram's menu, in this order; descriptions are `commands` attributes in locales. */
export const MENU_COMMANDS = ["start", "menu", "trials", "mytrials", "consents", "questionnaire", "results", "portfolio", "reports", "language", "privacy", "mydata", "delete", "cancel", "help"] as const;

function commandList(i18n: BagdarI18n, locale: string) {
  return MENU_COMMANDS.map((command) => ({ command, description: i18n.t(locale, `commands.${command}`) }));
}

/** Registers the menu for each language. A refusal is logged and ignored: the bot works without it. */
export async function registerCommands(api: Api, i18n: BagdarI18n, defaultLocale: string, logger: Logger): Promise<void> {
  try {
    await api.setMyCommands(commandList(i18n, defaultLocale));
    for (const locale of LOCALES) {
      await api.setMyCommands(commandList(i18n, locale), { language_code: locale });
    }
  } catch (error) {
    logger.warn({ err: error }, "setMyCommands was rejected; the command menu may be missing");
  }
}
