import type { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestBot } from "../support/harness.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

/**
 * Telegram misbehaves: 429 storms, 5xx, timeouts. The dispatcher's clock is the world's manual
 * clock (its sleeps move it), so a storm of retry_after pauses costs no real time. Request
 * timeouts are real time (AbortSignal.timeout), kept short here.
 */

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const chatOf = (init?: RequestInit) => (JSON.parse(String(init?.body)) as { chat_id: number }).chat_id;
const methodOf = (input: Parameters<typeof globalThis.fetch>[0]) => {
  const url = String(input instanceof Request ? input.url : input);
  return url.slice(url.lastIndexOf("/") + 1);
};

describe("the dispatcher under Telegram faults", () => {
  let world: JobsWorld;
  beforeEach(async () => (world = await createJobsWorld()));
  afterEach(async () => world.close());

  const RECIPIENTS = 200;

  /** A broadcast to 200 pupils, enqueued as the fan-out does. */
  async function broadcastTo(count: number, base: number): Promise<{ broadcastId: Types.ObjectId; chats: number[] }> {
    const teacher = await world.models.User.create({ telegramId: base, locale: "kk", roles: ["teacher"], teacherSchoolId: world.schoolId });
    const broadcast = await world.models.Broadcast.create({
      createdBy: teacher._id,
      schoolId: world.schoolId,
      audience: { roles: ["student"] },
      text: "Trial day on Friday",
      schedule: { kind: "now" },
      status: "sending",
      stats: { total: count },
    });
    const users = await world.models.User.insertMany(
      Array.from({ length: count }, (_, i) => ({ telegramId: base + 1 + i, locale: "ru", roles: ["student"], schoolId: world.schoolId })),
    );
    for (const user of users) {
      await world.outbox.enqueue({
        dedupeKey: `broadcast:${String(broadcast._id)}:${String(user._id)}`,
        userId: user._id,
        chatId: user.telegramId,
        kind: "broadcast",
        payload: { text: "Trial day on Friday" },
        broadcastId: broadcast._id,
      });
    }
    return { broadcastId: broadcast._id, chats: users.map((u) => u.telegramId) };
  }

  /** Runs the dispatcher until nothing is pending, moving the clock past each retry's backoff. */
  async function runUntilSettled(dispatcher: ReturnType<JobsWorld["dispatcher"]>, maxRuns = 200) {
    for (let run = 0; run < maxRuns; run++) {
      await dispatcher.runOnce();
      const next = await world.models.Notification.findOne({ status: { $in: ["pending", "sending"] } }, { notBefore: 1 }).sort({ notBefore: 1 }).lean();
      if (!next) return run + 1;
      const wait = next.notBefore.getTime() - world.clock.now().getTime();
      if (wait > 0) world.clock.advance(wait + 1000);
    }
    const left = await world.models.Notification.find({ status: { $in: ["pending", "sending"] } }).lean();
    throw new Error(`the outbox did not settle: ${JSON.stringify(left.slice(0, 3))} now ${world.clock.now().toISOString()}`);
  }

  /** Deliveries per chat, as Telegram recorded them. */
  const delivered = (chats: number[]) => chats.map((chat) => world.telegram.messagesIn(chat).length);

  it("a storm of 429s over a 200-recipient broadcast, then recovery: everyone gets exactly one message", async () => {
    const { broadcastId, chats } = await broadcastTo(RECIPIENTS, 40_000);
    const next = random(11);
    let storm = 60;
    let answered429 = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      // After the first 20 sends, most requests are refused until 60 refusals were given.
      const sends = world.telegram.callsOf("sendMessage").length;
      if (methodOf(input) === "sendMessage" && sends >= 20 && storm > 0 && next() < 0.8) {
        storm--;
        answered429++;
        const retryAfter = 1 + Math.floor(next() * 5);
        return json({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
      }
      return world.telegram.fetch(input, init);
    };
    const dispatcher = world.dispatcher({ fetch });

    await runUntilSettled(dispatcher);

    expect(answered429).toBe(60);
    expect(delivered(chats)).toEqual(chats.map(() => 1));
    const docs = await world.models.Notification.find({ broadcastId }).lean();
    // A 429 is not the message's fault: no attempt counted, nothing dead.
    expect(docs.every((d) => d.status === "sent" && (d.attempts ?? 0) === 0)).toBe(true);
    const after = await world.models.Broadcast.findById(broadcastId).lean();
    expect(after?.stats).toMatchObject({ total: RECIPIENTS, sent: RECIPIENTS });
    expect(after?.status).toBe("done");
  });

  it("5xx on some sends (once, twice, thrice): retried with backoff, each delivered exactly once", async () => {
    const { broadcastId, chats } = await broadcastTo(RECIPIENTS, 41_000);
    const next = random(23);
    // A fifth of the chats fail 1–3 times before Telegram accepts; the rest go through at once.
    const failuresLeft = new Map(chats.filter(() => next() < 0.2).map((chat) => [chat, 1 + Math.floor(next() * 3)]));
    const flaky = [...failuresLeft.keys()];
    let answered5xx = 0;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const chat = methodOf(input) === "sendMessage" ? chatOf(init) : undefined;
      const left = chat === undefined ? 0 : (failuresLeft.get(chat) ?? 0);
      if (chat !== undefined && left > 0) {
        failuresLeft.set(chat, left - 1);
        answered5xx++;
        const code = [500, 502, 503][answered5xx % 3]!;
        return new Response(JSON.stringify({ ok: false, error_code: code, description: "Internal Server Error" }), { status: code });
      }
      return world.telegram.fetch(input, init);
    };

    const runs = await runUntilSettled(world.dispatcher({ fetch }));

    expect(flaky.length).toBeGreaterThan(20);
    expect(answered5xx).toBeGreaterThan(flaky.length);
    expect(runs).toBeGreaterThan(1); // the retries waited for their backoff
    expect(delivered(chats)).toEqual(chats.map(() => 1));
    const docs = await world.models.Notification.find({ broadcastId }).lean();
    expect(docs.every((d) => d.status === "sent")).toBe(true);
    expect(docs.filter((d) => (d.attempts ?? 0) > 0)).toHaveLength(flaky.length);
    expect((await world.models.Broadcast.findById(broadcastId).lean())?.stats).toMatchObject({ sent: RECIPIENTS, failed: 0 });
  });

  it("timeouts: a request that hangs past the client's limit is retried; if Telegram had in fact delivered it, the pupil gets it twice (at-least-once, DESIGN §7)", async () => {
    const { chats } = await broadcastTo(40, 42_000);
    // The first request to these chats hangs until the client gives up: for `lost` Telegram never
    // saw it; for `answerLost` it delivered the message and only its answer was lost.
    const lost = new Set(chats.slice(0, 5));
    const answerLost = new Set(chats.slice(5, 8));
    const hung = new Set<number>();
    const hang = (init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        const signal = init?.signal;
        if (!signal) return reject(new Error("no abort signal: the request would hang forever"));
        signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
      });
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const chat = methodOf(input) === "sendMessage" ? chatOf(init) : undefined;
      if (chat !== undefined && (lost.has(chat) || answerLost.has(chat)) && !hung.has(chat)) {
        hung.add(chat);
        if (answerLost.has(chat)) await world.telegram.fetch(input, init);
        return hang(init);
      }
      return world.telegram.fetch(input, init);
    };
    const dispatcher = world.dispatcher({ fetch, tuning: { sendTimeoutMs: 400 } });

    await runUntilSettled(dispatcher);

    expect(hung.size).toBe(8);
    const counts = new Map(chats.map((chat) => [chat, world.telegram.messagesIn(chat).length]));
    // Nobody is missed; only an accepted-but-unanswered request is doubled.
    for (const chat of chats) expect(counts.get(chat)).toBe(answerLost.has(chat) ? 2 : 1);
    const docs = await world.models.Notification.find({ chatId: { $in: [...lost, ...answerLost] } }).lean();
    expect(docs.map((d) => [d.status, d.attempts])).toEqual(docs.map(() => ["sent", 1]));
  });

  it("a crash between recording a send and counting it: the broadcast still closes with true figures", async () => {
    const { broadcastId, chats } = await broadcastTo(6, 43_000);
    // A killed instance had delivered and recorded two, and died before bumping the counters.
    await world.models.Notification.updateMany({ chatId: { $in: chats.slice(0, 2) } }, { $set: { status: "sent", sentAt: world.clock.now() } });
    world.telegram.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    world.telegram.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });

    await world.dispatcher({ tuning: { concurrency: 1 } }).runOnce();

    const after = await world.models.Broadcast.findById(broadcastId).lean();
    expect(after?.status).toBe("done");
    expect(after?.stats).toEqual({ total: 6, sent: 4, blocked: 1, failed: 1 });
  });
});

describe("a bot reply (not the outbox) hitting Telegram's limits", () => {
  it("429 with a short retry_after: auto-retry waits and the reply arrives once", async () => {
    const t = await createTestBot();
    try {
      const user = t.user({ languageCode: "en" });
      t.telegram.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
      const started = Date.now();
      await user.command("start");
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(t.telegram.callsOf("sendMessage").length).toBe(2);
      expect(user.messages).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it("a network error (no answer at all): tried again at once, the reply arrives once", async () => {
    const t = await createTestBot();
    try {
      const user = t.user({ languageCode: "en" });
      t.telegram.failNetwork("sendMessage");
      await user.command("start");
      expect(t.telegram.callsOf("sendMessage").length).toBe(2);
      expect(user.messages).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it("the network stays down: after three tries the update gives up within seconds, and the chat is served again once it is back", async () => {
    const t = await createTestBot();
    try {
      const user = t.user({ languageCode: "en" });
      t.telegram.failNetwork("sendMessage", 4); // the reply (three tries) and the error boundary's one apology
      const started = Date.now();
      await user.command("start");
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(t.telegram.callsOf("sendMessage").length).toBe(4);
      expect(user.messages).toHaveLength(0);
      await user.command("start");
      expect(user.messages).toHaveLength(1);
    } finally {
      await t.close();
    }
  }, 20_000);

  it("5xx: retried after a backoff, the reply arrives once", async () => {
    const t = await createTestBot();
    try {
      const user = t.user({ languageCode: "en" });
      t.telegram.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" });
      await user.command("start");
      expect(t.telegram.callsOf("sendMessage").length).toBe(2);
      expect(user.messages).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
