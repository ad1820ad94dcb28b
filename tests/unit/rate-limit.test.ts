import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { PerChatLimiter, TokenBucket } from "../../src/domain/rate-limit.js";

describe("token bucket", () => {
  it("starts with its burst, then hands out tokens at the rate", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const bucket = new TokenBucket({ ratePerSec: 30, burst: 3 }, clock);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    const wait = bucket.take();
    expect(wait).toBe(34); // 1000/30 = 33.3 ms, rounded up
    clock.advance(33);
    expect(bucket.take()).toBeGreaterThan(0);
    clock.advance(1);
    expect(bucket.take()).toBe(0);
  });

  it("never sends more than rate × t + burst in any stretch of time", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const bucket = new TokenBucket({ ratePerSec: 30, burst: 3 }, clock);
    let sent = 0;
    for (let ms = 0; ms < 10_000; ms++) {
      while (bucket.take() === 0) sent++;
      clock.advance(1);
    }
    expect(sent).toBeLessThanOrEqual(30 * 10 + 3);
    expect(sent).toBeGreaterThanOrEqual(30 * 10 - 1);
  });

  it("does not save up beyond its burst while idle, and drain() empties it", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const bucket = new TokenBucket({ ratePerSec: 25, burst: 3 }, clock);
    clock.advance(60_000);
    expect(bucket.available()).toBe(3);
    bucket.drain();
    expect(bucket.take()).toBe(40);
  });

  it("survives a clock moved backwards", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const bucket = new TokenBucket({ ratePerSec: 10, burst: 1 }, clock);
    expect(bucket.take()).toBe(0);
    clock.advance(-3_600_000);
    expect(bucket.take()).toBe(100);
    clock.advance(100);
    expect(bucket.take()).toBe(0);
  });

  it("refuses nonsense settings", () => {
    const clock = new ManualClock();
    expect(() => new TokenBucket({ ratePerSec: 0, burst: 1 }, clock)).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSec: 1, burst: 0 }, clock)).toThrow(RangeError);
  });
});

describe("per-chat limiter", () => {
  it("spaces messages to one chat a second apart and leaves other chats alone", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const limiter = new PerChatLimiter({ intervalMs: 1000 }, clock);
    expect(limiter.waitMs(1)).toBe(0);
    limiter.record(1);
    expect(limiter.waitMs(1)).toBe(1000);
    expect(limiter.waitMs(2)).toBe(0);
    clock.advance(400);
    expect(limiter.waitMs(1)).toBe(600);
    clock.advance(600);
    expect(limiter.waitMs(1)).toBe(0);
  });

  it("forgets idle chats, so a large broadcast leaves no memory behind", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const limiter = new PerChatLimiter({ intervalMs: 1000 }, clock);
    for (let chat = 1; chat <= 5000; chat++) {
      limiter.record(chat);
      clock.advance(5);
    }
    expect(limiter.size).toBeLessThan(2100);
    expect(limiter.waitMs(5000)).toBe(995);
  });

  it("waits at most one interval even after the clock went backwards", () => {
    const clock = new ManualClock({ frozenAt: new Date("2026-09-14T05:00:00Z") });
    const limiter = new PerChatLimiter({ intervalMs: 1000 }, clock);
    limiter.record(7);
    clock.advance(-86_400_000);
    expect(limiter.waitMs(7)).toBe(1000);
  });
});
