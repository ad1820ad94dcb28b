/**
 * The playground: `npm start` without BOT_TOKEN. A local Telegram Bot API emulator, the real
 * bot talking to it, and a web page where a few people chat with the bot side by side.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ManualClock } from "../../src/clock.js";
import { ConfigError } from "../../src/config.js";
import { ensureIndexes } from "../../src/db/models/index.js";
import type { EmbeddedStoreFactory } from "../../src/db/select-database.js";
import { REMINDER_LEAD } from "../../src/domain/reminder-plan.js";
import { startBagdar, type RunningBagdar } from "../../src/main.js";
import { AFTER_PROMPT_DELAY, PARENT_SUMMARY_DELAY, TRACE_PROMPT_DELAY } from "../../src/services/reflections.js";
import { ADMIN, FIRST_GUEST_ID, seedDemoData, type DemoData, type Persona } from "./demo-data.js";
import { BotApiEmulator, type EmulatedUser } from "./emulator.js";
import { PageServer } from "./page-server.js";
import { defaultState, loadState, saveState, type PlaygroundState } from "./state-file.js";

export const PLAYGROUND_TOKEN = "7000000001:playground-not-a-real-token";
export const PLAYGROUND_BOT_USERNAME = "bagdar_playground_bot";
/** Dates on the page are shown in the demo school's zone. */
export const PLAYGROUND_TIME_ZONE = "Asia/Almaty";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * What the clock control needs from the scheduler: run every job that is due at the clock's
 * time. The app offers it as `app.scheduler.runDueNow()`; tests may pass their own.
 */
export interface ScheduledJobs {
  runDueNow(): Promise<unknown>;
}

function scheduledJobsOf(app: RunningBagdar): ScheduledJobs | undefined {
  // Read loosely, so the playground also runs against an app without a scheduler.
  const scheduler = (app as unknown as { scheduler?: Partial<ScheduledJobs> }).scheduler;
  return scheduler && typeof scheduler.runDueNow === "function" ? { runDueNow: () => scheduler.runDueNow!() } : undefined;
}

/** A run that failed, as the scheduler reports it. */
function failedJobs(result: unknown): string[] {
  if (!Array.isArray(result)) return [];
  return result
    .filter((run: { status?: string }) => run?.status === "failed")
    .map((run: { job?: string; error?: unknown }) => `${run.job ?? "a job"} failed (${run.error instanceof Error ? run.error.message : String(run.error)})`);
}

export interface PlaygroundOptions {
  /** Defaults to process.env; BOT_TOKEN, TELEGRAM_API_ROOT and BOT_MODE in it are overridden. */
  env?: Record<string, string | undefined>;
  /** Database files and the playground's own state; defaults to ./data. */
  dataDir?: string;
  embeddedStore?: EmbeddedStoreFactory;
  /** Overrides how the clock control runs due jobs (tests); defaults to the app's `scheduler`. */
  jobs?: ScheduledJobs;
}

export interface ClockView {
  now: string;
  offsetMs: number;
  timeZone: string;
}

export interface PersonaView extends Persona {
  blocked: boolean;
}

/** The page's controller: people, clock and reset, over the emulator and the running app. */
export class Playground {
  readonly emulator: BotApiEmulator;
  readonly clock: ManualClock;
  readonly page: PageServer;
  #state: PlaygroundState;
  #app: RunningBagdar | undefined;
  #jobs: ScheduledJobs | undefined;
  #demo: DemoData | undefined;

  constructor(
    readonly stateFile: string,
    jobs?: ScheduledJobs,
  ) {
    this.#state = loadState(stateFile);
    this.#jobs = jobs;
    this.clock = new ManualClock();
    this.clock.advance(this.#state.clockOffsetMs);
    this.emulator = new BotApiEmulator({
      token: PLAYGROUND_TOKEN,
      botUsername: PLAYGROUND_BOT_USERNAME,
      now: () => this.clock.now(),
      users: this.#state.personas.map(toEmulatedUser),
    });
    this.page = new PageServer(this);
  }

  get app(): RunningBagdar {
    if (!this.#app) throw new Error("the playground has not started yet");
    return this.#app;
  }

  get demo(): DemoData | undefined {
    return this.#demo;
  }

  async attach(app: RunningBagdar): Promise<void> {
    this.#app = app;
    this.#jobs ??= scheduledJobsOf(app);
    this.#demo = await seedDemoData(app.models, this.clock);
  }

  get personas(): PersonaView[] {
    return this.#state.personas.map((p) => ({ ...p, blocked: this.emulator.isBlocked(p.id) }));
  }

  persona(id: number): Persona | undefined {
    return this.#state.personas.find((p) => p.id === id);
  }

  addPersona(input: { firstName: string; lastName?: string; languageCode: string }): Persona {
    const id = Math.max(FIRST_GUEST_ID - 1, ...this.#state.personas.map((p) => p.id)) + 1;
    const persona: Persona = {
      id,
      firstName: input.firstName,
      ...(input.lastName ? { lastName: input.lastName } : {}),
      languageCode: input.languageCode,
      role: "guest",
    };
    this.#state.personas.push(persona);
    this.emulator.addUser(toEmulatedUser(persona));
    this.#save();
    return persona;
  }

  setLanguage(id: number, languageCode: string): void {
    const persona = this.persona(id);
    if (!persona) throw new Error(`no person with id ${id}`);
    persona.languageCode = languageCode;
    this.emulator.addUser(toEmulatedUser(persona));
    this.#save();
  }

  clockView(): ClockView {
    return { now: this.clock.now().toISOString(), offsetMs: this.#offsetMs(), timeZone: PLAYGROUND_TIME_ZONE };
  }

  /** Moves the app's clock and runs whatever became due. */
  async moveClock(action: "hour" | "day" | "next"): Promise<{ clock: ClockView; message: string }> {
    const now = this.clock.now();
    if (action === "hour" || action === "day") {
      this.clock.advance(action === "hour" ? HOUR : DAY);
    } else {
      const next = await this.#nextDueAt();
      if (!next) return { clock: this.clockView(), message: "Nothing is scheduled yet." };
      // Something already due only needs the jobs to run.
      if (next.getTime() > now.getTime()) this.clock.set(new Date(next.getTime() + 1000));
    }
    this.#save();
    this.page.broadcast("clock", this.clockView());
    if (!this.#jobs) return { clock: this.clockView(), message: "Time moved. (No scheduler is wired to the clock control.)" };
    const failures = failedJobs(await this.#jobs.runDueNow());
    return { clock: this.clockView(), message: failures.length ? `Time moved; ${failures.join("; ")}.` : "Time moved; due jobs ran." };
  }

  /** Where the data lives, e.g. `bagdar at 127.0.0.1`. */
  databaseLabel(): string {
    const { connection } = this.app;
    return `${connection.name} at ${connection.host}`;
  }

  /** Reset drops the database: only one on this machine, never a shared MONGODB_URI elsewhere. */
  canReset(): boolean {
    return ["127.0.0.1", "localhost", "::1"].includes(this.app.connection.host);
  }

  /** Wipes the database and the chats, seeds the demo again and puts the clock back to real time. */
  async reset(): Promise<void> {
    const app = this.app;
    await app.connection.dropDatabase();
    await ensureIndexes(app.models);
    this.clock.set(new Date());
    this.#demo = await seedDemoData(app.models, this.clock);
    this.#state = defaultState();
    this.#save();
    this.emulator.reset(this.#state.personas.map(toEmulatedUser));
    this.page.broadcast("clock", this.clockView());
  }

  /**
   * The earliest thing the jobs will act on: a message waiting in the outbox, a scheduled
   * broadcast, a consent deadline (its reminders 3 days and 1 day before, and the expiry itself),
   * a trial's reminders (a day and 2 hours before), or what follows a trial its pupils attended
   * (the reflection 1 hour after the end, the trace a day later, the parents' summary after 2 days).
   */
  async #nextDueAt(): Promise<Date | undefined> {
    const { Notification, Broadcast, Registration, Trial } = this.app.models;
    const now = this.clock.now().getTime();
    const [message, broadcast, waiting, confirmed, attended] = await Promise.all([
      Notification.findOne({ status: "pending" }, { notBefore: 1 }).sort({ notBefore: 1 }).lean(),
      Broadcast.findOne({ status: "scheduled", nextRunAt: { $ne: null } }, { nextRunAt: 1 }).sort({ nextRunAt: 1 }).lean(),
      Registration.distinct("trialId", { status: "pending_consent" }),
      Registration.distinct("trialId", { status: "confirmed" }),
      Registration.distinct("trialId", { status: "attended" }),
    ]);
    const at = (from: Date | null | undefined, offsets: readonly number[]) => (from ? offsets.map((offset) => new Date(from.getTime() + offset)) : []);
    const [deadlines, upcoming, done] = await Promise.all([
      Trial.find({ _id: { $in: waiting }, status: "published", consentDeadline: { $gt: new Date(now) } }, { consentDeadline: 1 }).lean(),
      Trial.find({ _id: { $in: confirmed }, status: "published", startsAt: { $gt: new Date(now) } }, { startsAt: 1 }).lean(),
      Trial.find({ _id: { $in: attended }, endsAt: { $gt: new Date(now - PARENT_SUMMARY_DELAY) } }, { endsAt: 1 }).lean(),
    ]);
    const planned = [
      ...deadlines.flatMap((trial) => at(trial.consentDeadline, [-3 * DAY, -DAY, 0])),
      ...upcoming.flatMap((trial) => at(trial.startsAt, [-REMINDER_LEAD.reminder24h, -REMINDER_LEAD.reminder2h])),
      ...done.flatMap((trial) => at(trial.endsAt, [AFTER_PROMPT_DELAY, TRACE_PROMPT_DELAY, PARENT_SUMMARY_DELAY])),
    ].filter((time) => time.getTime() > now);
    const times = [message?.notBefore, broadcast?.nextRunAt, ...planned].filter((time): time is Date => time instanceof Date);
    return times.length ? new Date(Math.min(...times.map((time) => time.getTime()))) : undefined;
  }

  #offsetMs(): number {
    return Math.round((this.clock.now().getTime() - Date.now()) / 1000) * 1000;
  }

  #save(): void {
    this.#state.clockOffsetMs = this.#offsetMs();
    saveState(this.stateFile, this.#state);
  }

  /** Saves the state one last time. */
  close(): void {
    this.#save();
  }
}

function toEmulatedUser(persona: Persona): EmulatedUser {
  return {
    id: persona.id,
    firstName: persona.firstName,
    ...(persona.lastName ? { lastName: persona.lastName } : {}),
    languageCode: persona.languageCode,
  };
}

export interface RunningPlayground {
  /** The page, e.g. http://localhost:8080/ */
  url: string;
  /** The emulator's Bot API root, as given to the bot in TELEGRAM_API_ROOT. */
  apiRoot: string;
  app: RunningBagdar;
  playground: Playground;
  stop(): Promise<void>;
}

/** Starts the emulator, the bot against it (with the page on its HTTP port) and seeds the demo. */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<RunningPlayground> {
  const baseEnv = options.env ?? process.env;
  const dataDir = options.dataDir ?? path.resolve("data");
  const playground = new Playground(path.join(dataDir, "playground.json"), options.jobs);

  const apiServer = http.createServer(playground.emulator.handleHttp);
  await new Promise<void>((resolve, reject) => {
    apiServer.once("error", reject);
    apiServer.listen(0, "127.0.0.1", () => resolve());
  });
  const apiRoot = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;
  const closeApi = async () => {
    apiServer.closeAllConnections();
    await new Promise<void>((resolve) => apiServer.close(() => resolve()));
  };

  const admins = new Set([...(baseEnv.ADMIN_TELEGRAM_IDS ?? "").split(",").map((id) => id.trim()).filter(Boolean), String(ADMIN.id)]);
  const { WEBHOOK_URL: _url, WEBHOOK_SECRET: _secret, ...rest } = baseEnv;
  const env = {
    ...rest,
    BOT_TOKEN: PLAYGROUND_TOKEN,
    TELEGRAM_API_ROOT: apiRoot,
    BOT_MODE: "polling",
    ADMIN_TELEGRAM_IDS: [...admins].join(","),
    // The console stays quiet but for warnings and the one line with the URL.
    LOG_LEVEL: baseEnv.LOG_LEVEL?.trim() || "warn",
  };

  let app: RunningBagdar;
  try {
    app = await startBagdar({
      env,
      clock: playground.clock,
      dataDir,
      httpFallback: playground.page.handler,
      ...(options.embeddedStore ? { embeddedStore: options.embeddedStore } : {}),
    });
  } catch (error) {
    await closeApi();
    throw error;
  }
  try {
    await playground.attach(app);
  } catch (error) {
    await app.stop();
    await closeApi();
    throw error;
  }
  playground.page.markReady();

  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${app.port}/`,
    apiRoot,
    app,
    playground,
    stop: () =>
      (stopping ??= (async () => {
        playground.page.close(); // live event streams would keep the HTTP server from closing
        await app.stop();
        await closeApi();
        playground.close();
      })()),
  };
}

/** `npm start` without BOT_TOKEN: runs until SIGINT/SIGTERM and prints one line with the URL. */
export async function runPlaygroundUntilSignalled(options: PlaygroundOptions = {}): Promise<void> {
  let running: RunningPlayground;
  try {
    running = await startPlayground(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (code === "EADDRINUSE") process.stderr.write(`Port ${(options.env ?? process.env).PORT ?? 8080} is busy: set PORT to a free port, e.g. PORT=8081 npm start\n`);
    else throw error;
    process.exit(1);
  }
  process.stdout.write(`Bagdar playground (no BOT_TOKEN, so a local Telegram emulator): ${running.url}\n`);
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}
