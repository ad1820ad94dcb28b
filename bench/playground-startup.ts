/**
 * `npx tsx bench/playground-startup.ts`: how long `npm start` (no BOT_TOKEN) takes until the
 * playground page is ready, i.e. until GET /api/state answers with the seeded demo.
 *
 * It runs exactly what `npm start` runs (`tsx dev/start.ts`), from a temporary working
 * directory so the measurement never touches your ./data: once on an empty data directory
 * (first start: the store is created and the demo seeded) and then RUNS times more on the same
 * one. npm's own start-up (~0.3 s) comes on top. The last line printed is one JSON object.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.RUNS ?? 3);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function measure(cwd: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "dev/start.ts")], {
    cwd,
    env: { ...process.env, PORT: String(port), BOT_TOKEN: "", LOG_LEVEL: "error" },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/api/state`)
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error("not ready within a minute");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

const cwd = mkdtempSync(path.join(tmpdir(), "bagdar-startup-"));
try {
  const first = await measure(cwd);
  console.log(`first start (empty ./data): ${Math.round(first)} ms`);
  const again: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    again.push(await measure(cwd));
    console.log(`start with data: ${Math.round(again.at(-1)!)} ms`);
  }
  const median = [...again].sort((a, b) => a - b)[Math.floor(again.length / 2)] ?? first;
  console.log(JSON.stringify({ firstStartMs: Math.round(first), restartMedianMs: Math.round(median), runs: RUNS }));
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
