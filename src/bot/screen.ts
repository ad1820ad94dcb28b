import { GrammyError, type InlineKeyboard } from "grammy";
import type { BagdarContext } from "./context.js";

/** A message with its buttons, as a feature's screen. */
export interface Screen {
  text: string;
  keyboard: InlineKeyboard;
}

/**
 * Screens reached by a button replace the message they were tapped on; commands send a new one.
 * A refresh with nothing new ("message is not modified") is fine; a message too old to edit is sent afresh.
 */
export async function renderScreen(ctx: BagdarContext, screen: Screen): Promise<void> {
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(screen.text, { reply_markup: screen.keyboard });
      return;
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
      if (error.description.includes("message is not modified")) return;
    }
  }
  await ctx.reply(screen.text, { reply_markup: screen.keyboard });
}
