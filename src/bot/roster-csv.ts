/**
 * A trial's roster as a spreadsheet for the teacher: headers and values in the teacher's
 * language, UTF-8 with BOM so Excel shows Cyrillic (the quoting and the formula guard are
 * `toCsv`'s).
 */
import { toCsv } from "../domain/csv.js";
import { zonedParts } from "../domain/zoned-time.js";
import type { Roster } from "../services/registrations.js";
import { statusLabel } from "./keyboards/roster.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const COLUMNS = ["number", "last-name", "first-name", "class", "school", "status", "consent", "photo", "health", "attended"] as const;

/** A label without its leading emoji: "⏳ waiting for consent" → "waiting for consent". */
function plain(label: string): string {
  return label.replace(/^[^\p{L}\p{N}]+/u, "");
}

export function rosterCsv(roster: Roster, t: Translate): Buffer {
  const rows: (string | number)[][] = [COLUMNS.map((column) => t(`roster-csv-${column}`))];
  roster.entries.forEach((entry, index) => {
    const attended = entry.status === "attended" ? t("roster-csv-yes") : entry.status === "no_show" ? t("roster-csv-no") : "";
    rows.push([
      index + 1,
      entry.lastName,
      entry.firstName,
      entry.className,
      entry.schoolName,
      plain(statusLabel(entry, t)),
      t(`roster-consent-${entry.consent}`),
      t(`roster-photo-${entry.photo}`),
      entry.healthNote ?? "",
      attended,
    ]);
  });
  return toCsv(rows);
}

/** Latin letters for Kazakh, Kyrgyz and Russian Cyrillic, enough for a readable file name. */
const LATIN: Record<string, string> = {
  а: "a", ә: "a", б: "b", в: "v", г: "g", ғ: "g", д: "d", е: "e", ё: "yo", ж: "zh", з: "z", и: "i", й: "y", і: "i",
  к: "k", қ: "q", л: "l", м: "m", н: "n", ң: "ng", о: "o", ө: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ұ: "u",
  ү: "u", ф: "f", х: "kh", һ: "h", ц: "ts", ч: "ch", ш: "sh", щ: "shch", ъ: "", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

/** "roster-2026-09-24-bir-kun-nauayshy.csv": the trial's local date and a Latin slug of its title. */
export function rosterFileName(roster: Roster): string {
  const { trial } = roster;
  const day = zonedParts(trial.startsAt, trial.timezone);
  const date = `${day.year}-${String(day.month).padStart(2, "0")}-${String(day.day).padStart(2, "0")}`;
  const latin = [...trial.title.toLowerCase()].map((ch) => LATIN[ch] ?? ch).join("");
  const slug = latin
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return `roster-${date}-${slug || "trial"}.csv`;
}
