/**
 * `npm run bench:broadcast`: a district-sized broadcast through the real outbox, fan-out and
 * dispatcher, against a fake Bot API that enforces Telegram's limits and answers 429 when they
 * are exceeded. Halfway through, the dispatcher is killed and a new instance takes over.
 *
 * What is real: the MongoDB-compatible store (dev/memory-mongo, over the wire protocol), the
 * models, fanOutBroadcast, the dispatcher with its token bucket, per-chat limiter, claims and
 * locks, and grammY's Api (through an in-process `fetch`).
 *
 * What is simulated, and how:
 * - Time runs BENCH_CLOCK_SCALE times faster (default 2) for everyone: the dispatcher's clock
 *   and sleeps, the locks, and the fake API's limits all read one scaled clock. Every figure
 *   below (rates, seconds) is in that scaled time, so "30 per second" means 30 per scaled second.
 * - The fake Bot API: each sendMessage takes 30–120 ms (scaled) to answer. Global limit 30/s as
 *   a GCRA (the usual "N per second" meter) with a tolerance of 5 messages; per chat, one
 *   message per 1000 ms with 100 ms of tolerance. Over either limit → 429 with retry_after.
 * - The kill: the first dispatcher freezes at its N-th request (N = half the messages); that
 *   request and every later one never leave the process, and the instance never runs again —
 *   as if the process died right after claiming, before sending. Its claimed batch stays
 *   locked; a new dispatcher instance starts after a 2 s "restart" and re-claims that batch
 *   once its locks expire. (A death between Telegram's answer and the database write would
 *   re-send that one message: see the comment at the top of src/jobs/dispatcher.ts.)
 *
 * - Everything runs in one Node process, so a stall of that process (GC, or other programs
 *   taking the CPU) is magnified by the scale and costs throughput; BENCH_CLOCK_SCALE=1 gives
 *   the least distortion (about six minutes for 10,000 recipients).
 *
 * The last line printed is one JSON object:
 * recipients, limitPerSec, achievedPerSec, ratio, rateLimited429, duplicates, lost, restarts.
 */
import { performance } from "node:perf_hooks";
import { Api } from "grammy";
import mongoose from "mongoose";
import { startMemoryMongo } from "../dev/memory-mongo/index.js";
import type { Clock } from "../src/clock.js";
import { createI18n } from "../src/bot/i18n.js";
import { createConfig } from "../src/config.js";
import { createModels, ensureIndexes } from "../src/db/models/index.js";
import { createDispatcher, type Dispatcher } from "../src/jobs/dispatcher.js";
import { silentLogger } from "../src/logger.js";
import { fanOutBroadcast } from "../src/services/broadcasts.js";
import { createOutbox } from "../src/services/outbox.js";

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
/** Chats that also get two more messages each, so the per-chat limit is exercised. */
const REPEAT_CHATS = Math.min(RECIPIENTS, Number(process.env.BENCH_REPEAT_CHATS ?? 100));
const SCALE = Number(process.env.BENCH_CLOCK_SCALE ?? 2);
const LIMIT_PER_SEC = 30;
const PER_CHAT_MS = 1000;
const GLOBAL_TOLERANCE_MESSAGES = 5;
const PER_CHAT_TOLERANCE_MS = 100;
const RESTART_DELAY_MS = 2000;

const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "production", QUIET_HOURS: "22-07", BROADCAST_RATE_PER_SEC: process.env.BROADCAST_RATE_PER_SEC ?? "30" });

const out = (line: string) => process.stdout.write(`${line}\n`);

/** One clock for everybody, running SCALE times faster than the wall clock; starts at 10:00 in Almaty. */
class ScaledClock implements Clock {
  readonly #start = new Date("2026-09-14T05:00:00Z").getTime();
  readonly #origin = performance.now();
  now(): Date {
    return new Date(this.#start + Math.floor((performance.now() - this.#origin) * SCALE));
  }
}
const clock = new ScaledClock();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms / SCALE));

/** Telegram's side: enforces the limits, remembers every delivery. */
class FakeBotApi {
  readonly deliveries = new Map<string, number>();
  deliveredAt: number[] = [];
  rateLimited = 0;
  requests = 0;
  #nextMessageId = 1;
  /** GCRA theoretical arrival time of the global meter. */
  #tat = 0;
  readonly #lastInChat = new Map<number, number>();

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf("/") + 1);
    if (method !== "sendMessage") return json({ ok: true, result: true });
    this.requests++;
    const body = JSON.parse(String(init?.body)) as { chat_id: number; text: string };
    const now = clock.now().getTime();
    const interval = 1000 / LIMIT_PER_SEC;
    const tat = Math.max(this.#tat, now);
    // Global: GCRA with a burst tolerance of a few messages.
    if (tat - now > GLOBAL_TOLERANCE_MESSAGES * interval) {
      if (process.env.BENCH_DEBUG) out(`429 global at ${now} tat ${tat}`);
      return this.#tooMany(tat - now - GLOBAL_TOLERANCE_MESSAGES * interval);
    }
    // Per chat: one a second, with a little tolerance.
    const last = this.#lastInChat.get(body.chat_id);
    if (last !== undefined && now - last < PER_CHAT_MS - PER_CHAT_TOLERANCE_MS) {
      if (process.env.BENCH_DEBUG) out(`429 chat ${body.chat_id} at ${now} last ${last}`);
      return this.#tooMany(last + PER_CHAT_MS - now);
    }
    this.#tat = tat + interval;
    this.#lastInChat.set(body.chat_id, now);
    const key = `${body.chat_id}|${body.text}`;
    this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
    this.deliveredAt.push(now);
    await sleep(30 + Math.random() * 90);
    return json({ ok: true, result: { message_id: this.#nextMessageId++, date: Math.floor(now / 1000), chat: { id: body.chat_id, type: "private" }, text: body.text } });
  };

  #tooMany(waitMs: number): Response {
    this.rateLimited++;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    return json({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
  }
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
}

async function main(): Promise<void> {
  const mongo = await startMemoryMongo({ port: 0 });
  const connection = await mongoose.createConnection(`${mongo.uri}bagdar_bench`, { autoIndex: false }).asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  const outbox = createOutbox({ models, clock });
  const i18n = createI18n(config.defaultLocale);
  const telegram = new FakeBotApi();

  out(`bench:broadcast — ${RECIPIENTS} recipients (+2 more messages to ${REPEAT_CHATS} of them), BROADCAST_RATE_PER_SEC=${config.broadcastRatePerSec}`);
  out(`fake Bot API: ${LIMIT_PER_SEC}/s global (GCRA, tolerance ${GLOBAL_TOLERANCE_MESSAGES} messages), 1 per ${PER_CHAT_MS} ms per chat (tolerance ${PER_CHAT_TOLERANCE_MS} ms), 429 + retry_after when exceeded`);
  out(`clock: ${SCALE}× faster than real time; all figures are in scaled seconds`);

  // The school, a teacher, the pupils.
  const school = await models.School.create({ name: "Bench School", region: "Almaty", timezone: "Asia/Almaty" });
  const teacher = await models.User.create({ telegramId: 1, locale: "kk", roles: ["teacher"], teacherSchoolId: school._id });
  const locales = ["kk", "ru", "ky", "en"] as const;
  const pupils = Array.from({ length: RECIPIENTS }, (_, i) => ({
    telegramId: 1_000_000 + i,
    locale: locales[i % locales.length]!,
    roles: ["student"],
    schoolId: school._id,
    grade: 5 + (i % 7),
    classLetter: "А",
    status: "active",
  }));
  for (let i = 0; i < pupils.length; i += 2000) await models.User.insertMany(pupils.slice(i, i + 2000), { lean: true });
  const repeated = await models.User.find({ telegramId: { $gte: 1_000_000, $lt: 1_000_000 + REPEAT_CHATS } }, { telegramId: 1 }).lean();

  // Two personal messages to some pupils first, then the broadcast fan-out (the real one).
  const expected = new Set<string>();
  for (const user of repeated) {
    for (const n of [1, 2]) {
      const text = `Reminder ${n} for ${user.telegramId}`;
      await outbox.enqueue({ dedupeKey: `bench:${user.telegramId}:${n}`, userId: user._id, chatId: user.telegramId, kind: "bench", payload: { text } });
      expected.add(`${user.telegramId}|${text}`);
    }
  }
  const text = "Ертең 10:00-де кәсіби сынама: колледжге бірге барамыз.";
  const broadcast = await models.Broadcast.create({
    createdBy: teacher._id,
    schoolId: school._id,
    audience: { roles: ["student"] },
    text,
    schedule: { kind: "now" },
    status: "scheduled",
    nextRunAt: clock.now(),
  });
  const fanOutStarted = performance.now();
  const fanOut = await fanOutBroadcast({ models, clock, outbox }, broadcast._id, clock.now());
  for (const pupil of pupils) expected.add(`${pupil.telegramId}|${text}`);
  const messages = expected.size;
  out(`enqueued ${messages} messages (fan-out ${Math.round(performance.now() - fanOutStarted)} ms real, ${JSON.stringify({ status: fanOut.status })})`);

  // The first dispatcher, which will die at its N-th request.
  const killAt = Math.floor(messages / 2);
  let killed: () => void = () => undefined;
  const death = new Promise<void>((resolve) => (killed = resolve));
  let requestsOfFirst = 0;
  const mortalFetch: typeof globalThis.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith("/sendMessage") && ++requestsOfFirst >= killAt) {
      killed();
      return new Promise<Response>(() => undefined); // never leaves, never answers
    }
    return telegram.fetch(input, init);
  };
  const dispatcherFor = (owner: string, fetch: typeof globalThis.fetch): Dispatcher =>
    createDispatcher({
      models,
      // A long client timeout, so grammY itself never wakes the "dead" instance up.
      api: new Api("123456:BENCH-TOKEN-NOT-REAL", { fetch, timeoutSeconds: 3600 }),
      i18n,
      clock,
      config,
      logger: silentLogger(),
      owner,
      rateClock: clock,
      sleep,
      tuning: { sendTimeoutMs: 15_000 / SCALE },
    });

  const started = performance.now();
  const first = dispatcherFor("bench-first", mortalFetch);
  first.start();
  const progress = setInterval(() => out(`… delivered ${telegram.deliveries.size}/${messages}, 429s ${telegram.rateLimited}`), 15_000);

  await death;
  const deliveredAtKill = telegram.deliveries.size;
  const lockedAtKill = await models.Notification.countDocuments({ status: "sending", lockOwner: "bench-first" });
  const beforeKillSec = (telegram.deliveredAt.at(-1)! - telegram.deliveredAt[0]!) / 1000;
  out(
    `killed the first dispatcher after ${deliveredAtKill} deliveries in ${beforeKillSec.toFixed(1)} s ` +
      `(${((deliveredAtKill - 1) / beforeKillSec).toFixed(2)}/s); it left ${lockedAtKill} notifications locked`,
  );
  await sleep(RESTART_DELAY_MS);
  const second = dispatcherFor("bench-second", telegram.fetch);
  second.start();
  out("restarted: a new dispatcher instance is running");

  // Done when every notification is final (and nothing is left for anyone to send).
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Cheap on purpose (stops at the first open one): the bench shares the process with the store.
    const open = await models.Notification.exists({ status: { $in: ["pending", "sending"] } });
    if (!open) break;
    if (performance.now() - started > 15 * 60_000) {
      out(`giving up: ${await models.Notification.countDocuments({ status: { $in: ["pending", "sending"] } })} notifications still open`);
      break;
    }
  }
  clearInterval(progress);
  await second.stop();

  let duplicates = 0;
  for (const count of telegram.deliveries.values()) duplicates += Math.max(0, count - 1);
  let lost = 0;
  for (const key of expected) if (!telegram.deliveries.has(key)) lost++;
  const times = telegram.deliveredAt;
  const spanSec = (times.at(-1)! - times[0]!) / 1000;
  const achievedPerSec = (times.length - 1) / spanSec;
  const after = await models.Broadcast.findById(broadcast._id).lean();
  const statuses = await models.Notification.aggregate<{ _id: string; n: number }>([{ $group: { _id: "$status", n: { $sum: 1 } } }]);
  out(
    `sent ${times.length} messages in ${spanSec.toFixed(1)} s (scaled; ${((performance.now() - started) / 1000).toFixed(1)} s real); ` +
      `notifications by status ${JSON.stringify(Object.fromEntries(statuses.map((s) => [s._id, s.n])))}; ` +
      `broadcast ${after?.status} ${JSON.stringify(after?.stats)}`,
  );

  await connection.close();
  await mongo.stop();
  out(
    JSON.stringify({
      recipients: RECIPIENTS,
      limitPerSec: LIMIT_PER_SEC,
      achievedPerSec: Number(achievedPerSec.toFixed(2)),
      ratio: Number((achievedPerSec / LIMIT_PER_SEC).toFixed(3)),
      rateLimited429: telegram.rateLimited,
      duplicates,
      lost,
      restarts: 1,
      messages,
      clockScale: SCALE,
    }),
  );
  // The killed instance still holds a never-settling request; nothing else is running.
  process.exit(0);
}

await main();
