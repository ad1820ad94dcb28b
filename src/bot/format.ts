import type { Locale } from "../db/models/user.js";

/** Dates as people read them in their language and their school's time zone: "28 қыркүйек 2026 ж." */
export function formatDate(date: Date | string, locale: Locale, timeZone: string): string {
  // British order for English ("21 September 2026"): closer to how dates read in the region.
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(date));
}

/** Minimal HTML escaping for values placed into parse_mode HTML messages. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
