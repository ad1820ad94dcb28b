import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { clipText } from "../../src/domain/text.js";
import {
  CONSENT_CHASES,
  PHOTO_STRICTNESS,
  chaseToSend,
  currentRecords,
  dueChase,
  effectivePhotoScope,
  fitTexts,
  newestByGuardian,
  participationOutcome,
  type ParticipationRecord,
} from "../../src/domain/consent.js";
import { CONSENT_TEXT_VERSIONS } from "../../src/domain/consent-texts.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DEADLINE = new Date("2026-10-14T12:00:00Z");
const before = (ms: number) => new Date(DEADLINE.getTime() - ms);

describe("effectivePhotoScope", () => {
  it("is unknown while nobody has answered", () => {
    expect(effectivePhotoScope([])).toBe("unknown");
  });

  it("is the one answer given", () => {
    for (const scope of ["publish", "portfolio", "forbidden"] as const) {
      expect(effectivePhotoScope([{ decision: scope === "forbidden" ? "refused" : "granted", photoScope: scope }])).toBe(scope);
    }
  });

  it("takes the strictest of several guardians' answers", () => {
    expect(PHOTO_STRICTNESS).toEqual(["forbidden", "portfolio", "publish"]);
    expect(effectivePhotoScope([{ decision: "granted", photoScope: "publish" }, { decision: "granted", photoScope: "portfolio" }])).toBe("portfolio");
    expect(effectivePhotoScope([{ decision: "granted", photoScope: "portfolio" }, { decision: "granted", photoScope: "publish" }])).toBe("portfolio");
    expect(effectivePhotoScope([{ decision: "granted", photoScope: "publish" }, { decision: "refused", photoScope: "forbidden" }])).toBe("forbidden");
    expect(effectivePhotoScope([{ decision: "granted", photoScope: "publish" }, { decision: "granted", photoScope: "publish" }])).toBe("publish");
  });

  it("reads a withdrawal or a refusal without a scope as forbidden", () => {
    expect(effectivePhotoScope([{ decision: "granted", photoScope: "publish" }, { decision: "withdrawn" }])).toBe("forbidden");
    expect(effectivePhotoScope([{ decision: "refused" }])).toBe("forbidden");
    // A malformed grant without a scope can't allow anything.
    expect(effectivePhotoScope([{ decision: "granted" }])).toBe("forbidden");
  });
});

describe("participationOutcome", () => {
  it("one agreement is enough; any refusal or withdrawal wins", () => {
    expect(participationOutcome([])).toBe("pending");
    expect(participationOutcome(["granted"])).toBe("granted");
    expect(participationOutcome(["granted", "granted"])).toBe("granted");
    expect(participationOutcome(["granted", "refused"])).toBe("refused");
    expect(participationOutcome(["refused", "granted"])).toBe("refused");
    expect(participationOutcome(["granted", "withdrawn"])).toBe("withdrawn");
    expect(participationOutcome(["refused", "withdrawn"])).toBe("withdrawn");
  });
});

describe("the chase", () => {
  it("reminds 3 days and 1 day before the deadline", () => {
    expect(CONSENT_CHASES.map((c) => [c.id, c.before])).toEqual([
      ["3d", 3 * DAY],
      ["1d", DAY],
    ]);
  });

  it("dueChase: the latest threshold passed, nothing at or after the deadline", () => {
    expect(dueChase(DEADLINE, before(3 * DAY + 1))).toBeUndefined();
    expect(dueChase(DEADLINE, before(3 * DAY))).toBe("3d");
    expect(dueChase(DEADLINE, before(DAY + 1))).toBe("3d");
    expect(dueChase(DEADLINE, before(DAY))).toBe("1d");
    expect(dueChase(DEADLINE, before(1))).toBe("1d");
    expect(dueChase(DEADLINE, DEADLINE)).toBeUndefined();
    expect(dueChase(DEADLINE, new Date(DEADLINE.getTime() + 1))).toBeUndefined();
  });

  it("chaseToSend: only a threshold crossed after the request", () => {
    const askedEarly = before(5 * DAY);
    expect(chaseToSend(DEADLINE, askedEarly, before(4 * DAY))).toBeUndefined();
    expect(chaseToSend(DEADLINE, askedEarly, before(3 * DAY))).toBe("3d");
    expect(chaseToSend(DEADLINE, askedEarly, before(DAY))).toBe("1d");
    // Asked two days before: the 3-day threshold was already behind, so only the 1-day reminder.
    const askedLate = before(2 * DAY);
    expect(chaseToSend(DEADLINE, askedLate, askedLate)).toBeUndefined();
    expect(chaseToSend(DEADLINE, askedLate, before(DAY + HOUR))).toBeUndefined();
    expect(chaseToSend(DEADLINE, askedLate, before(DAY))).toBe("1d");
    // Asked within the last day: no reminder at all.
    expect(chaseToSend(DEADLINE, before(HOUR * 12), before(HOUR))).toBeUndefined();
    expect(chaseToSend(DEADLINE, askedEarly, DEADLINE)).toBeUndefined();
  });
});

describe("currentRecords", () => {
  const [mum, dad] = [new Types.ObjectId(), new Types.ObjectId()];
  const at = (hours: number) => new Date(Date.UTC(2026, 9, 1) + hours * HOUR);
  const record = (guardianId: Types.ObjectId, decision: ParticipationRecord["decision"], hours: number, healthNote?: string): ParticipationRecord => ({
    guardianId,
    decision,
    recordedAt: at(hours),
    healthNote,
  });

  it("keeps only what was answered for the request now open, the deciding record included", () => {
    const records = [record(mum, "granted", 1), record(mum, "withdrawn", 2), record(dad, "granted", 5), record(mum, "granted", 6, "Астма")];
    expect(currentRecords(records, { status: "pending_consent", statusChangedAt: at(3) })).toEqual(records.slice(2));
    expect(currentRecords(records, { status: "confirmed", statusChangedAt: at(5) })).toEqual(records.slice(2));
    expect(currentRecords(records, { status: "pending_consent", statusChangedAt: at(7) })).toEqual([]);
  });

  it("after the trial: everything since the last refusal or withdrawal", () => {
    const records = [record(mum, "granted", 1), record(mum, "withdrawn", 2), record(dad, "granted", 5), record(mum, "granted", 6, "Астма")];
    expect(currentRecords(records, { status: "attended", statusChangedAt: at(100) })).toEqual(records.slice(2));
    expect(currentRecords(records.slice(2), { status: "no_show", statusChangedAt: at(100) })).toEqual(records.slice(2));
  });

  it("newestByGuardian keeps each guardian's last word", () => {
    const records = [record(mum, "granted", 1), record(dad, "granted", 2), record(mum, "granted", 3, "Астма")];
    const newest = newestByGuardian(records);
    expect(newest.size).toBe(2);
    expect(newest.get(mum.toHexString())?.healthNote).toBe("Астма");
    expect(newest.get(dad.toHexString())?.recordedAt).toEqual(at(2));
  });
});

describe("shortening the teacher's texts", () => {
  it("clipText cuts with an ellipsis within the limit", () => {
    expect(clipText("короткий", 20)).toBe("короткий");
    expect(clipText("абвгд", 5)).toBe("абвгд");
    expect(clipText("абвгде", 5)).toBe("абвг…");
    expect(clipText("аб   вгде", 5)).toBe("аб…");
  });

  it("fitTexts leaves texts that fit alone and cuts each to its own limit", () => {
    expect(fitTexts({ a: { value: "abc", max: 10 }, b: { value: "defg", max: 10 } }, 100)).toEqual({ a: "abc", b: "defg" });
    expect(fitTexts({ a: { value: "x".repeat(30), max: 10 } }, 100)).toEqual({ a: `${"x".repeat(9)}…` });
  });

  it("fitTexts cuts the longest first, so short fields stay whole, and the total fits the budget", () => {
    const fitted = fitTexts({ long: { value: "л".repeat(700), max: 700 }, mid: { value: "с".repeat(250), max: 250 }, short: { value: "к".repeat(20), max: 250 } }, 500);
    expect(fitted.short).toBe("к".repeat(20));
    expect(fitted.long.endsWith("…")).toBe(true);
    expect(fitted.mid.endsWith("…")).toBe(true);
    expect(fitted.long.length).toBe(fitted.mid.length);
    expect(fitted.long.length + fitted.mid.length + fitted.short.length).toBeLessThanOrEqual(500);
    expect(fitted.long.length + fitted.mid.length + fitted.short.length).toBeGreaterThan(490);
  });
});

describe("consent text versions", () => {
  it("name every kind of consent", () => {
    expect(CONSENT_TEXT_VERSIONS).toEqual({ personal_data: "personal-data@1", participation: "participation@1", photo: "photo@1" });
  });
});
