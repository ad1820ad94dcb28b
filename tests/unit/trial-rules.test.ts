import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import type { RiasecLetter } from "../../src/db/models/common.js";
import {
  MAX_TRIAL_DURATION_MS,
  TRIAL_TEXT_LIMITS,
  checkOnlineLink,
  checkPhone,
  checkTrialText,
  checkTrialTimes,
  defaultDeadlines,
  matchScore,
  numericDateTime,
  overlaps,
  parseGradeRange,
  parseTrialEnd,
  parseTrialMoment,
  rankTrials,
  signupBlock,
  type SignupTrial,
  type TrialTimes,
} from "../../src/domain/trial.js";

const BISHKEK = "Asia/Bishkek"; // UTC+6 all year
const NOW = new Date("2026-09-14T03:00:00Z"); // Monday 09:00 in Bishkek
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("checkTrialText", () => {
  it("accepts each field up to its limit and refuses one character more", () => {
    for (const [field, max] of Object.entries(TRIAL_TEXT_LIMITS) as [keyof typeof TRIAL_TEXT_LIMITS, number][]) {
      expect(checkTrialText("я".repeat(max), field)).toEqual({ ok: true, value: "я".repeat(max) });
      expect(checkTrialText("я".repeat(max + 1), field)).toEqual({ ok: false, reason: "too-long", max });
    }
    expect(TRIAL_TEXT_LIMITS.title).toBe(120);
    expect(TRIAL_TEXT_LIMITS.description).toBe(2000);
    expect(TRIAL_TEXT_LIMITS.longText).toBe(1000);
  });

  it("refuses an empty or blank text", () => {
    expect(checkTrialText("", "title")).toEqual({ ok: false, reason: "empty", max: 120 });
    expect(checkTrialText("  \n\t \n ", "description")).toEqual({ ok: false, reason: "empty", max: 2000 });
  });

  it("trims, drops trailing spaces of lines and collapses runs of blank lines", () => {
    expect(checkTrialText("  Сварка  ", "title")).toEqual({ ok: true, value: "Сварка" });
    expect(checkTrialText("Первое   \n\n\n\n\nВторое\t\nТретье", "description")).toEqual({ ok: true, value: "Первое\n\nВторое\nТретье" });
  });

  it("measures the tidied text, not what was typed", () => {
    const padded = `  ${"a".repeat(120)}  `;
    expect(checkTrialText(padded, "title")).toEqual({ ok: true, value: "a".repeat(120) });
  });
});

describe("checkPhone", () => {
  it.each([
    ["+7 701 234 56 78", "+7 701 234 56 78"],
    ["8 (701) 234-56-78", "8 (701) 234-56-78"],
    ["87012345678", "87012345678"],
    ["+996 555 123 456", "+996 555 123 456"],
    ["  +996   555  123 456 ", "+996 555 123 456"],
    ["0555 123 456", "0555 123 456"],
  ])("accepts %s", (typed, kept) => {
    expect(checkPhone(typed)).toBe(kept);
  });

  it.each([
    ["letters", "+7 701 ABC 56 78"],
    ["a word", "звоните"],
    ["an extension", "+7 701 234 56 78 доб. 3"],
    ["a plus in the middle", "8 701 +234 56 78"],
    ["too few digits", "234-56-78"],
    ["nine digits", "555 123 45 6"],
    ["too many digits", "+7 701 234 56 78 90 12 3"],
    ["nothing", ""],
    ["only punctuation", "(--) --"],
  ])("refuses %s", (_what, typed) => {
    expect(checkPhone(typed)).toBeUndefined();
  });
});

describe("checkOnlineLink", () => {
  it("accepts http and https links to a named host", () => {
    expect(checkOnlineLink("https://meet.google.com/abc-defg-hij")).toBe("https://meet.google.com/abc-defg-hij");
    expect(checkOnlineLink("  http://zoom.us/j/123?pwd=x  ")).toBe("http://zoom.us/j/123?pwd=x");
    expect(checkOnlineLink("https://Zoom.US")).toBe("https://zoom.us/");
  });

  it.each([
    ["no scheme", "meet.google.com/abc"],
    ["another scheme", "ftp://files.example.org/x"],
    ["a script", "javascript:alert(1)"],
    ["a telegram handle", "@bagdar"],
    ["a host without a dot", "https://localhost/room"],
    ["a space inside", "https://meet.google.com/abc def"],
    ["too long", `https://example.org/${"a".repeat(2048)}`],
    ["nothing", ""],
  ])("refuses %s", (_what, typed) => {
    expect(checkOnlineLink(typed)).toBeUndefined();
  });
});

describe("parseGradeRange", () => {
  it.each([
    ["8-9", { minGrade: 8, maxGrade: 9 }],
    ["8–11", { minGrade: 8, maxGrade: 11 }],
    ["7 — 10", { minGrade: 7, maxGrade: 10 }],
    ["9", { minGrade: 9, maxGrade: 9 }],
    [" 5-11 ", { minGrade: 5, maxGrade: 11 }],
  ])("reads %s", (typed, range) => {
    expect(parseGradeRange(typed)).toEqual(range);
  });

  it.each(["4-9", "8-12", "10-8", "12", "0", "eight", "8-", "-9", "8,9", "8 9", ""])("refuses %s", (typed) => {
    expect(parseGradeRange(typed)).toBeUndefined();
  });

  it("takes other limits", () => {
    expect(parseGradeRange("1-4", 1, 4)).toEqual({ minGrade: 1, maxGrade: 4 });
    expect(parseGradeRange("5", 1, 4)).toBeUndefined();
  });
});

describe("parseTrialMoment", () => {
  it.each([
    ["15.10 10:00", "2026-10-15T04:00:00Z"],
    ["15.10.2026 10:00", "2026-10-15T04:00:00Z"],
    ["15/10/2026, 10.00", "2026-10-15T04:00:00Z"],
    ["5-10 9:30", "2026-10-05T03:30:00Z"],
    ["  14.09   09:01 ", "2026-09-14T03:01:00Z"],
    ["14.09.2027 10:00", "2027-09-14T04:00:00Z"],
  ])("reads %s on the school's clock", (typed, expected) => {
    expect(parseTrialMoment(typed, NOW, BISHKEK)).toEqual({ ok: true, at: new Date(expected) });
  });

  it("uses the school's zone", () => {
    expect(parseTrialMoment("15.10 10:00", NOW, "Asia/Almaty")).toEqual({ ok: true, at: new Date("2026-10-15T05:00:00Z") });
  });

  it.each(["", "tomorrow", "15.10", "10:00", "15.10 25:00", "15.10 10:60", "15.10.26 10:00", "15.10 10", "15 октября 10:00"])("refuses the format of %j", (typed) => {
    expect(parseTrialMoment(typed, NOW, BISHKEK)).toEqual({ ok: false, reason: "format" });
  });

  it.each(["31.09 10:00", "30.02 10:00", "29.02.2027 10:00", "32.10 10:00", "15.13 10:00", "00.10 10:00"])("refuses %s as a date that does not exist", (typed) => {
    expect(parseTrialMoment(typed, NOW, BISHKEK)).toEqual({ ok: false, reason: "no-such-date" });
  });

  it("refuses a moment already behind, without moving a recent one to next year", () => {
    expect(parseTrialMoment("14.09 09:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "past" });
    expect(parseTrialMoment("14.09 08:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "past" });
    expect(parseTrialMoment("01.09 10:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "past" });
    expect(parseTrialMoment("01.08.2026 10:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "past" });
  });

  it("reads a date without a year well behind us as the next one", () => {
    expect(parseTrialMoment("01.08 10:00", NOW, BISHKEK)).toEqual({ ok: true, at: new Date("2027-08-01T04:00:00Z") });
  });

  it("refuses a moment more than a year ahead", () => {
    expect(parseTrialMoment("15.10.2027 10:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "too-far" });
    expect(parseTrialMoment("15.09.2027 10:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "too-far" });
  });

  it("rolls over the year in December", () => {
    const december = new Date("2026-12-20T06:00:00Z"); // 12:00 in Bishkek
    expect(parseTrialMoment("15.01 10:00", december, BISHKEK)).toEqual({ ok: true, at: new Date("2027-01-15T04:00:00Z") });
    expect(parseTrialMoment("25.12 10:00", december, BISHKEK)).toEqual({ ok: true, at: new Date("2026-12-25T04:00:00Z") });
    expect(parseTrialMoment("15.01.2026 10:00", december, BISHKEK)).toEqual({ ok: false, reason: "past" });
  });

  it("reads 29 February without a year as the coming leap day", () => {
    const december = new Date("2027-12-20T06:00:00Z");
    expect(parseTrialMoment("29.02 10:00", december, BISHKEK)).toEqual({ ok: true, at: new Date("2028-02-29T04:00:00Z") });
    expect(parseTrialMoment("29.02 10:00", NOW, BISHKEK)).toEqual({ ok: false, reason: "no-such-date" });
  });
});

describe("parseTrialEnd", () => {
  const START = new Date("2026-10-15T04:00:00Z"); // 15.10 10:00 in Bishkek

  it("reads a time alone on the start's day", () => {
    expect(parseTrialEnd("13:00", START, BISHKEK)).toEqual({ ok: true, at: new Date("2026-10-15T07:00:00Z") });
    expect(parseTrialEnd(" 13.30 ", START, BISHKEK)).toEqual({ ok: true, at: new Date("2026-10-15T07:30:00Z") });
  });

  it("reads a full date for a session over several days", () => {
    expect(parseTrialEnd("16.10 13:00", START, BISHKEK)).toEqual({ ok: true, at: new Date("2026-10-16T07:00:00Z") });
    expect(parseTrialEnd("16.10.2026 13:00", START, BISHKEK)).toEqual({ ok: true, at: new Date("2026-10-16T07:00:00Z") });
  });

  it("refuses an end at or before the start", () => {
    expect(parseTrialEnd("09:00", START, BISHKEK)).toEqual({ ok: false, reason: "before-start" });
    expect(parseTrialEnd("10:00", START, BISHKEK)).toEqual({ ok: false, reason: "before-start" });
    expect(parseTrialEnd("15.10 09:59", START, BISHKEK)).toEqual({ ok: false, reason: "before-start" });
    expect(parseTrialEnd("14.10.2026 18:00", START, BISHKEK)).toEqual({ ok: false, reason: "before-start" });
  });

  it("allows two weeks at most", () => {
    expect(parseTrialEnd("29.10 10:00", START, BISHKEK)).toEqual({ ok: true, at: new Date(START.getTime() + MAX_TRIAL_DURATION_MS) });
    expect(parseTrialEnd("29.10 10:01", START, BISHKEK)).toEqual({ ok: false, reason: "too-long" });
    expect(parseTrialEnd("15.12 10:00", START, BISHKEK)).toEqual({ ok: false, reason: "too-long" });
  });

  it("refuses what is not a time or date, and a date that does not exist", () => {
    expect(parseTrialEnd("1pm", START, BISHKEK)).toEqual({ ok: false, reason: "format" });
    expect(parseTrialEnd("24:00", START, BISHKEK)).toEqual({ ok: false, reason: "format" });
    expect(parseTrialEnd("13:75", START, BISHKEK)).toEqual({ ok: false, reason: "format" });
    expect(parseTrialEnd("31.10.2026 25:00", START, BISHKEK)).toEqual({ ok: false, reason: "format" });
    expect(parseTrialEnd("31.11 10:00", START, BISHKEK)).toEqual({ ok: false, reason: "no-such-date" });
  });
});

describe("checkTrialTimes", () => {
  const good: TrialTimes = {
    startsAt: new Date("2026-10-15T04:00:00Z"),
    endsAt: new Date("2026-10-15T07:00:00Z"),
    signupDeadline: new Date("2026-10-13T12:00:00Z"),
    consentDeadline: new Date("2026-10-14T12:00:00Z"),
  };
  const check = (change: Partial<TrialTimes>) => checkTrialTimes({ ...good, ...change }, NOW);

  it("accepts workable dates, including deadlines that meet", () => {
    expect(check({})).toBeUndefined();
    expect(check({ consentDeadline: good.signupDeadline })).toBeUndefined();
    expect(check({ signupDeadline: good.startsAt, consentDeadline: good.startsAt })).toBeUndefined();
    expect(check({ endsAt: new Date(good.startsAt.getTime() + MAX_TRIAL_DURATION_MS) })).toBeUndefined();
  });

  it("names each problem", () => {
    expect(check({ startsAt: NOW })).toBe("start-past");
    expect(check({ startsAt: new Date(NOW.getTime() - HOUR) })).toBe("start-past");
    expect(check({ endsAt: good.startsAt })).toBe("end-before-start");
    expect(check({ endsAt: new Date(good.startsAt.getTime() - HOUR) })).toBe("end-before-start");
    expect(check({ endsAt: new Date(good.startsAt.getTime() + MAX_TRIAL_DURATION_MS + 1) })).toBe("too-long");
    expect(check({ signupDeadline: new Date(good.startsAt.getTime() + 1) })).toBe("signup-after-start");
    expect(check({ signupDeadline: NOW })).toBe("signup-past");
    expect(check({ consentDeadline: new Date(good.signupDeadline.getTime() - 1) })).toBe("consent-before-signup");
    expect(check({ consentDeadline: new Date(good.startsAt.getTime() + 1) })).toBe("consent-after-start");
  });

  it("lets an edit keep a sign-up deadline that has passed, and only that one", () => {
    const later = new Date(good.signupDeadline.getTime() + HOUR);
    const kept = { signupDeadline: good.signupDeadline };
    expect(checkTrialTimes(good, later)).toBe("signup-past");
    expect(checkTrialTimes(good, later, kept)).toBeUndefined();
    expect(checkTrialTimes({ ...good, signupDeadline: new Date(good.signupDeadline.getTime() + 1) }, later, kept)).toBe("signup-past");
    expect(checkTrialTimes({ ...good, consentDeadline: new Date(good.signupDeadline.getTime() - 1) }, later, kept)).toBe("consent-before-signup");
    expect(checkTrialTimes(good, good.startsAt, kept)).toBe("start-past");
  });
});

describe("defaultDeadlines", () => {
  it("closes sign-up two days and consent one day before, at 18:00 on the school's clock", () => {
    expect(defaultDeadlines(new Date("2026-10-15T04:00:00Z"), NOW, BISHKEK)).toEqual({
      signupDeadline: new Date("2026-10-13T12:00:00Z"),
      consentDeadline: new Date("2026-10-14T12:00:00Z"),
    });
    // Early in the morning: still the previous calendar days.
    expect(defaultDeadlines(new Date("2026-10-14T20:30:00Z"), NOW, BISHKEK)).toEqual({
      signupDeadline: new Date("2026-10-13T12:00:00Z"),
      consentDeadline: new Date("2026-10-14T12:00:00Z"),
    });
  });

  it("works as long as sign-up would still close in the future", () => {
    expect(defaultDeadlines(new Date("2026-09-16T04:00:00Z"), NOW, BISHKEK)).toEqual({
      signupDeadline: new Date("2026-09-14T12:00:00Z"),
      consentDeadline: new Date("2026-09-15T12:00:00Z"),
    });
    expect(defaultDeadlines(new Date("2026-09-15T04:00:00Z"), NOW, BISHKEK)).toBeUndefined();
    expect(defaultDeadlines(new Date("2026-09-16T04:00:00Z"), new Date("2026-09-14T12:00:00Z"), BISHKEK)).toBeUndefined();
  });
});

describe("signupBlock", () => {
  const school = new Types.ObjectId();
  const trial: SignupTrial = {
    status: "published",
    startsAt: new Date(NOW.getTime() + 10 * DAY),
    signupDeadline: new Date(NOW.getTime() + 8 * DAY),
    minGrade: 8,
    maxGrade: 10,
    schoolIds: [new Types.ObjectId(), school],
  };
  const pupil = { schoolId: new Types.ObjectId(school.toHexString()), grade: 9 };

  it("lets a pupil of a listed school in the grade range sign up", () => {
    expect(signupBlock(trial, pupil, NOW)).toBeUndefined();
    expect(signupBlock(trial, { ...pupil, grade: 8 }, NOW)).toBeUndefined();
    expect(signupBlock(trial, { ...pupil, grade: 10 }, NOW)).toBeUndefined();
  });

  it("names every reason", () => {
    expect(signupBlock(trial, { grade: 9 }, NOW)).toBe("not-a-pupil");
    expect(signupBlock(trial, { schoolId: school }, NOW)).toBe("not-a-pupil");
    for (const status of ["draft", "cancelled", "completed"]) expect(signupBlock({ ...trial, status }, pupil, NOW)).toBe("not-open");
    expect(signupBlock({ ...trial, startsAt: NOW, signupDeadline: NOW }, pupil, NOW)).toBe("started");
    expect(signupBlock({ ...trial, signupDeadline: NOW }, pupil, NOW)).toBe("deadline");
    expect(signupBlock(trial, { ...pupil, schoolId: new Types.ObjectId() }, NOW)).toBe("school");
    expect(signupBlock(trial, { ...pupil, grade: 7 }, NOW)).toBe("grade");
    expect(signupBlock(trial, { ...pupil, grade: 11 }, NOW)).toBe("grade");
  });

  it("keeps sign-up open until the start when there is no deadline", () => {
    expect(signupBlock({ ...trial, signupDeadline: undefined }, pupil, new Date(trial.startsAt.getTime() - 1))).toBeUndefined();
    expect(signupBlock({ ...trial, signupDeadline: null }, pupil, trial.startsAt)).toBe("started");
  });
});

describe("overlaps", () => {
  const at = (h1: number, h2: number) => ({ startsAt: new Date(NOW.getTime() + h1 * HOUR), endsAt: new Date(NOW.getTime() + h2 * HOUR) });

  it("sees sessions that share any time", () => {
    expect(overlaps(at(10, 13), at(12, 15))).toBe(true);
    expect(overlaps(at(12, 15), at(10, 13))).toBe(true);
    expect(overlaps(at(10, 20), at(12, 13))).toBe(true);
    expect(overlaps(at(10, 13), at(10, 13))).toBe(true);
  });

  it("lets back-to-back and separate sessions be", () => {
    expect(overlaps(at(10, 13), at(13, 15))).toBe(false);
    expect(overlaps(at(13, 15), at(10, 13))).toBe(false);
    expect(overlaps(at(10, 11), at(30, 31))).toBe(false);
  });
});

describe("matchScore and rankTrials", () => {
  const top: RiasecLetter[] = ["R", "I", "A"];

  it("weighs the pupil's letters 3, 2, 1, a trial taking its best direction", () => {
    expect(matchScore(["R"], top)).toBe(3);
    expect(matchScore(["I"], top)).toBe(2);
    expect(matchScore(["A"], top)).toBe(1);
    expect(matchScore(["C", "A", "I"], top)).toBe(2);
    expect(matchScore(["S", "E", "C"], top)).toBe(0);
    expect(matchScore(["R", "I", "A", "S", "E", "C"], top)).toBe(3);
    expect(matchScore(["R"], [])).toBe(0);
    expect(matchScore([], top)).toBe(0);
  });

  it("puts the best match first, then the soonest, keeping ties in the given order", () => {
    const trial = (name: string, directions: RiasecLetter[], days: number) => ({ name, directions, startsAt: new Date(NOW.getTime() + days * DAY) });
    const trials = [
      trial("social soon", ["S"], 1),
      trial("artistic late", ["A"], 9),
      trial("realistic late", ["R"], 20),
      trial("artistic soon", ["A"], 2),
      trial("investigative", ["I", "S"], 5),
      trial("realistic soon", ["R", "C"], 3),
      trial("artistic tie 1", ["A"], 4),
      trial("artistic tie 2", ["A", "E"], 4),
    ];
    expect(rankTrials(trials, top).map((t) => t.name)).toEqual([
      "realistic soon",
      "realistic late",
      "investigative",
      "artistic soon",
      "artistic tie 1",
      "artistic tie 2",
      "artistic late",
      "social soon",
    ]);
    expect(trials[0]!.name).toBe("social soon");
  });

  it("orders by date alone without a result", () => {
    const a = { directions: ["R"] as RiasecLetter[], startsAt: new Date(NOW.getTime() + 2 * DAY) };
    const b = { directions: ["C"] as RiasecLetter[], startsAt: new Date(NOW.getTime() + DAY) };
    expect(rankTrials([a, b], [])).toEqual([b, a]);
  });
});

describe("numericDateTime", () => {
  it("writes day, month, year and time on the school's clock, padded", () => {
    expect(numericDateTime(new Date("2026-10-15T04:00:00Z"), BISHKEK)).toBe("15.10.2026 10:00");
    expect(numericDateTime(new Date("2027-03-05T03:05:00Z"), BISHKEK)).toBe("05.03.2027 09:05");
    expect(numericDateTime(new Date("2026-12-31T20:30:00Z"), BISHKEK)).toBe("01.01.2027 02:30");
    expect(numericDateTime(new Date("2026-12-31T20:30:00Z"), "Asia/Almaty")).toBe("01.01.2027 01:30");
  });
});
