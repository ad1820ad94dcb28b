import { Types } from "mongoose";
import type { ReflectionPhase } from "../../src/db/models/reflection.js";
import type { RegistrationStatus } from "../../src/db/models/registration.js";
import type { TrialKind } from "../../src/db/models/trial.js";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { menuData } from "../../src/bot/callback-data/menu.js";
import { portfolioPdfData } from "../../src/bot/callback-data/portfolio.js";
import { rosterArtifactsData, rosterOpenData, rosterPupilReflectionsData, rosterReflectionsData } from "../../src/bot/callback-data/roster.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedSchool } from "../support/seed.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2027-03-12T06:00:00Z"); // Friday, 11:00 in Almaty
const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";
const HINT = "The goal for a year: at least one career trial and four contacts with the world of work (trials, workplace visits, open days, master classes, meetings with professionals).";

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n");
}

describe("the pupil's portfolio", () => {
  let t: TestBot;
  let pupil: TestUser;
  let pupilId: Types.ObjectId;
  let schoolId: Types.ObjectId;

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    schoolId = await seedSchool(t);
    pupil = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: pupil.id, locale: "en", roles: ["student"], firstName: "Нұрсұлтан", lastName: "Әбенов", schoolId, grade: 9, classLetter: "Ә", status: "active", onboardedAt: NOW });
    pupilId = doc._id;
  });
  afterEach(() => t.close());

  async function trial(title: string, kind: TrialKind, startsAt: Date) {
    const doc = await t.deps.models.Trial.create({
      kind,
      format: "in_person",
      title,
      host: { organisation: "Алматы сервис колледжі", address: "Төле би 155" },
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      timezone: "Asia/Almaty",
      capacity: 10,
      minGrade: 7,
      maxGrade: 11,
      schoolIds: [schoolId],
      signupDeadline: new Date(startsAt.getTime() - 2 * 86_400_000),
      consentDeadline: new Date(startsAt.getTime() - 86_400_000),
      status: "published",
      createdBy: pupilId,
      schoolId,
    });
    return doc._id;
  }

  async function attended(trialId: Types.ObjectId, status: RegistrationStatus = "attended") {
    const reg = await t.deps.models.Registration.create({ trialId, studentId: pupilId, status, ...(status === "attended" ? { attended: true } : {}) });
    return reg._id;
  }

  async function reflection(trialId: Types.ObjectId, registrationId: Types.ObjectId, phase: ReflectionPhase, fields: Record<string, unknown>) {
    await t.deps.models.Reflection.create({ studentId: pupilId, trialId, registrationId, phase, ...fields });
  }

  /** One RIASEC result, one attended professional trial with reflections, one workplace visit, and things that must not count. */
  async function fullPortfolio() {
    await t.deps.models.QuestionnaireResult.create({ studentId: pupilId, instrument: "riasec@1", scores: { R: 9, S: 7, A: 5 }, top: ["R", "S", "A", "I", "E", "C"], startedAt: new Date("2026-10-01T05:00:00Z"), completedAt: new Date("2026-10-01T05:10:00Z"), locale: "en" });
    // A run still in progress is not a result.
    await t.deps.models.QuestionnaireResult.create({ studentId: pupilId, instrument: "riasec@1", position: 3, startedAt: new Date("2027-03-01T05:00:00Z"), locale: "en" });
    const bakery = await trial("Наубайшы: нан пісіру", "trial", new Date("2026-11-20T04:00:00Z"));
    const reg = await attended(bakery);
    await reflection(bakery, reg, "before", { answers: { expect: "Нан пісіру", worries: "Жоқ" }, interestBefore: 3 });
    await reflection(bakery, reg, "after", {
      answers: { didWhat: "Қамыр илеп, нан пістірдім", aboutMe: "Маған қолмен жұмыс ұнайды", wentWell: "Бәрі" },
      interestAfter: 5,
      liked: "yes",
      wouldChoose: "yes",
      useful: "yes",
      artifacts: [
        { fileId: "photo-1", kind: "photo", inPortfolio: true },
        { fileId: "doc-2", kind: "document", inPortfolio: false },
      ],
    });
    await reflection(bakery, reg, "trace", { answers: { nextStep: "Колледжге бару" } });
    await attended(await trial("Жылу электр станциясы", "excursion", new Date("2027-02-10T04:00:00Z")));
    // Not counted: a cancelled sign-up, and a trial of the previous school year (shown, but not in this year's targets).
    await attended(await trial("Cancelled trial", "trial", new Date("2027-01-15T04:00:00Z")), "cancelled");
    await attended(await trial("Last year", "trial", new Date("2026-05-15T04:00:00Z")));
  }

  it("shows interest results, trials with before → after and key answers, artefacts and the year's targets", async () => {
    await fullPortfolio();
    await pupil.command("portfolio");
    expect(pupil.lastText).toBe(
      [
        "📁 My portfolio\nӘбенов Нұрсұлтан",
        "📊 Interest results\n• 1 October 2026 — Interests: Maker, Helper, Creator",
        [
          "🎟 Trials I attended",
          "• Workplace visit «Жылу электр станциясы», 10 February 2027\n   Where: Алматы сервис колледжі",
          "",
          "• Career trial «Наубайшы: нан пісіру», 20 November 2026",
          "   Where: Алматы сервис колледжі",
          "   Interest (1–5): 3 → 5",
          "   What I did: Қамыр илеп, нан пістірдім",
          "   What I learned about myself: Маған қолмен жұмыс ұнайды",
          "   Would I choose this profession: yes",
          "   My next step: Колледжге бару",
          "   Artefacts: 2, in the portfolio: 1",
          "",
          "• Career trial «Last year», 15 May 2026\n   Where: Алматы сервис колледжі",
        ].join("\n"),
        ["🎯 School year 2026/2027", "Career trials: 1 of 1 ✅", "Contacts with the world of work: 2 of 4", HINT].join("\n"),
      ].join("\n\n"),
    );
    expect(pupil.buttons).toEqual(["📄 PDF"]);
  });

  it("a pupil with nothing yet gets a friendly empty portfolio with the targets at 0", async () => {
    await pupil.command("portfolio");
    expect(pupil.lastText).toBe(
      [
        "📁 My portfolio\nӘбенов Нұрсұлтан",
        "Your portfolio is empty for now. Take the interest questionnaire (/questionnaire) and sign up for a trial (/trials): everything you do will gather here.",
        "📊 Interest results\nNo results yet.",
        "🎟 Trials I attended\nNone yet.",
        ["🎯 School year 2026/2027", "Career trials: 0 of 1", "Contacts with the world of work: 0 of 4", HINT].join("\n"),
      ].join("\n\n"),
    );
  });

  it("exports a PDF in PT Sans that parses back with the Kazakh name, the trial and interest before → after", async () => {
    await fullPortfolio();
    await pupil.command("portfolio");
    await pupil.tap("📄 PDF");
    const sent = pupil.messages.at(-1)!;
    expect(sent.kind).toBe("document");
    expect(sent.fileName).toBe("portfolio-2027-03-12.pdf");
    expect(sent.text).toBe("📄 Your portfolio on 12 March 2027. You can show it at a college.");
    const bytes = sent.file!;
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const text = (await pdfText(bytes)).replace(/\s+/g, " ");
    expect(text).toContain("Әбенов Нұрсұлтан");
    expect(text).toContain("School: №12 мектеп-гимназия");
    expect(text).toContain("Class: 9Ә");
    expect(text).toContain("Career trial «Наубайшы: нан пісіру», 20 November 2026");
    expect(text).toContain("Interest before the trial: 3 of 5, after: 5 of 5");
    expect(text).toContain("What I learned about myself: Маған қолмен жұмыс ұнайды");
    expect(text).toContain("Interests: Maker, Helper, Creator");
    expect(text).toContain("Yearly targets, 2026/2027");
    expect(text).toContain("Career trials: 1 of 1");
    expect(text).toContain("Contacts with the world of work: 2 of 4");
    // PT Sans carries no emoji: none reach the document.
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it("the PDF of an empty portfolio still has its sections, in Kazakh", async () => {
    await t.deps.models.User.updateOne({ _id: pupilId }, { locale: "kk" });
    await pupil.command("portfolio");
    await pupil.tap("📄 PDF");
    const text = (await pdfText(pupil.messages.at(-1)!.file!)).replace(/\s+/g, " ");
    expect(text).toContain("Кәсіби бағдар портфолиосы");
    expect(text).toContain("Барған сынамалар әзірге жоқ.");
    expect(text).toContain("Кәсіби сынамалар: 0 / 1");
  });

  it("a long history stays within Telegram's limit and points to the PDF", async () => {
    for (let i = 0; i < 30; i++) {
      const id = await trial(`Trial number ${i} with a rather long title to fill the screen quickly`, "master_class", new Date(Date.UTC(2026, 9, 1 + i, 4)));
      const reg = await attended(id);
      await reflection(id, reg, "after", { answers: { didWhat: "x".repeat(1500), aboutMe: "y".repeat(1500) }, interestAfter: 4 });
    }
    await pupil.command("portfolio");
    const text = pupil.lastText;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/…and \d+ more in the PDF\./);
    expect(text).toContain("Contacts with the world of work: 30 of 4 ✅");
  });

  it("the pupil's menu has 📁 Portfolio", async () => {
    await pupil.command("menu");
    expect(pupil.buttons).toContain("📁 Portfolio");
    await pupil.tap("📁 Portfolio");
    expect(pupil.lastText.startsWith("📁 My portfolio\nӘбенов Нұрсұлтан")).toBe(true);
  });

  it("is for pupils only, and a tampered button is refused", async () => {
    const parent = t.user({ languageCode: "en" });
    await t.deps.models.User.create({ telegramId: parent.id, locale: "en", roles: ["guardian"], firstName: "Айгүл", status: "active", onboardedAt: NOW });
    await parent.command("portfolio");
    expect(parent.lastText).toBe(NOT_ALLOWED);
    await parent.tapData(portfolioPdfData.pack({}));
    expect(parent.messages.filter((m) => m.kind === "document")).toEqual([]);
    expect(parent.lastText).toBe(NOT_ALLOWED);
    await parent.tapData(menuData.pack({ action: "portfolio" }));
    expect(parent.lastText).toBe(NOT_ALLOWED);

    await pupil.command("portfolio");
    await pupil.tapData(`${portfolioPdfData.pack({})}:junk`);
    expect(pupil.messages.filter((m) => m.kind === "document")).toEqual([]);
    expect(t.telegram.callbackAnswers.size).toBeGreaterThan(0);
    expect([...t.telegram.callbackAnswers.values()].at(-1)?.text).toBe(STALE);
  });
});

describe("the teacher's view of reflections", () => {
  let t: TestBot;
  let teacher: TestUser;
  let schoolId: Types.ObjectId;
  let trialId: Types.ObjectId;
  const ids: Record<string, Types.ObjectId> = {};
  const regs: Record<string, Types.ObjectId> = {};

  async function pupil(key: string, firstName: string, lastName: string, status: RegistrationStatus) {
    ids[key] = (await t.deps.models.User.create({ telegramId: 500 + Object.keys(ids).length, locale: "kk", roles: ["student"], firstName, lastName, schoolId, grade: 9, classLetter: "А", status: "active", onboardedAt: NOW }))._id;
    regs[key] = (await t.deps.models.Registration.create({ trialId, studentId: ids[key], status }))._id;
  }
  const reflect = (key: string, phase: ReflectionPhase, fields: Record<string, unknown>) =>
    t.deps.models.Reflection.create({ studentId: ids[key], trialId, registrationId: regs[key], phase, ...fields });
  async function photoAnswer(key: string, fields: Record<string, unknown>) {
    const guardianId = new Types.ObjectId();
    await t.deps.models.Guardianship.create({ guardianId, studentId: ids[key], inviteId: new Types.ObjectId() });
    await t.deps.models.Consent.create({ studentId: ids[key], guardianId, kind: "photo", textVersion: "photo@1", textHash: "a".repeat(64), locale: "ru", recordedAt: NOW, ...fields });
  }
  const pupilData = (key: string) => rosterPupilReflectionsData.pack({ trial: trialId.toHexString(), pupil: ids[key]!.toHexString() });

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    for (const key of Object.keys(ids)) delete ids[key];
    schoolId = await seedSchool(t);
    teacher = t.user({ languageCode: "en" });
    const teacherId = (await t.deps.models.User.create({ telegramId: teacher.id, locale: "en", roles: ["teacher"], teacherSchoolId: schoolId, firstName: "Ерлан", status: "active", onboardedAt: NOW }))._id;
    const startsAt = new Date("2027-03-10T04:00:00Z");
    trialId = (
      await t.deps.models.Trial.create({
        kind: "trial", format: "in_person", title: "Наубайшы", host: { organisation: "Колледж" }, startsAt, endsAt: new Date("2027-03-10T07:00:00Z"), timezone: "Asia/Almaty",
        capacity: 10, minGrade: 7, maxGrade: 11, schoolIds: [schoolId], signupDeadline: new Date("2027-03-08T04:00:00Z"), consentDeadline: new Date("2027-03-09T04:00:00Z"),
        status: "published", createdBy: teacherId, schoolId,
      })
    )._id;
    await pupil("nursultan", "Нұрсұлтан", "Әбенов", "attended");
    await pupil("aigerim", "Айгерім", "Қасымова", "attended");
    await pupil("dana", "Дана", "Ким", "no_show");
    await reflect("nursultan", "before", { answers: { expect: "Нан пісіруді үйрену", worries: "Жоқ" }, interestBefore: 3 });
    await reflect("nursultan", "after", {
      answers: { didWhat: "Қамыр иледім", aboutMe: "Қолмен жұмыс ұнайды", shareWithParents: "yes" },
      interestAfter: 5, liked: "yes", wouldChoose: "unsure", useful: "yes",
      selfAssessment: { task: 3, procedure: 2, accuracy: 2, communication: 3, safety: 3 },
      artifacts: [
        { fileId: "photo-in", kind: "photo", inPortfolio: true },
        { fileId: "doc-in", kind: "document", inPortfolio: true },
        { fileId: "photo-private", kind: "photo", inPortfolio: false },
      ],
    });
    await reflect("nursultan", "trace", { answers: { nextStep: "Колледжге бару" } });
    await reflect("aigerim", "before", { answers: { expect: "Көру" }, interestBefore: 4, artifacts: [] });
    await reflect("aigerim", "after", { answers: { didWhat: "Көмектестім" }, interestAfter: 2, artifacts: [{ fileId: "photo-aigerim", kind: "photo", inPortfolio: true }] });
    // Nursultan's parent forbade photos; Aigerim's allow publishing.
    await photoAnswer("nursultan", { decision: "refused" });
    await photoAnswer("aigerim", { decision: "granted", photoScope: "publish" });
  });
  afterEach(() => t.close());

  it("the roster has 📝 Reflections: per pupil who came, which reflections are written", async () => {
    await teacher.command("menu");
    await teacher.tapData(rosterOpenData.pack({ trial: trialId.toHexString() }));
    expect(teacher.buttons).toContain("📝 Reflections");
    await teacher.tap("📝 Reflections");
    expect(teacher.lastText).toBe(
      [
        "📝 Reflections: «Наубайшы», 10.03 09:00",
        "1. Әбенов Нұрсұлтан, 9А\n   before ✅ · after ✅ · a day later ✅\n2. Қасымова Айгерім, 9А\n   before ✅ · after ✅ · a day later —",
        "✅ written, — not yet. Tap a pupil to read their answers.",
      ].join("\n\n"),
    );
    expect(teacher.buttons).toEqual(["👤 Әбенов Нұрсұлтан", "👤 Қасымова Айгерім", "↩️ Back"]);
  });

  it("per pupil: the reflections and the artefacts the pupil chose, a forbidden photo named but never sent", async () => {
    await teacher.command("menu");
    await teacher.tapData(rosterReflectionsData.pack({ trial: trialId.toHexString(), page: 0 }));
    await teacher.tap("👤 Әбенов Нұрсұлтан");
    expect(teacher.lastText).toBe(
      [
        "📝 Әбенов Нұрсұлтан, 9А — «Наубайшы»",
        "Before the trial:\nInterest: 3 of 5\n• Expects: Нан пісіруді үйрену\n• Worries: Жоқ",
        [
          "After the trial:",
          "Interest: 5 of 5",
          "• What they did: Қамыр иледім",
          "• Learned about themselves: Қолмен жұмыс ұнайды",
          "Liked: yes · Would choose: can't say yet · Useful: yes",
          "Self-assessment (1–3): understanding 3, procedure 2, accuracy 2, communication 3, safety 3",
        ].join("\n"),
        "A day or two later:\n• Next step: Колледжге бару",
        "📎 Artefacts in the portfolio: 2\n⛔ The pupil's photo is not shown: the parents did not allow photos.\n🔒 Kept out of the portfolio by the pupil: 1",
      ].join("\n\n"),
    );
    expect(teacher.buttons).toEqual(["📎 Show artefacts", "↩️ Back"]);
    const before = t.telegram.calls.length;
    await teacher.tap("📎 Show artefacts");
    const sent = t.telegram.calls.slice(before).filter((c) => c.method === "sendPhoto" || c.method === "sendDocument");
    expect(sent.map((c) => [c.method, c.payload.photo ?? c.payload.document])).toEqual([["sendDocument", "doc-in"]]);
    expect(teacher.lastText).toBe("⛔ The pupil's photo is not shown: the parents did not allow photos.");
  });

  it("a pupil whose parents allow photos: the portfolio photo is sent", async () => {
    await teacher.command("menu");
    await teacher.tapData(pupilData("aigerim"));
    expect(teacher.lastText).toContain("📎 Artefacts in the portfolio: 1");
    expect(teacher.lastText).not.toContain("⛔");
    const before = t.telegram.calls.length;
    await teacher.tap("📎 Show artefacts");
    const sent = t.telegram.calls.slice(before).filter((c) => c.method === "sendPhoto" || c.method === "sendDocument");
    expect(sent.map((c) => [c.method, c.payload.photo ?? c.payload.document, c.payload.caption])).toEqual([["sendPhoto", "photo-aigerim", "Қасымова Айгерім"]]);
  });

  it("a pupil who didn't come is not there, and only the school's staff may look", async () => {
    await teacher.command("menu");
    await teacher.tapData(pupilData("dana"));
    expect(teacher.lastText).toBe("That's no longer there. /menu shows what's current.");

    const other = t.user({ languageCode: "en" });
    const otherSchool = await seedSchool(t, "Школа №3", "Asia/Bishkek");
    await t.deps.models.User.create({ telegramId: other.id, locale: "en", roles: ["teacher"], teacherSchoolId: otherSchool, firstName: "Асель", status: "active", onboardedAt: NOW });
    await other.command("menu");
    for (const data of [rosterReflectionsData.pack({ trial: trialId.toHexString(), page: 0 }), pupilData("nursultan"), rosterArtifactsData.pack({ trial: trialId.toHexString(), pupil: ids.nursultan!.toHexString() })]) {
      await other.tapData(data);
      expect(other.lastText).toBe(NOT_ALLOWED);
    }
    const pupilUser = t.user({ languageCode: "en" });
    await t.deps.models.User.updateOne({ _id: ids.aigerim }, { telegramId: pupilUser.id, locale: "en" });
    await pupilUser.command("menu");
    await pupilUser.tapData(pupilData("nursultan"));
    expect(pupilUser.lastText).toBe(NOT_ALLOWED);
    expect(t.telegram.callsOf("sendPhoto")).toEqual([]);
  });

  it("a tampered button is refused as out of date", async () => {
    await teacher.command("menu");
    await teacher.tapData(`${pupilData("nursultan")}:x`);
    expect([...t.telegram.callbackAnswers.values()].at(-1)?.text).toBe(STALE);
    expect(teacher.lastText).not.toContain("Әбенов");
  });
});
