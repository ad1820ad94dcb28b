import { Api } from "grammy";
import type { Types } from "mongoose";
import { ManualClock } from "../../src/clock.js";
import { createConfig, type Config } from "../../src/config.js";
import { createI18n } from "../../src/bot/i18n.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Locale } from "../../src/db/models/user.js";
import { createDispatcher, type DispatcherTuning } from "../../src/jobs/dispatcher.js";
import { createJobs, type Jobs } from "../../src/jobs/index.js";
import { silentLogger } from "../../src/logger.js";
import { createAuditService } from "../../src/services/audit.js";
import { fanOutBroadcast } from "../../src/services/broadcasts.js";
import { createConsentService, type ConsentService } from "../../src/services/consents.js";
import { createOutbox, type EnqueueRequest, type Outbox } from "../../src/services/outbox.js";
import { createRegistrationService, type RegistrationService } from "../../src/services/registrations.js";
import { createReminderService } from "../../src/services/reminders.js";
import { createUserService } from "../../src/services/users.js";
import { createReflectionService } from "../../src/services/reflections.js";
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from "./database.js";
import { FakeTelegram } from "./fake-telegram.js";

/** 10:00 in Almaty (UTC+5), a Monday: outside quiet hours. */
export const MORNING = new Date("2026-09-14T05:00:00Z");

export interface JobsWorld {
  db: TestDatabase;
  models: Models;
  clock: ManualClock;
  config: Config;
  telegram: FakeTelegram;
  i18n: ReturnType<typeof createI18n>;
  outbox: Outbox;
  /** The registration service over the world's models and clock. */
  registrations: RegistrationService;
  /** The consent service, wired to the registrations as in the composition root. */
  consents: ConsentService;
  schoolId: Types.ObjectId;
  /** A raw Api over a fetch (the fake Telegram's by default). */
  api(fetch?: typeof globalThis.fetch): Api;
  /** A dispatcher whose waiting moves the manual clock instead of sleeping. */
  dispatcher(options?: { owner?: string; fetch?: typeof globalThis.fetch; tuning?: Partial<DispatcherTuning> }): ReturnType<typeof createDispatcher>;
  /** Every job as the composition root wires them, on the world's database, clock and fake Telegram. */
  jobs(options?: { owner?: string }): Jobs;
  /** A student of the Almaty school (or of none), with a chat id equal to their Telegram id. */
  user(telegramId: number, options?: { locale?: Locale; status?: "active" | "blocked" | "deleted"; schoolId?: Types.ObjectId | null; timezone?: string }): Promise<Types.ObjectId>;
  /** Enqueues a literal message to a user. */
  enqueueText(userId: Types.ObjectId, chatId: number, text: string, extra?: Partial<EnqueueRequest>): Promise<void>;
  close(): Promise<void>;
}

export async function createJobsWorld(options: { now?: Date; env?: Record<string, string>; database?: TestDatabaseOptions } = {}): Promise<JobsWorld> {
  const db = await createTestDatabase("jobs", options.database);
  const models = createModels(db.connection);
  await ensureIndexes(models);
  const clock = new ManualClock({ frozenAt: options.now ?? MORNING });
  const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "test", BROADCAST_RATE_PER_SEC: "25", QUIET_HOURS: "22-07", ...options.env });
  const telegram = new FakeTelegram();
  const i18n = createI18n("kk");
  const outbox = createOutbox({ models, clock });
  const audit = createAuditService({ models, clock });
  const registrations = createRegistrationService({ models, clock, audit, outbox, onSeatHeld: (registrationId) => consents.requestFor(registrationId) });
  const consents = createConsentService({ models, clock, audit, outbox, registrations });
  const reminders = createReminderService({ models, clock, audit, outbox, registrations, users: createUserService({ models, clock, config }) });
  const school = await models.School.create({ name: "Almaty School 1", region: "Almaty", timezone: "Asia/Almaty" });
  let owners = 0;

  const world: JobsWorld = {
    db,
    models,
    clock,
    config,
    telegram,
    i18n,
    outbox,
    registrations,
    consents,
    schoolId: school._id,
    api: (fetch = telegram.fetch) => new Api("4242:TEST-TOKEN-FOR-TESTS", { fetch }),
    dispatcher: (dispatcherOptions = {}) =>
      createDispatcher({
        models,
        api: world.api(dispatcherOptions.fetch),
        i18n,
        clock,
        config,
        logger: silentLogger(),
        owner: dispatcherOptions.owner ?? `test-dispatcher-${++owners}`,
        rateClock: clock,
        sleep: async (ms) => clock.advance(ms),
        ...(dispatcherOptions.tuning ? { tuning: dispatcherOptions.tuning } : {}),
      }),
    jobs: (jobsOptions = {}) =>
      createJobs({
        models,
        clock,
        config,
        logger: silentLogger(),
        api: world.api(),
        i18n,
        fanOut: (broadcastId, runAt) => fanOutBroadcast({ models, clock, outbox, audit }, broadcastId, runAt),
        expireConsents: () => registrations.expireOverdue(),
        chaseConsents: () => consents.chase(),
        planReminders: () => reminders.plan(),
        planReflectionPrompts: () => createReflectionService({ models, clock, outbox }).planPrompts(),
        owner: jobsOptions.owner ?? `test-jobs-${++owners}`,
      }),
    async user(telegramId, userOptions = {}) {
      const schoolId = userOptions.schoolId === undefined ? school._id : userOptions.schoolId;
      const user = await models.User.create({
        telegramId,
        locale: userOptions.locale ?? "ru",
        roles: ["student"],
        status: userOptions.status ?? "active",
        ...(schoolId ? { schoolId } : {}),
        ...(userOptions.timezone ? { timezone: userOptions.timezone } : {}),
      });
      return user._id;
    },
    async enqueueText(userId, chatId, text, extra = {}) {
      await outbox.enqueue({ dedupeKey: `test:${String(userId)}:${text}`, userId, chatId, kind: "test", payload: { text }, ...extra });
    },
    close: () => db.drop(),
  };
  return world;
}
