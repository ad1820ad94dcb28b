import type { MiddlewareFn } from "grammy";
import type { BagdarContext } from "../context.js";

/**
 * Any command leaves the dialog in progress: /start and /menu always work, and no
 * half-answered dialog is ever saved, because scenes write only on their last step.
 * /cancel itself only says so; the command's own handler runs for everything else.
 */
export function leaveDialogOnCommand(): MiddlewareFn<BagdarContext> {
  return async (ctx, next) => {
    const text = ctx.message?.text;
    if (!text?.startsWith("/")) return next();
    const inDialog = Object.keys(ctx.conversation.active()).length > 0;
    if (inDialog) await ctx.conversation.exitAll();
    if (/^\/cancel(@\w+)?(\s|$)/.test(text)) {
      await ctx.reply(ctx.t(inDialog ? "cancel-done" : "cancel-nothing"));
      return;
    }
    return next();
  };
}
