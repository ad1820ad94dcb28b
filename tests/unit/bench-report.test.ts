import { describe, expect, it } from "vitest";
import { anchor, BENCHES, hardFailures, lastJsonLine, renderBenchmarks, type BenchRun, type Machine } from "../../bench/report.js";

const machine: Machine = {
  date: "2026-11-22T07:05:27.123Z",
  commit: "57934c9",
  dirty: true,
  cpuModel: "AMD EPYC 7B13",
  cpuCount: 2,
  totalMemoryBytes: 8 * 1024 ** 3,
  os: "Linux 6.8.0",
  arch: "x64",
  node: "v20.19.4",
  loadAverage: [1.5, 1, 0.5],
  loadAverageEnd: [9.25, 4, 2],
  database: "memory",
  broadcastRatePerSec: 30,
  env: { BENCH_PUPILS: "50" },
};

const ok = (name: string, result: Record<string, unknown>, durationMs = 12_345): BenchRun => ({ name, ok: true, exitCode: 0, durationMs, result });

const updates = ok("updates", {
  updatesPerSec: 80,
  p50Ms: 90.5,
  p99Ms: 400,
  baselineUpdatesPerSec: 8000,
  ratio: 0.01,
  lastItemVsFirstItem: 1.1,
  pupils: 100,
  concurrency: 10,
  updates: 4100,
  firstItemP50Ms: 80,
  lastItemP50Ms: 88,
  resultCardP50Ms: 300,
  results: 100,
});
const broadcast = ok("broadcast", { recipients: 10000, limitPerSec: 30, achievedPerSec: 27.5, ratio: 0.917, rateLimited429: 0, duplicates: 0, lost: 0, restarts: 1, messages: 10200, clockScale: 2 });
const race = ok("signup-race", {
  students: 500,
  capacity: 20,
  seated: 20,
  waitlisted: 480,
  duplicates: 0,
  promotions: 5,
  invariantViolations: 0,
  afterCancellations: { seated: 20, waitlisted: 475 },
  signupMs: 2500,
  cancelMs: 40,
});
const reports = ok("reports", { schools: 40, pupils: 12000, trials: 600, registrations: 8000, reflections: 9000, results: 8500, seedMs: 30000, ms: { trial: 20, class: 300, school: 2500, pupils: 800, district: 1900 } });
const startup = ok("playground-startup", { firstStartMs: 3200, restartMedianMs: 2100, runs: 3 });
const failedStartup: BenchRun = { name: "playground-startup", ok: false, exitCode: 1, durationMs: 4000, error: "exit code 1", stderrTail: "Error: npm start exited with 1\n    at measure (bench/playground-startup.ts:37:45)\n" };

/** The markdown between a "## title" heading and the next one. */
function sectionOf(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = markdown.indexOf("\n## ", start + 3);
  return markdown.slice(start, end === -1 ? undefined : end);
}

describe("renderBenchmarks", () => {
  const all = renderBenchmarks([updates, broadcast, race, reports, startup], machine);

  it("starts with the date, the commit, the machine and the database, never a URI", () => {
    expect(all.startsWith("# Benchmarks\n")).toBe(true);
    expect(all).toContain("| date | 2026-11-22 07:05 UTC |");
    expect(all).toContain("| commit | `57934c9` (with uncommitted changes) |");
    expect(all).toContain("| CPU | AMD EPYC 7B13 × 2 |");
    expect(all).toContain("| memory | 8 GiB |");
    expect(all).toContain("| OS | Linux 6.8.0 (x64) |");
    expect(all).toContain("| Node | v20.19.4 |");
    expect(all).toContain("| database | the in-process MongoDB-compatible store (dev/memory-mongo, over the wire protocol; MONGODB_URI not set) |");
    expect(all).toContain("| load average at start (1/5/15 min) | 1.5 / 1 / 0.5 |");
    expect(all).toContain("| load average at the end (1/5/15 min) | 9.25 / 4 / 2 |");
    expect(all).toContain("| benchmark settings | BENCH_PUPILS=50 |");
    expect(all).toContain("±2×");
    const real = renderBenchmarks([race], { ...machine, database: "mongodb" });
    expect(real).toContain("| database | MongoDB from MONGODB_URI (the sign-up race, reports and playground start-up; the updates and broadcast benches always use the in-process store) |");
    expect(real).toContain("Store: MongoDB from MONGODB_URI.");
    expect(real).not.toMatch(/mongodb:\/\//);
  });

  it("summarises every benchmark with its status and duration", () => {
    expect(all).toContain("| [Updates through the whole bot](#updates-through-the-whole-bot) | ok | 12.35 s |");
    expect(all).toContain("| [Reports on a district](#reports-on-a-district) | ran; 1 target missed | 12.35 s |");
    expect(all).toContain("| [Sign-up race](#sign-up-race) | ok | 12.35 s |");
  });

  it("shows the bot against bare grammY: both rates, the ratio and the overhead per update", () => {
    const s = sectionOf(all, "Updates through the whole bot");
    expect(s).toContain("`npx tsx bench/updates.ts` — ");
    expect(s).toContain("| Bagdar: updates per second | 80 |");
    expect(s).toContain("| bare grammY: updates per second | 8,000 |");
    expect(s).toContain("| ratio (Bagdar / bare grammY) | 0.01 |");
    expect(s).toContain("| cost per update, amortised: Bagdar / bare grammY | 12.5 ms / 0.125 ms |");
    expect(s).toContain("| overhead over bare grammY | shown, no target | bare grammY is 100× faster; +12.38 ms per update | ✓ |");
    expect(s).toContain("| latency p99 | < 1,000 ms | 400 ms | ✓ |");
    expect(s).toContain("| last item vs first item (conversation replay does not grow) | ≤ 1.5× | 1.1× | ✓ |");
  });

  it("compares the broadcast rate with the configured rate and Telegram's limit, and counts 429s", () => {
    const s = sectionOf(all, "Broadcast through the outbox and dispatcher");
    expect(s).toContain("| achieved rate | 27.5 messages/s |");
    expect(s).toContain("| configured BROADCAST_RATE_PER_SEC | 30 messages/s |");
    expect(s).toContain("| achieved / Telegram's limit | 0.917 |");
    expect(s).toContain("| stays within Telegram's global limit | ≤ 30/s | 27.5/s | ✓ |");
    expect(s).toContain("| uses the allowed rate | ≥ 80% of 30/s | 92% | ✓ |");
    expect(s).toContain("| no 429 from Telegram | 0 | 0 | ✓ |");
    const slower = renderBenchmarks([broadcast], { ...machine, broadcastRatePerSec: 10 });
    expect(slower).toContain("| achieved / configured | 2.75 |");
    expect(slower).toContain("| uses the allowed rate | ≥ 80% of 10/s | 275% | ✓ |");
  });

  it("checks the sign-up race against its invariants", () => {
    const s = sectionOf(all, "Sign-up race");
    expect(s).toContain("| seated == capacity | 20 | 20 | ✓ |");
    expect(s).toContain("| everyone else waitlisted | 480 | 480 | ✓ |");
    expect(s).toContain("| duplicates | 0 | 0 | ✓ |");
    expect(s).toContain("| next in line promoted | 5 | 5 | ✓ |");
    expect(s).toContain("| invariant violations | 0 | 0 | ✓ |");
    expect(s).toContain("| all sign-ups at once | 2,500 ms (200 sign-ups/s) |");
  });

  it("marks a report over the 2 s target as missed and says what the target is", () => {
    const s = sectionOf(all, "Reports on a district");
    expect(s).toContain("| report: school (the biggest school) | 2,500 ms |");
    expect(s).toContain("| school report | < 2 s | 2,500 ms | ✗ missed |");
    expect(s).toContain("| district report | < 2 s | 1,900 ms | ✓ |");
    expect(s).toContain("Target: every report under 2 s on this machine on the in-process store.");
    expect(s).toContain("a real MongoDB");
  });

  it("compares playground start-up with 5 s", () => {
    const s = sectionOf(all, "Playground start-up");
    expect(s).toContain("| first start | < 5 s | 3,200 ms | ✓ |");
    expect(s).toContain("| restart | < 5 s | 2,100 ms | ✓ |");
  });

  it("records a failed benchmark with the end of its stderr", () => {
    const md = renderBenchmarks([updates, failedStartup], machine);
    expect(md).toContain("| [Playground start-up](#playground-start-up) | **failed** | 4 s |");
    const s = sectionOf(md, "Playground start-up");
    expect(s).toContain("**Failed** after 4 s: exit code 1 (exit code 1).");
    expect(renderBenchmarks([{ ...failedStartup, exitCode: null, error: "timed out after 20 min" }], machine)).toContain("**Failed** after 4 s: timed out after 20 min.");
    expect(s).toContain("```\nError: npm start exited with 1\n    at measure (bench/playground-startup.ts:37:45)\n```");
    expect(s).not.toContain("| figure | value |");
  });

  it("ends with how to reproduce", () => {
    const s = sectionOf(all, "How to reproduce");
    expect(s).toContain("npm run bench ");
    expect(s).toContain("--only");
    expect(s).toContain("`BENCH_CLOCK_SCALE`");
    expect(s).toContain("`MONGODB_URI`");
  });
});

describe("hardFailures", () => {
  it("is empty when everything ran and every invariant holds, even with a speed target missed", () => {
    expect(hardFailures([updates, broadcast, race, reports, startup], machine)).toEqual([]);
  });

  it("names failed runs and broken invariants", () => {
    const oversold = ok("signup-race", { ...race.result, seated: 21, afterCancellations: { seated: 21, waitlisted: 474 }, invariantViolations: 1 });
    const twice = ok("broadcast", { ...broadcast.result, duplicates: 2, rateLimited429: 3 });
    expect(hardFailures([oversold, twice, failedStartup], machine)).toEqual([
      "signup-race: seated == capacity: expected 20, measured 21",
      "signup-race: seats still full after cancellations: expected 20, measured 21",
      "signup-race: invariant violations: expected 0, measured 1",
      "broadcast: no message sent twice: expected 0, measured 2",
      "playground-startup: failed (exit code 1)",
    ]);
    expect(renderBenchmarks([oversold], machine)).toContain("| seated == capacity | 20 | 21 | ✗ **invariant broken** |");
  });

  it("treats a report that threw as a broken run", () => {
    const threw = ok("reports", { ...reports.result, ms: { ...(reports.result!.ms as object), class: null }, failed: { class: "boom" } });
    expect(hardFailures([threw], machine)).toEqual(["reports: class report runs: expected no error, measured failed: boom"]);
  });
});

describe("lastJsonLine", () => {
  it("parses the last non-empty line when it is a JSON object", () => {
    expect(lastJsonLine('progress\n{"a":1}\n\n')).toEqual({ a: 1 });
    expect(lastJsonLine('{"a":1}\nmore')).toBeUndefined();
    expect(lastJsonLine("[1,2]")).toBeUndefined();
    expect(lastJsonLine("{broken")).toBeUndefined();
    expect(lastJsonLine("")).toBeUndefined();
  });
});

describe("the benchmark list", () => {
  it("names every script in bench/ once, and anchors match headings", () => {
    expect(BENCHES.map((b) => b.file)).toEqual(["bench/updates.ts", "bench/broadcast.ts", "bench/signup-race.ts", "bench/reports.ts", "bench/playground-startup.ts"]);
    expect(anchor("Broadcast through the outbox and dispatcher")).toBe("broadcast-through-the-outbox-and-dispatcher");
    expect(anchor("Sign-up race")).toBe("sign-up-race");
  });
});
