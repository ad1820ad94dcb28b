import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../src/config.js";

function errorOf(env: Record<string, string>): string {
  try {
    createConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected createConfig to fail");
}

describe("createConfig", () => {
  it("applies the documented defaults to an empty environment", () => {
    expect(createConfig({})).toEqual({
      botToken: undefined,
      telegramApiRoot: "https://api.telegram.org",
      mongodbUri: undefined,
      botMode: "polling",
      webhookUrl: undefined,
      webhookSecret: undefined,
      port: 8080,
      adminTelegramIds: [],
      defaultLocale: "kk",
      defaultTimezone: "Asia/Almaty",
      broadcastRatePerSec: 25,
      userRateLimit: { perSec: 5, burst: 10 },
      quietHours: { startHour: 22, endHour: 7 },
      logLevel: "info",
      prettyLogs: true,
    });
  });

  it("reads every variable", () => {
    const config = createConfig({
      BOT_TOKEN: "123456:ABCdef_ghi-jkl",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
      MONGODB_URI: "mongodb://mongo:27017/bagdar",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bagdar.example.kz/telegram",
      WEBHOOK_SECRET: "s3cret_s3cret-s3cret",
      PORT: "3000",
      ADMIN_TELEGRAM_IDS: "12345, 67890",
      DEFAULT_LOCALE: "ky",
      DEFAULT_TIMEZONE: "Asia/Bishkek",
      BROADCAST_RATE_PER_SEC: "30",
      QUIET_HOURS: "21-08",
      LOG_LEVEL: "debug",
      NODE_ENV: "production",
    });
    expect(config).toMatchObject({
      botToken: "123456:ABCdef_ghi-jkl",
      telegramApiRoot: "http://127.0.0.1:9000",
      mongodbUri: "mongodb://mongo:27017/bagdar",
      botMode: "webhook",
      port: 3000,
      adminTelegramIds: [12345, 67890],
      defaultLocale: "ky",
      defaultTimezone: "Asia/Bishkek",
      broadcastRatePerSec: 30,
      quietHours: { startHour: 21, endHour: 8 },
      logLevel: "debug",
      prettyLogs: false,
    });
  });

  it("treats blank values as unset and accepts QUIET_HOURS=off", () => {
    const config = createConfig({ BOT_TOKEN: "", PORT: " ", QUIET_HOURS: "off" });
    expect(config.botToken).toBeUndefined();
    expect(config.port).toBe(8080);
    expect(config.quietHours).toBeNull();
  });

  it.each([
    [{ PORT: "abc" }, 'PORT: expected a port number 1–65535 (got "abc")'],
    [{ PORT: "0" }, 'PORT: expected a port number 1–65535 (got "0")'],
    [{ PORT: "70000" }, 'PORT: expected a port number 1–65535 (got "70000")'],
    [{ PORT: "80.5" }, 'PORT: expected a port number 1–65535 (got "80.5")'],
    [{ BOT_MODE: "push" }, 'BOT_MODE: expected "polling" or "webhook" (got "push")'],
    [{ TELEGRAM_API_ROOT: "ftp://x" }, 'TELEGRAM_API_ROOT: expected an http(s) URL such as https://api.telegram.org (got "ftp://x")'],
    [{ TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT: expected an http(s) URL"],
    [{ MONGODB_URI: "postgres://x" }, 'MONGODB_URI: expected a MongoDB connection string starting with "mongodb://"'],
    [{ BOT_TOKEN: "has space" }, "BOT_TOKEN: expected the token from @BotFather"],
    [{ ADMIN_TELEGRAM_IDS: "1,a" }, 'ADMIN_TELEGRAM_IDS: expected comma-separated numeric Telegram user ids, such as 12345,67890 (got "1,a")'],
    [{ DEFAULT_LOCALE: "fr" }, 'DEFAULT_LOCALE: expected one of kk, ru, ky, en (got "fr")'],
    [{ DEFAULT_TIMEZONE: "Mars/Base" }, 'DEFAULT_TIMEZONE: expected an IANA time zone such as "Asia/Almaty" or "Asia/Bishkek" (got "Mars/Base")'],
    [{ BROADCAST_RATE_PER_SEC: "100" }, 'BROADCAST_RATE_PER_SEC: expected at most 30: Telegram allows about 30 messages per second (got "100")'],
    [{ BROADCAST_RATE_PER_SEC: "0" }, "BROADCAST_RATE_PER_SEC: expected a number of messages per second, 1–30"],
    [{ BROADCAST_RATE_PER_SEC: "fast" }, "BROADCAST_RATE_PER_SEC: expected a number of messages per second, 1–30"],
    [{ QUIET_HOURS: "22:00-07:00" }, 'QUIET_HOURS: expected "HH-HH" local hours such as "22-07", or "off"'],
    [{ QUIET_HOURS: "25-03" }, 'QUIET_HOURS: expected two different hours 0–23, such as "22-07" (got "25-03")'],
    [{ QUIET_HOURS: "07-07" }, "QUIET_HOURS: expected two different hours 0–23"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"],
    [{ WEBHOOK_SECRET: "short" }, "WEBHOOK_SECRET: expected 16–256 characters of A–Z, a–z, 0–9, _ or -"],
    [{ WEBHOOK_URL: "http://insecure.example" }, "WEBHOOK_URL: expected a public https URL"],
  ])("rejects %j with one clear line", (env, expected) => {
    const message = errorOf(env);
    expect(message).toContain(expected);
    expect(message).not.toContain("\n");
  });

  it("requires the webhook URL and secret in webhook mode", () => {
    const message = errorOf({ BOT_MODE: "webhook", BOT_TOKEN: "123:abcdefghijkl" });
    expect(message).toBe(
      "Invalid configuration: WEBHOOK_URL: is required when BOT_MODE=webhook; WEBHOOK_SECRET: is required when BOT_MODE=webhook",
    );
  });

  it("never echoes a secret back", () => {
    const message = errorOf({ WEBHOOK_SECRET: "bad secret with spaces" });
    expect(message).not.toContain("bad secret");
    const tokenMessage = errorOf({ BOT_TOKEN: "123:abc def" });
    expect(tokenMessage).not.toContain("abc def");
  });
});
