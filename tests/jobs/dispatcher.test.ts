import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/jobs/dispatcher.js";
import { silentLogger } from "../../src/logger.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

/** Polls until `check` holds (for things happening in a run we deliberately do not await). */
async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("outbox", () => {
  let world: JobsWorld;
  beforeEach(async () => (world = await createJobsWorld()));
  afterEach(async () => world.close());

  it("enqueues a dedupeKey once, even when ten enqueues race", async () => {
    const userId = await world.user(501);
    const request = { dedupeKey: "reminder24h:reg-1", userId, chatId: 501, kind: "reminder24h", payload: { key: "cancel-done" } };
    expect(await world.outbox.enqueue(request)).toBe(true);
    expect(await world.outbox.enqueue({ ...request, payload: { key: "menu-title" } })).toBe(false);
    const raced = await Promise.all(Array.from({ length: 10 }, () => world.outbox.enqueue({ ...request, dedupeKey: "reminder2h:reg-1" })));
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await world.models.Notification.countDocuments({})).toBe(2);
    const stored = await world.models.Notification.findOne({ dedupeKey: "reminder24h:reg-1" }).lean();
    expect(stored).toMatchObject({ status: "pending", attempts: 0, urgent: false, payload: { key: "cancel-done" } });
  });
});

describe("dispatcher", () => {
  let world: JobsWorld;
  beforeEach(async () => (world = await createJobsWorld()));
  afterEach(async () => world.close());

  const notification = (chatId: number) => world.models.Notification.findOne({ chatId }).lean();

  it("sends what is due, records sentAt and the Telegram message id, and leaves the rest", async () => {
    const now = world.clock.now();
    const due = await world.user(601);
    const later = await world.user(602);
    await world.enqueueText(due, 601, "Due now");
    await world.enqueueText(later, 602, "Tomorrow", { notBefore: new Date(now.getTime() + 86_400_000) });

    const counts = await world.dispatcher().runOnce();

    expect(counts).toMatchObject({ claimed: 1, sent: 1, dead: 0, retried: 0 });
    expect(world.telegram.messagesIn(601).map((m) => m.text)).toEqual(["Due now"]);
    expect(world.telegram.messagesIn(602)).toEqual([]);
    const sent = await notification(601);
    expect(sent).toMatchObject({ status: "sent", telegramMessageId: world.telegram.messagesIn(601)[0]!.messageId, attempts: 0 });
    expect(sent?.sentAt).toBeInstanceOf(Date);
    expect(sent?.lockOwner).toBeUndefined();
    expect((await notification(602))?.status).toBe("pending");
  });

  it("two dispatchers racing over 200 notifications send each exactly once", async () => {
    const users = await world.models.User.insertMany(
      Array.from({ length: 200 }, (_, i) => ({ telegramId: 10_000 + i, locale: "kk", roles: ["student"], schoolId: world.schoolId })),
    );
    for (const user of users) await world.enqueueText(user._id, user.telegramId, `Hello ${user.telegramId}`);

    const [a, b] = await Promise.all([
      world.dispatcher({ owner: "instance-a", tuning: { batchSize: 20 } }).runOnce(),
      world.dispatcher({ owner: "instance-b", tuning: { batchSize: 20 } }).runOnce(),
    ]);

    const sends = world.telegram.callsOf("sendMessage");
    expect(sends).toHaveLength(200);
    expect(new Set(sends.map((call) => call.payload.chat_id)).size).toBe(200);
    expect(a.sent + b.sent).toBe(200);
    // Both really took part; otherwise this would not test a race.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
    expect(await world.models.Notification.countDocuments({ status: "sent", sentAt: { $ne: null } })).toBe(200);
  });

  it("keeps to the global budget and to one message per second per chat", async () => {
    const sentAt: Array<{ chat: number; at: number }> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const body = JSON.parse(String(init?.body)) as { chat_id: number };
      sentAt.push({ chat: body.chat_id, at: world.clock.now().getTime() });
      return world.telegram.fetch(input, init);
    };
    const repeated = await world.user(700);
    for (let i = 0; i < 3; i++) await world.enqueueText(repeated, 700, `Repeat ${i}`);
    for (let i = 1; i <= 60; i++) await world.enqueueText(await world.user(700 + i), 700 + i, `Once ${i}`);

    await world.dispatcher({ fetch }).runOnce();

    expect(sentAt).toHaveLength(63);
    const times = sentAt.map((s) => s.at);
    // 25/s with a burst of 3: 63 messages need at least (63 - 3) / 25 s.
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((63 - 3) / 25) * 1000 - 1);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((t) => t > times[i]! - 1000 && t <= times[i]!).length;
      expect(inWindow).toBeLessThanOrEqual(25 + 3);
    }
    const toOneChat = sentAt.filter((s) => s.chat === 700).map((s) => s.at);
    expect(toOneChat).toHaveLength(3);
    expect(toOneChat[1]! - toOneChat[0]!).toBeGreaterThanOrEqual(1000);
    expect(toOneChat[2]! - toOneChat[1]!).toBeGreaterThanOrEqual(1000);
  });

  it("a business clock that stands still (the playground's) does not stall the budget: it runs on real time", async () => {
    for (let i = 1; i <= 8; i++) await world.enqueueText(await world.user(750 + i), 750 + i, `Message ${i}`);
    const dispatcher = createDispatcher({
      models: world.models,
      api: world.api(),
      i18n: world.i18n,
      clock: world.clock,
      config: world.config,
      logger: silentLogger(),
      owner: "playground",
    });
    const started = Date.now();
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 8 });
    // 25/s with a burst of 3: five more tokens take about 200 ms of real time.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(world.clock.now()).toEqual(new Date("2026-09-14T05:00:00Z"));
  });

  it("429: pauses everything for retry_after, puts the message back without counting an attempt, then sends all", async () => {
    const sentAt: number[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      sentAt.push(world.clock.now().getTime());
      return world.telegram.fetch(input, init);
    };
    for (let i = 1; i <= 3; i++) await world.enqueueText(await world.user(800 + i), 800 + i, `Message ${i}`);
    world.telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    const dispatcher = world.dispatcher({ fetch, tuning: { concurrency: 1 } });
    const start = world.clock.now().getTime();

    const counts = await dispatcher.runOnce();

    expect(counts).toMatchObject({ rateLimited: 1, sent: 3, retried: 0, dead: 0 });
    expect(sentAt).toHaveLength(4);
    // Nothing at all went out during the pause.
    expect(sentAt[0]).toBe(start);
    for (const at of sentAt.slice(1)) expect(at).toBeGreaterThanOrEqual(start + 7000);
    const docs = await world.models.Notification.find({}).lean();
    expect(docs.map((d) => [d.status, d.attempts])).toEqual([
      ["sent", 0],
      ["sent", 0],
      ["sent", 0],
    ]);
  });

  it("403 blocked: the user is marked blocked, the message is dead, and nothing is retried or sent to them again", async () => {
    const userId = await world.user(901);
    await world.enqueueText(userId, 901, "First");
    world.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const dispatcher = world.dispatcher();

    expect(await dispatcher.runOnce()).toMatchObject({ blocked: 1, sent: 0, retried: 0 });
    expect(await notification(901)).toMatchObject({ status: "dead", attempts: 0, lastError: "403: Forbidden: bot was blocked by the user" });
    expect((await world.models.User.findById(userId).lean())?.status).toBe("blocked");

    await world.enqueueText(userId, 901, "Second");
    world.clock.advance(3_600_000);
    expect(await dispatcher.runOnce()).toMatchObject({ blocked: 1, sent: 0 });
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(1);
    expect(await world.models.Notification.countDocuments({ status: "dead" })).toBe(2);
  });

  it("403 user is deactivated is treated the same way", async () => {
    const userId = await world.user(902);
    await world.enqueueText(userId, 902, "Hi");
    world.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: user is deactivated" });
    await world.dispatcher().runOnce();
    expect((await notification(902))?.status).toBe("dead");
    expect((await world.models.User.findById(userId).lean())?.status).toBe("blocked");
  });

  it("400 chat not found: dead at once, the user is left alone", async () => {
    const userId = await world.user(903);
    await world.enqueueText(userId, 903, "Hi");
    world.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    const dispatcher = world.dispatcher();
    expect(await dispatcher.runOnce()).toMatchObject({ dead: 1, retried: 0 });
    expect(await notification(903)).toMatchObject({ status: "dead", attempts: 0, lastError: "400: Bad Request: chat not found" });
    expect((await world.models.User.findById(userId).lean())?.status).toBe("active");
    world.clock.advance(3_600_000);
    await dispatcher.runOnce();
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(1);
  });

  it("5xx: retried with backoff, then sent", async () => {
    const userId = await world.user(904);
    await world.enqueueText(userId, 904, "Hi");
    world.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
    const dispatcher = world.dispatcher();
    const failedAt = world.clock.now().getTime();

    expect(await dispatcher.runOnce()).toMatchObject({ retried: 1, sent: 0 });
    const waiting = await notification(904);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "502: Bad Gateway" });
    expect(waiting?.notBefore.getTime()).toBe(failedAt + 30_000);

    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    world.clock.advance(30_000);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    expect(await notification(904)).toMatchObject({ status: "sent", attempts: 1 });
    expect(world.telegram.messagesIn(904)).toHaveLength(1);
  });

  it("5xx and network errors until the fifth attempt: dead, with the last error kept", async () => {
    const userId = await world.user(905);
    await world.enqueueText(userId, 905, "Hi");
    let calls = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      calls++;
      if (calls % 2 === 0) throw new TypeError("fetch failed");
      return new Response(JSON.stringify({ ok: false, error_code: 500, description: "Internal Server Error" }), { headers: { "content-type": "application/json" } });
    };
    const dispatcher = world.dispatcher({ fetch });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const before = world.clock.now().getTime();
      await dispatcher.runOnce();
      const doc = await notification(905);
      expect(doc?.attempts).toBe(attempt);
      if (attempt < 5) {
        expect(doc?.status).toBe("pending");
        delays.push(doc!.notBefore.getTime() - before);
        world.clock.set(doc!.notBefore);
      }
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000]);
    const dead = await notification(905);
    expect(dead).toMatchObject({ status: "dead", attempts: 5, lastError: "500: Internal Server Error" });
    world.clock.advance(86_400_000);
    await dispatcher.runOnce();
    expect(calls).toBe(5);
  });

  it("keeps quiet hours in the school's zone: 23:00 in Almaty waits until 07:00, an urgent message goes now", async () => {
    world.clock.set(new Date("2026-09-14T18:00:00Z")); // 23:00 Almaty
    const userId = await world.user(1001);
    await world.enqueueText(userId, 1001, "Reminder");
    await world.enqueueText(userId, 1001, "Trial cancelled", { urgent: true });
    const dispatcher = world.dispatcher();

    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1, deferred: 1 });
    expect(world.telegram.messagesIn(1001).map((m) => m.text)).toEqual(["Trial cancelled"]);
    const waiting = await world.models.Notification.findOne({ urgent: false }).lean();
    expect(waiting).toMatchObject({ status: "pending", attempts: 0, notBefore: new Date("2026-09-15T02:00:00Z") });

    world.clock.set(new Date("2026-09-15T01:59:59Z"));
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    world.clock.set(new Date("2026-09-15T02:00:00Z"));
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    expect(world.telegram.messagesIn(1001).map((m) => m.text)).toEqual(["Trial cancelled", "Reminder"]);
  });

  it("reads quiet hours from a teacher's school, else the user's own zone, else the default", async () => {
    world.clock.set(new Date("2026-09-14T16:30:00Z")); // 21:30 Almaty, 22:30 Bishkek
    const bishkekSchool = await world.models.School.create({ name: "Bishkek School 5", timezone: "Asia/Bishkek" });
    const teacher = await world.models.User.create({ telegramId: 1101, locale: "ky", roles: ["teacher"], teacherSchoolId: bishkekSchool._id });
    const ownZone = await world.user(1102, { schoolId: null, timezone: "Asia/Bishkek" });
    const noZone = await world.user(1103, { schoolId: null });
    await world.enqueueText(teacher._id, 1101, "To the teacher");
    await world.enqueueText(ownZone, 1102, "To Bishkek");
    await world.enqueueText(noZone, 1103, "To the default zone");

    expect(await world.dispatcher().runOnce()).toMatchObject({ sent: 1, deferred: 2 });
    expect(world.telegram.messagesIn(1103)).toHaveLength(1);
    const deferred = await world.models.Notification.find({ status: "pending" }).lean();
    expect(deferred.map((d) => d.notBefore.toISOString())).toEqual(["2026-09-15T01:00:00.000Z", "2026-09-15T01:00:00.000Z"]);
  });

  it("renders a keyed message and its buttons in the language the recipient uses at send time", async () => {
    const userId = await world.user(1201, { locale: "ru" });
    await world.outbox.enqueue({
      dedupeKey: "keyed:1",
      userId,
      chatId: 1201,
      kind: "test",
      payload: {
        key: "admin-home-page",
        params: { page: 2, pages: 5 },
        buttons: [[{ key: "menu-home", callbackData: "menu:home" }], [{ text: "Bagdar", url: "https://example.kz/bagdar" }]],
      },
    });
    // The pupil switches to Kazakh after the message was planned.
    await world.models.User.updateOne({ _id: userId }, { $set: { locale: "kk" } });

    await world.dispatcher().runOnce();

    const [message] = world.telegram.messagesIn(1201);
    const expected = world.i18n.t("kk", "admin-home-page", { page: 2, pages: 5 });
    expect(expected).not.toBe(world.i18n.t("ru", "admin-home-page", { page: 2, pages: 5 }));
    expect(message?.text).toBe(expected);
    expect(message?.replyMarkup).toEqual({
      inline_keyboard: [[{ text: world.i18n.t("kk", "menu-home"), callback_data: "menu:home" }], [{ text: "Bagdar", url: "https://example.kz/bagdar" }]],
    });
  });

  it("sends a teacher's literal text with its parse mode untouched", async () => {
    const userId = await world.user(1202);
    await world.outbox.enqueue({ dedupeKey: "literal:1", userId, chatId: 1202, kind: "broadcast", payload: { text: "<b>Ертең</b> 9:00", parseMode: "HTML" } });
    await world.dispatcher().runOnce();
    expect(world.telegram.messagesIn(1202)[0]).toMatchObject({ text: "<b>Ертең</b> 9:00", parseMode: "HTML" });
  });

  it("never sends to a user who deleted their data (cancelled) or is known to have blocked the bot (dead)", async () => {
    const deleted = await world.user(1301, { status: "deleted" });
    const blocked = await world.user(1302, { status: "blocked" });
    await world.enqueueText(deleted, 1301, "Hi");
    await world.enqueueText(blocked, 1302, "Hi");
    expect(await world.dispatcher().runOnce()).toMatchObject({ cancelled: 1, blocked: 1, sent: 0 });
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    expect((await notification(1301))?.status).toBe("cancelled");
    expect((await notification(1302))?.status).toBe("dead");
  });

  it("counts a broadcast's deliveries as they finish and closes it when nothing is left", async () => {
    const teacher = await world.models.User.create({ telegramId: 1400, locale: "kk", roles: ["teacher"], teacherSchoolId: world.schoolId });
    const broadcast = await world.models.Broadcast.create({
      createdBy: teacher._id,
      schoolId: world.schoolId,
      audience: { roles: ["student"] },
      text: "Hello",
      schedule: { kind: "now" },
      status: "sending",
      stats: { total: 3 },
    });
    for (let i = 1; i <= 3; i++) {
      const userId = await world.user(1400 + i);
      await world.outbox.enqueue({ dedupeKey: `broadcast:${String(broadcast._id)}:${i}`, userId, chatId: 1400 + i, kind: "broadcast", payload: { text: "Hello" }, broadcastId: broadcast._id });
    }
    world.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    world.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });

    await world.dispatcher({ tuning: { concurrency: 1 } }).runOnce();

    const after = await world.models.Broadcast.findById(broadcast._id).lean();
    expect(after?.stats).toEqual({ total: 3, sent: 1, failed: 1, blocked: 1 });
    expect(after?.status).toBe("done");
  });

  it("leaves a recurring broadcast scheduled for its next run", async () => {
    const teacher = await world.models.User.create({ telegramId: 1500, locale: "kk", roles: ["teacher"], teacherSchoolId: world.schoolId });
    const broadcast = await world.models.Broadcast.create({
      createdBy: teacher._id,
      schoolId: world.schoolId,
      audience: { roles: ["student"] },
      text: "Weekly",
      schedule: { kind: "cron", cron: "0 9 * * 1" },
      status: "scheduled",
      nextRunAt: new Date("2026-09-21T04:00:00Z"),
    });
    const userId = await world.user(1501);
    await world.outbox.enqueue({ dedupeKey: "weekly:1", userId, chatId: 1501, kind: "broadcast", payload: { text: "Weekly" }, broadcastId: broadcast._id });
    await world.dispatcher().runOnce();
    const after = await world.models.Broadcast.findById(broadcast._id).lean();
    expect(after?.status).toBe("scheduled");
    expect(after?.stats?.sent).toBe(1);
  });

  it("crash between claim and send: the claim expires, another dispatcher sends it once", async () => {
    const userId = await world.user(1601);
    await world.enqueueText(userId, 1601, "Once");
    const crashed = world.dispatcher({ owner: "crashed" });
    const survivor = world.dispatcher({ owner: "survivor" });

    // The first instance claims and then "dies": no request, no release.
    expect(await crashed.claimDueNotifications()).toHaveLength(1);
    expect(await notification(1601)).toMatchObject({ status: "sending", lockOwner: "crashed" });

    // While the lock holds, nobody else touches it.
    expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
    world.clock.advance(crashed.tuning.lockMs - 1);
    expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });

    world.clock.advance(2);
    expect(await survivor.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(world.telegram.messagesIn(1601).map((m) => m.text)).toEqual(["Once"]);
    expect(await notification(1601)).toMatchObject({ status: "sent", attempts: 0 });
  });

  it("crash between send and record: Telegram got it, sentAt was never written, so it is sent again (at-least-once)", async () => {
    const userId = await world.user(1701);
    await world.enqueueText(userId, 1701, "Twice");
    // Telegram accepts the message, then the process dies before the answer is recorded.
    const dying: typeof globalThis.fetch = async (input, init) => {
      await world.telegram.fetch(input, init);
      return new Promise<Response>(() => undefined);
    };
    const crashed = world.dispatcher({ owner: "crashed", fetch: dying });
    void crashed.runOnce();
    await eventually(() => world.telegram.messagesIn(1701).length === 1);
    const limbo = await notification(1701);
    expect(limbo).toMatchObject({ status: "sending", lockOwner: "crashed" });
    expect(limbo?.sentAt).toBeUndefined();

    const survivor = world.dispatcher({ owner: "survivor" });
    expect(await survivor.runOnce()).toMatchObject({ claimed: 0 });
    world.clock.advance(crashed.tuning.lockMs + 1);
    expect(await survivor.runOnce()).toMatchObject({ sent: 1 });

    // The documented duplicate: no loss, but the person got it twice.
    expect(world.telegram.messagesIn(1701).map((m) => m.text)).toEqual(["Twice", "Twice"]);
    expect(await notification(1701)).toMatchObject({ status: "sent", telegramMessageId: world.telegram.messagesIn(1701)[1]!.messageId });
  });

  it("stop() lets the request in flight finish and be recorded, then hands the rest of its claim back", async () => {
    for (let i = 1; i <= 4; i++) await world.enqueueText(await world.user(1800 + i), 1800 + i, `Message ${i}`);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: typeof globalThis.fetch = async (input, init) => {
      calls++;
      await gate;
      return world.telegram.fetch(input, init);
    };
    const dispatcher = world.dispatcher({ owner: "stopping", fetch: slow, tuning: { concurrency: 1 } });
    dispatcher.start();
    await eventually(() => calls === 1);

    const stopped = dispatcher.stop();
    release();
    await stopped;

    expect(world.telegram.callsOf("sendMessage")).toHaveLength(1);
    const docs = await world.models.Notification.find({}).sort({ chatId: 1 }).lean();
    expect(docs.map((d) => d.status)).toEqual(["sent", "pending", "pending", "pending"]);
    expect(docs.every((d) => d.lockOwner === undefined)).toBe(true);
    // Handed back means anyone may send them now.
    expect(await world.dispatcher().runOnce()).toMatchObject({ sent: 3 });
  });

  it("a run asked to stop through its signal (lease lost, shutdown) also hands back what it holds", async () => {
    for (let i = 1; i <= 3; i++) await world.enqueueText(await world.user(1900 + i), 1900 + i, `Message ${i}`);
    const controller = new AbortController();
    let calls = 0;
    const aborting: typeof globalThis.fetch = async (input, init) => {
      calls++;
      controller.abort();
      return world.telegram.fetch(input, init);
    };
    const counts = await world.dispatcher({ fetch: aborting, tuning: { concurrency: 1 } }).runOnce({ signal: controller.signal });
    expect(calls).toBe(1);
    expect(counts).toMatchObject({ sent: 1, released: 2 });
    expect(await world.models.Notification.countDocuments({ status: "pending", lockOwner: { $exists: false } })).toBe(2);
  });
});

