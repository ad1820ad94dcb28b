/**
 * The pure half of `npm run bench` (bench/run-all.ts): which benchmarks exist, what each
 * measures, and how its last-line JSON becomes a section of BENCHMARKS.md with its figures and
 * its comparison against a baseline, a limit, an invariant or a stated target.
 *
 * Checks come in two kinds. An invariant (hard) is about correctness — seats never oversold, no
 * message sent twice or lost — and a broken one makes `npm run bench` exit non-zero. A target
 * (soft) is about speed; figures vary with the machine and its load, so a missed target is
 * reported but does not fail the run.
 */

export type BenchJson = Record<string, unknown>;

/** One benchmark's run, as bench/run-all.ts saw it. */
export interface BenchRun {
  /** A key of BENCHES. */
  name: string;
  /** Exited 0 and printed a JSON object as its last line. */
  ok: boolean;
  exitCode: number | null;
  durationMs: number;
  /** The last line of stdout, parsed, when it was a JSON object. */
  result?: BenchJson;
  /** Why the run counts as failed (exit code, signal, no JSON line, timeout). */
  error?: string;
  /** The end of stderr, kept for a failed run. */
  stderrTail?: string;
}

/** Where and when the benchmarks ran. */
export interface Machine {
  /** ISO timestamp of the start of the run. */
  date: string;
  commit?: string;
  /** The work tree had uncommitted changes. */
  dirty?: boolean;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  /** os.type() and os.release(), e.g. "Linux 6.8.0". */
  os: string;
  arch?: string;
  /** process.version */
  node: string;
  /** os.loadavg() when the run started. */
  loadAverage?: number[];
  /** os.loadavg() when the last benchmark had finished. */
  loadAverageEnd?: number[];
  /** "mongodb" when MONGODB_URI was set (the URI itself is never shown). */
  database: "memory" | "mongodb";
  /** BROADCAST_RATE_PER_SEC as given to the broadcast bench (it defaults to 30). */
  broadcastRatePerSec: number;
  /** The benchmark knobs that were set in the environment (BENCH_*, RUNS…), never MONGODB_URI. */
  env: Record<string, string>;
}

export interface Check {
  label: string;
  target: string;
  measured: string;
  pass: boolean;
  /** An invariant (correctness) rather than a speed target. */
  hard: boolean;
}

interface Section {
  figures: [string, string][];
  checks: Check[];
  notes: string[];
}

export interface BenchSpec {
  name: string;
  /** Path from the repository root. */
  file: string;
  title: string;
  measures: string;
  /** Follows MONGODB_URI, or always runs on the in-process store. */
  honoursMongodbUri: boolean;
  section(result: BenchJson, machine: Machine): Section;
}

/** Telegram's global limit for bots (messages per second, all chats together). */
export const TELEGRAM_GLOBAL_LIMIT_PER_SEC = 30;
export const REPORT_TARGET_MS = 2000;
export const STARTUP_TARGET_MS = 5000;
export const UPDATE_P99_TARGET_MS = 1000;
/** The last questionnaire item may cost at most this much more than the first (no replay growth). */
export const LAST_ITEM_TARGET_RATIO = 1.5;
/** The dispatcher should use most of the allowed rate. */
export const BROADCAST_USE_TARGET = 0.8;

const number = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const get = (json: BenchJson, path: string): unknown =>
  path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), json);
const num = (json: BenchJson, path: string) => number(get(json, path));

/** 1234.5 → "1,234.5"; undefined → "—". */
export function fmt(value: number | undefined, digits = 1): string {
  if (value === undefined) return "—";
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
const ms = (value: number | undefined) => (value === undefined ? "—" : `${fmt(value, 0)} ms`);
const seconds = (value: number | undefined) => (value === undefined ? "—" : `${fmt(value / 1000, 2)} s`);

function check(label: string, target: string, measured: string, pass: boolean | undefined, hard: boolean): Check {
  return { label, target, measured, pass: pass === true, hard };
}

export const BENCHES: readonly BenchSpec[] = [
  {
    name: "updates",
    file: "bench/updates.ts",
    title: "Updates through the whole bot",
    measures:
      "Simulated pupils (a fixed number in the chat at once) go through onboarding and the 30-item interest questionnaire through the real bot — every middleware, sessions and conversations in the store, services, the result chart — against a fake Bot API. The baseline is a bare grammY bot answering the same updates with one sendMessage each.",
    honoursMongodbUri: false,
    section(r) {
      const bot = num(r, "updatesPerSec");
      const bare = num(r, "baselineUpdatesPerSec");
      const ratio = num(r, "ratio") ?? (bot !== undefined && bare ? bot / bare : undefined);
      const costBot = bot ? 1000 / bot : undefined;
      const costBare = bare ? 1000 / bare : undefined;
      const overhead = costBot !== undefined && costBare !== undefined ? costBot - costBare : undefined;
      const p99 = num(r, "p99Ms");
      const growth = num(r, "lastItemVsFirstItem");
      return {
        figures: [
          ["pupils (at once)", `${fmt(num(r, "pupils"), 0)} (${fmt(num(r, "concurrency"), 0)})`],
          ["updates handled", fmt(num(r, "updates"), 0)],
          ["Bagdar: updates per second", fmt(bot)],
          ["bare grammY: updates per second", fmt(bare)],
          ["ratio (Bagdar / bare grammY)", fmt(ratio, 4)],
          ["cost per update, amortised: Bagdar / bare grammY", `${fmt(costBot, 2)} ms / ${fmt(costBare, 3)} ms`],
          ["latency p50 / p99", `${ms(num(r, "p50Ms"))} / ${ms(p99)}`],
          ["median latency, first item / last item", `${ms(num(r, "firstItemP50Ms"))} / ${ms(num(r, "lastItemP50Ms"))}`],
          ["last item vs first item", `${fmt(growth, 3)}×`],
          ["result card (chart + text) after the last tap, p50", ms(num(r, "resultCardP50Ms"))],
          ["completed results", fmt(num(r, "results"), 0)],
        ],
        checks: [
          check(
            "overhead over bare grammY",
            "shown, no target",
            ratio !== undefined && ratio > 0 ? `bare grammY is ${fmt(1 / ratio, 0)}× faster; +${fmt(overhead, 2)} ms per update` : "—",
            ratio !== undefined,
            false,
          ),
          check("latency p99", `< ${fmt(UPDATE_P99_TARGET_MS, 0)} ms`, ms(p99), p99 !== undefined && p99 < UPDATE_P99_TARGET_MS, false),
          check("last item vs first item (conversation replay does not grow)", `≤ ${LAST_ITEM_TARGET_RATIO}×`, `${fmt(growth, 3)}×`, growth !== undefined && growth <= LAST_ITEM_TARGET_RATIO, false),
          check("every pupil got a result", `${fmt(num(r, "pupils"), 0)}`, fmt(num(r, "results"), 0), num(r, "results") !== undefined && num(r, "results") === num(r, "pupils"), true),
        ],
        notes: [],
      };
    },
  },
  {
    name: "broadcast",
    file: "bench/broadcast.ts",
    title: "Broadcast through the outbox and dispatcher",
    measures:
      "A district-sized broadcast goes through the real fan-out, outbox and dispatcher against a fake Bot API that enforces Telegram's limits (30 messages/s globally, 1/s per chat) and answers 429 when they are exceeded; halfway through, the dispatcher is killed and a new instance takes over.",
    honoursMongodbUri: false,
    section(r, machine) {
      const achieved = num(r, "achievedPerSec");
      const limit = num(r, "limitPerSec") ?? TELEGRAM_GLOBAL_LIMIT_PER_SEC;
      const configured = machine.broadcastRatePerSec;
      const allowed = Math.min(configured, limit);
      const r429 = num(r, "rateLimited429");
      const duplicates = num(r, "duplicates");
      const lost = num(r, "lost");
      const scale = num(r, "clockScale");
      return {
        figures: [
          ["recipients / messages", `${fmt(num(r, "recipients"), 0)} / ${fmt(num(r, "messages"), 0)}`],
          ["achieved rate", `${fmt(achieved, 2)} messages/s`],
          ["configured BROADCAST_RATE_PER_SEC", `${fmt(configured, 0)} messages/s`],
          ["Telegram's global limit", `${fmt(limit, 0)} messages/s`],
          ["achieved / configured", fmt(achieved !== undefined ? achieved / configured : undefined, 3)],
          ["achieved / Telegram's limit", fmt(achieved !== undefined ? achieved / limit : undefined, 3)],
          ["429 answers", fmt(r429, 0)],
          ["messages sent twice / lost", `${fmt(duplicates, 0)} / ${fmt(lost, 0)}`],
          ["dispatcher restarts", fmt(num(r, "restarts"), 0)],
          ["clock scale", scale === undefined ? "—" : `${fmt(scale, 2)}× (rates are per scaled second)`],
        ],
        checks: [
          check("stays within Telegram's global limit", `≤ ${fmt(limit, 0)}/s`, `${fmt(achieved, 2)}/s`, achieved !== undefined && achieved <= limit, true),
          check(
            "uses the allowed rate",
            `≥ ${fmt(BROADCAST_USE_TARGET * 100, 0)}% of ${fmt(allowed, 0)}/s`,
            `${fmt(achieved !== undefined ? (achieved / allowed) * 100 : undefined, 0)}%`,
            achieved !== undefined && achieved >= BROADCAST_USE_TARGET * allowed,
            false,
          ),
          check("no 429 from Telegram", "0", fmt(r429, 0), r429 === 0, false),
          check("no message sent twice", "0", fmt(duplicates, 0), duplicates === 0, true),
          check("no message lost", "0", fmt(lost, 0), lost === 0, true),
        ],
        notes: [
          "The bench runs the dispatcher at BROADCAST_RATE_PER_SEC=30 unless that variable is set; Bagdar's own default (src/config.ts) is 25.",
          "Time runs faster than real time (BENCH_CLOCK_SCALE) for the dispatcher and the fake API alike, so a stall of the one Node process (GC, other programs) is magnified; BENCH_CLOCK_SCALE=1 distorts least.",
        ],
      };
    },
  },
  {
    name: "signup-race",
    file: "bench/signup-race.ts",
    title: "Sign-up race",
    measures:
      "Hundreds of pupils sign up at once for one trial with few seats through the real registration service, then 5 seat holders cancel at once; the outcome is checked from the database alone.",
    honoursMongodbUri: true,
    section(r) {
      const students = num(r, "students");
      const capacity = num(r, "capacity");
      const seated = num(r, "seated");
      const waitlisted = num(r, "waitlisted");
      const duplicates = num(r, "duplicates");
      const violations = num(r, "invariantViolations");
      const promotions = num(r, "promotions");
      const seatedAfter = num(r, "afterCancellations.seated");
      const signup = num(r, "signupMs");
      const expectedWaiting = students !== undefined && capacity !== undefined ? Math.max(0, students - capacity) : undefined;
      const expectedPromotions = expectedWaiting !== undefined ? Math.min(5, expectedWaiting) : undefined;
      return {
        figures: [
          ["pupils / seats", `${fmt(students, 0)} / ${fmt(capacity, 0)}`],
          ["seated / waitlisted", `${fmt(seated, 0)} / ${fmt(waitlisted, 0)}`],
          ["duplicate registrations", fmt(duplicates, 0)],
          ["promotions after 5 cancellations", fmt(promotions, 0)],
          ["after the cancellations: seated / waitlisted", `${fmt(seatedAfter, 0)} / ${fmt(num(r, "afterCancellations.waitlisted"), 0)}`],
          ["invariant violations", fmt(violations, 0)],
          ["all sign-ups at once", `${ms(signup)} (${fmt(students !== undefined && signup ? (students / signup) * 1000 : undefined, 0)} sign-ups/s)`],
          ["5 cancellations at once", ms(num(r, "cancelMs"))],
        ],
        checks: [
          check("seated == capacity", fmt(capacity, 0), fmt(seated, 0), seated !== undefined && seated === capacity, true),
          check("everyone else waitlisted", fmt(expectedWaiting, 0), fmt(waitlisted, 0), waitlisted !== undefined && waitlisted === expectedWaiting, true),
          check("duplicates", "0", fmt(duplicates, 0), duplicates === 0, true),
          check("next in line promoted", fmt(expectedPromotions, 0), fmt(promotions, 0), promotions !== undefined && promotions === expectedPromotions, true),
          check("seats still full after cancellations", fmt(capacity, 0), fmt(seatedAfter, 0), seatedAfter !== undefined && seatedAfter === capacity, true),
          check("invariant violations", "0", fmt(violations, 0), violations === 0, true),
        ],
        notes: [],
      };
    },
  },
  {
    name: "reports",
    file: "bench/reports.ts",
    title: "Reports on a district",
    measures:
      "Seeds a district (schools, pupils, trials, registrations, reflections, questionnaire results) and times every report through the real report service: median of 3 runs each.",
    honoursMongodbUri: true,
    section(r, machine) {
      const names: [string, string][] = [
        ["trial", "trial (the busiest trial)"],
        ["class", "class (the biggest class of the biggest school)"],
        ["school", "school (the biggest school)"],
        ["pupils", "pupils (the biggest school's list)"],
        ["district", "district (as admin)"],
      ];
      const failed = (get(r, "failed") ?? {}) as Record<string, unknown>;
      return {
        figures: [
          ["schools / pupils", `${fmt(num(r, "schools"), 0)} / ${fmt(num(r, "pupils"), 0)}`],
          ["trials / registrations", `${fmt(num(r, "trials"), 0)} / ${fmt(num(r, "registrations"), 0)}`],
          ["reflections / questionnaire results", `${fmt(num(r, "reflections"), 0)} / ${fmt(num(r, "results"), 0)}`],
          ["seeding", seconds(num(r, "seedMs"))],
          ...names.map(([key, label]): [string, string] => [`report: ${label}`, key in failed ? `failed: ${String(failed[key])}` : ms(num(r, `ms.${key}`))]),
        ],
        checks: names.map(([key]) => {
          const value = num(r, `ms.${key}`);
          return key in failed
            ? check(`${key} report runs`, "no error", `failed: ${String(failed[key])}`, false, true)
            : check(`${key} report`, `< ${fmt(REPORT_TARGET_MS / 1000, 0)} s`, ms(value), value !== undefined && value < REPORT_TARGET_MS, false);
        }),
        notes: [
          machine.database === "memory"
            ? "Target: every report under 2 s on this machine on the in-process store. The in-process store runs aggregations in JavaScript in the same process; a real MongoDB (indexes, native aggregation) should be faster."
            : "Target: every report under 2 s.",
        ],
      };
    },
  },
  {
    name: "playground-startup",
    file: "bench/playground-startup.ts",
    title: "Playground start-up",
    measures:
      "How long `npm start` without BOT_TOKEN takes until the playground page is ready (GET /api/state answers with the seeded demo): once on an empty data directory, then restarts on the same one (median). npm's own start-up (~0.3 s) comes on top.",
    honoursMongodbUri: true,
    section(r) {
      const first = num(r, "firstStartMs");
      const again = num(r, "restartMedianMs");
      return {
        figures: [
          ["first start (empty ./data, demo seeded)", ms(first)],
          [`restart with data, median of ${fmt(num(r, "runs"), 0)}`, ms(again)],
        ],
        checks: [
          check("first start", `< ${fmt(STARTUP_TARGET_MS / 1000, 0)} s`, ms(first), first !== undefined && first < STARTUP_TARGET_MS, false),
          check("restart", `< ${fmt(STARTUP_TARGET_MS / 1000, 0)} s`, ms(again), again !== undefined && again < STARTUP_TARGET_MS, false),
        ],
        notes: [],
      };
    },
  },
];

/** The last non-empty line of a benchmark's output, when it is a JSON object. */
export function lastJsonLine(stdout: string): BenchJson | undefined {
  const last = stdout.trimEnd().split(/\r?\n/).at(-1)?.trim();
  if (!last?.startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(last);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as BenchJson) : undefined;
  } catch {
    return undefined;
  }
}

export function benchByName(name: string): BenchSpec | undefined {
  return BENCHES.find((b) => b.name === name);
}

/** Every failed run and broken invariant, one line each; empty when `npm run bench` may exit 0. */
export function hardFailures(runs: readonly BenchRun[], machine: Machine): string[] {
  const failures: string[] = [];
  for (const run of runs) {
    if (!run.ok || !run.result) {
      failures.push(`${run.name}: failed (${run.error ?? "no result"})`);
      continue;
    }
    const spec = benchByName(run.name);
    for (const c of spec?.section(run.result, machine).checks ?? []) {
      if (c.hard && !c.pass) failures.push(`${run.name}: ${c.label}: expected ${c.target}, measured ${c.measured}`);
    }
  }
  return failures;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)];
}

function gib(bytes: number): string {
  return `${fmt(bytes / 1024 ** 3, 1)} GiB`;
}

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function status(run: BenchRun, checks: readonly Check[]): string {
  if (!run.ok || !run.result) return "**failed**";
  const broken = checks.filter((c) => c.hard && !c.pass).length;
  const missed = checks.filter((c) => !c.hard && !c.pass).length;
  if (broken > 0) return `**invariant broken** (${broken})`;
  if (missed > 0) return `ran; ${missed} target${missed === 1 ? "" : "s"} missed`;
  return "ok";
}

/** BENCHMARKS.md from the runs (in the order given) and the machine they ran on. */
export function renderBenchmarks(runs: readonly BenchRun[], machine: Machine): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const sections = runs.map((run) => {
    const spec = benchByName(run.name);
    return { run, spec, section: run.ok && run.result && spec ? spec.section(run.result, machine) : undefined };
  });

  push("# Benchmarks", "");
  push(
    "Generated by `npm run bench` (bench/run-all.ts), which runs every script in `bench/` one after the other on the same machine. " +
      "Figures vary with the machine and its load — on a busy machine by up to ±2× — so compare runs made on the same machine under the same load. " +
      "Invariants (correctness) must always hold; speed targets are what this machine should reach.",
    "",
  );
  const commit = machine.commit ? `\`${machine.commit}\`${machine.dirty ? " (with uncommitted changes)" : ""}` : "unknown";
  const database =
    machine.database === "mongodb"
      ? "MongoDB from MONGODB_URI (the sign-up race, reports and playground start-up; the updates and broadcast benches always use the in-process store)"
      : "the in-process MongoDB-compatible store (dev/memory-mongo, over the wire protocol; MONGODB_URI not set)";
  push(
    ...table(
      ["", ""],
      [
        ["date", when(machine.date)],
        ["commit", commit],
        ["CPU", `${machine.cpuModel} × ${machine.cpuCount}`],
        ["memory", gib(machine.totalMemoryBytes)],
        ["OS", `${machine.os}${machine.arch ? ` (${machine.arch})` : ""}`],
        ["Node", machine.node],
        ["database", database],
        ...(machine.loadAverage ? [["load average at start (1/5/15 min)", machine.loadAverage.map((v) => fmt(v, 2)).join(" / ")]] : []),
        ...(machine.loadAverageEnd ? [["load average at the end (1/5/15 min)", machine.loadAverageEnd.map((v) => fmt(v, 2)).join(" / ")]] : []),
        ["benchmark settings", Object.keys(machine.env).length === 0 ? "defaults" : Object.entries(machine.env).map(([k, v]) => `${k}=${v}`).join(", ")],
      ],
    ),
    "",
  );

  push("## Summary", "");
  push(
    ...table(
      ["benchmark", "status", "took"],
      sections.map(({ run, spec, section }) => [`[${spec?.title ?? run.name}](#${anchor(spec?.title ?? run.name)})`, status(run, section?.checks ?? []), seconds(run.durationMs)]),
    ),
    "",
  );

  for (const { run, spec, section } of sections) {
    push(`## ${spec?.title ?? run.name}`, "");
    push(`\`${spec ? `npx tsx ${spec.file}` : run.name}\` — ${spec?.measures ?? "unknown benchmark"}`, "");
    if (spec) push(`Store: ${spec.honoursMongodbUri && machine.database === "mongodb" ? "MongoDB from MONGODB_URI" : "in-process"}.`, "");
    if (!section) {
      push(`**Failed** after ${seconds(run.durationMs)}: ${run.error ?? "no result"}${run.exitCode === null ? "" : ` (exit code ${run.exitCode})`}.`, "");
      if (run.stderrTail && run.stderrTail.trim() !== "") push("End of its stderr:", "", "```", run.stderrTail.replace(/```/g, "'''").trimEnd(), "```", "");
      continue;
    }
    push(...table(["figure", "value"], section.figures.map(([a, b]) => [a, b])), "");
    push(
      ...table(
        ["compared with", "expected", "measured", "result"],
        section.checks.map((c) => [c.label, c.target, c.measured, c.pass ? "✓" : c.hard ? "✗ **invariant broken**" : "✗ missed"]),
      ),
      "",
    );
    for (const note of section.notes) push(note, "");
  }

  push("## How to reproduce", "");
  push(
    "```sh",
    "npm run bench                        # every benchmark, then writes BENCHMARKS.md",
    "npm run bench -- --only reports      # some of them (comma-separated or repeated); prints the report, writes a file only with --out FILE",
    "npm run bench:updates                # or any one of them on its own (see package.json)",
    "```",
    "",
    "`npm run bench` exits non-zero if a benchmark fails or an invariant is broken; BENCHMARKS.md is written either way. Settings, all optional:",
    "",
    ...table(
      ["variable", "benchmark", "default"],
      [
        ["`BENCH_PUPILS`", "updates (pupils) — and reports (pupils in the district): set it per script", "100 / 12,000"],
        ["`BENCH_CONCURRENCY`", "updates: pupils in the chat at once", "10"],
        ["`BENCH_SEED`", "updates: the answers' random seed", "7"],
        ["`BENCH_RECIPIENTS`, `BENCH_REPEAT_CHATS`", "broadcast: recipients; chats that get two more messages", "10,000; 100"],
        ["`BENCH_CLOCK_SCALE`", "broadcast: how much faster than real time the clock runs", "2"],
        ["`BROADCAST_RATE_PER_SEC`", "broadcast: the dispatcher's rate", "30"],
        ["`BENCH_STUDENTS`, `BENCH_CAPACITY`", "signup-race", "500; 20"],
        ["`BENCH_SCHOOLS`, `BENCH_TRIALS`, `BENCH_REGISTRATIONS`", "reports", "40; 600; 8,000"],
        ["`RUNS`", "playground-startup: restarts measured", "3"],
        ["`BENCH_TIMEOUT_MIN`", "`npm run bench`: minutes after which a benchmark is stopped and counted as failed", "20"],
        ["`MONGODB_URI`", "signup-race, reports, playground-startup: a real MongoDB instead of the in-process store. **signup-race and reports drop the database named in the URI: use a scratch one**", "unset"],
      ],
    ),
    "",
  );
  return `${lines.join("\n")}`;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces → hyphens. */
export function anchor(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, "")
    .replace(/ /g, "-");
}
