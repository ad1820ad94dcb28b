import { InlineKeyboard } from "grammy";
import type { Roster, RosterEntry } from "../../services/registrations.js";
import { rosterCsvData, rosterEvidenceData, rosterMarkData, rosterPageData, rosterReflectionsData } from "../callback-data/roster.js";
import { trialOpenData } from "../callback-data/trials.js";
import type { Screen } from "../screen.js";
import { trialWhen, type TrialReading } from "../trial-text.js";
import { clipText } from "../../domain/text.js";

/** Pupils per page: their buttons stay within one screen, and the text within Telegram's 4096 characters. */
export const ROSTER_PAGE_SIZE = 15;
/** Characters of pupil lines per page; the header, hints and page line stay well under the rest. */
const PAGE_TEXT_BUDGET = 3000;
/** A health note longer than this is cut on the screen; the CSV has it in full. */
const NOTE_ON_SCREEN = 300;
const NAME_IN_BUTTON = 40;

/** Statuses whose pupil is (or may be) at the trial: consent, photo rules and health matter for them. */
const GOING = new Set(["pending_consent", "confirmed", "attended", "no_show"]);
/** Statuses attendance can be marked for. */
const MARKABLE = new Set(["confirmed", "attended", "no_show"]);

export function pupilName(entry: Pick<RosterEntry, "firstName" | "lastName">): string {
  return `${entry.lastName} ${entry.firstName}`.trim();
}

/** Whether the trial has pupils from more than one school: then every line names the school. */
export function manySchools(entries: readonly RosterEntry[]): boolean {
  return new Set(entries.map((e) => e.schoolName)).size > 1;
}

/** "⏳ waiting for a parent's consent", or "🕒 on the waiting list, place 2". */
export function statusLabel(entry: Pick<RosterEntry, "status" | "position">, t: TrialReading["t"]): string {
  const status = t(`registration-status-${entry.status}`);
  return entry.status === "waitlisted" && entry.position !== undefined ? t("roster-waitlist-place", { status, position: entry.position }) : status;
}

/**
 * A pupil's photo rule. "Forbidden" and "portfolio only" are written in capitals with their own
 * sign, so a host scanning the list before taking pictures cannot miss them.
 */
function photoLine(entry: RosterEntry, t: TrialReading["t"]): string {
  if (entry.photo === "forbidden") return t("roster-photo-forbidden-line");
  if (entry.photo === "portfolio") return t("roster-photo-portfolio-line");
  return t("roster-photo-line", { scope: t(`roster-photo-${entry.photo}`) });
}

interface Item {
  entry: RosterEntry;
  text: string;
  waiting: boolean;
}

function items(roster: Roster, t: TrialReading["t"]): Item[] {
  const withSchool = manySchools(roster.entries);
  const who = (e: RosterEntry) => [pupilName(e), e.className, ...(withSchool ? [e.schoolName] : [])].join(", ");
  const list: Item[] = [];
  let number = 0;
  for (const entry of roster.entries.filter((e) => e.status !== "waitlisted")) {
    const lines = [`${++number}. ${who(entry)}`, `   ${statusLabel(entry, t)}`];
    if (GOING.has(entry.status)) {
      lines.push(`   ${t("roster-consent-line", { state: t(`roster-consent-${entry.consent}`) })}`);
      lines.push(`   ${photoLine(entry, t)}`);
      // One note per parent, each on its own line; a note's own line breaks stay indented under it.
      for (const note of entry.healthNote?.split("\n") ?? []) lines.push(`   🩺 ${clipText(note, NOTE_ON_SCREEN)}`);
    } else if (entry.consent === "withdrawn") {
      // A parent took the consent back: the host sees why the pupil is no longer coming.
      lines.push(`   ${t("roster-consent-line", { state: t("roster-consent-withdrawn") })}`);
    }
    list.push({ entry, text: lines.join("\n"), waiting: false });
  }
  for (const entry of roster.entries.filter((e) => e.status === "waitlisted")) {
    list.push({ entry, text: `${entry.position ?? "—"}. ${who(entry)}`, waiting: true });
  }
  return list;
}

/** Pages of at most ROSTER_PAGE_SIZE pupils and PAGE_TEXT_BUDGET characters; never an empty page. */
function paginate(list: Item[]): Item[][] {
  const pages: Item[][] = [];
  let current: Item[] = [];
  let size = 0;
  for (const item of list) {
    const extra = item.text.length + 2;
    if (current.length > 0 && (current.length >= ROSTER_PAGE_SIZE || size + extra > PAGE_TEXT_BUDGET)) {
      pages.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += extra;
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

function header(roster: Roster, reading: TrialReading): string[] {
  const { t } = reading;
  const { trial, entries } = roster;
  const count = (statuses: string[]) => entries.filter((e) => statuses.includes(e.status)).length;
  const lines = [t("roster-title", { title: trial.title }), `📅 ${trialWhen(trial, reading.locale)}`];
  if (trial.status !== "published") lines.push(t(`trial-status-${trial.status}`));
  lines.push(t("roster-fill", { taken: trial.seatsTaken, capacity: trial.capacity }));
  if (entries.length > 0) {
    lines.push(t("roster-counts", { confirmed: count(["confirmed", "attended", "no_show"]), pending: count(["pending_consent"]), waiting: count(["waitlisted"]) }));
    const going = entries.filter((e) => GOING.has(e.status));
    const noPhotos = going.filter((e) => e.photo === "forbidden").length;
    if (noPhotos > 0) lines.push(t("roster-photo-warning", { count: noPhotos }));
    const portfolioOnly = going.filter((e) => e.photo === "portfolio").length;
    if (portfolioOnly > 0) lines.push(t("roster-portfolio-warning", { count: portfolioOnly }));
  }
  return lines;
}

/**
 * The roster screen: the trial, then each pupil with status, consent, photo rule and health note,
 * then the waiting list. Consent comes from parents in the bot and shows here live; from the
 * start on each pupil with consent has ✅/❌. Long rosters are paged. An admin also gets the
 * consent evidence as a CSV.
 */
export function rosterScreen(roster: Roster, reading: TrialReading, requestedPage: number, notice?: string, options: { evidence?: boolean } = {}): Screen & { page: number; pages: number } {
  const { t } = reading;
  const { trial } = roster;
  const trialId = trial.id.toHexString();
  const pages = paginate(items(roster, t));
  const page = Math.min(Math.max(0, requestedPage), pages.length - 1);
  const shown = pages[page]!;

  const blocks: string[] = [];
  if (notice) blocks.push(notice);
  blocks.push(header(roster, reading).join("\n"));
  if (roster.entries.length === 0) blocks.push(t("roster-empty"));

  const consentOpen = !roster.attendanceOpen && trial.status === "published";
  const attendanceOpen = roster.attendanceOpen && trial.status !== "cancelled";
  const keyboard = new InlineKeyboard();
  const going = shown.filter((item) => !item.waiting);
  const waiting = shown.filter((item) => item.waiting);
  if (going.length > 0) blocks.push(going.map((item) => item.text).join("\n\n"));
  if (waiting.length > 0) blocks.push([t("roster-waitlist-title"), ...waiting.map((item) => item.text)].join("\n"));

  const pending = going.filter((item) => item.entry.status === "pending_consent");
  const markable = going.filter((item) => MARKABLE.has(item.entry.status));
  if (consentOpen && pending.length > 0) blocks.push(t("roster-consent-hint"));
  if (attendanceOpen && markable.length > 0) {
    blocks.push(t("roster-attendance-hint"));
    for (const { entry } of markable) {
      const reg = entry.registrationId.toHexString();
      keyboard
        .text(t("roster-present-button", { name: clipText(pupilName(entry), NAME_IN_BUTTON) }), rosterMarkData.pack({ reg, trial: trialId, mark: "a", page }))
        .text(t("roster-absent-button"), rosterMarkData.pack({ reg, trial: trialId, mark: "n", page }))
        .row();
    }
  }
  if (pages.length > 1) {
    blocks.push(t("roster-page", { page: page + 1, pages: pages.length }));
    if (page > 0) keyboard.text("◀️", rosterPageData.pack({ trial: trialId, page: page - 1 }));
    if (page < pages.length - 1) keyboard.text("▶️", rosterPageData.pack({ trial: trialId, page: page + 1 }));
    keyboard.row();
  }
  keyboard
    .text(t("roster-csv-button"), rosterCsvData.pack({ trial: trialId }))
    .text(t("roster-refresh"), rosterPageData.pack({ trial: trialId, page }))
    .row();
  // Who has reflected, once someone is marked as having come.
  if (roster.entries.some((e) => e.status === "attended")) keyboard.text(t("roster-reflections-button"), rosterReflectionsData.pack({ trial: trialId, page: 0 })).row();
  if (options.evidence) keyboard.text(t("roster-evidence-button"), rosterEvidenceData.pack({ trial: trialId })).row();
  keyboard.text(t("roster-back"), trialOpenData.pack({ trial: trialId }));
  return { text: blocks.join("\n\n"), keyboard, page, pages: pages.length };
}
