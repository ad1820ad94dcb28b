import type { Api } from "grammy";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { Models } from "../db/models/index.js";
import type { Logger } from "../logger.js";
import { createBroadcastPlanner, type FanOut } from "./broadcast-planner.js";
import { createDispatcher, type Translator } from "./dispatcher.js";
import { createScheduler } from "./scheduler.js";

export interface JobsDeps {
  models: Models;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** A raw Api for the dispatcher: no auto-retry, the dispatcher answers 429/5xx itself. */
  api: Api;
  i18n: Translator;
  /** `fanOutBroadcast` from services/broadcasts.ts, bound to its dependencies. */
  fanOut: FanOut;
  /** `registrations.expireOverdue` from services/registrations.ts: frees the seats whose consent deadline passed. */
  expireConsents: () => Promise<number>;
  /** `consents.chase` from services/consents.ts: reminders 3 days and 1 day before a consent deadline. */
  chaseConsents: () => Promise<number>;
  /** `reminders.plan` from services/reminders.ts: trial reminders (24 h, 2 h, the teacher's digest) whose moment has come. */
  planReminders: () => Promise<number>;
  /** `reflections.planPrompts` from services/reflections.ts: "after"/"trace" prompts to attendees and the parents' summary. */
  planReflectionPrompts: () => Promise<number>;
  /** This instance's id in leases and notification locks. */
  owner: string;
}

/**
 * Every cron job of Bagdar, registered in one place (DESIGN §7). Registration order is the
 * order `scheduler.runDueNow()` runs them in: plan first, then send what was planned.
 * Later issues add theirs here: reminder planner, reflection prompts, retention.
 */
export function createJobs(deps: JobsDeps) {
  const { models, clock, config, logger, owner } = deps;
  const dispatcher = createDispatcher({ models, api: deps.api, i18n: deps.i18n, clock, config, logger, owner });
  const broadcastPlanner = createBroadcastPlanner({ models, clock, logger, fanOut: deps.fanOut });
  const scheduler = createScheduler({ models, clock, logger, owner });

  // Broadcasts due at a time or on a cron schedule go into the outbox.
  scheduler.register({ name: "broadcast-planner", cron: "*/10 * * * * *", run: ({ signal }) => broadcastPlanner.runOnce({ signal }) });
  // Consent deadlines: registrations still waiting for a parent at the deadline expire, their seats
  // are freed, and the notices to pupil and parents go into the outbox before the dispatcher runs.
  scheduler.register({ name: "consent-expiry", cron: "0 * * * * *", run: async () => ({ expired: await deps.expireConsents() }) });
  // Parents still pending get one reminder 3 days and one 1 day before the consent deadline; the
  // dispatcher holds them back during quiet hours (they are not urgent).
  scheduler.register({ name: "consent-chase", cron: "30 */5 * * * *", run: async () => ({ queued: await deps.chaseConsents() }) });
  // An hour after a trial ends attendees are asked to reflect, a day after to look back ("trace"),
  // and parents get a short summary; not urgent, so quiet hours hold them back.
  scheduler.register({ name: "reflection-prompts", cron: "15 */5 * * * *", run: async () => ({ queued: await deps.planReflectionPrompts() }) });
  // Trial reminders whose moment has come go into the outbox; stale ones (the trial moved or was
  // cancelled, the pupil is no longer going) are withdrawn. Not urgent: quiet hours hold them back.
  scheduler.register({ name: "reminder-planner", cron: "45 * * * * *", run: async () => ({ queued: await deps.planReminders() }) });
  // The outbox dispatcher: each tick drains what is due, within the rate budget; the lease (renewed
  // while it runs) keeps it to one instance, so the global budget holds across instances too.
  scheduler.register({ name: "dispatcher", cron: "* * * * * *", run: ({ signal }) => dispatcher.runOnce({ signal }) });

  return { scheduler, dispatcher, broadcastPlanner };
}

export type Jobs = ReturnType<typeof createJobs>;
