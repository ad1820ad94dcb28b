import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { conversations, createConversation } from "@grammyjs/conversations";
import { Bot, HttpError, lazySession, type ApiClientOptions, type MiddlewareFn, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { SCENES_VERSION, scenes } from "../../scenes/index.js";
import { createMongoStorage } from "../db/key-value-storage.js";
import { BackgroundWork } from "./background.js";
import type { BagdarContext, BotDeps, SceneContext, SessionData } from "./context.js";
import { createErrorHandler } from "./error-handler.js";
import { adminFeature } from "./features/admin.js";
import { broadcastFeature } from "./features/broadcast.js";
import { consentsFeature } from "./features/consents.js";
import { guardiansFeature } from "./features/guardians.js";
import { helpFeature } from "./features/help.js";
import { languageFeature } from "./features/language.js";
import { menuFeature } from "./features/menu.js";
import { portfolioFeature } from "./features/portfolio.js";
import { privacyFeature } from "./features/privacy.js";
import { questionnaireFeature } from "./features/questionnaire.js";
import { remindersFeature } from "./features/reminders.js";
import { reflectionsFeature } from "./features/reflections.js";
import { reportsFeature } from "./features/reports.js";
import { rosterFeature } from "./features/roster.js";
import { trialCatalogueFeature } from "./features/trial-catalogue.js";
import { trialManageFeature } from "./features/trial-manage.js";
import { startFeature } from "./features/start.js";
import { unhandledFeature } from "./features/unhandled.js";
import { createI18n } from "./i18n.js";
import { rateLimit, UserRateLimiter } from "./middlewares/rate-limit.js";
import { leaveDialogOnCommand } from "./middlewares/leave-dialog.js";
import { CurrentUsers, loadUser } from "./middlewares/load-user.js";
import { updateLogger } from "./middlewares/update-logger.js";

export interface BotOptions {
  /** Skips getMe; tests and the playground pass it. */
  botInfo?: UserFromGetMe;
  /** Extra API client options, such as a fake `fetch` in tests. */
  client?: ApiClientOptions;
}

/** Retries what Telegram asks us to retry (429, 5xx) while an update is being handled. Network errors are left to the next transformer. */
const retryPolitely = () => autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true });

/** How often, and after how long, a request that never reached Telegram is tried again. */
export const NETWORK_RETRY_DELAYS_MS = [500, 1500] as const;

/**
 * A request that got no answer (network down, connection reset) is tried twice more, then the
 * error reaches the error boundary. auto-retry alone would retry it forever with a backoff of up
 * to an hour, and since one chat's updates run in order, that chat would hang that long.
 */
export const retryNetworkBriefly: Transformer = async (prev, method, payload, signal) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prev(method, payload, signal);
    } catch (error) {
      const delay = NETWORK_RETRY_DELAYS_MS[attempt];
      if (!(error instanceof HttpError) || delay === undefined || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
};

/** Builds the bot. Reads no environment and does no I/O: everything comes through `deps`. */
export function createBot(token: string, deps: BotDeps, options: BotOptions = {}) {
  const bot = new Bot<BagdarContext>(token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { apiRoot: deps.config.telegramApiRoot, ...options.client },
  });
  const i18n = createI18n(deps.config.defaultLocale);
  const currentUsers = new CurrentUsers();
  const background = new BackgroundWork(deps.logger);

  bot.api.config.use(retryNetworkBriefly, retryPolitely());
  // One update at a time per chat: a double tap is handled after the first, never beside it.
  bot.use(sequentialize((ctx) => ctx.chatId?.toString()));
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    ctx.logger = deps.logger;
    const afterUpdate = background.afterUpdate();
    ctx.background = afterUpdate;
    try {
      await next();
    } finally {
      afterUpdate.start();
    }
  });

  // Conversations v2 runs scenes on a fresh context: give it what the outer one has.
  const scenePlugins: MiddlewareFn<SceneContext>[] = [
    (ctx, next) => {
      ctx.deps = deps;
      ctx.logger = deps.logger.child({ update_id: ctx.update.update_id });
      ctx.user = currentUsers.get(ctx.from?.id);
      ctx.background = background;
      ctx.api.config.use(retryPolitely());
      return next();
    },
    i18n.middleware() as MiddlewareFn<SceneContext>,
  ];

  const protectedBot = bot.errorBoundary(createErrorHandler(i18n));
  protectedBot.use(updateLogger());
  // Before sessions and the user lookup: a flood of updates from one person costs no database work.
  const limits = deps.config.userRateLimit;
  protectedBot.use(rateLimit(new UserRateLimiter({ ratePerSec: limits.perSec, burst: limits.burst }, deps.clock), i18n));
  protectedBot.use(
    // Lazy: read from MongoDB only by a handler that actually uses the session, not on every update.
    lazySession<SessionData, BagdarContext>({
      initial: () => ({}),
      storage: createMongoStorage<SessionData>(deps.connection, "sessions"),
    }),
  );
  protectedBot.use(loadUser(currentUsers));
  protectedBot.use(i18n.middleware() as MiddlewareFn<BagdarContext>);
  protectedBot.use(
    conversations<BagdarContext, SceneContext>({
      storage: { type: "key", version: SCENES_VERSION, adapter: createMongoStorage(deps.connection, "conversations") },
      plugins: scenePlugins,
    }),
  );
  protectedBot.use(leaveDialogOnCommand());
  for (const scene of scenes) protectedBot.use(createConversation(scene.builder, { id: scene.id }));

  protectedBot.use(startFeature, menuFeature, languageFeature, helpFeature, guardiansFeature, privacyFeature, questionnaireFeature, trialCatalogueFeature, trialManageFeature, rosterFeature, consentsFeature, adminFeature, broadcastFeature);
  protectedBot.use(remindersFeature);
  protectedBot.use(portfolioFeature);
  protectedBot.use(reflectionsFeature);
  protectedBot.use(reportsFeature);
  protectedBot.use(unhandledFeature);

  return Object.assign(bot, { i18n, background });
}

export type BagdarBot = ReturnType<typeof createBot>;
