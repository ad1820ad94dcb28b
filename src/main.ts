import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Connection } from "mongoose";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { Api, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { systemClock, type Clock } from "./clock.js";
import { registerCommands } from "./bot/commands.js";
import { createBot, type BagdarBot } from "./bot/index.js";
import { ConfigError, createConfig, type Config } from "./config.js";
import { connectDatabase } from "./db/connection.js";
import { createModels, ensureIndexes, type Models } from "./db/models/index.js";
import { selectDatabase, type EmbeddedStoreFactory } from "./db/select-database.js";
import { createHttpServer, listen, type RequestHandler, type WebhookHandler } from "./http-server.js";
import { createLogger, type Logger } from "./logger.js";
import { createServices } from "./services/index.js";
import { fanOutBroadcast } from "./services/broadcasts.js";
import { createJobs } from "./jobs/index.js";
import { instanceId } from "./jobs/instance-id.js";
import type { Scheduler } from "./jobs/scheduler.js";

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** The in-process store for running without MONGODB_URI; the dev entry point provides it. */
  embeddedStore?: EmbeddedStoreFactory;
  clock?: Clock;
  /** Where the embedded database keeps its files. */
  dataDir?: string;
  /** Serves requests that are neither /healthz nor the webhook (the dev playground's page). */
  httpFallback?: RequestHandler;
}

export interface RunningBagdar {
  config: Config;
  logger: Logger;
  bot: BagdarBot;
  /** The cron jobs; the playground's clock control calls `scheduler.runDueNow()` after moving the clock. */
  scheduler: Scheduler;
  clock: Clock;
  connection: Connection;
  models: Models;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** A body that is not a Telegram update: answered 400, nothing handled. */
class MalformedUpdate extends Error {}

function parseUpdate(body: Buffer): Update {
  let update: unknown;
  try {
    update = JSON.parse(body.toString("utf8"));
  } catch {
    throw new MalformedUpdate();
  }
  if (typeof update !== "object" || update === null || !Number.isSafeInteger((update as { update_id?: unknown }).update_id)) throw new MalformedUpdate();
  return update as Update;
}

/**
 * Telegram's webhook on top of the body the HTTP server has already read and capped: grammY checks
 * `X-Telegram-Bot-Api-Secret-Token` (401 when wrong or missing) and only then parses and handles the update.
 */
export function createWebhookHandler(bot: BagdarBot, secretToken: string): WebhookHandler {
  const adapter = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const header = req.headers["x-telegram-bot-api-secret-token"];
    return {
      get update() {
        return Promise.resolve().then(() => parseUpdate(body));
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => void res.end(),
      respond: (json: string) => void res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => void res.writeHead(401, { connection: "close" }).end("secret token is wrong"),
    };
  };
  const callback = webhookCallback(bot, adapter, { secretToken, onTimeout: "return", timeoutMilliseconds: 9_000 });
  return async (req, res, body) => {
    try {
      await callback(req, res, body);
    } catch (error) {
      if (!(error instanceof MalformedUpdate)) throw error;
      res.writeHead(400, { "content-type": "text/plain" }).end("not a Telegram update");
    }
  };
}

/** The composition root: config → logger → db → bot → polling or webhook, and an orderly way out. */
export async function startBagdar(options: StartOptions = {}): Promise<RunningBagdar> {
  const config = createConfig(options.env ?? process.env);
  if (!config.botToken) {
    throw new ConfigError("BOT_TOKEN is not set: get a token from @BotFather and run with BOT_TOKEN=<token> (or use `npm start` for the local playground).");
  }
  const logger = createLogger(config);
  const clock = options.clock ?? systemClock;

  const database = await selectDatabase({
    mongodbUri: config.mongodbUri,
    dataDir: options.dataDir ?? path.resolve("data"),
    logger,
    ...(options.embeddedStore ? { embeddedStore: options.embeddedStore } : {}),
  });
  const connection = await connectDatabase(database.uri, logger);
  const models = createModels(connection);
  await ensureIndexes(models);
  const services = createServices({ models, clock, config, logger });

  const bot = createBot(config.botToken, { config, logger, clock, connection, models, services });
  bot.catch((error) => logger.error({ err: error.error, update_id: error.ctx.update.update_id }, "Unhandled bot error"));
  await bot.init();
  await registerCommands(bot.api, bot.i18n, config.defaultLocale, logger);

  let webhook: { path: string; handler: WebhookHandler } | undefined;
  if (config.botMode === "webhook" && config.webhookUrl && config.webhookSecret) {
    webhook = { path: new URL(config.webhookUrl).pathname, handler: createWebhookHandler(bot, config.webhookSecret) };
  }
  const server = createHttpServer({
    port: config.port,
    logger,
    isHealthy: () => connection.readyState === 1,
    ...(webhook ? { webhook } : {}),
    ...(options.httpFallback ? { fallback: options.httpFallback } : {}),
  });
  const port = await listen(server, config.port);

  // Jobs (DESIGN §7). The dispatcher gets a raw Api: it answers 429/5xx itself, so no auto-retry here.
  const { scheduler } = createJobs({
    models,
    clock,
    config,
    logger,
    api: new Api(config.botToken, { apiRoot: config.telegramApiRoot }),
    i18n: bot.i18n,
    fanOut: (broadcastId, runAt) => fanOutBroadcast({ models, clock, outbox: services.outbox, audit: services.audit }, broadcastId, runAt),
    expireConsents: () => services.registrations.expireOverdue(),
    chaseConsents: () => services.consents.chase(),
    planReminders: () => services.reminders.plan(),
    planReflectionPrompts: () => services.reflections.planPrompts(),
    owner: instanceId(),
  });

  let runner: RunnerHandle | undefined;
  if (webhook) {
    await bot.api.setWebhook(config.webhookUrl!, { secret_token: config.webhookSecret!, drop_pending_updates: false });
    logger.info({ port, path: "[webhook path]" }, "Bagdar is listening for webhook updates");
  } else {
    await bot.api.deleteWebhook();
    runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] } } });
    logger.info({ bot: bot.botInfo.username, port }, "Bagdar is polling for updates");
  }
  scheduler.start();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info("Shutting down");
      // Stop taking updates first, let in-flight ones finish, then close what they use.
      if (runner?.isRunning()) await runner.stop();
      // Result cards and the like started by the last updates still need the database.
      await bot.background.settled();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Cron stops, the dispatcher finishes the sends in flight and hands back its claims, leases are released.
      await scheduler.stop();
      await connection.close();
      await database.stop();
      logger.info("Bye");
      logger.flush();
    })());

  return { config, logger, bot, scheduler, clock, connection, models, server, port, stop };
}

/** Runs until SIGINT/SIGTERM; a bad configuration is one clear line and exit code 1. */
export async function runUntilSignalled(options: StartOptions = {}): Promise<void> {
  let app: RunningBagdar;
  try {
    app = await startBagdar(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, "Signal received");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, "Shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runUntilSignalled();
}
