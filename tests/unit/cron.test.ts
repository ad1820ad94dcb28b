import { createTask } from "node-cron";
import { describe, expect, it } from "vitest";
import { cronShape, nextCronRun, nextCronRuns, parseCron } from "../../src/domain/cron.js";
import { zonedParts, zonedTimeToUtc } from "../../src/domain/zoned-time.js";

const ALMATY = "Asia/Almaty"; // UTC+5 all year since 2024
const BISHKEK = "Asia/Bishkek"; // UTC+6
const MONDAY_NOON_ALMATY = new Date("2026-09-14T07:00:00Z"); // Monday 14.09.2026 12:00 in Almaty

describe("nextCronRun", () => {
  it.each([
    ["0 9 * * 1", "2026-09-21T04:00:00.000Z"], // next Monday 09:00, today's has passed
    ["0 13 * * 1", "2026-09-14T08:00:00.000Z"], // later today
    ["30 8 * * 1-5", "2026-09-15T03:30:00.000Z"],
    ["0 18 1 * *", "2026-10-01T13:00:00.000Z"],
    ["*/15 * * * *", "2026-09-14T07:15:00.000Z"],
    ["0 */2 * * *", "2026-09-14T09:00:00.000Z"], // 14:00 local
    ["0 9 L * *", "2026-09-30T04:00:00.000Z"],
    ["0 9 * * 5#2", "2026-10-09T04:00:00.000Z"], // second Friday of October
    ["0 9 * * 5L", "2026-09-25T04:00:00.000Z"], // last Friday of September
    ["0 9 15W * *", "2026-09-15T04:00:00.000Z"],
    ["0 10 * * SUN", "2026-09-20T05:00:00.000Z"],
    ["0 10 * * 7", "2026-09-20T05:00:00.000Z"],
    ["0 0 1 1 *", "2026-12-31T19:00:00.000Z"], // midnight of New Year in Almaty is still 2026 in UTC
    ["0 9 29 2 *", "2028-02-29T04:00:00.000Z"],
    ["@daily", "2026-09-14T19:00:00.000Z"],
  ])("%s after Monday noon in Almaty → %s", (expression, expected) => {
    expect(nextCronRun(expression, MONDAY_NOON_ALMATY, ALMATY)?.toISOString()).toBe(expected);
  });

  it("is strictly after the given instant, even exactly on a run", () => {
    const run = new Date("2026-09-21T04:00:00Z");
    expect(nextCronRun("0 9 * * 1", run, ALMATY)?.toISOString()).toBe("2026-09-28T04:00:00.000Z");
    expect(nextCronRun("0 9 * * 1", new Date(run.getTime() - 1), ALMATY)?.toISOString()).toBe(run.toISOString());
  });

  it("reads the expression in the school's zone", () => {
    expect(nextCronRun("0 9 * * *", MONDAY_NOON_ALMATY, BISHKEK)?.toISOString()).toBe("2026-09-15T03:00:00.000Z");
    expect(nextCronRun("0 9 * * *", MONDAY_NOON_ALMATY, "UTC")?.toISOString()).toBe("2026-09-14T09:00:00.000Z");
  });

  it("skips a wall time the zone jumps over, as node-cron does, and takes the first of a repeated hour", () => {
    // New York springs forward on 8 March 2026: 02:30 does not exist that day.
    expect(nextCronRun("30 2 * * *", new Date("2026-03-08T05:00:00Z"), "America/New_York")?.toISOString()).toBe("2026-03-09T06:30:00.000Z");
    // and falls back on 1 November: 01:30 happens twice; the first is EDT (UTC-4).
    expect(nextCronRun("30 1 * * *", new Date("2026-11-01T04:00:00Z"), "America/New_York")?.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("is null for an expression node-cron refuses", () => {
    expect(nextCronRun("61 * * * *", MONDAY_NOON_ALMATY, ALMATY)).toBeNull();
    expect(nextCronRun("every monday", MONDAY_NOON_ALMATY, ALMATY)).toBeNull();
    expect(nextCronRun("0 0 30 2 *", MONDAY_NOON_ALMATY, ALMATY)).toBeNull();
    expect(parseCron("")).toBeUndefined();
  });

  it("agrees with node-cron's own matcher: each run matches, and no minute in between does", () => {
    for (const expression of ["30 8 * * 1-5", "0 */3 * * *", "15 9 1,15 * *", "0 9 * * 5L", "0 7 * * 1,3"]) {
      const task = createTask(expression, () => undefined, { timezone: ALMATY });
      try {
        let from = MONDAY_NOON_ALMATY;
        for (const run of nextCronRuns(expression, from, ALMATY, 3)) {
          expect(task.match(run), `${expression} at ${run.toISOString()}`).toBe(true);
          for (let t = from.getTime() + 60_000; t < run.getTime(); t += 60_000) {
            if (task.match(new Date(t))) throw new Error(`${expression}: node-cron fires at ${new Date(t).toISOString()}, before ${run.toISOString()}`);
          }
          from = run;
        }
      } finally {
        void task.destroy();
      }
    }
  });
});

describe("cronShape", () => {
  it.each([
    ["0 9 * * *", { kind: "daily", times: ["09:00"] }],
    ["0 9,14 * * *", { kind: "daily", times: ["09:00", "14:00"] }],
    ["30 8 * * 1-5", { kind: "weekdays", times: ["08:30"] }],
    ["30 8 * * MON-FRI", { kind: "weekdays", times: ["08:30"] }],
    ["0 10 * * 6,0", { kind: "weekends", times: ["10:00"] }],
    ["0 9 * * 1", { kind: "weekly", days: [1], times: ["09:00"] }],
    ["0 9 * * 0,4,1", { kind: "weekly", days: [1, 4, 0], times: ["09:00"] }],
    ["*/15 * * * *", { kind: "every-minutes", count: 15 }],
    ["* * * * *", { kind: "every-minutes", count: 1 }],
    ["0 */2 * * *", { kind: "every-hours", count: 2 }],
    ["0 * * * *", { kind: "every-hours", count: 1 }],
    ["0 18 1 * *", { kind: "monthly", day: 1, times: ["18:00"] }],
    ["0 9 L * *", { kind: "monthly-last", times: ["09:00"] }],
  ])("%s", (expression, shape) => {
    expect(cronShape(expression)).toEqual(shape);
  });

  it.each(["5 4 * 1 *", "*/7 * * * *", "30 * * * *", "0 9 1 * 1", "0 9 * * 5#2", "0,30 8,9,10 * * *", "30 0 9 * * 1", "nonsense"])(
    "has no words for %s",
    (expression) => {
      expect(cronShape(expression)).toBeUndefined();
    },
  );
});

describe("zoned time", () => {
  it("converts the school's wall clock to an instant and back", () => {
    const at = zonedTimeToUtc({ year: 2026, month: 9, day: 15, hour: 18, minute: 0 }, ALMATY);
    expect(at?.toISOString()).toBe("2026-09-15T13:00:00.000Z");
    expect(zonedParts(at!, BISHKEK)).toEqual({ year: 2026, month: 9, day: 15, hour: 19, minute: 0, second: 0, weekday: 2 });
    expect(zonedTimeToUtc({ year: 2026, month: 9, day: 31, hour: 10, minute: 0 }, ALMATY)).toBeUndefined();
  });
});
