import { describe, expect, it } from "vitest";
import { schoolYearOf, yearlyProgress, YEARLY_TARGETS } from "../../src/domain/yearly-targets.js";

const ALMATY = "Asia/Almaty"; // UTC+5
const BISHKEK = "Asia/Bishkek"; // UTC+6

describe("school year", () => {
  it("runs from 1 September to 31 August on the school's clock", () => {
    const year = schoolYearOf(new Date("2027-03-12T06:00:00Z"), ALMATY);
    expect(year.label).toBe("2026/2027");
    expect(year.start.toISOString()).toBe("2026-08-31T19:00:00.000Z");
    expect(year.end.toISOString()).toBe("2027-08-31T19:00:00.000Z");
  });

  it("turns over at local midnight of 1 September, not UTC's", () => {
    // 31 August 18:30 UTC is already 1 September 00:30 in Bishkek.
    expect(schoolYearOf(new Date("2027-08-31T18:30:00Z"), BISHKEK).label).toBe("2027/2028");
    expect(schoolYearOf(new Date("2027-08-31T17:30:00Z"), BISHKEK).label).toBe("2026/2027");
    expect(schoolYearOf(new Date("2026-09-01T00:00:00Z"), ALMATY).label).toBe("2026/2027");
  });
});

describe("yearly targets (seed 001: one trial and four contacts a year)", () => {
  const now = new Date("2027-03-12T06:00:00Z");

  it("are one trial and four contacts", () => {
    expect(YEARLY_TARGETS).toEqual({ trials: 1, contacts: 4 });
  });

  it("start at zero", () => {
    expect(yearlyProgress([], now, ALMATY)).toMatchObject({ trials: 0, contacts: 0, trialsTarget: 1, contactsTarget: 4, trialsMet: false, contactsMet: false });
  });

  it("count a professional trial toward both, every other kind toward contacts only", () => {
    const progress = yearlyProgress(
      [
        { kind: "trial", startsAt: new Date("2026-10-01T04:00:00Z") },
        { kind: "excursion", startsAt: new Date("2026-11-01T04:00:00Z") },
        { kind: "open_day", startsAt: new Date("2026-12-01T04:00:00Z") },
      ],
      now,
      ALMATY,
    );
    expect(progress).toMatchObject({ trials: 1, contacts: 3, trialsMet: true, contactsMet: false });
  });

  it("meet the contacts target at four, with no trial needed for it", () => {
    const kinds = ["excursion", "open_day", "master_class", "meeting"] as const;
    const progress = yearlyProgress(kinds.map((kind, i) => ({ kind, startsAt: new Date(Date.UTC(2026, 9 + i, 5)) })), now, ALMATY);
    expect(progress).toMatchObject({ trials: 0, contacts: 4, trialsMet: false, contactsMet: true });
  });

  it("count only the current school year, on the school's clock", () => {
    const progress = yearlyProgress(
      [
        { kind: "trial", startsAt: new Date("2026-08-31T18:59:00Z") }, // 31 August 23:59 in Almaty: last year
        { kind: "trial", startsAt: new Date("2026-08-31T19:00:00Z") }, // 1 September 00:00: this year
        { kind: "meeting", startsAt: new Date("2027-09-01T04:00:00Z") }, // next year
      ],
      now,
      ALMATY,
    );
    expect(progress).toMatchObject({ trials: 1, contacts: 1 });
  });
});
