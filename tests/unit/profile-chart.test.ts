import { describe, expect, it } from "vitest";
import { decodePng } from "../support/png.js";
import { CHART_FONT_FAMILY, outlineTexts, profileChartSvg, renderProfileChart, renderSvgWithFonts, type ProfileChart } from "../../src/bot/charts/profile-chart.js";

const KAZAKH_KYRGYZ_LETTERS = [..."әғқңөұүһі", ..."ӘҒҚҢӨҰҮҺІ"];

const chart: ProfileChart = {
  title: "Қызығушылықтар — сенің профилің",
  subtitle: "14 қыркүйек 2026 ж. · <код> RAI",
  bars: [
    { label: "Шебер", score: 10, max: 10, color: "#E07A2E", highlight: true },
    { label: "Шығармашыл", score: 9, max: 10, color: "#8E44AD", highlight: true },
    { label: "Зерттеуші", score: 5, max: 10, color: "#2E86C1", highlight: true },
    { label: "Ұйымдастырушы", score: 5, max: 10, color: "#D4A20D", highlight: false },
    { label: "Жанашыр", score: 0, max: 10, color: "#27AE60", highlight: false },
    { label: "Жүйелеуші & Ko", score: 1, max: 10, color: "#5D6D7E", highlight: false },
  ],
};

const inkOf = (pixels: Buffer) => {
  let ink = 0;
  for (let i = 0; i < pixels.length; i += 4) ink += 255 - pixels[i]!; // black text on white
  return ink;
};

describe("profile chart", () => {
  it("draws a bar per scale, each score out of its maximum, labels in Kazakh, escaped", () => {
    const svg = profileChartSvg(chart);
    for (const text of ["Қызығушылықтар — сенің профилің", "Ұйымдастырушы", "Жүйелеуші &amp; Ko", "&lt;код&gt; RAI", "10/10", "5/10", "0/10"]) expect(svg).toContain(text);
    expect(svg).not.toContain("<код>");
    const bars = [...svg.matchAll(/<rect class="bar" x="(\d+)" y="(\d+)" width="(\d+)"/g)].map((m) => Number(m[3]));
    // 390 px for a full bar; "nothing" draws no bar, "a little" a proportional stub.
    expect(bars).toEqual([390, 351, 195, 195, 39]);
    expect(svg.match(/font-weight="700"/g)).toHaveLength(1 + 3 * 2); // the title, then three labels and their scores
    expect(svg).toContain(`font-family="${CHART_FONT_FAMILY}"`);
  });

  it("clips a label too long for its column", () => {
    const svg = profileChartSvg({ title: "T", bars: [{ label: "Белгілер мен сандар және тағы басқалар", score: 1, max: 2, color: "#000", highlight: false }] });
    expect(svg).toContain(">Белгілер мен сандар ж…<");
  });

  it("ships a font that draws every Kazakh and Kyrgyz letter", async () => {
    const glyph = async (char: string) =>
      (await renderSvgWithFonts(`<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><rect width="60" height="60" fill="#fff"/><text x="10" y="45" font-size="40" font-family="${CHART_FONT_FAMILY}" fill="#000">${char}</text></svg>`)).pixels;
    const missing = await glyph("\u{E000}"); // a private-use code point no font has
    const drawn: string[] = [];
    for (const letter of [...KAZAKH_KYRGYZ_LETTERS, "ё", "Ж"]) {
      const pixels = await glyph(letter);
      if (inkOf(pixels) > 5_000 && !pixels.equals(missing)) drawn.push(letter);
    }
    expect(drawn.join("")).toBe([...KAZAKH_KYRGYZ_LETTERS, "ё", "Ж"].join(""));
    // The check can fail: a letter the font lacks draws nothing (or only the same "missing" box).
    const absent = await glyph("中");
    expect(inkOf(absent) <= 5_000 || absent.equals(missing)).toBe(true);
    // Each letter differs from its Russian look-alike, so its diacritic mark is really there.
    const lookalike: Record<string, string> = { ғ: "г", қ: "к", ң: "н", ө: "о", ұ: "у", ү: "у", Ғ: "Г", Қ: "К", Ң: "Н", Ө: "О", Ұ: "У", Ү: "У" };
    for (const [letter, base] of Object.entries(lookalike)) expect((await glyph(letter)).equals(await glyph(base)), letter).toBe(false);
  });

  it("renders a PNG from cached glyph outlines that matches rendering with the fonts", async () => {
    const png = await renderProfileChart(chart);
    const { width, height, rgba } = decodePng(png);
    expect({ width, height }).toEqual({ width: 1000, height: Math.round((116 + 6 * 62 + 16) * 1.25) });
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(300_000);

    // The same chart drawn directly with the fonts, at the same scale.
    const direct = await renderSvgWithFonts(profileChartSvg(chart).replace(/width="800" height="(\d+)"/, (_m, h: string) => `width="1000" height="${Math.round(Number(h) * 1.25)}"`));
    expect(direct.width).toBe(width);
    let differing = 0;
    for (let i = 0; i < rgba.length; i += 4) if (Math.abs(rgba[i]! - direct.pixels[i]!) > 48) differing++;
    expect(differing / (width * height)).toBeLessThan(0.01);
    expect(inkOf(rgba)).toBeGreaterThan(0);
  });

  it("turns each text into outlines once and reuses them", () => {
    const svg = profileChartSvg(chart);
    const first = outlineTexts(svg);
    expect(first).not.toContain("<text");
    expect(first).toMatch(/<path[^>]+d="M /);
    expect(outlineTexts(svg)).toBe(first);
  });
});
