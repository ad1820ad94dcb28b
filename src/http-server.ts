import http from "node:http";
import type { Logger } from "./logger.js";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

/** Gets the webhook request with its body already read (and capped) by the server. */
export type WebhookHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => unknown;

export interface HttpServerTimeouts {
  /** A client has this long to send its request headers. */
  headersMs?: number;
  /** ...and this long for the whole request, body included. */
  requestMs?: number;
  /** How often Node looks for clients over those limits. */
  checkIntervalMs?: number;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  isHealthy: () => boolean;
  /** Telegram's webhook: POST on this exact path. */
  webhook?: { path: string; handler: WebhookHandler };
  /** Anything else (the playground) gets a chance before the 404. */
  fallback?: RequestHandler;
  /** Slow or stalled clients must not hold sockets forever; tests pass short ones. */
  timeouts?: HttpServerTimeouts;
  /** Largest webhook body accepted; defaults to MAX_WEBHOOK_BODY_BYTES. */
  maxWebhookBodyBytes?: number;
}

/** Telegram's updates are small; anything much bigger is not from Telegram. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export const DEFAULT_TIMEOUTS: Required<HttpServerTimeouts> = { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000 };

class BodyTooLarge extends Error {}

/** Reads the body counting bytes as they arrive; past `limit` it stops reading and rejects. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // Closed before the end: the client went away or the server's request timeout cut it off.
    const onClose = () => {
      cleanup();
      reject(new Error("request closed before its body was complete"));
    };
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/** Answers and closes the connection, so the rest of an unwanted body is never read. */
function refuse(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { connection: "close", ...headers }).end(() => res.destroy());
}

export function createHttpServer(options: HttpServerOptions): http.Server {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const maxBody = options.maxWebhookBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;

  const serveWebhook = async (webhook: NonNullable<HttpServerOptions["webhook"]>, req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== "POST") return refuse(res, 405, { allow: "POST" });
    // Declared too big: refuse before reading a byte. Chunked bodies have no length: they are counted below.
    if (Number(req.headers["content-length"] ?? 0) > maxBody) return refuse(res, 413);
    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(res, 413);
      // The client is gone (or timed out): there is no one to answer.
      return void res.destroy();
    }
    try {
      await webhook.handler(req, res, body);
    } catch (error) {
      options.logger.error({ err: error }, "Webhook handler failed");
      if (!res.headersSent) res.writeHead(500).end();
    }
  };

  const server = http.createServer({ connectionsCheckingInterval: timeouts.checkIntervalMs }, (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      const healthy = options.isHealthy();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: healthy ? "ok" : "degraded" }));
      return;
    }
    if (options.webhook && path === options.webhook.path) return void serveWebhook(options.webhook, req, res);
    if (options.fallback) return void options.fallback(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  // Slow or stalled clients must not hold sockets forever.
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  return server;
}

export function listen(server: http.Server, port: number, host = "0.0.0.0"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
