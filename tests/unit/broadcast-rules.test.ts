import { describe, expect, it } from "vitest";
import { BROADCAST_TEXT_MAX, checkBroadcastCron, checkBroadcastText, parseSendTime } from "../../src/domain/broadcast.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // 14:00 in Almaty, 15:00 in Bishkek
const ALMATY = "Asia/Almaty";

describe("parseSendTime", () => {
  it.each([
    ["15.09 18:00", "2026-09-15T13:00:00.000Z"],
    ["15.09.2026 18:00", "2026-09-15T13:00:00.000Z"],
    ["5.10 8:30", "2026-10-05T03:30:00.000Z"],
    [" 25/09  08:30 ", "2026-09-25T03:30:00.000Z"],
    ["14.09 14:01", "2026-09-14T09:01:00.000Z"],
    ["15.09.2027 10:00", "2027-09-15T05:00:00.000Z"],
  ])("reads %s on the school's clock", (typed, expected) => {
    expect(parseSendTime(typed, NOW, ALMATY)).toEqual({ ok: true, at: new Date(expected) });
  });

  it("uses the school's zone", () => {
    expect(parseSendTime("15.09 18:00", NOW, "Asia/Bishkek")).toEqual({ ok: true, at: new Date("2026-09-15T12:00:00Z") });
  });

  it.each([
    ["tomorrow", "format"],
    ["15.09", "format"],
    ["15.09 24:00", "format"],
    ["15.09 18:60", "format"],
    ["31.09 10:00", "no-such-date"],
    ["29.02.2027 10:00", "no-such-date"],
    ["14.09 14:00", "past"],
    ["01.01 09:00", "past"],
    ["15.09.2025 10:00", "past"],
    ["15.09.2028 10:00", "too-far"],
  ])("refuses %s (%s)", (typed, reason) => {
    expect(parseSendTime(typed, NOW, ALMATY)).toEqual({ ok: false, reason });
  });
});

describe("checkBroadcastCron", () => {
  it("accepts five fields or a macro, normalises spaces and gives the first run", () => {
    expect(checkBroadcastCron("  0  9 * *   1 ", NOW, ALMATY)).toEqual({ ok: true, cron: "0 9 * * 1", first: new Date("2026-09-21T04:00:00Z") });
    expect(checkBroadcastCron("@daily", NOW, ALMATY)).toMatchObject({ ok: true, cron: "@daily" });
    expect(checkBroadcastCron("0 * * * *", NOW, ALMATY)).toMatchObject({ ok: true });
  });

  it.each([
    ["0 9 * *", "invalid"],
    ["0 9 * * 1 2026", "invalid"],
    ["61 9 * * 1", "invalid"],
    ["every monday", "invalid"],
    ["0 0 30 2 *", "invalid"],
    ["0 0 9 * * 1", "seconds"],
    ["*/30 * * * *", "too-often"],
    ["0,30 9 * * 1", "too-often"],
    ["* * * * *", "too-often"],
  ])("refuses %s (%s)", (typed, reason) => {
    expect(checkBroadcastCron(typed, NOW, ALMATY)).toEqual({ ok: false, reason });
  });
});

describe("checkBroadcastText", () => {
  it("wants 1 to 4000 characters, and HTML Telegram accepts", () => {
    expect(checkBroadcastText("Hi", "Hi")).toEqual({ ok: true });
    expect(checkBroadcastText(" \n ", " \n ")).toEqual({ ok: false, reason: "empty", length: 0 });
    const max = "я".repeat(BROADCAST_TEXT_MAX);
    expect(checkBroadcastText(max, max)).toEqual({ ok: true });
    expect(checkBroadcastText(`${max}!`, `${max}!`)).toEqual({ ok: false, reason: "too-long", length: 4001 });
    expect(checkBroadcastText(max, `<b>${max}</b>${"<i></i>".repeat(20)}`)).toEqual({ ok: false, reason: "too-long-formatted", length: 4147 });
  });
});
