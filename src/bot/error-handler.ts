import { GrammyError, HttpError, type BotError } from "grammy";
import mongoose from "mongoose";
import { DomainError } from "../services/errors.js";
import type { BagdarContext } from "./context.js";
import { localeFromLanguageCode, type BagdarI18n } from "./i18n.js";

/** A database that is away or unreachable: the user can simply try again. */
function isDatabaseUnavailable(error: unknown): boolean {
  return (
    error instanceof mongoose.mongo.MongoNetworkError ||
    error instanceof mongoose.mongo.MongoServerSelectionError ||
    error instanceof mongoose.mongo.MongoNotConnectedError ||
    (error instanceof Error && error.name === "MongoTopologyClosedError")
  );
}

/**
 * Any error becomes one short apology in the user's language and one log entry; never a crash.
 * The error may come before the i18n middleware ran (the user lookup fails when MongoDB is away),
 * so the text is rendered from the i18n instance directly.
 */
export const createErrorHandler = (i18n: BagdarI18n) => async (error: BotError<BagdarContext>): Promise<void> => {
  const { ctx } = error;
  const logger = ctx.logger ?? ctx.deps.logger;
  const cause = error.error;
  const locale = ctx.user?.locale ?? localeFromLanguageCode(ctx.from?.language_code) ?? ctx.deps.config.defaultLocale;
  if (cause instanceof DomainError) {
    // A refusal the person can act on, such as a used invite or a role they lack: say so, change nothing.
    logger.info({ code: cause.code }, "Request refused");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    if (ctx.chat?.type === "private") await ctx.reply(i18n.t(locale, `errors-${cause.code}`)).catch(() => undefined);
    return;
  }
  logger.error(
    {
      err: cause instanceof GrammyError ? { method: cause.method, code: cause.error_code, description: cause.description } : cause,
      update_id: ctx.update.update_id,
    },
    cause instanceof HttpError ? "Telegram unreachable while handling update" : "Error while handling update",
  );
  if (!ctx.chat || ctx.chat.type !== "private") return;
  const key = isDatabaseUnavailable(cause) ? "errors-unavailable" : "errors-generic";
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.reply(i18n.t(locale, key));
  } catch (replyError) {
    logger.warn({ err: replyError }, "Could not send the apology");
  }
};
