import mongoose from "mongoose";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { startBagdar, type RunningBagdar } from "../../src/main.js";
import { createOutbox } from "../../src/services/outbox.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { testMongoUri } from "../support/database.js";
import { freePort } from "../support/free-port.js";

describe("jobs in the composition root", () => {
  let api: BotApiServer | undefined;
  let app: RunningBagdar | undefined;
  afterEach(async () => {
    await app?.stop();
    await api?.stop();
    app = api = undefined;
  });

  it("registers the planner and the dispatcher; runDueNow after moving the clock sends what became due; stop releases the leases", async () => {
    api = new BotApiServer();
    const root = await api.start();
    const port = await freePort();
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    app = await startBagdar({
      clock,
      env: {
        BOT_TOKEN: "123:any-token-at-all",
        TELEGRAM_API_ROOT: root,
        PORT: String(port),
        LOG_LEVEL: "silent",
        MONGODB_URI: `${testMongoUri().replace(/\/?$/, "/")}bagdar_jobs_main_${port}`,
      },
    });
    expect(app.scheduler.jobNames()).toEqual(["broadcast-planner", "consent-expiry", "consent-chase", "reflection-prompts", "reminder-planner", "dispatcher"]);

    const user = await app.models.User.create({ telegramId: 4711, locale: "ru", roles: ["student"] });
    await createOutbox({ models: app.models, clock }).enqueue({
      dedupeKey: "main:1",
      userId: user._id,
      chatId: 4711,
      kind: "test",
      payload: { key: "cancel-done" },
      notBefore: new Date("2026-09-15T05:00:00Z"),
    });
    await app.scheduler.runDueNow();
    expect(api.calls.filter((c) => c.method === "sendMessage")).toEqual([]);

    clock.set(new Date("2026-09-15T05:00:00Z"));
    const results = await app.scheduler.runDueNow();
    expect(results.map((r) => [r.job, r.status])).toEqual([
      ["broadcast-planner", "done"],
      ["consent-expiry", "done"],
      ["consent-chase", "done"],
      ["reflection-prompts", "done"],
      ["reminder-planner", "done"],
      ["dispatcher", "done"],
    ]);
    const sent = api.calls.filter((c) => c.method === "sendMessage");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.payload).toMatchObject({ chat_id: 4711, text: app.bot.i18n.t("ru", "cancel-done") });
    expect((await app.models.Notification.findOne({ dedupeKey: "main:1" }).lean())?.status).toBe("sent");

    await app.stop();
    app = undefined;
    // The connection is closed now; read the leases through a fresh one.
    const check = await mongoose.createConnection(`${testMongoUri().replace(/\/?$/, "/")}bagdar_jobs_main_${port}`).asPromise();
    try {
      const leases = await check.collection("leases").find({}).toArray();
      expect(leases.length).toBeGreaterThan(0);
      for (const lease of leases) expect((lease.lockedUntil as Date).getTime()).toBeLessThanOrEqual(clock.now().getTime());
      await check.dropDatabase();
    } finally {
      await check.close();
    }
  });
});
