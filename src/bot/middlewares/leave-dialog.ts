import type { MiddlewareFn } from "grammy";
import { QUESTIONNAIRE_SCENE } from "../../../scenes/ids.js";
import type { BagdarContext } from "../context.js";

/**
 * Any command leaves the dialog in progress: /start and /menu always work, and no
 * half-answered dialog is ever saved, because scenes write only on their last step.
 * /cancel itself only says so; the command's own handler runs for everything else.
 * The questionnaire is the exception that keeps its answers (each is stored as it is given),
 * so /cancel there says the answers are saved and the run can go on later.
 */
export function leaveDialogOnCommand(): MiddlewareFn<BagdarContext> {
  return async (ctx, next) => {
    const text = ctx.message?.text;
    if (!text?.startsWith("/")) return next();
    const active = ctx.conversation.active();
    const inDialog = Object.keys(active).length > 0;
    const keepsAnswers = (active[QUESTIONNAIRE_SCENE] ?? 0) > 0;
    if (inDialog) await ctx.conversation.exitAll();
    if (/^\/cancel(@\w+)?(\s|$)/.test(text)) {
      await ctx.reply(ctx.t(keepsAnswers ? "questionnaire-paused" : inDialog ? "cancel-done" : "cancel-nothing"));
      return;
    }
    return next();
  };
}
