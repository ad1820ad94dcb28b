import type { Update } from "grammy/types";
import { ManualClock } from "../../src/clock.js";
import { createConfig, type Config } from "../../src/config.js";
import { createBot, type BagdarBot } from "../../src/bot/index.js";
import type { BotDeps } from "../../src/bot/context.js";
import { createModels, ensureIndexes } from "../../src/db/models/index.js";
import { silentLogger } from "../../src/logger.js";
import { createServices } from "../../src/services/index.js";
import { createTestDatabase, type TestDatabase, type TestDatabaseOptions } from "./database.js";
import { FakeTelegram, TEST_BOT_INFO } from "./fake-telegram.js";
import { TestUser, type TestUserOptions } from "./test-user.js";

export interface TestBot {
  bot: BagdarBot;
  telegram: FakeTelegram;
  deps: BotDeps;
  clock: ManualClock;
  db: TestDatabase;
  /** A person who talks to the bot in a private chat. */
  user(options?: TestUserOptions): TestUser;
  /** Feeds one raw update through the real middleware stack, and waits for the work it started in the background. */
  handle(update: Omit<Update, "update_id">): Promise<void>;
  close(): Promise<void>;
}

/** The real bot on its own fresh database, talking to a fake Telegram. */
export async function createTestBot(options: { env?: Record<string, string>; now?: Date; database?: TestDatabaseOptions } = {}): Promise<TestBot> {
  const db = await createTestDatabase("bot", options.database);
  // The clock stands still here, so the per-person limit would never refill: scenario tests walk whole
  // dialogs without moving it. tests/bot/rate-limit.test.ts passes the real limits through `env`.
  const config: Config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "test", USER_RATE_PER_SEC: "1000", USER_RATE_BURST: "10000", ...options.env });
  const logger = silentLogger();
  const clock = new ManualClock({ frozenAt: options.now ?? new Date("2026-09-14T09:00:00Z") });
  const models = createModels(db.connection);
  await ensureIndexes(models);
  const services = createServices({ models, clock, config, logger });
  const deps: BotDeps = { config, logger, clock, connection: db.connection, models, services };
  const telegram = new FakeTelegram();
  const bot = createBot("4242:TEST-TOKEN-FOR-TESTS", deps, { botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch } });

  let updateId = 1;
  let nextUserId = 100_001;
  const testBot: TestBot = {
    bot,
    telegram,
    deps,
    clock,
    db,
    user: (userOptions = {}) => new TestUser(testBot, { id: nextUserId++, ...userOptions }),
    handle: async (update) => {
      await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
      await bot.background.settled();
    },
    close: () => db.drop(),
  };
  return testBot;
}
