import { z } from "zod";
import { LOCALES } from "./db/models/user.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** "22-07" → quiet from 22:00 up to 07:00 local time; "off" disables quiet hours. */
const quietHours = z
  .string()
  .trim()
  .regex(/^(off|\d{1,2}-\d{1,2})$/, { message: 'expected "HH-HH" local hours such as "22-07", or "off"' })
  .transform((value, ctx) => {
    if (value === "off") return null;
    const [start, end] = value.split("-").map(Number) as [number, number];
    if (start > 23 || end > 23 || start === end) {
      ctx.addIssue({ code: "custom", message: 'expected two different hours 0–23, such as "22-07"' });
      return z.NEVER;
    }
    return { startHour: start, endHour: end };
  });

const telegramIds = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === "") return [] as number[];
    const ids = value.split(",").map((part) => part.trim());
    if (!ids.every((id) => /^\d{1,15}$/.test(id))) {
      ctx.addIssue({ code: "custom", message: "expected comma-separated numeric Telegram user ids, such as 12345,67890" });
      return z.NEVER;
    }
    return ids.map(Number);
  });

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z
  .object({
    BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^[^\s/]{1,200}$/, { message: 'expected the token from @BotFather, such as "123456:ABC-DEF…" (no spaces or slashes)' })
        .optional(),
    ),
    TELEGRAM_API_ROOT: z
      .url({ protocol: /^https?$/, message: "expected an http(s) URL such as https://api.telegram.org" })
      .transform((url) => url.replace(/\/+$/, ""))
      .default("https://api.telegram.org"),
    MONGODB_URI: optionalString.pipe(
      z.string().regex(/^mongodb(\+srv)?:\/\/.+/, { message: 'expected a MongoDB connection string starting with "mongodb://"' }).optional(),
    ),
    BOT_MODE: z.enum(["polling", "webhook"], { message: 'expected "polling" or "webhook"' }).default("polling"),
    WEBHOOK_URL: optionalString.pipe(z.url({ protocol: /^https$/, message: "expected a public https URL" }).optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, { message: "expected 16–256 characters of A–Z, a–z, 0–9, _ or -" })
        .optional(),
    ),
    PORT: z.coerce
      .number({ message: "expected a port number 1–65535" })
      .int({ message: "expected a port number 1–65535" })
      .min(1, { message: "expected a port number 1–65535" })
      .max(65535, { message: "expected a port number 1–65535" })
      .default(8080),
    ADMIN_TELEGRAM_IDS: telegramIds.default([]),
    DEFAULT_LOCALE: z.enum(LOCALES, { message: `expected one of ${LOCALES.join(", ")}` }).default("kk"),
    DEFAULT_TIMEZONE: z
      .string()
      .trim()
      .refine(isTimeZone, { message: 'expected an IANA time zone such as "Asia/Almaty" or "Asia/Bishkek"' })
      .default("Asia/Almaty"),
    BROADCAST_RATE_PER_SEC: z.coerce
      .number({ message: "expected a number of messages per second, 1–30" })
      .int({ message: "expected a whole number of messages per second, 1–30" })
      .min(1, { message: "expected a number of messages per second, 1–30" })
      .max(30, { message: "expected at most 30: Telegram allows about 30 messages per second" })
      .default(25),
    USER_RATE_PER_SEC: z.coerce
      .number({ message: "expected a number of updates per second per person, such as 5" })
      .positive({ message: "expected a positive number of updates per second, such as 5" })
      .max(1000, { message: "expected at most 1000 updates per second" })
      .default(5),
    USER_RATE_BURST: z.coerce
      .number({ message: "expected a whole number of updates, 1–10000" })
      .int({ message: "expected a whole number of updates, 1–10000" })
      .min(1, { message: "expected a whole number of updates, 1–10000" })
      .max(10_000, { message: "expected a whole number of updates, 1–10000" })
      .default(10),
    QUIET_HOURS: quietHours.default({ startHour: 22, endHour: 7 }),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE !== "webhook") return;
    if (!env.WEBHOOK_URL) ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
    if (!env.WEBHOOK_SECRET) ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
    if (!env.BOT_TOKEN) ctx.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "is required when BOT_MODE=webhook" });
  });

export interface Config {
  botToken: string | undefined;
  telegramApiRoot: string;
  mongodbUri: string | undefined;
  botMode: "polling" | "webhook";
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  port: number;
  adminTelegramIds: number[];
  defaultLocale: (typeof LOCALES)[number];
  defaultTimezone: string;
  broadcastRatePerSec: number;
  /** Incoming updates one person may send: a token bucket of `perSec` with `burst` saved up. */
  userRateLimit: { perSec: number; burst: number };
  quietHours: { startHour: number; endHour: number } | null;
  logLevel: (typeof LOG_LEVELS)[number];
  prettyLogs: boolean;
}

/** Thrown for a bad environment; its message is one line per offending variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Blank values count as unset, so `FOO=` in a .env file means "use the default". */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""));
}

export function createConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const got = env[name];
      // Never echo secrets back into logs.
      const shown = got === undefined || /TOKEN|SECRET|URI/.test(name) ? "" : ` (got "${got}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    mongodbUri: e.MONGODB_URI,
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
    adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
    defaultLocale: e.DEFAULT_LOCALE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    broadcastRatePerSec: e.BROADCAST_RATE_PER_SEC,
    userRateLimit: { perSec: e.USER_RATE_PER_SEC, burst: e.USER_RATE_BURST },
    quietHours: e.QUIET_HOURS,
    logLevel: e.LOG_LEVEL,
    prettyLogs: e.NODE_ENV !== "production",
  };
}
