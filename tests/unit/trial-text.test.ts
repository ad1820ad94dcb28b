import { describe, expect, it } from "vitest";
import { TRIAL_DETAILS_MAX, trialDetails, trialWhen, type TrialText } from "../../src/bot/trial-text.js";
import { TRIAL_TEXT_LIMITS } from "../../src/domain/trial.js";

const t = (key: string, vars?: Record<string, string | number>) => (vars ? `${key}(${Object.values(vars).join("|")})` : key);

const base: TrialText = {
  kind: "trial",
  format: "hybrid",
  title: "Welder for a day",
  description: "Weld a small frame under a mentor's eye.",
  directions: ["R", "I"],
  host: { organisation: "KazMash", address: "Abay St 10", onlineLink: "https://meet.example.kz/x", transport: "Bus 32" },
  mentor: { name: "Aibek", phone: "+7 701 234 56 78" },
  escort: { name: "Saule", phone: "+7 702 000 00 00" },
  startsAt: "2026-10-15T05:00:00.000Z",
  endsAt: "2026-10-15T08:00:00.000Z",
  timezone: "Asia/Almaty",
  capacity: 20,
  seatsTaken: 5,
  minGrade: 8,
  maxGrade: 11,
  bring: "Notebook",
  signupDeadline: "2026-10-13T13:00:00.000Z",
  consentDeadline: "2026-10-14T13:00:00.000Z",
};

describe("trial texts", () => {
  it("reads a one-day trial as one date with two times, and a longer one with both ends", () => {
    expect(trialWhen(base, "en")).toBe("15 October 2026, 10:00–13:00");
    expect(trialWhen({ ...base, endsAt: "2026-10-16T08:00:00.000Z" }, "en")).toBe("15 October 2026, 10:00 – 16 October 2026, 13:00");
  });

  it("keeps a normal card whole", () => {
    const text = trialDetails(base, { t, locale: "en" });
    expect(text).toContain("Weld a small frame under a mentor's eye.");
    expect(text).toContain("trial-field-mentor: Aibek, +7 701 234 56 78");
    expect(text).not.toContain("…");
  });

  it("shortens the description first when every field is at its longest, so the card fits one message", () => {
    const long = (n: number) => "ж".repeat(n);
    const longest: TrialText = {
      ...base,
      title: long(TRIAL_TEXT_LIMITS.title),
      description: `${long(TRIAL_TEXT_LIMITS.description - 3)}END`,
      host: { organisation: long(TRIAL_TEXT_LIMITS.organisation), address: long(TRIAL_TEXT_LIMITS.address), onlineLink: `https://x.kz/${"a".repeat(300)}`, transport: long(TRIAL_TEXT_LIMITS.transport) },
      bring: long(TRIAL_TEXT_LIMITS.longText),
      clothing: long(TRIAL_TEXT_LIMITS.longText),
      ppe: long(TRIAL_TEXT_LIMITS.longText),
      healthRestrictions: long(TRIAL_TEXT_LIMITS.longText),
      risks: `${long(TRIAL_TEXT_LIMITS.longText - 4)}RISK`,
    };
    const text = trialDetails(longest, { t, locale: "en" });
    expect(text.length).toBeLessThanOrEqual(TRIAL_DETAILS_MAX);
    expect(text).not.toContain("END");
    expect(text.endsWith("…")).toBe(true);
  });

  it("cuts only the description when that is enough, keeping the deadlines at the end", () => {
    const text = trialDetails({ ...base, description: "д".repeat(3400) }, { t, locale: "en" });
    expect(text.length).toBeLessThanOrEqual(TRIAL_DETAILS_MAX);
    expect(text).toContain("…");
    expect(text.split("\n").at(-1)).toMatch(/^trial-deadlines\(/);
  });
});
