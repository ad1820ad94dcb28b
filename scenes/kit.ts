import type { InlineKeyboard } from "grammy";
import type { Types } from "mongoose";
import type { BagdarContext, BagdarConversation, SceneContext } from "../src/bot/context.js";
import { DomainError } from "../src/services/errors.js";

/** What survives the JSON round trip of conversation storage: ids and dates become strings. */
export type Plain<T> = T extends Types.ObjectId
  ? string
  : T extends Date
    ? string
    : T extends Array<infer U>
      ? Plain<U>[]
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

export type Outcome<T> = { ok: true; value: Plain<T> } | { ok: false; code: string };

/**
 * Runs a side effect once (database, clock, randomness) and replays its result afterwards.
 * The result is normalised through JSON on the first run too, so a scene sees exactly the
 * same value whether it runs live or is replayed from storage. A DomainError becomes a value
 * the scene can answer; anything else (MongoDB away) still reaches the error boundary.
 */
export async function attempt<T>(conversation: BagdarConversation, task: (ctx: BagdarContext) => Promise<T>): Promise<Outcome<T>> {
  return conversation.external(async (ctx) => {
    try {
      const value = await task(ctx);
      return { ok: true as const, value: (value === undefined ? undefined : JSON.parse(JSON.stringify(value))) as Plain<T> };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false as const, code: error.code };
      throw error;
    }
  });
}

/** Like `attempt`, for tasks whose domain errors are not expected here. */
export async function run<T>(conversation: BagdarConversation, task: (ctx: BagdarContext) => Promise<T>): Promise<Plain<T>> {
  const outcome = await attempt(conversation, task);
  if (!outcome.ok) throw new DomainError(outcome.code);
  return outcome.value;
}

export type TextCheck<T> = { ok: true; value: T } | { ok: false; errorKey: string; params?: Record<string, string | number> };

export interface StepOptions<T> {
  /** Sends the question; called again after an answer of the wrong kind so the buttons are at hand. */
  ask: (ctx: SceneContext) => Promise<unknown>;
  /** This step's buttons: the value of a tapped button, or undefined for any other button. */
  button?: (data: string) => T | undefined;
  /** This step's typed answer. Without it, text is the wrong kind of answer. */
  text?: (text: string, ctx: SceneContext) => TextCheck<T> | Promise<TextCheck<T>>;
  /** Locale key telling what kind of answer this step expects. */
  expected: string;
}

/**
 * One question of a dialog, asked until it gets a usable answer. A tap on an old button
 * is "out of date"; a sticker, photo or text where a button is expected gets a clear hint
 * and the question again; a bad typed value gets the precise reason. Nothing is stored here.
 */
export async function step<T>(conversation: BagdarConversation, ctx: SceneContext, options: StepOptions<T>): Promise<T> {
  await options.ask(ctx);
  for (;;) {
    const next = await conversation.wait();
    const data = next.callbackQuery?.data;
    if (next.callbackQuery) {
      const value = data !== undefined ? options.button?.(data) : undefined;
      if (value !== undefined) {
        await next.answerCallbackQuery();
        await clearButtons(next);
        return value;
      }
      await next.answerCallbackQuery({ text: next.t("button-stale") });
      continue;
    }
    if (!next.message) continue; // edits, reactions and the like need no answer
    const typed = next.message.text;
    if (typed !== undefined && options.text) {
      const check = await options.text(typed, next);
      if (check.ok) return check.value;
      await next.reply(next.t(check.errorKey, check.params));
      continue;
    }
    await next.reply(next.t(options.expected));
    await options.ask(next);
  }
}

/** Removes the buttons of a question once answered, so they cannot be tapped again. */
export async function clearButtons(ctx: SceneContext): Promise<void> {
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup().catch(() => undefined);
}

export type Keyboard = InlineKeyboard;
