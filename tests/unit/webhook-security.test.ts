import http from "node:http";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHttpServer, listen, MAX_WEBHOOK_BODY_BYTES } from "../../src/http-server.js";
import { silentLogger } from "../../src/logger.js";
import { createWebhookHandler } from "../../src/main.js";
import { createTestBot, type TestBot } from "../support/harness.js";

const SECRET = "test_webhook_secret-0123456789";
const PATH = "/telegram/webhook";
const USER_ID = 700_001;

let t: TestBot;
let server: http.Server;
let port: number;
const sockets: net.Socket[] = [];

/** The webhook wired as src/main.ts wires it, on a free port, with short timeouts for the slow-client cases. */
async function start(timeouts = { headersMs: 1_000, requestMs: 1_500, checkIntervalMs: 100 }) {
  server = createHttpServer({
    port: 0,
    logger: silentLogger(),
    isHealthy: () => true,
    webhook: { path: PATH, handler: createWebhookHandler(t.bot, SECRET) },
    timeouts,
  });
  port = await listen(server, 0, "127.0.0.1");
}

beforeEach(async () => {
  t = await createTestBot();
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

let updateId = 1;
function startUpdate(text = "/start") {
  return JSON.stringify({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 1_789_000_000,
      chat: { id: USER_ID, type: "private", first_name: "Aru" },
      from: { id: USER_ID, is_bot: false, first_name: "Aru", language_code: "en" },
      text,
      entities: [{ type: "bot_command", offset: 0, length: text.length }],
    },
  });
}

interface Reply {
  status: number;
  body: string;
}

function request(options: { method?: string; path?: string; headers?: http.OutgoingHttpHeaders; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: options.method ?? "POST", path: options.path ?? PATH, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const post = (body: string, headers: http.OutgoingHttpHeaders = {}) =>
  request({ body, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } });

const processed = () => t.telegram.messagesIn(USER_ID).length;

/** A raw socket, for clients that misbehave below HTTP's level. */
function connect(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", () => undefined);
    // Reads what the server says, so it sees the server hang up.
    socket.resume();
    socket.once("error", reject);
    sockets.push(socket);
  });
}

const closed = (socket: net.Socket) => new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once("close", () => resolve())));

describe("the webhook's secret token", () => {
  beforeEach(() => start());

  it("refuses a missing or wrong X-Telegram-Bot-Api-Secret-Token with 401 and handles nothing", async () => {
    expect((await post(startUpdate())).status).toBe(401);
    expect((await post(startUpdate(), { "x-telegram-bot-api-secret-token": "wrong_secret-0123456789abc" })).status).toBe(401);
    expect((await post(startUpdate(), { "x-telegram-bot-api-secret-token": `${SECRET}x` })).status).toBe(401);
    expect(processed()).toBe(0);
    expect(t.telegram.calls).toEqual([]);
  });

  it("handles the update when the secret is right, and answers 200", async () => {
    const reply = await post(startUpdate(), { "x-telegram-bot-api-secret-token": SECRET });
    expect(reply.status).toBe(200);
    expect(processed()).toBeGreaterThan(0);
  });

  it("answers 400 to a body that is not a Telegram update, and keeps serving", async () => {
    const headers = { "x-telegram-bot-api-secret-token": SECRET };
    expect((await post("{not json", headers)).status).toBe(400);
    expect((await post("", headers)).status).toBe(400);
    expect((await post("null", headers)).status).toBe(400);
    expect((await post('{"hello":"world"}', headers)).status).toBe(400);
    expect((await post('{"update_id":"1"}', headers)).status).toBe(400);
    expect(t.telegram.calls).toEqual([]);
    expect((await request({ method: "GET", path: "/healthz" })).status).toBe(200);
    expect((await post(startUpdate(), headers)).status).toBe(200);
    expect(processed()).toBeGreaterThan(0);
  });

  it("answers anything but POST with 405", async () => {
    expect((await request({ method: "GET", headers: { "x-telegram-bot-api-secret-token": SECRET } })).status).toBe(405);
  });
});

describe("oversized webhook bodies", () => {
  beforeEach(() => start());

  it("refuses a declared Content-Length over the limit with 413 before reading it", async () => {
    const socket = await connect();
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
      socket.on("close", () => resolve(text));
    });
    socket.write(
      `POST ${PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n{"update_id":`,
    );
    expect(await answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(t.telegram.calls).toEqual([]);
  });

  it("counts a chunked body as it streams in and cuts it off at the limit with 413", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const reply = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = http.request(
        { host: "127.0.0.1", port, method: "POST", path: PATH, headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET } },
        (res) => {
          resolve({ status: res.statusCode ?? 0, sent });
          res.resume();
        },
      );
      expect(req.getHeader("content-length")).toBeUndefined();
      req.on("error", (error: NodeJS.ErrnoException) => {
        // The server may close while we are still writing; the answer already arrived or will be missed below.
        if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
      });
      req.write("{");
      // Streams forever (never ends the request): only the server cutting it off can finish this.
      const pump = () => {
        if (req.destroyed || sent > 64 * MAX_WEBHOOK_BODY_BYTES) return;
        sent += chunk.length;
        if (req.write(chunk)) setImmediate(pump);
        else req.once("drain", pump);
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(reply.sent).toBeLessThan(16 * MAX_WEBHOOK_BODY_BYTES);
    expect(t.telegram.calls).toEqual([]);
  });

  it("still takes a body just under the limit", async () => {
    const update = JSON.parse(startUpdate()) as Record<string, unknown>;
    const padded = JSON.stringify({ ...update, padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES - 1_000) });
    expect(Buffer.byteLength(padded)).toBeLessThanOrEqual(MAX_WEBHOOK_BODY_BYTES);
    expect((await post(padded, { "x-telegram-bot-api-secret-token": SECRET })).status).toBe(200);
    expect(processed()).toBeGreaterThan(0);
  });
});

describe("slow clients", () => {
  it("do not hold up /healthz or a good update, and are closed by the server's timeouts", async () => {
    await start({ headersMs: 800, requestMs: 1_200, checkIntervalMs: 100 });
    // Five send their headers a byte at a time; five send headers and half a body, then stall.
    const dribblers = await Promise.all(Array.from({ length: 5 }, () => connect()));
    const timers: NodeJS.Timeout[] = [];
    const head = `POST ${PATH} HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: 400\r\n\r\n`;
    for (const socket of dribblers) {
      let at = 0;
      const timer = setInterval(() => {
        if (socket.destroyed || at >= head.length - 4) return;
        socket.write(head[at++]!);
      }, 50);
      timers.push(timer);
    }
    const stallers = await Promise.all(Array.from({ length: 5 }, () => connect()));
    for (const socket of stallers) socket.write(`${head}${startUpdate().slice(0, 100)}`);

    try {
      const started = performance.now();
      const health = await request({ method: "GET", path: "/healthz" });
      const update = await post(startUpdate(), { "x-telegram-bot-api-secret-token": SECRET });
      expect(health.status).toBe(200);
      expect(update.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(700);
      expect(processed()).toBeGreaterThan(0);
      const before = processed();

      // The server closes every one of them on its own, without waiting for the test to.
      const closing = performance.now();
      await Promise.all([...dribblers, ...stallers].map(closed));
      expect(performance.now() - closing).toBeLessThan(5_000);
      // The half-sent updates were never handled.
      expect(processed()).toBe(before);
    } finally {
      for (const timer of timers) clearInterval(timer);
    }
  });
});
