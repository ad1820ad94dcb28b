import { RIASEC_LETTERS, type RiasecLetter } from "../../db/models/common.js";
import type { InterestDistribution } from "../../services/reports.js";
import { CHART_FONT_FAMILY, escapeXml, renderChartSvg } from "./profile-chart.js";

/**
 * Report charts for teachers and admins (issue 10): the interest types of a class or school,
 * interest before → after per trial, KPI progress per class or school. Drawn like the
 * questionnaire chart (profile-chart.ts): an 800-unit-wide SVG in PT Sans, rendered to a PNG
 * 1000 px wide from cached glyph outlines. Labels arrive translated, so every text is fitted
 * to its column (wrapped, then cut with "…") by a conservative estimate of PT Sans widths.
 */

const WIDTH = 800;
const PAD = 32;
const INK = "#1F2A37";
const MUTED = "#5B6573";
const TRACK = "#EEF1F4";
const GRID = "#D5DAE0";

/** The questionnaire's colours for the six types (content/instruments/riasec.ts). */
export const RIASEC_COLORS: Record<RiasecLetter, string> = {
  R: "#E07A2E",
  I: "#2E86C1",
  A: "#8E44AD",
  S: "#27AE60",
  E: "#D4A20D",
  C: "#5D6D7E",
};
const NO_RESULT_COLOR = "#AEB6BF";
const BEFORE_COLOR = "#9AA5B1";
const AFTER_COLOR = "#2E86C1";
const UP_COLOR = "#27AE60";
const DOWN_COLOR = "#E07A2E";
const TRIAL_COLOR = "#2E86C1";
const CONTACTS_COLOR = "#8E44AD";
const TARGET_COLOR = "#C0392B";

export const MAX_SHIFT_TRIALS = 12;
export const MAX_KPI_ROWS = 30;

// ---------------------------------------------------------------------------------------------
// Text fitting

const NARROW = new Set([..."iіїlj.,:;'!|()[]{}ı"]);
const WIDE = new Set([..."шщжмюыфШЩЖМЮЫФWMmw%—…@"]);

/** A generous estimate of a text's advance in PT Sans, in the units of its font size. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) {
    if (char === " ") em += 0.27;
    else if (NARROW.has(char)) em += 0.3;
    else if (WIDE.has(char)) em += 0.8;
    else if (/\d/.test(char)) em += 0.54;
    else if (char !== char.toLowerCase()) em += 0.68;
    else em += 0.56;
  }
  return em * fontSize * (bold ? 1.07 : 1);
}

function cut(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join("").trimEnd()}…`, fontSize, bold) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/** Greedy word wrap into at most `maxLines` lines; what does not fit ends the last line with "…". */
export function fitLines(text: string, maxWidth: number, fontSize: number, bold = false, maxLines = 2): string[] {
  // Words, and the parts of hyphenated words ("жаратылыстану-математика"), which may break after the hyphen.
  const words = text.trim().split(/\s+/).filter(Boolean).flatMap((word) => word.split(/(?<=[^-\s]-)(?=[^-])/).map((part, i) => ({ part, glued: i > 0 })));
  const lines: string[] = [];
  let current = "";
  for (const { part, glued } of words) {
    const joined = glued ? `${current}${part}` : `${current} ${part}`;
    if (!current) current = part;
    else if (textWidth(joined, fontSize, bold) <= maxWidth) current = joined;
    else {
      lines.push(current);
      current = part;
    }
  }
  lines.push(current);
  // The first word that did not fit is appended to the last kept line, so cutting it always shows "…".
  const kept = lines.length > maxLines ? [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]} ${lines[maxLines]}`] : lines;
  return kept.map((line) => cut(line, maxWidth, fontSize, bold));
}

interface TextOptions {
  size: number;
  bold?: boolean;
  fill?: string;
  anchor?: "start" | "middle" | "end";
}

/** One <text> in the shape outlineTexts understands: x, y, then attributes, then escaped content. */
function text(x: number, y: number, content: string, o: TextOptions): string {
  const anchor = o.anchor && o.anchor !== "start" ? ` text-anchor="${o.anchor}"` : "";
  return `<text x="${round(x)}" y="${round(y)}" font-size="${o.size}" font-weight="${o.bold ? "700" : "400"}" fill="${o.fill ?? INK}"${anchor}>${escapeXml(withGlyphs(content))}</text>`;
}

/** PT Sans has no arrows: "→" (likely in translated titles such as "before → after") becomes "›". */
export function withGlyphs(content: string): string {
  return content.replace(/→/g, "›");
}

/** Lines of text centred vertically on `centerY`. */
function block(x: number, centerY: number, lines: string[], o: TextOptions): string {
  const lineHeight = Math.round(o.size * 1.15);
  const first = centerY - ((lines.length - 1) * lineHeight) / 2 + o.size * 0.35;
  return lines.map((line, i) => text(x, first + i * lineHeight, line, o)).join("");
}

const round = (n: number) => Math.round(n * 10) / 10;

function svgDocument(height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#FFFFFF"/>`,
    ...body,
    `</svg>`,
  ].join("\n");
}

/** Title (bold, up to two lines) and an optional subtitle; returns the y where the chart may start. */
function header(title: string, subtitle: string | undefined, body: string[]): number {
  const titleLines = fitLines(title, WIDTH - 2 * PAD, 30, true, 2);
  let y = PAD + 24;
  for (const line of titleLines) {
    body.push(text(PAD, y, line, { size: 30, bold: true }));
    y += 36;
  }
  if (subtitle) {
    for (const line of fitLines(subtitle, WIDTH - 2 * PAD, 20, false, 2)) {
      body.push(text(PAD, y - 4, line, { size: 20, fill: MUTED }));
      y += 26;
    }
  }
  return y + 8;
}

/** Coloured swatches with their labels, side by side when they fit, otherwise one per line. */
function legend(items: { label: string; swatch: (x: number, cy: number) => string }[], top: number, body: string[]): number {
  const size = 19;
  const widths = items.map((item) => 26 + textWidth(item.label, size));
  const sideBySide = widths.reduce((a, b) => a + b, 0) + 28 * (items.length - 1) <= WIDTH - 2 * PAD;
  let x = PAD;
  let cy = top + 12;
  items.forEach((item, i) => {
    if (!sideBySide && i > 0) {
      x = PAD;
      cy += 28;
    }
    body.push(item.swatch(round(x), cy));
    const label = cut(item.label, WIDTH - 2 * PAD - 26, size, false);
    body.push(text(x + 26, cy + size * 0.35, label, { size, fill: MUTED }));
    x += widths[i]! + 28;
  });
  return cy + 28;
}

// ---------------------------------------------------------------------------------------------
// Interest-type distribution

export interface InterestChartInput {
  title: string;
  subtitle?: string;
  labels: Record<RiasecLetter, string>;
  noResultLabel: string;
  distribution: InterestDistribution;
}

const I_ROW = 58;
const I_BAR = 28;
const I_LABEL = 240;
const I_VALUE = 118;

/** Interest-type distribution of a class or school: one bar per RIASEC type (count and %), plus "no result". */
export function interestChartSvg(input: InterestChartInput): string {
  const body: string[] = [];
  const top = header(input.title, input.subtitle, body) + 8;
  const { counts, noResult } = input.distribution;
  const rows = [
    ...RIASEC_LETTERS.map((letter) => ({ label: input.labels[letter], count: safeCount(counts[letter]), color: RIASEC_COLORS[letter], kind: letter as string })),
    { label: input.noResultLabel, count: safeCount(noResult), color: NO_RESULT_COLOR, kind: "none" },
  ];
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const most = Math.max(0, ...rows.slice(0, RIASEC_LETTERS.length).map((row) => row.count));
  const barX = PAD + I_LABEL + 12;
  const barWidth = WIDTH - PAD - I_VALUE - barX;
  rows.forEach((row, i) => {
    // "No result" sits a little apart from the six types, below a thin rule.
    const y = top + i * I_ROW + (row.kind === "none" ? 14 : 0);
    if (row.kind === "none") body.push(`<rect x="${PAD}" y="${y - 16}" width="${WIDTH - 2 * PAD}" height="1" fill="${GRID}"/>`);
    const center = y + I_BAR / 2;
    const strong = row.kind !== "none" && row.count > 0 && row.count === most;
    body.push(block(PAD, center, fitLines(row.label, I_LABEL, 21, strong, 2), { size: 21, bold: strong }));
    body.push(`<rect x="${barX}" y="${y}" width="${barWidth}" height="${I_BAR}" rx="${I_BAR / 2}" fill="${TRACK}"/>`);
    const filled = total > 0 ? sliver(row.count / total, barWidth, I_BAR) : 0;
    if (filled > 0) body.push(`<rect class="bar" data-kind="${row.kind}" x="${barX}" y="${y}" width="${filled}" height="${I_BAR}" rx="${I_BAR / 2}" fill="${row.color}"/>`);
    const value = total > 0 ? `${row.count} · ${Math.round((row.count / total) * 100)}%` : "—";
    body.push(text(WIDTH - PAD, center + 7, value, { size: 21, bold: strong, anchor: "end" }));
  });
  const height = top + rows.length * I_ROW + 14 + 4;
  return svgDocument(height, body);
}

export function renderInterestChart(input: InterestChartInput): Promise<Buffer> {
  return renderChartSvg(interestChartSvg(input));
}

// ---------------------------------------------------------------------------------------------
// Interest before → after per trial

export interface InterestShiftInput {
  title: string;
  beforeLabel: string;
  afterLabel: string;
  trials: { title: string; before: number | null; after: number | null; pupils: number }[];
}

const S_ROW = 60;
const S_LABEL = 270;
const S_VALUE = 112;
const S_MIN = 1;
const S_MAX = 5;

/** Before → after interest (1–5) per trial, as an arrow on a 1–5 scale; missing values drawn as "—". */
export function interestShiftChartSvg(input: InterestShiftInput): string {
  const body: string[] = [];
  let y = header(input.title, undefined, body);
  y = legend(
    [
      { label: input.beforeLabel, swatch: (x, cy) => `<circle cx="${x + 9}" cy="${cy}" r="8" fill="#FFFFFF" stroke="${BEFORE_COLOR}" stroke-width="4"/>` },
      { label: input.afterLabel, swatch: (x, cy) => `<circle cx="${x + 9}" cy="${cy}" r="9" fill="${AFTER_COLOR}"/>` },
    ],
    y,
    body,
  );
  const trials = input.trials.slice(0, MAX_SHIFT_TRIALS);
  const axisX = PAD + S_LABEL + 28;
  const axisWidth = WIDTH - PAD - S_VALUE - 24 - axisX;
  const at = (value: number) => round(axisX + ((clamp(value, S_MIN, S_MAX) - S_MIN) / (S_MAX - S_MIN)) * axisWidth);
  const scaleY = y + 18;
  const top = scaleY + 16;
  const rows = Math.max(trials.length, 1);
  const bottom = top + rows * S_ROW;
  for (let tick = S_MIN; tick <= S_MAX; tick++) {
    body.push(text(at(tick), scaleY, String(tick), { size: 18, fill: MUTED, anchor: "middle" }));
    body.push(`<rect x="${at(tick) - 0.5}" y="${top}" width="1" height="${bottom - top}" fill="${GRID}"/>`);
  }
  if (trials.length === 0) {
    body.push(text(WIDTH / 2, top + S_ROW / 2 + 10, "—", { size: 30, fill: MUTED, anchor: "middle" }));
  }
  trials.forEach((trial, i) => {
    const rowTop = top + i * S_ROW;
    const center = rowTop + S_ROW / 2;
    if (i % 2 === 1) body.push(`<rect x="${PAD - 8}" y="${rowTop}" width="${WIDTH - 2 * PAD + 16}" height="${S_ROW}" fill="#F7F8FA"/>`);
    body.push(block(PAD, center, fitLines(trial.title, S_LABEL, 19, false, 2), { size: 19 }));
    const before = finite(trial.before);
    const after = finite(trial.after);
    if (before !== null && after !== null && before !== after) {
      const color = after > before ? UP_COLOR : DOWN_COLOR;
      const direction = after > before ? 1 : -1;
      const x1 = at(before);
      const x2 = at(after);
      const shaft = Math.abs(x2 - x1) > 22 ? x2 - direction * 20 : x1;
      body.push(`<line class="shift" x1="${x1}" y1="${center}" x2="${round(shaft)}" y2="${center}" stroke="${color}" stroke-width="6" stroke-linecap="round"/>`);
      if (Math.abs(x2 - x1) > 22) {
        const tip = x2 - direction * 10;
        body.push(`<path d="M ${round(tip)} ${center} L ${round(tip - direction * 14)} ${center - 9} L ${round(tip - direction * 14)} ${center + 9} Z" fill="${color}"/>`);
      }
    }
    if (before !== null) body.push(`<circle class="before" cx="${at(before)}" cy="${center}" r="8" fill="#FFFFFF" stroke="${BEFORE_COLOR}" stroke-width="4"/>`);
    if (after !== null) body.push(`<circle class="after" cx="${at(after)}" cy="${center}" r="9" fill="${AFTER_COLOR}"/>`);
    if (before === null && after === null) body.push(text(WIDTH - PAD, center + 1, "—", { size: 21, bold: true, anchor: "end" }));
    else {
      // "3.0 → 4.5" in fixed columns (PT Sans has no arrow glyph, so the arrow is drawn).
      body.push(text(WIDTH - PAD - 62, center + 1, score(before), { size: 21, bold: true, anchor: "end" }));
      const ay = center - 6;
      body.push(`<path d="M ${WIDTH - PAD - 56} ${ay} L ${WIDTH - PAD - 46} ${ay} M ${WIDTH - PAD - 50} ${ay - 4} L ${WIDTH - PAD - 45} ${ay} L ${WIDTH - PAD - 50} ${ay + 4}" fill="none" stroke="${MUTED}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`);
      body.push(text(WIDTH - PAD, center + 1, score(after), { size: 21, bold: true, anchor: "end" }));
    }
    body.push(text(WIDTH - PAD, center + 21, `n = ${safeCount(trial.pupils)}`, { size: 16, fill: MUTED, anchor: "end" }));
  });
  return svgDocument(bottom + PAD / 2, body);
}

export function renderInterestShiftChart(input: InterestShiftInput): Promise<Buffer> {
  return renderChartSvg(interestShiftChartSvg(input));
}

// ---------------------------------------------------------------------------------------------
// KPI progress per class (or per school)

export interface KpiChartInput {
  title: string;
  trialLabel: string;
  contactsLabel: string;
  targetLabel: string;
  rows: { label: string; pupils: number; withTrial: number; withContacts: number }[];
}

const K_ROW = 58;
const K_BAR = 17;
const K_GAP = 5;
const K_LABEL = 190;
const K_VALUE = 128;

/** Per row two bars, the share with ≥1 trial and with ≥4 contacts (0–100%), a target line at 100%, counts "12/25". */
export function kpiChartSvg(input: KpiChartInput): string {
  const body: string[] = [];
  let y = header(input.title, undefined, body);
  y = legend(
    [
      { label: input.trialLabel, swatch: (x, cy) => `<rect x="${x}" y="${cy - 8}" width="18" height="16" rx="4" fill="${TRIAL_COLOR}"/>` },
      { label: input.contactsLabel, swatch: (x, cy) => `<rect x="${x}" y="${cy - 8}" width="18" height="16" rx="4" fill="${CONTACTS_COLOR}"/>` },
    ],
    y,
    body,
  );
  const rows = input.rows.slice(0, MAX_KPI_ROWS);
  const barX = PAD + K_LABEL + 14;
  const barWidth = WIDTH - PAD - K_VALUE - 18 - barX;
  const targetX = barX + barWidth;
  const scaleY = y + 18;
  const top = scaleY + 14;
  const bottom = top + Math.max(rows.length, 1) * K_ROW;
  for (const tick of [0, 50]) {
    const x = barX + (tick / 100) * barWidth;
    body.push(text(x, scaleY, `${tick}%`, { size: 17, fill: MUTED, anchor: tick === 0 ? "start" : "middle" }));
    body.push(`<rect x="${round(x - 0.5)}" y="${top}" width="1" height="${bottom - top}" fill="${GRID}"/>`);
  }
  body.push(text(targetX, scaleY, cut(`${input.targetLabel} 100%`, barWidth / 2 - 30, 17, true), { size: 17, bold: true, fill: TARGET_COLOR, anchor: "end" }));
  if (rows.length === 0) body.push(text(WIDTH / 2, top + K_ROW / 2 + 10, "—", { size: 30, fill: MUTED, anchor: "middle" }));
  rows.forEach((row, i) => {
    const rowTop = top + i * K_ROW;
    const center = rowTop + K_ROW / 2;
    if (i % 2 === 1) body.push(`<rect x="${PAD - 8}" y="${rowTop}" width="${WIDTH - 2 * PAD + 16}" height="${K_ROW}" fill="#F7F8FA"/>`);
    body.push(block(PAD, center, fitLines(row.label, K_LABEL, 20, true, 2), { size: 20, bold: true }));
    const pupils = safeCount(row.pupils);
    const pairs = [
      { kind: "trial", count: safeCount(row.withTrial), color: TRIAL_COLOR, y: center - K_GAP / 2 - K_BAR },
      { kind: "contacts", count: safeCount(row.withContacts), color: CONTACTS_COLOR, y: center + K_GAP / 2 },
    ];
    for (const bar of pairs) {
      body.push(`<rect x="${barX}" y="${bar.y}" width="${barWidth}" height="${K_BAR}" rx="${K_BAR / 2}" fill="${TRACK}"/>`);
      const filled = pupils > 0 ? sliver(bar.count / pupils, barWidth, K_BAR) : 0;
      if (filled > 0) body.push(`<rect class="bar" data-kind="${bar.kind}" x="${barX}" y="${bar.y}" width="${filled}" height="${K_BAR}" rx="${K_BAR / 2}" fill="${bar.color}"/>`);
      const value = pupils > 0 ? `${bar.count}/${pupils} · ${Math.round(Math.min(bar.count / pupils, 1) * 100)}%` : "—";
      body.push(text(WIDTH - PAD, bar.y + K_BAR / 2 + 6, value, { size: 17, anchor: "end" }));
    }
  });
  // The target line over the bars' ends: a full bar touches it.
  body.push(`<line class="target" x1="${targetX}" y1="${top - 4}" x2="${targetX}" y2="${bottom}" stroke="${TARGET_COLOR}" stroke-width="2" stroke-dasharray="6 4"/>`);
  return svgDocument(bottom + PAD / 2, body);
}

export function renderKpiChart(input: KpiChartInput): Promise<Buffer> {
  return renderChartSvg(kpiChartSvg(input));
}

// ---------------------------------------------------------------------------------------------

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function safeCount(value: number | undefined): number {
  return Number.isFinite(value) && value! > 0 ? Math.floor(value!) : 0;
}

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function score(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}

/** A share of the track, rounded; anything above zero shows at least a round stub, never more than the track. */
function sliver(share: number, width: number, barHeight: number): number {
  const bounded = clamp(share, 0, 1);
  return bounded === 0 ? 0 : Math.max(Math.round(bounded * width), barHeight);
}
