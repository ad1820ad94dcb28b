import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import { createLeases } from "../../src/jobs/leases.js";
import { createScheduler } from "../../src/jobs/scheduler.js";
import { silentLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("leases", () => {
  let db: TestDatabase;
  let models: Models;
  let clock: ManualClock;

  beforeEach(async () => {
    db = await createTestDatabase("leases");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
  });
  afterEach(async () => db.drop());

  it("one holder at a time; the holder may extend; release hands it over at once", async () => {
    const a = createLeases({ models, clock, owner: "a" });
    const b = createLeases({ models, clock, owner: "b" });
    expect(await a.acquire("job:x", 30_000)).toBe(true);
    expect(await b.acquire("job:x", 30_000)).toBe(false);
    expect(await a.acquire("job:x", 30_000)).toBe(true);
    expect(await a.renew("job:x", 30_000)).toBe(true);
    await a.release("job:x");
    expect(await b.acquire("job:x", 30_000)).toBe(true);
    expect(await a.renew("job:x", 30_000)).toBe(false);
    expect(await models.Lease.countDocuments({ name: "job:x" })).toBe(1);
  });

  it("an expired lease (its holder died) is taken over, and the old holder cannot renew it", async () => {
    const a = createLeases({ models, clock, owner: "a" });
    const b = createLeases({ models, clock, owner: "b" });
    expect(await a.acquire("job:y", 30_000)).toBe(true);
    clock.advance(29_999);
    expect(await b.acquire("job:y", 30_000)).toBe(false);
    clock.advance(1);
    expect(await b.acquire("job:y", 30_000)).toBe(true);
    expect(await a.renew("job:y", 30_000)).toBe(false);
    expect(await a.acquire("job:y", 30_000)).toBe(false);
  });

  it("twenty instances racing for a fresh lease: exactly one gets it", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => createLeases({ models, clock, owner: `i${i}` }).acquire("job:z", 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe("scheduler", () => {
  let db: TestDatabase;
  let models: Models;
  let clock: ManualClock;

  beforeEach(async () => {
    db = await createTestDatabase("scheduler");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
  });
  afterEach(async () => db.drop());

  const scheduler = (owner: string) => createScheduler({ models, clock, logger: silentLogger(), owner });

  it("a second instance cannot run a job while the first holds its lease, and can once it is released", async () => {
    const first = scheduler("first");
    const second = scheduler("second");
    const gate = deferred();
    const runs: string[] = [];
    first.register({ name: "tick", cron: "* * * * *", run: async () => (runs.push("first"), gate.promise) });
    second.register({ name: "tick", cron: "* * * * *", run: async () => void runs.push("second") });

    const running = first.runJob("tick");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await second.runJob("tick")).toEqual({ job: "tick", status: "skipped", reason: "lease-held" });
    // Nor does the same instance overlap itself.
    expect(await first.runJob("tick", "scheduled")).toEqual({ job: "tick", status: "skipped", reason: "busy" });

    gate.resolve();
    expect(await running).toMatchObject({ status: "done" });
    expect(await second.runJob("tick")).toMatchObject({ status: "done" });
    expect(runs).toEqual(["first", "second"]);
  });

  it("a lease left by a crashed instance expires, then another instance runs the job", async () => {
    const crashed = createLeases({ models, clock, owner: "crashed" });
    expect(await crashed.acquire("job:tick", 60_000)).toBe(true);
    const survivor = scheduler("survivor");
    let runs = 0;
    survivor.register({ name: "tick", cron: "* * * * *", leaseMs: 60_000, run: () => runs++ });
    expect(await survivor.runJob("tick")).toMatchObject({ status: "skipped", reason: "lease-held" });
    clock.advance(60_000);
    expect(await survivor.runJob("tick")).toMatchObject({ status: "done" });
    expect(runs).toBe(1);
  });

  it("runDueNow runs every job once, in registration order, waiting for a run already under way", async () => {
    const s = scheduler("one");
    const order: string[] = [];
    const gate = deferred();
    let dispatcherRuns = 0;
    s.register({ name: "planner", cron: "*/10 * * * * *", run: () => void order.push(`planner@${clock.now().toISOString()}`) });
    s.register({
      name: "dispatcher",
      cron: "* * * * * *",
      run: async () => {
        dispatcherRuns++;
        order.push(`dispatcher#${dispatcherRuns}`);
        if (dispatcherRuns === 1) await gate.promise;
      },
    });
    const tick = s.runJob("dispatcher", "scheduled");
    clock.set(new Date("2026-09-15T05:00:00Z"));
    const due = s.runDueNow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    gate.resolve();
    await tick;
    expect((await due).map((r) => [r.job, r.status])).toEqual([
      ["planner", "done"],
      ["dispatcher", "done"],
    ]);
    expect(order).toEqual(["dispatcher#1", "planner@2026-09-15T05:00:00.000Z", "dispatcher#2"]);
  });

  it("a failing job is reported, releases its lease, and does not stop the others", async () => {
    const s = scheduler("one");
    s.register({ name: "broken", cron: "* * * * *", run: () => Promise.reject(new Error("boom")) });
    s.register({ name: "fine", cron: "* * * * *", run: () => "ok" });
    const results = await s.runDueNow();
    expect(results.map((r) => r.status)).toEqual(["failed", "done"]);
    expect(results[1]).toMatchObject({ result: "ok" });
    const lease = await models.Lease.findOne({ name: "job:broken" }).lean();
    expect(lease?.lockedUntil.getTime()).toBeLessThanOrEqual(clock.now().getTime());
  });

  it("refuses a duplicate name and a bad cron expression", () => {
    const s = scheduler("one");
    s.register({ name: "tick", cron: "* * * * *", run: () => undefined });
    expect(() => s.register({ name: "tick", cron: "* * * * *", run: () => undefined })).toThrow(/registered twice/);
    expect(() => s.register({ name: "bad", cron: "every day", run: () => undefined })).toThrow(/invalid cron/);
  });

  it("node-cron fires a registered job; stop() aborts the run, waits for it, and releases the lease", async () => {
    const s = scheduler("cron");
    let started = 0;
    let sawAbort = false;
    s.register({
      name: "every-second",
      cron: "* * * * * *",
      run: async ({ signal }) => {
        started++;
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
        sawAbort = true;
      },
    });
    s.start();
    const deadline = Date.now() + 3_000;
    while (started === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(1);
    expect((await models.Lease.findOne({ name: "job:every-second" }).lean())?.owner).toBe("cron");

    await s.stop();
    expect(sawAbort).toBe(true);
    const lease = await models.Lease.findOne({ name: "job:every-second" }).lean();
    expect(lease?.lockedUntil.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(await s.runJob("every-second")).toMatchObject({ status: "skipped", reason: "stopped" });
  });
});
