import { readFileSync } from "node:fs";
import type http from "node:http";
import { fileURLToPath } from "node:url";
import type { BotCommand } from "grammy/types";
import { LOCALES } from "../../src/db/models/user.js";
import { EmulatorUsageError, type EmulatorEvent } from "./emulator.js";
import type { Playground } from "./index.js";

const WEB_DIR = fileURLToPath(new URL("./web/", import.meta.url));
const STATIC: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/app.css": { file: "app.css", type: "text/css; charset=utf-8" },
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
};
/** The page loads nothing from elsewhere and runs no inline script: a stray bot text cannot become code. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_JSON_BYTES = 64 * 1024;
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
const LANGUAGE_CODES = new Set<string>([...LOCALES, "de", "tr", "uz"]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The page and its small JSON API, with live updates over Server-Sent Events. */
export class PageServer {
  readonly #playground: Playground;
  readonly #clients = new Set<http.ServerResponse>();
  #ready: Promise<void>;
  #markReady!: () => void;
  #heartbeat: NodeJS.Timeout;

  constructor(playground: Playground) {
    this.#playground = playground;
    this.#ready = new Promise((resolve) => (this.#markReady = resolve));
    playground.emulator.on((event) => this.#forward(event));
    this.#heartbeat = setInterval(() => this.#write(": keep-alive\n\n"), 15_000);
    this.#heartbeat.unref();
  }

  /** Requests wait for the demo data until this is called. */
  markReady(): void {
    this.#markReady();
  }

  /** Ends the live event streams so the HTTP server can close. */
  close(): void {
    clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  broadcast(event: string, data: unknown): void {
    this.#write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** The page's view of everything: people, their chats, command menus, the clock. */
  snapshot() {
    const playground = this.#playground;
    const emulator = playground.emulator;
    const personas = playground.personas;
    return {
      bot: { id: emulator.bot.id, username: emulator.bot.username, firstName: emulator.bot.first_name },
      personas,
      chats: Object.fromEntries(
        personas.map((p) => {
          const chat = emulator.chat(p.id);
          return [String(p.id), { timeline: chat.timeline, replyKeyboard: chat.replyKeyboard ?? null }];
        }),
      ),
      commands: this.#commands(),
      clock: playground.clockView(),
      languages: [...LANGUAGE_CODES],
      database: playground.databaseLabel(),
    };
  }

  readonly handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void this.#handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : error instanceof EmulatorUsageError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: message }));
    });
  };

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://page");
    const route = `${req.method} ${url.pathname}`;
    const asset = req.method === "GET" ? STATIC[url.pathname] : undefined;
    if (asset) {
      res.writeHead(200, {
        "content-type": asset.type,
        "cache-control": "no-cache",
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      });
      // Read on every request: someone editing the page sees the change on reload.
      res.end(readFileSync(`${WEB_DIR}${asset.file}`));
      return;
    }
    if (!url.pathname.startsWith("/api/")) throw new HttpError(404, "Not found");
    if (req.method !== "GET") this.#checkSameOrigin(req);
    await this.#ready;

    const playground = this.#playground;
    const emulator = playground.emulator;
    const json = (body: unknown, status = 200) => void res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));

    if (route === "GET /api/state") return json(this.snapshot());
    if (route === "GET /api/events") return this.#subscribe(req, res);

    const file = /^\/api\/files\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
    if (file && req.method === "GET") {
      const stored = emulator.file(file[1]!);
      if (!stored) throw new HttpError(404, "No such file");
      const isImage = /^image\/(png|jpeg|gif|webp)$/.test(stored.mimeType);
      const name = stored.fileName ?? stored.filePath.split("/").pop()!;
      res.writeHead(200, {
        "content-type": isImage ? stored.mimeType : "application/octet-stream",
        "content-length": stored.bytes.length,
        // Anything but a picture is a download, never a page of this origin.
        "content-disposition": `${isImage && url.searchParams.get("download") !== "1" ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
        "x-content-type-options": "nosniff",
        "cache-control": "private, max-age=3600",
      });
      res.end(stored.bytes);
      return;
    }

    switch (route) {
      case "POST /api/send": {
        const body = await readJson(req);
        const persona = this.#persona(body.personaId);
        const text = requireString(body.text, "text", 4096);
        const replyTo = body.replyToMessageId === undefined ? undefined : Number(body.replyToMessageId);
        const message = emulator.sendText(persona.id, text, replyTo === undefined ? {} : { replyToMessageId: replyTo });
        return json({ message });
      }
      case "POST /api/tap": {
        const body = await readJson(req);
        const persona = this.#persona(body.personaId);
        const queryId = emulator.tap(persona.id, Number(body.messageId), requireString(body.data, "data", 64));
        return json({ queryId });
      }
      case "POST /api/upload": {
        const persona = this.#persona(url.searchParams.get("personaId"));
        const fileName = requireString(url.searchParams.get("name") ?? "", "name", 255);
        const caption = url.searchParams.get("caption") ?? undefined;
        const bytes = await readBody(req, MAX_UPLOAD_BYTES);
        const message = emulator.sendFile(persona.id, { fileName, bytes, ...(caption ? { caption } : {}) });
        return json({ message });
      }
      case "POST /api/forward": {
        const body = await readJson(req);
        const from = this.#persona(body.fromId);
        const to = this.#persona(body.toId);
        if (from.id === to.id) throw new HttpError(400, "Forward to someone else");
        return json({ entry: emulator.forward(from.id, Number(body.messageId), to.id) });
      }
      case "POST /api/block": {
        const body = await readJson(req);
        const persona = this.#persona(body.personaId);
        emulator.setBlocked(persona.id, body.blocked === true);
        return json({ ok: true });
      }
      case "POST /api/personas": {
        const body = await readJson(req);
        const firstName = requireString(body.firstName, "first name", 64).trim();
        if (!firstName) throw new HttpError(400, "A first name, please");
        const lastName = typeof body.lastName === "string" ? body.lastName.trim().slice(0, 64) : "";
        const languageCode = this.#language(body.languageCode);
        const persona = playground.addPersona({ firstName, ...(lastName ? { lastName } : {}), languageCode });
        this.broadcast("commands", this.#commands());
        return json({ persona });
      }
      case "POST /api/language": {
        const body = await readJson(req);
        const persona = this.#persona(body.personaId);
        playground.setLanguage(persona.id, this.#language(body.languageCode));
        this.broadcast("commands", this.#commands());
        return json({ ok: true });
      }
      case "POST /api/clock": {
        const body = await readJson(req);
        const action = body.action;
        if (action !== "hour" && action !== "day" && action !== "next") throw new HttpError(400, 'action must be "hour", "day" or "next"');
        return json(await playground.moveClock(action));
      }
      case "POST /api/reset": {
        if (!playground.canReset()) throw new HttpError(403, `Reset wipes the database, so it only works on one on this machine, not on ${playground.databaseLabel()}.`);
        await playground.reset();
        return json({ ok: true });
      }
    }
    throw new HttpError(404, "Not found");
  }

  #persona(raw: unknown) {
    const persona = this.#playground.persona(Number(raw));
    if (!persona) throw new HttpError(400, `No person with id ${String(raw)}`);
    return persona;
  }

  #language(raw: unknown): string {
    const code = String(raw ?? "");
    if (!LANGUAGE_CODES.has(code)) throw new HttpError(400, `Unknown language ${code}`);
    return code;
  }

  /** A page on another site must not drive the playground through the visitor's browser. */
  #checkSameOrigin(req: http.IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin === undefined) return;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new HttpError(403, "Bad origin");
    }
    if (host !== req.headers.host) throw new HttpError(403, "Cross-site requests are not accepted");
  }

  #commands(): Record<string, BotCommand[]> {
    const languages = new Set(this.#playground.personas.map((p) => p.languageCode));
    return Object.fromEntries([...languages].map((code) => [code, this.#playground.emulator.commandsFor(code)]));
  }

  #subscribe(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
    res.write(`retry: 1000\nevent: state\ndata: ${JSON.stringify(this.snapshot())}\n\n`);
    this.#clients.add(res);
    req.on("close", () => this.#clients.delete(res));
  }

  #forward(event: EmulatorEvent): void {
    switch (event.type) {
      case "reset":
        return this.broadcast("state", this.snapshot());
      case "users":
        return this.broadcast("personas", this.#playground.personas);
      case "commands":
        return this.broadcast("commands", this.#commands());
      case "blocked":
        return this.broadcast("personas", this.#playground.personas);
      default:
        return this.broadcast(event.type, event);
    }
  }

  #write(chunk: string): void {
    for (const client of this.#clients) client.write(chunk);
  }
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "Too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBody(req, MAX_JSON_BYTES)).toString("utf8");
  try {
    const value = JSON.parse(text || "{}") as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "Expected a JSON object");
}

function requireString(value: unknown, name: string, max: number): string {
  if (typeof value !== "string" || value.length === 0) throw new HttpError(400, `${name} is required`);
  if (value.length > max) throw new HttpError(400, `${name} is longer than ${max} characters`);
  return value;
}
