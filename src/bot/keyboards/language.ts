import { InlineKeyboard } from "grammy";
import { LOCALES, type Locale } from "../../db/models/user.js";
import { languageData } from "../callback-data/language.js";

/** Each language names itself, so the buttons read the same whatever language is current. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  kk: "Қазақша",
  ru: "Русский",
  ky: "Кыргызча",
  en: "English",
};

export function languageKeyboard(current: Locale | undefined): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  LOCALES.forEach((locale, i) => {
    const label = locale === current ? `✓ ${LANGUAGE_NAMES[locale]}` : LANGUAGE_NAMES[locale];
    keyboard.text(label, languageData.pack({ locale }));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}
