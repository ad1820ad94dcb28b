import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import { errorSummary } from "./error-summary.js";
import { createLeases, type Leases } from "./leases.js";

/**
 * Every cron job of Bagdar is registered here, by name (DESIGN §7). node-cron only says *when*;
 * whether this instance runs a job is decided by a MongoDB lease named `job:<name>`:
 * - a run first takes the lease; if another instance holds it, this tick is skipped;
 * - the lease is renewed while the run lasts (a 20-minute broadcast drain keeps it), and if
 *   renewing fails the run is told to stop through its AbortSignal;
 * - when the run ends the lease is released, so the next tick may run anywhere;
 * - if the instance dies, the lease simply expires.
 * Within one instance a job never overlaps itself: a tick that finds the previous run still
 * going is skipped.
 */

export interface JobContext {
  /** Aborted on shutdown or when the lease is lost: stop soon, leave things consistent. */
  signal: AbortSignal;
  /** The injected clock's time when the run started. */
  now: Date;
  reason: "scheduled" | "manual";
}

export interface ScheduledJob {
  /** Unique; also names the lease. */
  name: string;
  /** node-cron expression; six fields means seconds first ("* * * * * *" = every second). */
  cron: string;
  /** Zone the expression is read in; server zone when absent. */
  timezone?: string;
  /** Lease length (clock time); renewed every third of it while the run lasts. Default 60 s. */
  leaseMs?: number;
  run(context: JobContext): Promise<unknown> | unknown;
}

export type JobRun =
  | { job: string; status: "done"; result: unknown }
  | { job: string; status: "skipped"; reason: "busy" | "lease-held" | "stopped" }
  | { job: string; status: "failed"; error: unknown };

export interface SchedulerDeps {
  models: Pick<Models, "Lease">;
  clock: Clock;
  logger: Logger;
  /** Unique per running instance; written into the leases. */
  owner: string;
  /** Defaults to leases over `models.Lease` with the same clock and owner. */
  leases?: Leases;
}

const DEFAULT_LEASE_MS = 60_000;

export function createScheduler(deps: SchedulerDeps) {
  const { clock, owner } = deps;
  const log = deps.logger.child({ component: "scheduler", owner });
  const leases = deps.leases ?? createLeases({ models: deps.models, clock, owner });
  const jobs = new Map<string, ScheduledJob>();
  const running = new Map<string, { done: Promise<JobRun>; controller: AbortController }>();
  const tasks: ScheduledTask[] = [];
  let stopped = false;
  let started = false;

  const cronLogger = {
    info: (message: string) => log.debug({ source: "node-cron" }, message),
    warn: (message: string) => log.warn({ source: "node-cron" }, message),
    error: (message: string | Error) => log.error({ source: "node-cron", ...(message instanceof Error ? errorSummary(message) : {}) }, String(message)),
    debug: (message: string | Error) => log.debug({ source: "node-cron" }, String(message)),
  };

  async function execute(job: ScheduledJob, reason: JobContext["reason"], controller: AbortController): Promise<JobRun> {
    const leaseName = `job:${job.name}`;
    const leaseMs = job.leaseMs ?? DEFAULT_LEASE_MS;
    if (!(await leases.acquire(leaseName, leaseMs))) {
      log.debug({ job: job.name }, "Job skipped: another instance holds its lease");
      return { job: job.name, status: "skipped", reason: "lease-held" };
    }
    const heartbeat = setInterval(() => {
      leases.renew(leaseName, leaseMs).then(
        (kept) => {
          if (!kept && !controller.signal.aborted) {
            log.warn({ job: job.name }, "Job lost its lease; stopping the run");
            controller.abort(new Error("lease lost"));
          }
        },
        (error: unknown) => log.warn({ job: job.name, ...errorSummary(error) }, "Could not renew a job lease"),
      );
    }, Math.max(1000, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    const startedAt = Date.now();
    try {
      const result = await job.run({ signal: controller.signal, now: clock.now(), reason });
      log.debug({ job: job.name, reason, ms: Date.now() - startedAt, result }, "Job done");
      return { job: job.name, status: "done", result };
    } catch (error) {
      log.error({ job: job.name, reason, ...errorSummary(error) }, "Job failed");
      return { job: job.name, status: "failed", error };
    } finally {
      clearInterval(heartbeat);
      await leases.release(leaseName).catch((error: unknown) => log.warn({ job: job.name, ...errorSummary(error) }, "Could not release a job lease"));
    }
  }

  /** Runs one job now under its lease; a run already going in this process is skipped, or awaited first when `waitIfBusy`. */
  async function runJob(name: string, reason: JobContext["reason"] = "manual", options: { waitIfBusy?: boolean } = {}): Promise<JobRun> {
    const job = jobs.get(name);
    if (!job) throw new Error(`no job named "${name}"`);
    for (;;) {
      if (stopped) return { job: name, status: "skipped", reason: "stopped" };
      const current = running.get(name);
      if (!current) break;
      if (!options.waitIfBusy) return { job: name, status: "skipped", reason: "busy" };
      await current.done;
    }
    const controller = new AbortController();
    const done = execute(job, reason, controller).finally(() => running.delete(name));
    running.set(name, { controller, done });
    return done;
  }

  return {
    owner,
    leases,

    /** Adds a job; names are unique and the expression must be one node-cron accepts. */
    register(job: ScheduledJob): void {
      if (jobs.has(job.name)) throw new Error(`job "${job.name}" is registered twice`);
      if (!cron.validate(job.cron)) throw new Error(`job "${job.name}": invalid cron expression "${job.cron}"`);
      jobs.set(job.name, job);
      if (started) tasks.push(schedule(job));
    },

    jobNames(): string[] {
      return [...jobs.keys()];
    },

    /** Starts the node-cron triggers of every registered job. */
    start(): void {
      if (started) return;
      started = true;
      stopped = false;
      for (const job of jobs.values()) tasks.push(schedule(job));
      log.info({ jobs: [...jobs.keys()] }, "Scheduler started");
    },

    runJob,

    /**
     * Runs every job once, in registration order, and resolves when all are finished: what the
     * playground's clock control calls after moving the clock. A run already going is awaited
     * first, so the result reflects the new time.
     */
    async runDueNow(): Promise<JobRun[]> {
      const results: JobRun[] = [];
      for (const name of jobs.keys()) results.push(await runJob(name, "manual", { waitIfBusy: true }));
      return results;
    },

    /** Stops the triggers, asks running jobs to stop, waits for them, and releases every lease. */
    async stop(): Promise<void> {
      stopped = true;
      started = false;
      for (const task of tasks.splice(0)) await task.destroy();
      const inFlight = [...running.values()];
      for (const entry of inFlight) entry.controller.abort(new Error("shutting down"));
      await Promise.all(inFlight.map((entry) => entry.done));
      await leases.releaseAll();
      log.info("Scheduler stopped");
    },
  };

  function schedule(job: ScheduledJob): ScheduledTask {
    const task = cron.createTask(
      job.cron,
      async () => {
        await runJob(job.name, "scheduled");
      },
      { name: job.name, noOverlap: true, logger: cronLogger, ...(job.timezone ? { timezone: job.timezone } : {}) },
    );
    void task.start();
    return task;
  }
}

export type Scheduler = ReturnType<typeof createScheduler>;
