import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import { LOCALES, type Locale } from "../db/models/user.js";
import type { UserView } from "../services/users.js";

/** `locales/` at the project root, whether we run from src/ (tsx) or from dist/src/ (compiled). */
function findLocalesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, "../../locales"), path.resolve(here, "../../../locales")];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export const LOCALES_DIR = findLocalesDir();

/** Telegram's interface language → ours; people with a Ukrainian or Belarusian client most likely read Russian. */
export function localeFromLanguageCode(code: string | undefined): Locale | undefined {
  const base = code?.toLowerCase().split("-")[0];
  if (!base) return undefined;
  if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  if (base === "uk" || base === "be") return "ru";
  return undefined;
}

/** Loads every locale from disk once; the same instance serves ordinary handlers and conversations. */
export function createI18n(defaultLocale: Locale, directory: string = LOCALES_DIR) {
  const i18n = new I18n<Context & { user: UserView | null }>({
    defaultLocale,
    // Fluent's bidi isolation marks would show up as invisible junk in Telegram and in test assertions.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => ctx.user?.locale ?? localeFromLanguageCode(ctx.from?.language_code) ?? defaultLocale,
  });
  i18n.loadLocalesDirSync(directory);
  return i18n;
}

export type BagdarI18n = ReturnType<typeof createI18n>;
