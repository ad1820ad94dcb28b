import { pino, type Logger } from "pino";
import type { Config } from "./config.js";

export type { Logger };

/**
 * JSON logs in production, pretty ones in development.
 * Tokens never reach a log line: the redaction list covers every place one could hide.
 */
export function createLogger(config: Pick<Config, "logLevel" | "prettyLogs">): Logger {
  return pino({
    level: config.logLevel,
    redact: {
      paths: ["token", "botToken", "*.token", "*.botToken", "config.botToken", "config.webhookSecret", "headers.authorization"],
      censor: "[redacted]",
    },
    ...(config.prettyLogs
      ? { transport: { target: "pino-pretty", options: { colorize: true, translateTime: "HH:MM:ss", ignore: "pid,hostname" } } }
      : {}),
  });
}

/** A logger that drops everything; for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
