import type { Types } from "mongoose";
import type { Clock } from "../clock.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import { errorSummary } from "./error-summary.js";

/**
 * Sends one due run of a broadcast into the outbox; `src/services/broadcasts.ts` provides it as
 * `fanOutBroadcast(deps, broadcastId, runAt)`. It must be safe to repeat: it enqueues with
 * per-run dedupe keys and moves `nextRunAt` (or the status) itself, conditionally, when done.
 */
export type FanOut = (broadcastId: Types.ObjectId, runAt: Date) => Promise<unknown>;

export interface BroadcastPlannerDeps {
  models: Pick<Models, "Broadcast">;
  clock: Clock;
  logger: Logger;
  fanOut: FanOut;
}

export interface PlannerCounts {
  due: number;
  fannedOut: number;
  failed: number;
}

/**
 * The recurring-broadcast job: every broadcast that is `scheduled` with `nextRunAt <= now` (a
 * one-off "at" broadcast whose time has come, or the next run of a cron broadcast) is handed to
 * the fan-out. A fan-out that throws leaves the broadcast due, so the next tick tries again;
 * nothing here moves `nextRunAt`, so a crash halfway loses no run.
 */
export function createBroadcastPlanner(deps: BroadcastPlannerDeps) {
  const { Broadcast } = deps.models;
  const log = deps.logger.child({ component: "broadcast-planner" });

  return {
    async runOnce(options: { signal?: AbortSignal } = {}): Promise<PlannerCounts> {
      const counts: PlannerCounts = { due: 0, fannedOut: 0, failed: 0 };
      const seen = new Set<string>();
      for (;;) {
        if (options.signal?.aborted) break;
        const now = deps.clock.now();
        const due = await Broadcast.find({ status: "scheduled", nextRunAt: { $lte: now }, _id: { $nin: [...seen] } }, { _id: 1 })
          .sort({ nextRunAt: 1 })
          .limit(20)
          .lean<{ _id: Types.ObjectId }[]>();
        if (due.length === 0) break;
        for (const { _id } of due) {
          if (options.signal?.aborted) break;
          // Each broadcast at most once per pass, even if its fan-out left it due.
          seen.add(String(_id));
          counts.due++;
          try {
            await deps.fanOut(_id, now);
            counts.fannedOut++;
          } catch (error) {
            counts.failed++;
            // Name and code only: a validation message could quote the teacher's text.
            log.error({ ...errorSummary(error), broadcastId: String(_id) }, "Broadcast fan-out failed; it stays due and is retried on the next tick");
          }
        }
      }
      return counts;
    },
  };
}

export type BroadcastPlanner = ReturnType<typeof createBroadcastPlanner>;
