import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import { mulberry32 } from "../../dev/seeded-random.js";

/** Seeded draws (mulberry32), so a failing run can be replayed with FUZZ_SEED. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** Picks a key by weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries.at(-1)![0];
  }
}

/** Hostile and ordinary texts; `rng` adds random strings on top. */
export const HOSTILE_TEXTS: readonly string[] = [
  "",
  " ",
  "   \n\n\t  ",
  "a".repeat(5000),
  "Ж".repeat(4096),
  "🙂".repeat(1200),
  "👨‍👩‍👧‍👦👩🏽‍🚒🏳️‍🌈",
  "\u200b\u200c\u200d\ufeff",
  "\u200bАру\u200d",
  "مرحبا، أريد التسجيل",
  "שלום עולם",
  "\u202eevil\u202c text",
  "\u0000\u0007\u001b[31mred\u001b[0m\u0008",
  "<b>bold</b> <script>alert(1)</script> &amp;",
  "${process.env} {{x}} { $ne: null }",
  '{"$gt": ""}',
  "Сәлем! Менің атым Әлібек",
  "Салам, кандайсың?",
  "Aru",
  "Sapar",
  "9",
  "9Б",
  "11",
  "0",
  "-1",
  "99999999999999999999",
  "5",
  "Б",
  "yes",
  "2026-10-01 10:00",
  "01.10.2026 10:00",
  "31.02.2026",
  "+7 701 234 56 78",
  "https://example.com/x?y=1",
  "12 Abay Ave",
  "ABC-DEF-GHJ",
  "trial-zzz",
  "/unknowncommand",
  "/start@other_bot",
  "/start trial-000000000000000000000000",
  "/start inv-AAAAAAAA",
];

export function randomText(rng: Rng): string {
  if (rng.chance(0.7)) return rng.pick(HOSTILE_TEXTS);
  const length = rng.pick([1, 2, 8, 40, 300, 4097]);
  let text = "";
  for (let i = 0; i < length; i++) {
    const range = rng.pick([
      [0x20, 0x7e],
      [0x400, 0x4ff],
      [0x600, 0x6ff],
      [0x5d0, 0x5ea],
      [0x1f300, 0x1f64f],
      [0x200b, 0x200f],
      [0x0, 0x1f],
    ] as const);
    text += String.fromCodePoint(rng.int(range[0], range[1]));
  }
  return text;
}

/** A pino logger that keeps every error-level entry, so the test can see what reached the error boundary. */
export function capturingLogger(): { logger: Logger; errors: string[] } {
  const errors: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      errors.push(chunk.toString("utf8"));
      done();
    },
  });
  return { logger: pino({ level: "error" }, stream), errors };
}

export const OBJECT_ID = /[0-9a-f]{24}/g;
