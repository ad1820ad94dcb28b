import http from "node:http";
import type { Logger } from "./logger.js";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => unknown;

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** True when the database answers; /healthz turns it into 200 or 503. */
  isHealthy: () => boolean;
  /** Telegram's webhook: POST on this exact path. */
  webhook?: { path: string; handler: RequestHandler };
  /** Anything else (the playground) gets a chance before the 404. */
  fallback?: RequestHandler;
}

/** Telegram's updates are small; anything much bigger is not from Telegram. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export function createHttpServer(options: HttpServerOptions): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/healthz") {
      const healthy = options.isHealthy();
      res.writeHead(healthy ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: healthy ? "ok" : "degraded" }));
      return;
    }
    if (options.webhook && path === options.webhook.path) {
      if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
      if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY_BYTES) return void res.writeHead(413).end();
      Promise.resolve(options.webhook.handler(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error }, "Webhook handler failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (options.fallback) return void options.fallback(req, res);
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  // Slow or stalled clients must not hold sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
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
