/**
 * Report screens (issue 10): the school, a class, the year's trials, one trial, the exports, and
 * the district. Plain text, one message edited in place. Every list is clipped so a screen stays
 * well under Telegram's 4,096 characters. The district screen carries counts and shares only.
 */
import { InlineKeyboard } from "grammy";
import { RIASEC_LETTERS, type RiasecLetter } from "../../db/models/common.js";
import type { Locale } from "../../db/models/user.js";
import { classLabel, percent, RATING_TARGET, share, yesShare, type TriStateCounts } from "../../domain/reports.js";
import type { ClassKpi, ClassReport, DistrictReport, InterestDistribution, SchoolReport, TrialReport } from "../../services/reports.js";
import { menuData } from "../callback-data/menu.js";
import {
  reportsClassChartData,
  reportsClassData,
  reportsDistrictChartsData,
  reportsDistrictData,
  reportsDistrictExportData,
  reportsDistrictExportsData,
  reportsExportData,
  reportsExportsData,
  reportsHomeData,
  reportsSchoolChartsData,
  reportsSchoolData,
  reportsTrialChartData,
  reportsTrialData,
  reportsTrialsData,
  SCHOOL_EXPORTS,
} from "../callback-data/reports.js";
import { trialOpenData } from "../callback-data/trials.js";
import type { Screen } from "../screen.js";
import { KIND_ICONS, shortWhen, trialWhen } from "../trial-text.js";
import { clipText } from "../../domain/text.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface ReportReading {
  t: Translate;
  locale: Locale;
  /** Both a teacher and an admin: "back" leads to the choice between school and district. */
  both: boolean;
}

/** Telegram's limit is 4,096; lists stop well before it. */
export const SCREEN_BUDGET = 3900;
export const TRIALS_PER_PAGE = 8;
const NOT_REFLECTED_SHOWN = 15;
const TITLES_PER_PUPIL = 3;
const BELOW_TARGET_SHOWN = 10;
const BUTTON_TITLE_MAX = 30;
const CLASSES_PER_ROW = 4;
/** Room kept for the closing "…and N more" line and the blank lines between blocks. */
const MORE_RESERVE = 80;

/** The last safety net: a screen never exceeds the budget, whatever the data. */
function fit(text: string): string {
  return text.length > SCREEN_BUDGET ? `${text.slice(0, SCREEN_BUDGET - 1).trimEnd()}…` : text;
}

/** "2026/2027" → "2026-2027", for file names. */
export function yearSlug(year: string): string {
  return year.replace(/[^0-9]+/g, "-");
}

/** An average rating, or "—" when there is none. Numbers go to Fluent, which writes "4,3" in Russian. */
const rating = (value: number | null): string | number => value ?? "—";

export const riasecName = (letter: RiasecLetter, t: Translate): string => t(`riasec-scale-${letter.toLowerCase()}`);

/** Every RIASEC type's name, for the charts' labels. */
export function riasecLabels(t: Translate): Record<RiasecLetter, string> {
  return Object.fromEntries(RIASEC_LETTERS.map((l) => [l, riasecName(l, t)])) as Record<RiasecLetter, string>;
}

interface TargetFigures {
  pupils: number;
  withTrial: number;
  withContacts: number;
  averageRating: number | null;
}

/** Pupils of grades 7–11, the two yearly targets with their shares, and the average rating. */
function kpiLines(f: TargetFigures, t: Translate): string[] {
  return [
    t("reports-pupils", { count: f.pupils }),
    t("reports-with-trial", { count: f.withTrial, share: percent(share(f.withTrial, f.pupils)) }),
    t("reports-with-contacts", { count: f.withContacts, share: percent(share(f.withContacts, f.pupils)) }),
    t("reports-rating", { rating: rating(f.averageRating), target: RATING_TARGET }),
  ];
}

function interestLines(d: InterestDistribution, t: Translate): string[] {
  const lines = [t("reports-interests-title")];
  const known = RIASEC_LETTERS.filter((l) => d.counts[l] > 0);
  if (known.length === 0 && d.noResult === 0) return [...lines, t("reports-interests-none")];
  for (const letter of known) lines.push(t("reports-interest-line", { type: riasecName(letter, t), count: d.counts[letter] }));
  if (d.noResult > 0) lines.push(t("reports-no-result-line", { count: d.noResult }));
  return lines;
}

function uncoveredLine(uncovered: readonly RiasecLetter[], t: Translate): string {
  if (uncovered.length === 0) return t("reports-uncovered-none");
  return t("reports-uncovered", { directions: uncovered.map((l) => riasecName(l, t)).join(", ") });
}

/** The home row: back to the choice (for a teacher who is also an admin) and the menu. */
function homeRow(keyboard: InlineKeyboard, reading: ReportReading): InlineKeyboard {
  if (reading.both) keyboard.text(reading.t("reports-btn-back"), reportsHomeData.pack({}));
  return keyboard.text(reading.t("menu-home"), menuData.pack({ action: "home" }));
}

/** For someone who is both a teacher and an admin. */
export function chooseScreen(schoolId: string, t: Translate): Screen {
  return {
    text: t("reports-choose"),
    keyboard: new InlineKeyboard()
      .text(t("reports-choose-school"), reportsSchoolData.pack({ school: schoolId }))
      .row()
      .text(t("reports-choose-district"), reportsDistrictData.pack({}))
      .row()
      .text(t("menu-home"), menuData.pack({ action: "home" })),
  };
}

/** "8А · 3/4": the class and how many of its pupils have a trial. */
function classButton(c: ClassKpi): string {
  return `${classLabel(c.grade, c.classLetter)} · ${c.withTrial}/${c.pupils}`;
}

export function schoolScreen(report: SchoolReport, reading: ReportReading): Screen {
  const { t } = reading;
  const school = report.schoolId.toHexString();
  const notReflected = report.classes.reduce((sum, c) => sum + c.notReflected, 0);
  const blocks = [
    t("reports-school-title", { school: report.schoolName, year: report.year }),
    kpiLines(report, t).join("\n"),
    interestLines(report.interests, t).join("\n"),
    [uncoveredLine(report.uncovered, t), t("reports-not-reflected-count", { count: notReflected })].join("\n"),
  ];
  if (report.classes.length > 0) blocks.push(t("reports-school-hint"));
  const keyboard = new InlineKeyboard();
  report.classes.forEach((c, i) => {
    keyboard.text(classButton(c), reportsClassData.pack({ school, grade: c.grade, letter: c.classLetter }));
    if ((i + 1) % CLASSES_PER_ROW === 0 || i === report.classes.length - 1) keyboard.row();
  });
  keyboard.text(t("reports-btn-trials"), reportsTrialsData.pack({ school, page: 0 })).row();
  keyboard.text(t("reports-btn-charts"), reportsSchoolChartsData.pack({ school })).text(t("reports-btn-exports"), reportsExportsData.pack({ school })).row();
  return { text: fit(blocks.join("\n\n")), keyboard: homeRow(keyboard, reading) };
}

export function classScreen(report: ClassReport, reading: ReportReading): Screen {
  const { t } = reading;
  const school = report.schoolId.toHexString();
  const label = classLabel(report.grade, report.classLetter);
  const waiting = report.members.filter((m) => m.notReflected > 0);
  const head = [
    t("reports-class-title", { class: label, school: report.schoolName, year: report.year }),
    kpiLines(report, t).join("\n"),
    interestLines(report.interests, t).join("\n"),
    uncoveredLine(report.uncovered, t),
  ].join("\n\n");
  const notReflected = [waiting.length === 0 ? t("reports-not-reflected-none") : t("reports-not-reflected-title", { count: report.notReflected })];
  // Names until the list or the screen is full; the rest as a count.
  let used = head.length + notReflected[0]!.length + MORE_RESERVE;
  let shown = 0;
  for (const pupil of waiting.slice(0, NOT_REFLECTED_SHOWN)) {
    const titles = pupil.notReflectedTitles.slice(0, TITLES_PER_PUPIL).map((title) => `«${clipText(title, 40)}»`);
    if (pupil.notReflectedTitles.length > TITLES_PER_PUPIL) titles.push(t("reports-more", { count: pupil.notReflectedTitles.length - TITLES_PER_PUPIL }));
    const line = t("reports-not-reflected-line", { name: `${pupil.lastName} ${pupil.firstName}`.trim(), trials: titles.join(", ") });
    if (used + line.length + 1 > SCREEN_BUDGET) break;
    used += line.length + 1;
    notReflected.push(line);
    shown++;
  }
  if (waiting.length > shown) notReflected.push(t("reports-more", { count: waiting.length - shown }));
  const blocks = [head, notReflected.join("\n")];
  const keyboard = new InlineKeyboard()
    .text(t("reports-btn-class-chart"), reportsClassChartData.pack({ school, grade: report.grade, letter: report.classLetter }))
    .row()
    .text(t("reports-btn-back"), reportsSchoolData.pack({ school }))
    .text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: fit(blocks.join("\n\n")), keyboard };
}

/** The year's trials, newest last as the service sorts them, a page at a time. */
export function trialsScreen(report: SchoolReport, page: number, reading: ReportReading): Screen {
  const { t } = reading;
  const school = report.schoolId.toHexString();
  const keyboard = new InlineKeyboard();
  const pages = Math.max(1, Math.ceil(report.trials.length / TRIALS_PER_PAGE));
  const current = Math.min(page, pages - 1);
  const shown = report.trials.slice(current * TRIALS_PER_PAGE, (current + 1) * TRIALS_PER_PAGE);
  const lines = [t("reports-trials-title", { year: report.year, count: report.trials.length })];
  if (report.trials.length === 0) lines.push(t("reports-trials-empty"));
  if (pages > 1) lines.push(t("reports-page", { page: current + 1, pages }));
  lines.push("");
  shown.forEach((trial, i) => {
    const n = current * TRIALS_PER_PAGE + i + 1;
    lines.push(`${n}. ${KIND_ICONS[trial.kind]} «${clipText(trial.title, 60)}» · ${shortWhen(trial.startsAt, trial.timezone)}`);
    lines.push(`    ${t("reports-trials-line", { attended: trial.attended, registered: trial.registered })}`);
    keyboard.text(`${n}. ${clipText(trial.title, BUTTON_TITLE_MAX)}`, reportsTrialData.pack({ trial: trial.trialId.toHexString(), back: String(current) })).row();
  });
  if (current > 0) keyboard.text(t("reports-btn-prev"), reportsTrialsData.pack({ school, page: current - 1 }));
  if (current < pages - 1) keyboard.text(t("reports-btn-next"), reportsTrialsData.pack({ school, page: current + 1 }));
  if (pages > 1) keyboard.row();
  keyboard.text(t("reports-btn-back"), reportsSchoolData.pack({ school })).text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: fit(lines.join("\n").trimEnd()), keyboard };
}

function triStateLine(key: string, counts: TriStateCounts, t: Translate): string {
  return t(key, { share: percent(yesShare(counts)), yes: counts.yes, no: counts.no, unsure: counts.unsure });
}

/**
 * One trial's figures. `back`: where "back" leads — the trial's card, the page of the school's
 * list, or the district for an admin who has no school.
 */
export function trialReportScreen(report: TrialReport, reading: ReportReading, back: { card: true } | { school: string; page: number } | { district: true }): Screen {
  const { t, locale } = reading;
  const trial = report.trialId.toHexString();
  const interest =
    report.interest.pupils > 0
      ? t("reports-trial-interest", { before: rating(report.interest.before), after: rating(report.interest.after), pupils: report.interest.pupils })
      : t("reports-trial-interest-none");
  const blocks = [
    [`${KIND_ICONS[report.kind]} «${report.title}»`, `📅 ${trialWhen(report, locale)}`, t(`trial-status-${report.status}`)].join("\n"),
    [
      t("reports-trial-registered", { count: report.registered, capacity: report.capacity }),
      t("reports-trial-confirmed", { count: report.confirmed }),
      t("reports-trial-attended", { attended: report.attended, noShow: report.noShow }),
      t("reports-trial-consent", { pending: report.consentPending, refused: report.consentRefused, expired: report.consentExpired }),
      t("reports-trial-waitlisted", { count: report.waitlisted }),
    ].join("\n"),
    [
      t("reports-trial-reflections", { done: report.reflections, due: report.attended }),
      interest,
      triStateLine("reports-trial-liked", report.liked, t),
      triStateLine("reports-trial-would-choose", report.wouldChoose, t),
      triStateLine("reports-trial-useful", report.useful, t),
      t("reports-trial-rating", { rating: rating(report.averageRating) }),
    ].join("\n"),
  ];
  const keyboard = new InlineKeyboard().text(t("reports-btn-trial-chart"), reportsTrialChartData.pack({ trial })).row();
  if ("card" in back) keyboard.text(t("reports-btn-back"), trialOpenData.pack({ trial }));
  else if ("school" in back) keyboard.text(t("reports-btn-back"), reportsTrialsData.pack({ school: back.school, page: back.page }));
  else keyboard.text(t("reports-btn-back"), reportsDistrictData.pack({}));
  keyboard.text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: fit(blocks.join("\n\n")), keyboard };
}

export function exportsScreen(report: SchoolReport, reading: ReportReading): Screen {
  const { t } = reading;
  const school = report.schoolId.toHexString();
  const keyboard = new InlineKeyboard();
  for (const table of SCHOOL_EXPORTS) {
    const name = t(`reports-export-${table}`);
    keyboard
      .text(`📄 ${name} · CSV`, reportsExportData.pack({ school, table, format: "csv" }))
      .text(`📗 ${name} · XLSX`, reportsExportData.pack({ school, table, format: "xlsx" }))
      .row();
  }
  keyboard.text(t("reports-btn-back"), reportsSchoolData.pack({ school })).text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: t("reports-exports-title", { school: report.schoolName, year: report.year }), keyboard };
}

/** The district: counts and shares only, never a pupil's name. */
export function districtScreen(report: DistrictReport, reading: ReportReading): Screen {
  const { t } = reading;
  const under = report.sectors.filter((s) => s.underRepresented);
  const sectors = under.length === 0 ? [t("reports-sectors-none")] : [t("reports-sectors-title")];
  for (const s of under) {
    sectors.push(t("reports-sector-line", { direction: riasecName(s.direction, t), demand: s.demand, demandShare: percent(s.demandShare), supply: s.supply, supplyShare: percent(s.supplyShare) }));
  }
  const below = report.belowTarget.length === 0 ? [t("reports-below-none")] : [t("reports-below-title", { count: report.belowTarget.length })];
  for (const s of report.belowTarget.slice(0, BELOW_TARGET_SHOWN)) {
    below.push(
      t("reports-below-line", {
        school: clipText(s.schoolName, 60),
        trial: percent(share(s.withTrial, s.pupils)),
        contacts: percent(share(s.withContacts, s.pupils)),
        rating: rating(s.averageRating),
      }),
    );
  }
  if (report.belowTarget.length > BELOW_TARGET_SHOWN) below.push(t("reports-more", { count: report.belowTarget.length - BELOW_TARGET_SHOWN }));
  const blocks = [
    t("reports-district-title", { year: report.year }),
    [t("reports-district-schools", { count: report.schools.length }), ...kpiLines(report, t)].join("\n"),
    sectors.join("\n"),
    below.join("\n"),
  ];
  const keyboard = new InlineKeyboard()
    .text(t("reports-btn-charts"), reportsDistrictChartsData.pack({}))
    .text(t("reports-btn-exports"), reportsDistrictExportsData.pack({}))
    .row();
  return { text: fit(blocks.join("\n\n")), keyboard: homeRow(keyboard, reading) };
}

export function districtExportsScreen(report: DistrictReport, reading: ReportReading): Screen {
  const { t } = reading;
  const keyboard = new InlineKeyboard()
    .text(`📄 ${t("reports-export-schools")} · CSV`, reportsDistrictExportData.pack({ table: "schools", format: "csv" }))
    .text(`📄 ${t("reports-export-sectors")} · CSV`, reportsDistrictExportData.pack({ table: "sectors", format: "csv" }))
    .row()
    .text(t("reports-export-all-xlsx"), reportsDistrictExportData.pack({ table: "all", format: "xlsx" }))
    .row()
    .text(t("reports-btn-back"), reportsDistrictData.pack({}))
    .text(t("menu-home"), menuData.pack({ action: "home" }));
  return { text: t("reports-district-exports-title", { year: report.year }), keyboard };
}
