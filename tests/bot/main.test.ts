import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startBagdar, type RunningBagdar } from "../../src/main.js";
import { startMemoryMongo } from "../../dev/memory-mongo/index.js";
import { BotApiServer } from "../support/bot-api-server.js";
import { testMongoUri } from "../support/database.js";
import { freePort } from "../support/free-port.js";

const START: Omit<Update, "update_id"> = { message: { message_id: 1, date: 0, chat: { id: 777, type: "private", first_name: "Aru" }, from: { id: 777, is_bot: false, first_name: "Aru", language_code: "ru" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } };

describe("the composition root", () => {
  let api: BotApiServer | undefined;
  let app: RunningBagdar | undefined;

  afterEach(async () => {
    await app?.stop();
    await api?.stop();
    app = api = undefined;
  });

  it("answers /start over long polling, using the embedded store when MONGODB_URI is unset", async () => {
    api = new BotApiServer();
    const root = await api.start();
    const port = await freePort();
    let embeddedStarted = false;
    app = await startBagdar({
      env: { BOT_TOKEN: "123:any-token-at-all", TELEGRAM_API_ROOT: root, PORT: String(port), LOG_LEVEL: "silent" },
      dataDir: `/tmp/bagdar-main-test-${port}`,
      embeddedStore: async ({ dataDir }) => {
        embeddedStarted = true;
        const store = await startMemoryMongo({ port: 0, dataDir });
        return { uri: `${store.uri}bagdar`, stop: () => store.stop() };
      },
    });
    expect(embeddedStarted).toBe(true);
    api.push(START);
    const reply = await api.waitFor("sendMessage", (p) => p.chat_id === 777);
    expect(String(reply.payload.text)).toMatch(/^Здравствуйте! Я Багдар/);

    const commands = api.calls.filter((c) => c.method === "setMyCommands");
    expect(commands.map((c) => (c.payload.language_code as string | undefined) ?? "default")).toEqual(["default", "kk", "ru", "ky", "en"]);
    expect(api.calls.some((c) => c.method === "deleteWebhook")).toBe(true);

    const health = await fetch(`http://127.0.0.1:${app.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it("serves the webhook only with the right secret header", async () => {
    api = new BotApiServer();
    const root = await api.start();
    const port = await freePort();
    const secret = "a-very-secret-token-123";
    app = await startBagdar({
      env: {
        BOT_TOKEN: "123:any-token-at-all",
        TELEGRAM_API_ROOT: root,
        PORT: String(port),
        LOG_LEVEL: "silent",
        MONGODB_URI: `${testMongoUri().replace(/\/?$/, "/")}bagdar_webhook_${port}`,
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://bagdar.example.kz/telegram/hook-path-42",
        WEBHOOK_SECRET: secret,
      },
    });
    const setWebhook = await api.waitFor("setWebhook");
    expect(setWebhook.payload).toMatchObject({ url: "https://bagdar.example.kz/telegram/hook-path-42", secret_token: secret });

    const url = `http://127.0.0.1:${app.port}/telegram/hook-path-42`;
    const body = JSON.stringify({ update_id: 1, ...START });
    const wrong = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "nope" } });
    expect(wrong.status).toBe(401);
    const missing = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json" } });
    expect(missing.status).toBe(401);
    expect(api.calls.some((c) => c.method === "sendMessage")).toBe(false);

    const right = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret } });
    expect(right.status).toBe(200);
    await api.waitFor("sendMessage", (p) => p.chat_id === 777);
  });

  it("refuses to start without BOT_TOKEN, with one clear line", async () => {
    await expect(startBagdar({ env: { LOG_LEVEL: "silent" } })).rejects.toThrow(/^BOT_TOKEN is not set: get a token from @BotFather/);
  });
});
