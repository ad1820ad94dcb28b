import { describe, expect, it } from "vitest";
import { checkQuietHours, earliestSendTime } from "../../src/domain/quiet-hours.js";

const NIGHT = { startHour: 22, endHour: 7 };
const at = (iso: string) => new Date(iso);

describe("quiet hours", () => {
  it("Almaty (UTC+5): 23:00 local is quiet until 07:00 the next morning", () => {
    // 2026-09-14 18:00Z = 23:00 in Almaty.
    expect(checkQuietHours(at("2026-09-14T18:00:00Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-09-15T02:00:00Z") });
  });

  it("Almaty: 03:30 local (after midnight) is quiet until 07:00 the same day", () => {
    expect(checkQuietHours(at("2026-09-14T22:30:00Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-09-15T02:00:00Z") });
  });

  it("Bishkek (UTC+6): the same instant is read on Bishkek's own clock", () => {
    // 18:00Z is 00:00 in Bishkek: quiet until 07:00 Bishkek = 01:00Z.
    expect(checkQuietHours(at("2026-09-14T18:00:00Z"), "Asia/Bishkek", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-09-15T01:00:00Z") });
    // 16:30Z is 21:30 in Almaty (not quiet) and 22:30 in Bishkek (quiet).
    expect(checkQuietHours(at("2026-09-14T16:30:00Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: false });
    expect(checkQuietHours(at("2026-09-14T16:30:00Z"), "Asia/Bishkek", NIGHT).quiet).toBe(true);
  });

  it("boundaries: 22:00:00 is quiet, 21:59:59 is not; 06:59:59 is quiet, 07:00:00 is not", () => {
    expect(checkQuietHours(at("2026-09-14T16:59:59Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: false });
    expect(checkQuietHours(at("2026-09-14T17:00:00Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-09-15T02:00:00Z") });
    expect(checkQuietHours(at("2026-09-15T01:59:59Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-09-15T02:00:00Z") });
    expect(checkQuietHours(at("2026-09-15T02:00:00Z"), "Asia/Almaty", NIGHT)).toEqual({ quiet: false });
  });

  it("crosses month and year ends", () => {
    // 31 Dec 23:30 Almaty → 1 Jan 07:00 Almaty.
    expect(earliestSendTime(at("2026-12-31T18:30:00Z"), "Asia/Almaty", NIGHT)).toEqual(at("2027-01-01T02:00:00Z"));
  });

  it("a span that does not wrap midnight (13–15)", () => {
    const lunch = { startHour: 13, endHour: 15 };
    expect(checkQuietHours(at("2026-09-14T08:10:00Z"), "Asia/Almaty", lunch)).toEqual({ quiet: true, endsAt: at("2026-09-14T10:00:00Z") });
    expect(checkQuietHours(at("2026-09-14T10:00:00Z"), "Asia/Almaty", lunch)).toEqual({ quiet: false });
    expect(checkQuietHours(at("2026-09-14T07:59:00Z"), "Asia/Almaty", lunch)).toEqual({ quiet: false });
  });

  it("off (null) is never quiet, and a time outside quiet hours is sent as planned", () => {
    expect(checkQuietHours(at("2026-09-14T18:00:00Z"), "Asia/Almaty", null)).toEqual({ quiet: false });
    expect(earliestSendTime(at("2026-09-14T05:00:00Z"), "Asia/Almaty", NIGHT)).toEqual(at("2026-09-14T05:00:00Z"));
  });

  it("a zone with daylight saving: the quiet end follows the local clock across the change", () => {
    // Berlin leaves summer time on 25 Oct 2026 at 03:00 CEST → 02:00 CET. 23:00 CEST on the 24th = 21:00Z;
    // 07:00 CET on the 25th = 06:00Z (not 05:00Z, which the old offset would give).
    expect(checkQuietHours(at("2026-10-24T21:00:00Z"), "Europe/Berlin", NIGHT)).toEqual({ quiet: true, endsAt: at("2026-10-25T06:00:00Z") });
    // Spring forward on 29 Mar 2026: 02:00 CET → 03:00 CEST. Quiet 01–02 would end at 02:00, which does not exist: 03:00 CEST.
    expect(checkQuietHours(at("2026-03-29T00:30:00Z"), "Europe/Berlin", { startHour: 1, endHour: 2 })).toEqual({ quiet: true, endsAt: at("2026-03-29T01:00:00Z") });
  });
});
