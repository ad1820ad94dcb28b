import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { ConfigError, createConfig } from "../../src/config.js";
import { DEFAULT_MAX_TRACKED_USERS, UserRateLimiter } from "../../src/bot/middlewares/rate-limit.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const SLOW_DOWN = "You're sending messages very fast. Please wait a moment, then carry on.";

let t: TestBot;

beforeEach(async () => {
  // Blank values fall back to the real defaults: 5 a second, 10 at once.
  t = await createTestBot({ env: { USER_RATE_PER_SEC: "", USER_RATE_BURST: "" } });
});

afterEach(() => t.close());

/** Sends /help and says what came back: a normal answer, the "slow down" reply, or nothing. */
async function help(user: TestUser): Promise<"answer" | "slow-down" | "nothing"> {
  await user.command("help");
  if (user.replies.length === 0) return "nothing";
  if (user.replies.length === 1 && user.replies[0]!.text === SLOW_DOWN) return "slow-down";
  expect(user.replies.map((r) => r.text).join("\n")).not.toContain(SLOW_DOWN);
  return "answer";
}

function tally(outcomes: string[]) {
  return {
    answer: outcomes.filter((o) => o === "answer").length,
    slowDown: outcomes.filter((o) => o === "slow-down").length,
    nothing: outcomes.filter((o) => o === "nothing").length,
  };
}

describe("per-person rate limit", () => {
  it("serves at most burst + rate of 50 messages in a second, says 'slow down' once, and leaves others alone", async () => {
    const flooder = t.user({ languageCode: "en" });
    const calm = t.user({ languageCode: "en" });
    const flood: string[] = [];
    const normal: string[] = [];
    for (let i = 0; i < 50; i++) {
      flood.push(await help(flooder));
      if (i % 10 === 0) normal.push(await help(calm));
      t.clock.advance(19); // 50 messages in 950 ms
    }
    // 10 saved up + 4.75 refilled during the second.
    expect(tally(flood)).toEqual({ answer: 14, slowDown: 1, nothing: 35 });
    expect(flood.slice(0, 10)).toEqual(Array(10).fill("answer"));
    expect(flood[10]).toBe("slow-down");
    expect(normal).toEqual(Array(5).fill("answer"));

    // Once the person calms down, they are served again, and a new flood gets a new (single) warning.
    t.clock.advance(2_000);
    expect(await help(flooder)).toBe("answer");
    const second: string[] = [];
    for (let i = 0; i < 20; i++) second.push(await help(flooder));
    expect(tally(second)).toEqual({ answer: 9, slowDown: 1, nothing: 10 });
  });

  it("warns a flood that never stops only once", async () => {
    const flooder = t.user({ languageCode: "en" });
    const outcomes: string[] = [];
    for (let i = 0; i < 150; i++) {
      outcomes.push(await help(flooder));
      t.clock.advance(20); // 50 a second for three seconds
    }
    const counts = tally(outcomes);
    expect(counts.slowDown).toBe(1);
    expect(counts.answer).toBeLessThanOrEqual(10 + 3 * 5);
    expect(counts.answer).toBeGreaterThanOrEqual(10 + 3 * 5 - 1);
  });

  it("answers a button tap over the limit with the text as a toast, then drops taps silently", async () => {
    const flooder = t.user({ languageCode: "en" });
    await flooder.command("help");
    const answers: Array<string | undefined> = [];
    const before = t.telegram.calls.length;
    for (let i = 0; i < 12; i++) {
      await flooder.tapData("v9:not-a-button");
      answers.push(flooder.lastAnswer);
    }
    // Nine taps left in the bucket get the ordinary stale-button treatment; the tenth over the limit the toast.
    expect(answers.slice(0, 9).every((a) => a !== SLOW_DOWN)).toBe(true);
    expect(answers[9]).toBe(SLOW_DOWN);
    expect(answers.slice(10)).toEqual([undefined, undefined]);
    // Dropped taps cost no call to Telegram at all.
    const calls = t.telegram.calls.slice(before);
    expect(calls.filter((c) => c.payload.text === SLOW_DOWN)).toHaveLength(1);
    const lastCall = calls.at(-1)!;
    expect(lastCall).toMatchObject({ method: "answerCallbackQuery", payload: { text: SLOW_DOWN } });
  });

  it("says 'slow down' in the language the person chose in the bot, else Telegram's", async () => {
    const chosen = t.user({ languageCode: "en" });
    await t.deps.services.users.ensure(chosen.id, "kk");
    const russian = t.user({ languageCode: "ru" });
    for (let i = 0; i < 11; i++) {
      await chosen.command("help");
      await russian.command("help");
    }
    expect(chosen.lastText).toBe(t.bot.i18n.t("kk", "errors-too-fast"));
    expect(russian.lastText).toBe(t.bot.i18n.t("ru", "errors-too-fast"));
    expect(russian.lastText).not.toBe(SLOW_DOWN);
  });

  it("does not count updates the person did not send, such as blocking and unblocking the bot", async () => {
    const person = t.user({ languageCode: "en" });
    for (let i = 0; i < 20; i++) {
      await t.handle({
        my_chat_member: {
          chat: { id: person.id, type: "private", first_name: "Test" },
          from: person.from,
          date: 1_789_000_000,
          old_chat_member: { status: "member", user: { id: 4242, is_bot: true, first_name: "Bagdar" } },
          new_chat_member: { status: "kicked", until_date: 0, user: { id: 4242, is_bot: true, first_name: "Bagdar" } },
        },
      });
    }
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) outcomes.push(await help(person));
    expect(outcomes).toEqual(Array(10).fill("answer"));
  });
});

describe("the limiter's memory", () => {
  it("remembers at most maxUsers people, forgetting the least recently active first", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T09:00:00Z") });
    const limiter = new UserRateLimiter({ ratePerSec: 5, burst: 2 }, clock);
    // Person 1 floods and is being throttled.
    expect([limiter.check(1), limiter.check(1), limiter.check(1), limiter.check(1)]).toEqual(["pass", "pass", "warn", "drop"]);
    for (let id = 2; id <= 3 * DEFAULT_MAX_TRACKED_USERS; id++) {
      limiter.check(id);
      if (id % 1_000 === 0) expect(limiter.check(1)).toBe("drop"); // still active, so still remembered
      expect(limiter.size).toBeLessThanOrEqual(DEFAULT_MAX_TRACKED_USERS);
    }
    expect(limiter.size).toBe(DEFAULT_MAX_TRACKED_USERS);
    // Person 2 was forgotten long ago: a fresh, full bucket.
    expect(limiter.check(2)).toBe("pass");
  });

  it("honours a smaller cap", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T09:00:00Z") });
    const limiter = new UserRateLimiter({ ratePerSec: 5, burst: 10, maxUsers: 3 }, clock);
    for (let id = 1; id <= 100; id++) limiter.check(id);
    expect(limiter.size).toBe(3);
  });
});

describe("configuration", () => {
  it("defaults to 5 a second with 10 at once, reads both variables and refuses nonsense", () => {
    expect(createConfig({}).userRateLimit).toEqual({ perSec: 5, burst: 10 });
    expect(createConfig({ USER_RATE_PER_SEC: "2.5", USER_RATE_BURST: "20" }).userRateLimit).toEqual({ perSec: 2.5, burst: 20 });
    for (const env of [{ USER_RATE_PER_SEC: "0" }, { USER_RATE_PER_SEC: "fast" }, { USER_RATE_BURST: "0" }, { USER_RATE_BURST: "1.5" }]) {
      expect(() => createConfig(env)).toThrow(ConfigError);
    }
    expect(() => createConfig({ USER_RATE_BURST: "0" })).toThrow(/USER_RATE_BURST/);
  });
});
