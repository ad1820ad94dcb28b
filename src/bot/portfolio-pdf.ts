/**
 * The portfolio as text: the chat screen and the PDF document a pupil could show a college.
 * The PDF is drawn by pdfkit (pure JS) in PT Sans, which covers the Kazakh and Kyrgyz letters.
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { Locale } from "../db/models/user.js";
import { findInstrument } from "../content/instruments/index.js";
import { instrumentKeys } from "../domain/questionnaire.js";
import type { Portfolio, PortfolioTrial } from "../services/portfolio.js";
import { formatDate } from "./format.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

const require = createRequire(import.meta.url);
const REGULAR = require.resolve("@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf");
const BOLD = require.resolve("@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf");

/** A free answer longer than this is cut in the portfolio. */
const ANSWER_MAX = 300;

export function cut(text: string, max = ANSWER_MAX): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
}

export function fullName(p: Pick<Portfolio, "firstName" | "lastName">): string {
  return `${p.lastName} ${p.firstName}`.trim();
}

/** "12 March 2027 — RIASEC: Realistic, Social, Artistic" */
export function resultLines(portfolio: Portfolio, t: Translate, locale: Locale): string[] {
  return portfolio.results.map((result) => {
    const instrument = findInstrument(result.instrumentId);
    const keys = instrument ? instrumentKeys(instrument) : undefined;
    const title = keys ? t(keys.title) : result.instrument;
    const top = result.top.slice(0, 3).map((id) => (keys ? t(keys.scaleName(id)) : id)).join(", ");
    return t("portfolio-result-line", { date: formatDate(result.completedAt, locale, portfolio.timezone), title, top });
  });
}

const answer = (value: string | undefined, t: Translate) => (value ? t(`portfolio-answer-${value}`) : undefined);

/** A trial's heading and its lines: interest before → after, and the key answers. */
export function trialBlock(trial: PortfolioTrial, t: Translate, locale: Locale, forPdf = false): { heading: string; lines: string[] } {
  const heading = t("portfolio-trial-line", { kind: t(`trial-kind-${trial.kind}`), title: trial.title, date: formatDate(trial.startsAt, locale, trial.timezone) });
  const lines: string[] = [];
  if (trial.organisation) lines.push(t("portfolio-host", { organisation: trial.organisation }));
  if (trial.interestBefore !== undefined || trial.interestAfter !== undefined) {
    // PT Sans has no "→": the PDF says it in words.
    lines.push(t(forPdf ? "portfolio-pdf-interest" : "portfolio-interest", { before: trial.interestBefore ?? "—", after: trial.interestAfter ?? "—" }));
  }
  const after = trial.after;
  if (after?.answers.didWhat) lines.push(t("portfolio-did", { text: cut(after.answers.didWhat) }));
  if (after?.answers.aboutMe) lines.push(t("portfolio-about-me", { text: cut(after.answers.aboutMe) }));
  const choose = answer(after?.wouldChoose, t);
  if (choose) lines.push(t("portfolio-would-choose", { answer: choose }));
  if (trial.trace?.answers.nextStep) lines.push(t("portfolio-next-step", { text: cut(trial.trace.answers.nextStep) }));
  const artifacts = [trial.before, after, trial.trace].flatMap((r) => r?.artifacts ?? []);
  if (artifacts.length > 0) lines.push(t("portfolio-artifacts", { count: artifacts.length, shown: artifacts.filter((a) => a.inPortfolio).length }));
  return { heading, lines };
}

export function targetLines(portfolio: Portfolio, t: Translate): string[] {
  const { targets } = portfolio;
  const mark = (met: boolean) => (met ? " ✅" : "");
  return [
    t("portfolio-targets-trials", { done: targets.trials, target: targets.trialsTarget }) + mark(targets.trialsMet),
    t("portfolio-targets-contacts", { done: targets.contacts, target: targets.contactsTarget }) + mark(targets.contactsMet),
  ];
}

/** "portfolio-2027-03-12.pdf", the date on the school's clock. */
export function portfolioFileName(now: Date, timeZone: string): string {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  return `portfolio-${date}.pdf`;
}

/** PT Sans has no emoji: the PDF keeps letters, digits and common punctuation only. */
const noEmoji = (text: string) => text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, "").replace(/ {2,}/g, " ").trim();

/** The portfolio as an A4 PDF: header, interest results, trials with reflections, yearly targets. */
export function portfolioPdf(portfolio: Portfolio, t: Translate, locale: Locale, now: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margins: { top: 50, bottom: 50, left: 56, right: 56 }, info: { Title: noEmoji(t("portfolio-pdf-title")), Author: "Bagdar" } });
  doc.registerFont("regular", REGULAR);
  doc.registerFont("bold", BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const accent = "#1f5f8b";
  const section = (title: string) => {
    doc.moveDown(0.8);
    doc.font("bold").fontSize(14).fillColor(accent).text(noEmoji(title), doc.page.margins.left, doc.y);
    const y = doc.y + 2;
    doc.moveTo(doc.page.margins.left, y).lineTo(doc.page.width - doc.page.margins.right, y).lineWidth(0.5).strokeColor(accent).stroke();
    doc.moveDown(0.4);
    doc.fillColor("black");
  };
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  // Indented lines keep their indent when they wrap.
  const line = (text: string, options: { bold?: boolean; indent?: number; color?: string } = {}) => {
    const indent = options.indent ?? 0;
    doc
      .font(options.bold ? "bold" : "regular")
      .fontSize(11)
      .fillColor(options.color ?? "black")
      .text(noEmoji(text), left + indent, doc.y, { width: width - indent, paragraphGap: 2 });
  };

  doc.font("bold").fontSize(22).fillColor(accent).text(noEmoji(t("portfolio-pdf-title")));
  doc.moveDown(0.3);
  doc.font("bold").fontSize(15).fillColor("black").text(fullName(portfolio));
  doc.font("regular").fontSize(11);
  if (portfolio.schoolName) line(t("portfolio-pdf-school", { school: portfolio.schoolName }));
  if (portfolio.className) line(t("portfolio-pdf-class", { class: portfolio.className }));
  line(t("portfolio-pdf-date", { date: formatDate(now, locale, portfolio.timezone) }));

  section(t("portfolio-pdf-results"));
  const results = resultLines(portfolio, t, locale);
  if (results.length === 0) line(t("portfolio-pdf-results-none"));
  for (const result of results) line(result);

  section(t("portfolio-pdf-trials"));
  if (portfolio.trials.length === 0) line(t("portfolio-pdf-trials-none"));
  for (const trial of portfolio.trials) {
    const block = trialBlock(trial, t, locale, true);
    doc.moveDown(0.3);
    line(block.heading, { bold: true });
    for (const l of block.lines) line(l, { indent: 12 });
  }

  section(t("portfolio-pdf-targets", { year: portfolio.targets.year.label }));
  // A target met is drawn in green (the chat's ✅ has no glyph in PT Sans).
  const met = [portfolio.targets.trialsMet, portfolio.targets.contactsMet];
  targetLines(portfolio, t).forEach((l, i) => line(l, { bold: met[i], color: met[i] ? "#1e7b34" : "black" }));
  doc.moveDown(0.3);
  doc.font("regular").fontSize(9).fillColor("#555555").text(noEmoji(t("portfolio-targets-hint")), left, doc.y, { width });

  doc.end();
  return done;
}
