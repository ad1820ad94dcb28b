import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { TEST_BOT_INFO } from "./fake-telegram.js";

/**
 * A tiny Bot API over real HTTP, for tests of the composition root: the bot under test
 * is started exactly as in production, with TELEGRAM_API_ROOT pointing here.
 */
export class BotApiServer {
  readonly calls: Array<{ method: string; payload: Record<string, unknown> }> = [];
  #pending: Update[] = [];
  #nextUpdateId = 1;
  #server = http.createServer((req, res) => void this.#handle(req, res));
  #waiters: Array<() => void> = [];

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#waiters.forEach((wake) => wake());
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  push(update: Omit<Update, "update_id">): void {
    this.#pending.push({ update_id: this.#nextUpdateId++, ...update } as Update);
    this.#waiters.splice(0).forEach((wake) => wake());
  }

  /** Resolves once the bot has called `method` with a payload matching `predicate`. */
  async waitFor(method: string, predicate: (payload: Record<string, unknown>) => boolean = () => true, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const call = this.calls.find((c) => c.method === method && predicate(c.payload));
      if (call) return call;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${method}; calls so far: ${this.calls.map((c) => c.method).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.url ?? "").split("/").pop() ?? "";
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    this.calls.push({ method, payload });
    const reply = (result: unknown): void => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    switch (method) {
      case "getMe":
        return reply(TEST_BOT_INFO);
      case "getUpdates": {
        const offset = Number(payload.offset ?? 0);
        this.#pending = this.#pending.filter((u) => u.update_id >= offset);
        if (this.#pending.length === 0) await new Promise<void>((resolve) => this.#waiters.push(resolve) && setTimeout(resolve, 200));
        return reply(this.#pending.filter((u) => u.update_id >= offset));
      }
      case "sendMessage":
        return reply({ message_id: this.calls.length, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text });
      default:
        return reply(true);
    }
  }
}
