import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { LOCALES } from "../../src/db/models/user.js";
import type { RosterEntry } from "../../src/services/registrations.js";
import { digestParams, directionSheetParams } from "../../src/services/reminders.js";
import type { TrialView } from "../../src/services/trials.js";
import { clippedList, keyStart, mapLink, planningWindow, reminderKey, reminderMoment } from "../../src/domain/reminder-plan.js";

const HOUR = 60 * 60 * 1000;
const STARTS = new Date("2026-09-24T05:00:00Z");
const at = (hoursBefore: number) => new Date(STARTS.getTime() - hoursBefore * HOUR);

describe("reminder moments", () => {
  it("plans the direction sheet from 24 hours before, up to 2 hours late", () => {
    expect(reminderMoment("reminder24h", STARTS, at(25))).toBeUndefined();
    expect(reminderMoment("reminder24h", STARTS, at(24))).toEqual(at(24));
    expect(reminderMoment("reminder24h", STARTS, at(22.5))).toEqual(at(24));
    // Confirmed 3 hours before (or the server was away): no "tomorrow" sheet at all.
    expect(reminderMoment("reminder24h", STARTS, at(22))).toBeUndefined();
    expect(reminderMoment("reminder24h", STARTS, at(3))).toBeUndefined();
  });

  it("plans the 2-hour reminder up to 1 hour late, never after the start", () => {
    expect(reminderMoment("reminder2h", STARTS, at(2.5))).toBeUndefined();
    expect(reminderMoment("reminder2h", STARTS, at(2))).toEqual(at(2));
    expect(reminderMoment("reminder2h", STARTS, at(1.25))).toEqual(at(2));
    expect(reminderMoment("reminder2h", STARTS, at(1))).toBeUndefined();
    expect(reminderMoment("reminder2h", STARTS, at(0))).toBeUndefined();
  });

  it("plans the teacher's digest a day before", () => {
    expect(reminderMoment("digest1d", STARTS, at(24.1))).toBeUndefined();
    expect(reminderMoment("digest1d", STARTS, at(23))).toEqual(at(24));
    expect(reminderMoment("digest1d", STARTS, at(21.9))).toBeUndefined();
  });

  it("reads trials starting within the next 24 hours", () => {
    expect(planningWindow(at(24))).toEqual({ from: at(24), to: STARTS });
  });
});

describe("reminder keys", () => {
  it("end with the trial's start, which the planner reads back", () => {
    const key = reminderKey("reminder24h", ["a".repeat(24), "b".repeat(24)], STARTS);
    expect(key).toBe(`reminder24h:${"a".repeat(24)}:${"b".repeat(24)}:${STARTS.getTime()}`);
    expect(keyStart(key)).toBe(STARTS.getTime());
    expect(keyStart("reminder24h:abc")).toBeUndefined();
  });
});

describe("map links", () => {
  it("search 2GIS: the Kazakh site for Kazakhstan, the Kyrgyz one for Bishkek", () => {
    expect(mapLink("пр. Абая 12, Алматы", "Asia/Almaty")).toBe(`https://2gis.kz/search/${encodeURIComponent("пр. Абая 12, Алматы")}`);
    expect(mapLink("Chui Ave 1 / 2", "Asia/Bishkek")).toBe("https://2gis.kg/search/Chui%20Ave%201%20%2F%202");
    expect(mapLink("Aktobe", "Asia/Aqtobe")).toBe("https://2gis.kz/search/Aktobe");
  });
});

describe("digest lists", () => {
  it("shows at most maxItems names within the budget and counts the rest", () => {
    const names = Array.from({ length: 50 }, (_, i) => `Pupil ${i + 1}`);
    const list = clippedList(names, { maxItems: 40, budget: 10_000 });
    expect(list.text.split(", ")).toHaveLength(40);
    expect(list.more).toBe(10);
    const tight = clippedList(names, { maxItems: 40, budget: 20 });
    expect(tight).toEqual({ text: "Pupil 1, Pupil 2", more: 48 });
    expect(clippedList([], { maxItems: 40, budget: 100 })).toEqual({ text: "", more: 0 });
    expect(clippedList(["a", "b"], { maxItems: 5, budget: 100, separator: "\n" })).toEqual({ text: "a\nb", more: 0 });
  });
});

describe("the teacher's digest and the direction sheet", () => {
  const i18n = createI18n("kk");
  const trial = {
    id: new Types.ObjectId(),
    kind: "trial",
    format: "hybrid",
    title: "Т".repeat(120),
    description: "",
    directions: ["R"],
    host: { organisation: "О".repeat(250), address: "А".repeat(250), transport: "Б".repeat(250), onlineLink: `https://example.com/${"x".repeat(280)}` },
    mentor: { name: "Н".repeat(100), phone: "+7 701 234 56 78" },
    escort: { name: "Е".repeat(100), phone: "+7 701 000 00 00" },
    startsAt: new Date("2026-09-24T05:00:00Z"),
    endsAt: new Date("2026-09-24T08:00:00Z"),
    timezone: "Asia/Almaty",
    capacity: 200,
    seatsTaken: 0,
    minGrade: 5,
    maxGrade: 11,
    schoolIds: [],
    bring: "В".repeat(250),
    clothing: "К".repeat(250),
    signupDeadline: new Date("2026-09-20T05:00:00Z"),
    consentDeadline: new Date("2026-09-22T05:00:00Z"),
    status: "published",
    schoolId: new Types.ObjectId(),
    createdBy: new Types.ObjectId(),
  } as TrialView;
  const entry = (i: number, fields: Partial<RosterEntry> = {}): RosterEntry => ({
    registrationId: new Types.ObjectId(),
    studentId: new Types.ObjectId(),
    firstName: `Имя${i}`,
    lastName: "Длиннофамильная",
    className: "10А",
    schoolName: "School",
    status: "confirmed",
    consent: "granted",
    photo: "publish",
    ...fields,
  });

  it("lists at most 40 names, then says how many more, and stays under 3,500 characters in every language", () => {
    const entries = [
      ...Array.from({ length: 60 }, (_, i) => entry(i, { photo: i % 3 === 0 ? "forbidden" : i % 3 === 1 ? "portfolio" : "publish", healthNote: "Аллергия ".repeat(60) })),
      ...Array.from({ length: 50 }, (_, i) => entry(100 + i, { status: "pending_consent", consent: "pending" })),
    ];
    const params = digestParams({ trial, entries, attendanceOpen: false });
    expect(params.confirmedCount).toBe(60);
    expect(params.missingCount).toBe(50);
    expect(String(params.confirmed).split(", ").length).toBeLessThanOrEqual(40);
    expect(Number(params.confirmedMore)).toBe(60 - String(params.confirmed).split(", ").length);
    for (const locale of LOCALES) {
      const text = i18n.t(locale, "digest-1d-teacher", params);
      expect(text.length).toBeLessThan(3500);
    }
    expect(i18n.t("en", "digest-1d-teacher", params)).toContain(`and ${String(params.confirmedMore)} more`);
  });

  it("fits the longest direction sheet into one message in every language", () => {
    const params = directionSheetParams(trial);
    expect(params.contact).toBe(`${"Е".repeat(100)}, +7 701 000 00 00`);
    for (const locale of LOCALES) {
      expect(i18n.t(locale, "reminder-24h-parent", { ...params, child: "Аружан" }).length).toBeLessThan(4096);
      expect(i18n.t(locale, "reminder-24h-pupil", params).length).toBeLessThan(4096);
    }
    // Without an escort, the mentor is the one to call.
    expect(directionSheetParams({ ...trial, escort: undefined }).contact).toBe(`${"Н".repeat(100)}, +7 701 234 56 78`);
    expect(directionSheetParams({ ...trial, format: "online" }).map).toBe("—");
  });
});
