/**
 * `npm run bench:updates`: many simulated pupils go through onboarding and a full interest
 * questionnaire (30 items) at the same time, through the real bot: createBot with every
 * middleware, sessions and conversations stored in the in-process MongoDB-compatible store
 * (dev/memory-mongo, over the wire protocol), services, models, the chart rendered for each
 * result. Telegram is the tests' fake Bot API behind `client.fetch`.
 *
 * Each pupil acts like a person: the next tap or message goes out only after the bot has
 * answered the previous one. A fixed number of pupils are in the chat at once, each at their own
 * step, and a new pupil arrives when one finishes, so updates of different chats at different
 * steps of their dialogs interleave as they do in production. Every update's latency is
 * `bot.handleUpdate` from start to end, including the queueing behind other chats' updates and
 * behind the database, which runs in this same process.
 *
 * The baseline is a bare grammY bot that answers every update with one sendMessage, fed the
 * same updates with the same pattern in the same run, against the same fake Bot API.
 *
 * BENCH_PUPILS (default 100) sets the number of pupils, BENCH_CONCURRENCY (default 10) how many
 * are in the chat at once, BENCH_SEED the answers' random seed. Per-item figures count only the
 * pupils who came and left while the load was full (not the first and last BENCH_CONCURRENCY).
 * The last line printed is one JSON object:
 *   updatesPerSec, p50Ms, p99Ms, baselineUpdatesPerSec, ratio (updatesPerSec / baseline),
 *   lastItemVsFirstItem (median latency of answering the last item over that of the first),
 * followed by details: pupils, updates, firstItemP50Ms, lastItemP50Ms, resultCardP50Ms (from the
 * last tap until the chart and the result text are in the chat: the card is drawn and sent
 * right after the last answer's update, as background work of the bot),
 * conversationBytesAfterItem (the size of the stored conversation state of pupil 0 after
 * answering items 1, 15 and 29: flat, except that the last item also carries the 29 earlier
 * answers so that the last answer completes the run in one write), results (completed results).
 */
import { performance } from "node:perf_hooks";
import { Bot } from "grammy";
import type { InlineKeyboardButton, Message, Update } from "grammy/types";
import mongoose from "mongoose";
import { startMemoryMongo } from "../dev/memory-mongo/index.js";
import { createBot } from "../src/bot/index.js";
import { LANGUAGE_NAMES } from "../src/bot/keyboards/language.js";
import { systemClock } from "../src/clock.js";
import { createConfig } from "../src/config.js";
import { riasec } from "../src/content/instruments/riasec.js";
import { createModels, ensureIndexes } from "../src/db/models/index.js";
import type { Locale } from "../src/db/models/user.js";
import { instrumentKeys } from "../src/domain/questionnaire.js";
import { silentLogger } from "../src/logger.js";
import { createServices } from "../src/services/index.js";
import { FakeTelegram, TEST_BOT_INFO } from "../tests/support/fake-telegram.js";
import { mulberry32 } from "../dev/seeded-random.js";

const PUPILS = Number(process.env.BENCH_PUPILS ?? 100);
const SEED = Number(process.env.BENCH_SEED ?? 7);
/** Pupils in the chat at any moment; a new one arrives when one finishes, so the load stays steady. */
const CONCURRENCY = Math.max(1, Math.min(Number(process.env.BENCH_CONCURRENCY ?? 10), PUPILS));
const TOKEN = "4242:BENCH-TOKEN";
const SCHOOL = "№12 мектеп-гимназия";

const out = (line: string) => process.stdout.write(`${line}\n`);


function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

type Handle = (update: Omit<Update, "update_id">, tag: string) => Promise<void>;

/** One pupil in a private chat; knows only what the chat shows. */
class Pupil {
  #messageId = 1;
  #callback = 1;
  /** Every update this pupil sent, for the baseline to replay. */
  readonly sent: Array<Omit<Update, "update_id">> = [];

  constructor(
    readonly id: number,
    readonly locale: Locale,
    private readonly telegram: FakeTelegram,
    private readonly handle: Handle,
  ) {}

  async send(text: string, tag: string): Promise<void> {
    const command = /^\/\w+/.exec(text);
    const message = {
      message_id: this.#messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: this.id, type: "private", first_name: "Pupil" },
      from: { id: this.id, is_bot: false, first_name: "Pupil" },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    } as Message.TextMessage as Update["message"];
    await this.#deliver({ message }, tag);
  }

  /** Taps the newest button whose label passes `match`. */
  async tap(match: (label: string) => boolean, tag: string): Promise<void> {
    for (const message of [...this.telegram.messagesIn(this.id)].reverse()) {
      const markup = message.replyMarkup;
      const buttons = markup && "inline_keyboard" in markup ? (markup.inline_keyboard.flat() as InlineKeyboardButton[]) : [];
      const button = buttons.find((b) => match(b.text));
      if (button && "callback_data" in button) {
        const callback_query = {
          id: `cb-${this.id}-${this.#callback++}`,
          from: { id: this.id, is_bot: false, first_name: "Pupil" },
          chat_instance: `ci-${this.id}`,
          data: button.callback_data,
          message: { message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat: { id: this.id, type: "private", first_name: "Pupil" }, text: message.text },
        };
        return this.#deliver({ callback_query } as Omit<Update, "update_id">, tag);
      }
    }
    throw new Error(`pupil ${this.id}: no matching button; last message: ${this.telegram.messagesIn(this.id).at(-1)?.text}`);
  }

  async #deliver(update: Omit<Update, "update_id">, tag: string): Promise<void> {
    this.sent.push(update);
    await this.handle(update, tag);
  }
}

async function main(): Promise<void> {
  const mongo = await startMemoryMongo({ port: 0 });
  const connection = await mongoose.createConnection(mongo.uri, { dbName: "bench_updates", autoIndex: false }).asPromise();
  // Simulated pupils tap faster than people do; the per-user rate limit is not what this measures.
  const config = createConfig({ LOG_LEVEL: "silent", NODE_ENV: "production", USER_RATE_PER_SEC: "1000", USER_RATE_BURST: "1000" });
  const logger = silentLogger();
  const models = createModels(connection);
  await ensureIndexes(models);
  const services = createServices({ models, clock: systemClock, config, logger });
  const telegram = new FakeTelegram();
  const bot = createBot(TOKEN, { config, logger, clock: systemClock, connection, models, services }, { botInfo: TEST_BOT_INFO, client: { fetch: telegram.fetch } });
  await models.School.create({ name: SCHOOL, region: "Алматы", timezone: "Asia/Almaty" });
  const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => bot.i18n.t(locale, key, vars);

  let updateId = 1;
  const latencies: number[] = [];
  const byTag = new Map<string, number[]>();
  const handle: Handle = async (update, tag) => {
    const started = performance.now();
    await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    const elapsed = performance.now() - started;
    latencies.push(elapsed);
    const list = byTag.get(tag) ?? [];
    list.push(elapsed);
    byTag.set(tag, list);
  };

  const next = mulberry32(SEED);
  const pupils = Array.from({ length: PUPILS }, (_, i) => new Pupil(700_000 + i, i % 2 === 0 ? "kk" : "ru", telegram, handle));
  const conversationBytes: Record<string, number> = {};
  const resultCards: number[] = [];
  const conversationSize = async (pupil: Pupil) => {
    const doc = await connection.collection<{ _id: string; value: string }>("conversations").findOne({ _id: String(pupil.id) });
    return doc?.value.length ?? 0;
  };

  const keys = instrumentKeys(riasec);
  const script = async (pupil: Pupil, index: number) => {
    const L = pupil.locale;
    const is = (text: string) => (label: string) => label === text || label === `✓ ${text}`;
    // Pupils who arrive while others are still arriving, or leave while the room empties, see lighter load.
    const steady = PUPILS <= 2 * CONCURRENCY || (index >= CONCURRENCY && index < PUPILS - CONCURRENCY);
    await pupil.send("/start", "onboarding");
    await pupil.tap(is(LANGUAGE_NAMES[L]), "onboarding");
    await pupil.tap(is(t(L, "onboarding-role-student")), "onboarding");
    await pupil.send("Әлия", "onboarding");
    await pupil.send("Серікова", "onboarding");
    await pupil.tap(is(SCHOOL), "onboarding");
    await pupil.tap(is("9"), "onboarding");
    await pupil.send("А", "onboarding");
    await pupil.tap(is(t(L, "onboarding-confirm-yes")), "onboarding");
    await pupil.tap(is(t(L, "menu-questionnaire")), "pick");
    await pupil.tap((label) => label.startsWith(`${riasec.icon} ${t(L, keys.title)}`), "pick");
    for (let item = 1; item <= riasec.items.length; item++) {
      const answer = riasec.answers[Math.floor(next() * riasec.answers.length)]!;
      const tapped = performance.now();
      await pupil.tap(is(t(L, answer.key)), steady ? `item:${item}` : `edge:${item}`);
      if (index === 0 && (item === 1 || item === 15 || item === 29)) conversationBytes[item] = await conversationSize(pupil);
      if (item === riasec.items.length) {
        // The result card (chart, then the closest types) follows the last answer's update.
        // Waits for this pupil's card only: waiting for everyone's would make pupils finish in step.
        while (!telegram.messagesIn(pupil.id).some((m) => m.kind === "photo") || telegram.messagesIn(pupil.id).at(-1)?.kind === "photo") {
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        if (steady) resultCards.push(performance.now() - tapped);
      }
    }
  };

  out(`bench:updates — ${PUPILS} pupils, ${CONCURRENCY} at a time, onboarding + ${riasec.items.length}-item questionnaire each`);
  const started = performance.now();
  let arrived = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (arrived < PUPILS) {
        const index = arrived++;
        await script(pupils[index]!, index);
      }
    }),
  );
  await bot.background.settled();
  const seconds = (performance.now() - started) / 1000;
  const results = await models.QuestionnaireResult.countDocuments({ completedAt: { $exists: true } });
  if (results !== PUPILS) throw new Error(`expected ${PUPILS} completed results, found ${results}`);
  const photos = telegram.callsOf("sendPhoto").length;
  if (photos !== PUPILS) throw new Error(`expected ${PUPILS} charts sent, found ${photos}`);
  const updatesPerSec = latencies.length / seconds;
  out(`bot: ${latencies.length} updates in ${seconds.toFixed(2)} s`);

  // The same updates, the same pattern, answered by a bare bot with one sendMessage each.
  const bareTelegram = new FakeTelegram();
  const bare = new Bot(TOKEN, { botInfo: TEST_BOT_INFO, client: { fetch: bareTelegram.fetch } });
  bare.on(["message", "callback_query"], (ctx) => ctx.api.sendMessage(ctx.chatId!, "ok"));
  let bareId = 1;
  let bareCount = 0;
  let bareRounds = 0;
  const bareStarted = performance.now();
  // A bare bot is fast: repeat the same updates until the measurement is long enough to be steady.
  while (bareRounds < 3 || (performance.now() - bareStarted < 2000 && bareRounds < 50)) {
    let queued = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (queued < PUPILS) {
          for (const update of pupils[queued++]!.sent) {
            await bare.handleUpdate({ update_id: bareId++, ...update } as Update);
            bareCount++;
          }
        }
      }),
    );
    bareRounds++;
  }
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  const baselineUpdatesPerSec = bareCount / bareSeconds;
  out(`baseline: ${bareCount} updates (${bareRounds} rounds) in ${bareSeconds.toFixed(2)} s`);

  const first = percentile(byTag.get("item:1") ?? [], 50);
  const last = percentile(byTag.get(`item:${riasec.items.length}`) ?? [], 50);
  const middle = Array.from({ length: riasec.items.length }, (_, i) => percentile(byTag.get(`item:${i + 1}`) ?? [], 50));
  out(`median latency per item (ms): ${middle.map((v) => v.toFixed(1)).join(" ")}`);
  out(`median onboarding update ${percentile(byTag.get("onboarding") ?? [], 50).toFixed(1)} ms, picker ${percentile(byTag.get("pick") ?? [], 50).toFixed(1)} ms`);

  await bot.stop().catch(() => undefined);
  await connection.close();
  await mongo.stop();

  out(
    JSON.stringify({
      updatesPerSec: round(updatesPerSec, 1),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      baselineUpdatesPerSec: round(baselineUpdatesPerSec, 1),
      ratio: round(updatesPerSec / baselineUpdatesPerSec, 4),
      lastItemVsFirstItem: round(last / first, 3),
      pupils: PUPILS,
      concurrency: CONCURRENCY,
      updates: latencies.length,
      firstItemP50Ms: round(first),
      lastItemP50Ms: round(last),
      resultCardP50Ms: round(percentile(resultCards, 50)),
      conversationBytesAfterItem: conversationBytes,
      results,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
