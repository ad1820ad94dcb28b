/**
 * `npm run bench`: runs every benchmark in bench/ one after the other, each as its own child
 * process on this machine (their output passes through, so progress shows), takes the JSON
 * object each prints as its last line, and writes BENCHMARKS.md (bench/report.ts renders it).
 *
 * A benchmark that exits non-zero, prints no JSON last line or runs past BENCH_TIMEOUT_MIN
 * (default 20) minutes is recorded as failed with the end of its stderr; BENCHMARKS.md is
 * written anyway and the exit code is 1. So is it when an invariant is broken.
 *
 * `--only a,b` (or `--only a --only b`) runs some of them; then the report is printed and a file
 * is written only when `--out FILE` is given, so a partial run never replaces BENCHMARKS.md.
 */
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { BENCHES, hardFailures, lastJsonLine, renderBenchmarks, type BenchRun, type Machine } from "./report.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MIN ?? 20) * 60_000;
const STDERR_TAIL_CHARS = 4000;
const KNOBS = /^(BENCH_\w+|RUNS|BROADCAST_RATE_PER_SEC)$/;

const say = (line: string) => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { only?: string[]; out?: string } {
  const only: string[] = [];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? "";
    if (flag === "--only") only.push(...value().split(",").map((s) => s.trim()).filter(Boolean));
    else if (flag === "--out") out = value();
    else throw new Error(`unknown argument ${arg}; use --only name[,name…] and --out FILE`);
  }
  const unknown = only.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
  return { ...(only.length > 0 ? { only } : {}), ...(out ? { out } : {}) };
}

function git(...args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function describeMachine(): Machine {
  const cpus = os.cpus();
  const commit = git("rev-parse", "--short", "HEAD");
  const status = commit ? git("status", "--porcelain") : undefined;
  return {
    date: new Date().toISOString(),
    ...(commit ? { commit, dirty: Boolean(status) } : {}),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpuCount: cpus.length || os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
    loadAverage: os.loadavg(),
    database: process.env.MONGODB_URI ? "mongodb" : "memory",
    broadcastRatePerSec: Number(process.env.BROADCAST_RATE_PER_SEC ?? 30),
    env: Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => KNOBS.test(e[0]) && e[1] !== undefined).sort()),
  };
}

/** Ends the running benchmark's process group. */
let current: (() => void) | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    current?.();
    process.exit(130);
  });
}

function runOne(name: string, file: string): Promise<BenchRun> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, file)], {
      cwd: ROOT,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout or Ctrl-C ends the benchmark and whatever it started
      // (tsx runs the script in a child process; the start-up bench starts `npm start`s).
      detached: true,
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    current = killGroup;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS * 4);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, TIMEOUT_MS);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      current = undefined;
      const durationMs = performance.now() - started;
      const result = lastJsonLine(stdout);
      const error = spawnError
        ? `could not start: ${spawnError.message}`
        : timedOut
          ? `timed out after ${TIMEOUT_MS / 60_000} min`
          : exitCode !== 0
            ? signal
              ? `killed by ${signal}`
              : `exit code ${exitCode}`
            : result
              ? undefined
              : "its last line of output is not a JSON object";
      resolve({
        name,
        ok: error === undefined,
        exitCode,
        durationMs,
        ...(result ? { result } : {}),
        ...(error ? { error, stderrTail: stderr.slice(-STDERR_TAIL_CHARS) } : {}),
      });
    };
    child.once("error", (error) => finish(null, null, error));
    child.once("close", (code, signal) => finish(code, signal));
  });
}

async function main(): Promise<number> {
  const { only, out } = parseArgs(process.argv.slice(2));
  const benches = only ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  const machine = describeMachine();
  const runs: BenchRun[] = [];
  for (const bench of benches) {
    say(`\n=== ${bench.name} (${bench.file}) ===`);
    const run = await runOne(bench.name, bench.file);
    runs.push(run);
    say(`=== ${bench.name}: ${run.ok ? "done" : `FAILED (${run.error})`} in ${(run.durationMs / 1000).toFixed(1)} s ===`);
  }
  machine.loadAverageEnd = os.loadavg();
  const markdown = renderBenchmarks(runs, machine);
  const target = out ?? (only ? undefined : "BENCHMARKS.md");
  if (target) {
    writeFileSync(path.resolve(ROOT, target), markdown);
    say(`\nwrote ${target}`);
  } else {
    say(`\n${markdown}`);
  }
  const failures = hardFailures(runs, machine);
  for (const failure of failures) say(`FAILED ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
