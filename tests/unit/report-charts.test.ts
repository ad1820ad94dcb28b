import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { decodePng } from "../support/png.js";
import { CHART_FONT_FAMILY, CHART_FONT_FILES, renderSvgWithFonts } from "../../src/bot/charts/profile-chart.js";
import {
  interestChartSvg,
  interestShiftChartSvg,
  kpiChartSvg,
  renderInterestChart,
  renderInterestShiftChart,
  renderKpiChart,
  type InterestChartInput,
  type InterestShiftInput,
  type KpiChartInput,
} from "../../src/bot/charts/report-charts.js";

const SCREENSHOTS = path.resolve("tests/e2e/__screenshots__");

const KK_LABELS = { R: "Шебер", I: "Зерттеуші", A: "Шығармашыл", S: "Жанашыр", E: "Ұйымдастырушы", C: "Жүйелеуші" };

const interests: InterestChartInput = {
  title: "Қызығушылық түрлері — 8 «Ә» сыныбы",
  subtitle: "2026–2027 оқу жылы · 24 оқушы",
  labels: KK_LABELS,
  noResultLabel: "Сауалнаманы әлі толтырмағандар",
  distribution: { counts: { R: 6, I: 4, A: 3, S: 5, E: 2, C: 0 }, noResult: 4 },
};

const shift: InterestShiftInput = {
  title: "Кәсіби сынамалар: қызығушылық «дейін → кейін»", // "→" is not in PT Sans: drawn as "›"
  beforeLabel: "Сынамаға дейін",
  afterLabel: "Сынамадан кейін",
  trials: [
    { title: "Агрономиялық тәжірибе станциясында бір күн", before: 3, after: 4.5, pupils: 12 },
    { title: "Автосервис: қозғалтқышты жөндеу", before: 4.2, after: 3.1, pupils: 8 },
    { title: "Емханадағы мейірбике жұмысы", before: 3.5, after: 3.5, pupils: 5 },
    { title: "Сәулет бюросы", before: null, after: 4, pupils: 3 },
    { title: "Банк бөлімшесі", before: null, after: null, pupils: 0 },
    { title: "Өте ұзын атауы бар кәсіби сынама: IT-компаниядағы деректерді талдау бөлімінің күнделікті жұмысымен танысу", before: 2, after: 5, pupils: 15 },
  ],
};

const kpi: KpiChartInput = {
  title: "Жылдық мақсаттар: сыныптар бойынша",
  trialLabel: "Кемінде бір кәсіби сынамасы бар",
  contactsLabel: "Кемінде төрт байланысы бар",
  targetLabel: "Мақсат",
  rows: [
    { label: "7 «А»", pupils: 25, withTrial: 12, withContacts: 25 },
    { label: "7 «Ә»", pupils: 22, withTrial: 22, withContacts: 11 },
    { label: "8 «А»", pupils: 24, withTrial: 3, withContacts: 0 },
    { label: "9 «Б»", pupils: 0, withTrial: 0, withContacts: 0 },
    { label: "10 «А» (жаратылыстану-математика бағыты)", pupils: 18, withTrial: 9, withContacts: 6 },
    { label: "11 «Б»", pupils: 20, withTrial: 20, withContacts: 20 },
  ],
};

function bars(svg: string): { kind: string; x: number; width: number }[] {
  return [...svg.matchAll(/<rect class="bar" data-kind="(\w+)" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => ({ kind: m[1]!, x: Number(m[2]), width: Number(m[3]) }));
}

function texts(svg: string): { x: number; size: number; anchor: string; content: string; element: string }[] {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="[\d.-]+" font-size="(\d+)"([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    size: Number(m[2]),
    anchor: /text-anchor="(\w+)"/.exec(m[3]!)?.[1] ?? "start",
    content: m[4]!,
    element: m[0],
  }));
}

const svgSize = (svg: string) => {
  const m = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(m[1]), height: Number(m[2]) };
};

/** The drawn extent of an SVG fragment with the shipped fonts (the white background left out). */
function inkBox(svg: string): { left: number; right: number; top: number; bottom: number } {
  const { width, height } = svgSize(svg);
  const body = svg.replace(/<rect width="\d+" height="\d+" fill="#FFFFFF"\/>/, "");
  const box = new Resvg(body, { font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY } }).getBBox();
  expect(box, `something is drawn in a ${width}×${height} image`).toBeDefined();
  return { left: box!.x, right: box!.x + box!.width, top: box!.y, bottom: box!.y + box!.height };
}

function textBox(element: string): { left: number; right: number } {
  return inkBox(`<svg xmlns="http://www.w3.org/2000/svg" width="800" height="100" font-family="${CHART_FONT_FAMILY}">${element}</svg>`);
}

/** Nothing is drawn outside the image's margins. */
function expectInside(svg: string) {
  const { width, height } = svgSize(svg);
  const box = inkBox(svg);
  expect(box.left).toBeGreaterThanOrEqual(20);
  expect(box.right).toBeLessThanOrEqual(width - 20);
  expect(box.top).toBeGreaterThanOrEqual(10);
  expect(box.bottom).toBeLessThanOrEqual(height - 4);
}

/** Left-column labels end before `limit`; right-aligned values start after `from`. */
function expectColumns(svg: string, labelSize: number, limit: number, valueSizes: number[], from: number) {
  const all = texts(svg);
  const labels = all.filter((t) => t.x === 32 && t.size === labelSize);
  const values = all.filter((t) => t.x > from && t.anchor === "end" && valueSizes.includes(t.size));
  expect(labels.length).toBeGreaterThan(0);
  expect(values.length).toBeGreaterThan(0);
  for (const label of labels) expect(textBox(label.element).right, label.content).toBeLessThanOrEqual(limit);
  for (const value of values) expect(textBox(value.element).left, value.content).toBeGreaterThanOrEqual(from);
}


async function expectPng(render: Promise<Buffer>, svg: string, name: string) {
  const png = await render;
  const { height } = svgSize(svg);
  expect((({ width, height }) => ({ width, height }))(decodePng(png))).toEqual({ width: 1000, height: Math.round(height * 1.25) });
  expect(png.length).toBeGreaterThan(10_000);
  expect(png.length).toBeLessThan(600_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(path.join(SCREENSHOTS, name), png);
}

/** Characters the font has no glyph for are drawn as the same "missing" box. */
async function missingGlyphs(svgs: string[]): Promise<string[]> {
  const glyph = async (char: string) =>
    (await renderSvgWithFonts(`<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><rect width="60" height="60" fill="#fff"/><text x="10" y="45" font-size="40" font-family="${CHART_FONT_FAMILY}" fill="#000">${char}</text></svg>`)).pixels;
  const missing = await glyph("\u{E000}");
  const chars = new Set(svgs.flatMap((svg) => texts(svg).flatMap((t) => [...t.content.replace(/&(lt|gt|amp|quot|apos);/g, "x")])));
  chars.delete(" ");
  const absent: string[] = [];
  for (const char of chars) if ((await glyph(char)).equals(missing)) absent.push(char);
  expect((await glyph("→")).equals(missing)).toBe(true); // the check can fail
  return absent;
}

const LONG = "Әлі ешқандай сауалнаманы толтырмаған және нәтижесі жоқ оқушылардың саны";

describe("interest-type chart", () => {
  it("draws a bar per type and for no result, proportional to the share of all pupils, with counts and percentages", () => {
    const svg = interestChartSvg(interests);
    for (const t of ["Қызығушылық түрлері — 8 «Ә» сыныбы", "24 оқушы", ...Object.values(KK_LABELS), "Сауалнаманы әлі", "6 · 25%", "4 · 17%", "0 · 0%", "5 · 21%"]) expect(svg).toContain(t);
    const track = Number(/<rect x="284" y="[\d.]+" width="(\d+)"/.exec(svg)![1]);
    expect(track).toBe(366);
    // 24 pupils: 6, 4, 3, 5, 2, 0 and 4 without a result; C (0) draws no bar.
    expect(bars(svg)).toEqual([
      { kind: "R", x: 284, width: Math.round((6 / 24) * 366) },
      { kind: "I", x: 284, width: Math.round((4 / 24) * 366) },
      { kind: "A", x: 284, width: Math.round((3 / 24) * 366) },
      { kind: "S", x: 284, width: Math.round((5 / 24) * 366) },
      { kind: "E", x: 284, width: Math.round((2 / 24) * 366) },
      { kind: "none", x: 284, width: Math.round((4 / 24) * 366) },
    ]);
    expect(bars(svg).map((b) => b.width)).toEqual([92, 61, 46, 76, 31, 61]);
    // The largest type is bold: its label and its value.
    expect(texts(svg).filter((t) => t.element.includes('font-weight="700"')).map((t) => t.content)).toEqual([interests.title, "Шебер", "6 · 25%"]);
    expect(svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
  });

  it("escapes the title and labels", () => {
    const svg = interestChartSvg({ ...interests, title: 'A <b>&"x"', subtitle: "<i>", labels: { ...KK_LABELS, R: "R&D" } });
    expect(svg).toContain("A &lt;b&gt;&amp;&quot;x&quot;");
    expect(svg).toContain("&lt;i&gt;");
    expect(svg).toContain(">R&amp;D<");
    expect(svg).not.toContain("<b>");
    expect(svg).not.toContain("<i>");
  });

  it("draws an empty class as empty tracks with dashes", async () => {
    const empty = { ...interests, distribution: { counts: { R: 0, I: 0, A: 0, S: 0, E: 0, C: 0 }, noResult: 0 } };
    const svg = interestChartSvg(empty);
    expect(bars(svg)).toEqual([]);
    expect(svg).not.toContain("NaN");
    expect(texts(svg).filter((t) => t.content === "—")).toHaveLength(7);
    await expectPng(renderInterestChart(empty), svg, "chart-interests-empty.png");
  });

  it("wraps long labels onto two lines and cuts the rest with …, inside the label column", () => {
    const svg = interestChartSvg({ ...interests, title: `${LONG} ${LONG}`, noResultLabel: LONG, labels: { ...KK_LABELS, E: "Ұйымдастырушылық-кәсіпкерлік-басқарушылық" } });
    const lines = texts(svg).filter((t) => t.size === 21 && t.x === 32);
    expect(lines.map((l) => l.content)).toContain("Әлі ешқандай");
    expect(lines.map((l) => l.content)).toContain("сауалнаманы толтыр…");
    // A hyphenated word breaks after a hyphen; what is left after two lines is cut.
    expect(lines.map((l) => l.content)).toContain("Ұйымдастырушылық-");
    expect(lines.filter((l) => l.content.endsWith("…"))).toHaveLength(2);
    expect(texts(svg).filter((t) => t.size === 30)).toHaveLength(2); // a title on at most two lines
    expect(texts(svg).find((t) => t.size === 30 && t.content.endsWith("…"))).toBeDefined();
    expectColumns(svg, 21, 284 - 4, [21], 284 + 366 + 4);
    expectInside(svg);
  });

  it("renders a PNG 1000 px wide", async () => {
    const svg = interestChartSvg(interests);
    expectInside(svg);
    expectColumns(svg, 21, 280, [21], 654);
    await expectPng(renderInterestChart(interests), svg, "chart-interests.png");
  });
});

describe("interest shift chart", () => {
  it("puts before and after on a 1–5 scale with an arrow between them", () => {
    const svg = interestShiftChartSvg(shift);
    for (const t of ["Сынамаға дейін", "Сынамадан кейін", "Агрономиялық тәжірибе", "n = 12", "n = 0"]) expect(svg).toContain(t);
    // The axis runs from x=330 (1) to x=632 (5).
    const at = (v: number) => Math.round((330 + ((v - 1) / 4) * 302) * 10) / 10;
    const cx = (cls: string) => [...svg.matchAll(new RegExp(`<circle class="${cls}" cx="([\\d.]+)"`, "g"))].map((m) => Number(m[1]));
    expect(cx("before")).toEqual([at(3), at(4.2), at(3.5), at(2)]);
    expect(cx("after")).toEqual([at(4.5), at(3.1), at(3.5), at(4), at(5)]);
    expect(cx("after")[0]).toBe(594.3);
    // Arrows only where both values exist and differ: up green, down orange.
    const shifts = [...svg.matchAll(/<line class="shift" x1="([\d.]+)" y1="[\d.]+" x2="[\d.]+" y2="[\d.]+" stroke="(#\w+)"/g)].map((m) => [Number(m[1]), m[2]]);
    expect(shifts).toEqual([
      [at(3), "#27AE60"],
      [at(4.2), "#E07A2E"],
      [at(2), "#27AE60"],
    ]);
    // Values "before → after" in two columns with a drawn arrow; the trial without any value: one dash.
    const column = (x: number) => texts(svg).filter((t) => t.x === x && t.size === 21).map((t) => t.content);
    expect(column(706)).toEqual(["3.0", "4.2", "3.5", "—", "2.0"]);
    expect(column(768)).toEqual(["4.5", "3.1", "3.5", "4.0", "—", "5.0"]);
    expect(svg.match(/<path d="M 712 /g)).toHaveLength(5);
  });

  it("escapes titles, keeps at most 12 trials and cuts long titles inside their column", () => {
    const many = Array.from({ length: 15 }, (_, i) => ({ title: i === 0 ? `<&"> ${LONG}` : `Сынама ${i + 1}`, before: 2, after: 3, pupils: 4 }));
    const svg = interestShiftChartSvg({ ...shift, title: 'Title <&">', trials: many });
    expect(svg).toContain("Title &lt;&amp;&quot;&gt;");
    expect(svg).toContain("&lt;&amp;&quot;&gt; Әлі");
    expect(svg).not.toContain('<&">');
    expect(svg.match(/<circle class="after"/g)).toHaveLength(12);
    expect(svg).toContain("Сынама 12");
    expect(svg).not.toContain("Сынама 13");
    expect(texts(svg).filter((t) => t.size === 19 && t.content.endsWith("…"))).toHaveLength(1);
    expectColumns(svg, 19, 330 - 12, [21, 16], 632 + 12);
    expectInside(svg);
  });

  it("draws no trials, or only empty values, as a clear image", async () => {
    const none = { ...shift, trials: [] };
    const svg = interestShiftChartSvg(none);
    expect(svg).not.toContain("<circle class");
    expect(texts(svg).filter((t) => t.content === "—")).toHaveLength(1);
    expectInside(svg);
    await expectPng(renderInterestShiftChart(none), svg, "chart-interest-shift-empty.png");
    const blank = interestShiftChartSvg({ ...shift, trials: [{ title: "Сынама", before: null, after: null, pupils: 0 }] });
    expect(blank).not.toContain("<circle class");
    expect(blank).not.toContain("NaN");
  });

  it("renders a PNG 1000 px wide", async () => {
    const svg = interestShiftChartSvg(shift);
    expectInside(svg);
    expectColumns(svg, 19, 318, [21, 16], 644);
    await expectPng(renderInterestShiftChart(shift), svg, "chart-interest-shift.png");
  });
});

describe("KPI chart", () => {
  it("draws two bars per class, shares of pupils with a trial and with four contacts, and the target line at 100%", () => {
    const svg = kpiChartSvg(kpi);
    for (const t of ["Жылдық мақсаттар", "Кемінде бір кәсіби", "Кемінде төрт", "Мақсат 100%", "7 «А»", "12/25 · 48%", "25/25 · 100%", "0/24 · 0%", "9/18 · 50%"]) expect(svg).toContain(t);
    // Bars from x=236, 386 px for 100%.
    expect(bars(svg)).toEqual([
      { kind: "trial", x: 236, width: Math.round((12 / 25) * 386) },
      { kind: "contacts", x: 236, width: 386 },
      { kind: "trial", x: 236, width: 386 },
      { kind: "contacts", x: 236, width: Math.round((11 / 22) * 386) },
      { kind: "trial", x: 236, width: Math.round((3 / 24) * 386) },
      { kind: "trial", x: 236, width: Math.round((9 / 18) * 386) },
      { kind: "contacts", x: 236, width: Math.round((6 / 18) * 386) },
      { kind: "trial", x: 236, width: 386 },
      { kind: "contacts", x: 236, width: 386 },
    ]);
    expect(bars(svg)[0]!.width).toBe(185);
    expect(svg).toContain('<line class="target" x1="622"');
    // The class with no pupils: two dashes, no bars, no NaN.
    expect(texts(svg).filter((t) => t.content === "—")).toHaveLength(2);
    expect(svg).not.toContain("NaN");
  });

  it("escapes labels, keeps at most 30 rows, cuts long labels inside their column", () => {
    const rows = Array.from({ length: 35 }, (_, i) => ({ label: i === 0 ? `<&"> ${LONG}` : `Мектеп № ${i + 1}`, pupils: 100 + i, withTrial: 50, withContacts: 20 + i }));
    const svg = kpiChartSvg({ ...kpi, title: '<&"> KPI', rows });
    expect(svg).toContain("&lt;&amp;&quot;&gt; KPI");
    expect(svg).not.toContain('<&">');
    expect(svg).toContain("Мектеп № 30");
    expect(svg).not.toContain("Мектеп № 31");
    expect(bars(svg).filter((b) => b.kind === "trial")).toHaveLength(30);
    expect(texts(svg).filter((t) => t.size === 20 && t.content.endsWith("…"))).toHaveLength(1);
    expectColumns(svg, 20, 236 - 8, [17], 622 + 8);
    expectInside(svg);
  });

  it("draws no rows as a clear image", async () => {
    const none = { ...kpi, rows: [] };
    const svg = kpiChartSvg(none);
    expect(bars(svg)).toEqual([]);
    expect(texts(svg).filter((t) => t.content === "—")).toHaveLength(1);
    expectInside(svg);
    await expectPng(renderKpiChart(none), svg, "chart-kpi-empty.png");
  });

  it("renders a PNG 1000 px wide, long legends stacked", async () => {
    const svg = kpiChartSvg(kpi);
    expectInside(svg);
    expectColumns(svg, 20, 228, [17], 630);
    await expectPng(renderKpiChart(kpi), svg, "chart-kpi.png");
    const long = kpiChartSvg({ ...kpi, trialLabel: LONG, contactsLabel: LONG });
    const legends = texts(long).filter((t) => t.size === 19);
    expect(legends).toHaveLength(2);
    expect(legends[0]!.x).toBe(legends[1]!.x); // one under the other
    expectInside(long);
  });
});

describe("report chart texts", () => {
  it("uses only characters PT Sans draws (an arrow in a translated title becomes ›)", async () => {
    const svgs = [interestChartSvg(interests), interestShiftChartSvg(shift), kpiChartSvg(kpi), interestShiftChartSvg({ ...shift, trials: [] })];
    expect(svgs[1]).toContain("«дейін ›");
    expect(svgs[1]).not.toContain("→");
    expect(await missingGlyphs(svgs)).toEqual([]);
  });
});
