import type { MiddlewareFn } from "grammy";
import type { BagdarContext } from "../context.js";

/** A child logger per update, tagged with update_id, and how long the update took. Never logs message text. */
export function updateLogger(): MiddlewareFn<BagdarContext> {
  return async (ctx, next) => {
    ctx.logger = ctx.deps.logger.child({ update_id: ctx.update.update_id });
    const started = performance.now();
    try {
      await next();
    } finally {
      const kind = Object.keys(ctx.update).find((key) => key !== "update_id");
      ctx.logger.debug({ kind, elapsed_ms: Math.round(performance.now() - started) }, "update processed");
    }
  };
}
