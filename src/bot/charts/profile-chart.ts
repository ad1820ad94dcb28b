import { createRequire } from "node:module";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { Resvg, renderAsync } from "@resvg/resvg-js";

/**
 * PT Sans (ParaType, SIL Open Font License 1.1) from the `@expo-google-fonts/pt-sans` package:
 * a TrueType font made for the Cyrillic alphabets of the region, Kazakh and Kyrgyz letters
 * (ә ғ қ ң ө ұ ү һ і) included. Shipped with our dependencies, so the slim Docker image needs
 * no system fonts; system fonts are never loaded, and every machine draws the same picture.
 */
const require = createRequire(import.meta.url);
export const CHART_FONT_FAMILY = "PT Sans";
export const CHART_FONT_FILES = [
  require.resolve("@expo-google-fonts/pt-sans/400Regular/PTSans_400Regular.ttf"),
  require.resolve("@expo-google-fonts/pt-sans/700Bold/PTSans_700Bold.ttf"),
];

export interface ChartBar {
  label: string;
  score: number;
  max: number;
  color: string;
  /** The top three are drawn in full colour with bold labels; the rest paler. */
  highlight: boolean;
}

export interface ProfileChart {
  title: string;
  subtitle?: string | undefined;
  bars: readonly ChartBar[];
}

const WIDTH = 800;
const PAD = 32;
const HEAD = 116;
const ROW = 62;
const BAR_HEIGHT = 30;
const LABEL_WIDTH = 270;
const VALUE_WIDTH = 76;
const LABEL_MAX_CHARS = 22;

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/** Horizontal bars, one per scale in the order given, each score out of its attainable maximum. */
export function profileChartSvg(chart: ProfileChart): string {
  const height = HEAD + chart.bars.length * ROW + PAD / 2;
  const barX = PAD + LABEL_WIDTH;
  const barWidth = WIDTH - barX - PAD - VALUE_WIDTH;
  const rows = chart.bars.map((bar, i) => {
    const y = HEAD + i * ROW;
    const share = bar.max > 0 ? Math.min(Math.max(bar.score / bar.max, 0), 1) : 0;
    // A score above zero always shows a sliver, so "a little" never looks like "nothing".
    const filled = share === 0 ? 0 : Math.max(Math.round(share * barWidth), BAR_HEIGHT / 2);
    const weight = bar.highlight ? "700" : "400";
    const opacity = bar.highlight ? "1" : "0.55";
    return [
      `<text x="${PAD}" y="${y + BAR_HEIGHT / 2 + 8}" font-size="23" font-weight="${weight}" fill="#1F2A37">${escapeXml(clip(bar.label, LABEL_MAX_CHARS))}</text>`,
      `<rect x="${barX}" y="${y}" width="${barWidth}" height="${BAR_HEIGHT}" rx="${BAR_HEIGHT / 2}" fill="#EEF1F4"/>`,
      filled > 0
        ? `<rect class="bar" x="${barX}" y="${y}" width="${filled}" height="${BAR_HEIGHT}" rx="${BAR_HEIGHT / 2}" fill="${escapeXml(bar.color)}" fill-opacity="${opacity}"/>`
        : "",
      `<text x="${WIDTH - PAD}" y="${y + BAR_HEIGHT / 2 + 8}" font-size="22" font-weight="${weight}" fill="#1F2A37" text-anchor="end">${bar.score}/${bar.max}</text>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#FFFFFF"/>`,
    `<text x="${PAD}" y="${PAD + 26}" font-size="32" font-weight="700" fill="#1F2A37">${escapeXml(chart.title)}</text>`,
    chart.subtitle ? `<text x="${PAD}" y="${PAD + 62}" font-size="21" fill="#5B6573">${escapeXml(chart.subtitle)}</text>` : "",
    ...rows,
    `</svg>`,
  ].join("\n");
}

/**
 * The chart as a PNG. Parsing the two fonts costs more than drawing the whole chart, so each
 * distinct piece of text (a scale name, "7/10", a title) is turned into glyph outlines once and
 * cached; a chart whose texts are all known renders from paths alone, off the event loop.
 */
export async function renderProfileChart(chart: ProfileChart): Promise<Buffer> {
  return renderChartSvg(profileChartSvg(chart));
}

/**
 * Any chart SVG written in profileChartSvg's shape (texts as `<text x=".." y=".." …>escaped</text>`)
 * as a PNG at the charts' scale, from cached glyph outlines.
 */
export async function renderChartSvg(svg: string): Promise<Buffer> {
  return rasterize(outlineTexts(svg));
}

/** Renders any SVG with the shipped fonts (and no system fonts): for checks of the fonts themselves. */
export async function renderSvgWithFonts(svg: string): Promise<{ png: Buffer; width: number; height: number; pixels: Buffer }> {
  const image = await renderAsync(svg, { font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY } });
  return { png: image.asPng(), width: image.width, height: image.height, pixels: image.pixels };
}

// Exactly the shape profileChartSvg writes: <text x=".." y=".." …>escaped text</text>.
const TEXT_ELEMENT = /<text x="([\d.-]+)" y="([\d.-]+)" ([^>]*)>([^<]*)<\/text>/g;
const OUTLINE_CACHE_LIMIT = 4000;
const outlines = new Map<string, string>();

/** Replaces every <text> by its cached outlines, converting the unknown ones in one pass over the fonts. */
export function outlineTexts(svg: string): string {
  const missing = new Map<string, { attributes: string; content: string }>();
  for (const match of svg.matchAll(TEXT_ELEMENT)) {
    const key = `${match[3]}>${match[4]}`;
    if (!outlines.has(key)) missing.set(key, { attributes: match[3]!, content: match[4]! });
  }
  if (missing.size > 0) convertToOutlines([...missing.entries()]);
  return svg.replace(TEXT_ELEMENT, (_whole, x: string, y: string, attributes: string, content: string) => {
    return `<g transform="translate(${x} ${y})">${outlines.get(`${attributes}>${content}`) ?? ""}</g>`;
  });
}

function convertToOutlines(texts: Array<[string, { attributes: string; content: string }]>): void {
  const groups = texts.map(([, text], i) => `<g id="t${i}"><text x="0" y="0" font-family="${CHART_FONT_FAMILY}" ${text.attributes}>${text.content}</text></g>`);
  const converted = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${groups.join("")}</svg>`, {
    font: { fontFiles: CHART_FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  }).toString();
  if (outlines.size + texts.length > OUTLINE_CACHE_LIMIT) outlines.clear(); // dated subtitles vary; names and scores do not
  texts.forEach(([key], i) => {
    const start = converted.indexOf(`<g id="t${i}">`);
    const next = converted.indexOf(`<g id="t${i + 1}">`);
    const end = next >= 0 ? next : converted.lastIndexOf("</svg>");
    // No group for a text that draws nothing (e.g. blank): cache it as nothing.
    outlines.set(key, start >= 0 && end > start ? converted.slice(start + `<g id="t${i}">`.length, end).trim().replace(/<\/g>$/, "") : "");
  });
}

/** Paths only, so no fonts are loaded; PNG encoded with a fast zlib level (flat colours compress well anyway). */
async function rasterize(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, { font: { loadSystemFonts: false }, fitTo: { mode: "zoom", value: CHART_ZOOM } });
  return encodePng(image.width, image.height, image.pixels);
}

const CHART_ZOOM = 1.25;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const deflate = promisify(zlib.deflate);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels → PNG (colour type 6, no filtering); deflate runs on libuv's thread pool. */
export async function encodePng(width: number, height: number, rgba: Buffer): Promise<Buffer> {
  const stride = width * 4;
  const rows = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const data = await deflate(rows, { level: 3 });
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", data), chunk("IEND", Buffer.alloc(0))]);
}
