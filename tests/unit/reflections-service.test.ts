import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { AfterReflectionInput } from "../../src/services/reflections.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-10-15T10:00:00Z");
const STARTS = new Date("2026-10-15T04:00:00Z"); // 15.10 09:00 in Almaty
const ENDS = new Date("2026-10-15T07:00:00Z");

const INPUT: AfterReflectionInput = {
  answers: { didWhat: "Испекла батон", wentWell: "Тесто поднялось", aboutMe: "Люблю работать руками" },
  liked: "yes",
  wouldChoose: "unsure",
  useful: "yes",
  rating: 4,
  selfAssessment: { task: 3, procedure: 2, accuracy: 2, communication: 1, safety: 3 },
  interestAfter: 3,
  artifact: { fileId: "photo-9", kind: "photo", inPortfolio: true },
  shareWithParents: true,
};

describe("reflection service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let pupil: UserView;
  let other: UserView;
  let parentId: Types.ObjectId;
  let trialId: Types.ObjectId;
  let registrationId: Types.ObjectId;
  let telegramId = 50_000;
  const i18n = createI18n("kk");

  const user = async (roles: Role[], extra: Record<string, unknown> = {}) =>
    (await services.users.findById((await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id))!;
  const summaries = () => models.Notification.find({ kind: "parent-summary" }).lean();

  beforeEach(async () => {
    db = await createTestDatabase("reflections");
    models = createModels(db.connection);
    await ensureIndexes(models);
    const clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", NODE_ENV: "test" }), logger: silentLogger() });
    const schoolId = (await models.School.create({ name: "School", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    pupil = await user(["student"], { schoolId, firstName: "Аружан", grade: 9 });
    other = await user(["student"], { schoolId, firstName: "Бекзат", grade: 9 });
    parentId = (await user(["guardian"], { firstName: "Гульнара" })).id;
    await models.Guardianship.create({ guardianId: parentId, studentId: pupil.id, inviteId: new Types.ObjectId() });
    trialId = (
      await models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Пекарь на один день",
        host: { organisation: "Колледж питания", address: "Абая 10" },
        mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
        startsAt: STARTS,
        endsAt: ENDS,
        timezone: "Asia/Almaty",
        capacity: 5,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [schoolId],
        status: "published",
        createdBy: new Types.ObjectId(),
        schoolId,
      })
    )._id;
    registrationId = (await models.Registration.create({ trialId, studentId: pupil.id, status: "attended", attended: true }))._id;
  });
  afterEach(async () => db.drop());

  it("stores the whole 'after' reflection once, with the sharing choice, and queues one summary per parent with the child's words", async () => {
    expect(await services.reflections.open(pupil, registrationId, "after")).toMatchObject({ trialTitle: "Пекарь на один день", done: false });
    await services.reflections.saveAfter(pupil, registrationId, INPUT);

    const stored = await models.Reflection.findOne({ registrationId, phase: "after" }).lean();
    expect(stored).toMatchObject({ studentId: pupil.id, trialId, liked: "yes", wouldChoose: "unsure", useful: "yes", rating: 4, interestAfter: 3 });
    expect(Object.fromEntries(Object.entries(stored!.answers as unknown as Record<string, string>))).toEqual({
      didWhat: "Испекла батон",
      wentWell: "Тесто поднялось",
      aboutMe: "Люблю работать руками",
      shareWithParents: "yes",
    });
    expect(stored!.selfAssessment).toEqual({ task: 3, procedure: 2, accuracy: 2, communication: 1, safety: 3 });
    expect(stored!.artifacts).toMatchObject([{ fileId: "photo-9", kind: "photo", inPortfolio: true }]);
    expect(await services.reflections.open(pupil, registrationId, "after")).toMatchObject({ done: true });

    const [summary, ...rest] = await summaries();
    expect(rest).toHaveLength(0);
    expect(summary).toMatchObject({ dedupeKey: `parent-summary:${registrationId.toHexString()}:${parentId.toHexString()}`, userId: parentId, urgent: false });
    expect(summary!.payload).toMatchObject({ key: "reflection-parent-summary", params: { child: "Аружан", organisation: "Колледж питания", mentor: "Ерлан Ахметов", shared: "yes", did: "Испекла батон" } });
    expect(i18n.t("ru", "reflection-parent-summary", summary!.payload.params)).toContain("«Испекла батон»");

    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, interestAfter: 1 })).rejects.toMatchObject({ code: "reflection-done" });
    expect(await models.Reflection.countDocuments()).toBe(1);
    expect(await summaries()).toHaveLength(1);
  });

  it("without the pupil's agreement the parents' summary has a neutral line and not the child's words", async () => {
    await services.reflections.saveAfter(pupil, registrationId, { ...INPUT, shareWithParents: false });
    const stored = await models.Reflection.findOne({ registrationId }).lean();
    expect((stored!.answers as unknown as Record<string, string>).shareWithParents).toBe("no");
    const [summary] = await summaries();
    expect(summary!.payload.params).toMatchObject({ shared: "no", did: "" });
    for (const locale of ["kk", "ru", "ky", "en"]) expect(i18n.t(locale, "reflection-parent-summary", summary!.payload.params)).not.toContain("Испекла батон");
    expect(i18n.t("ru", "reflection-parent-summary", summary!.payload.params)).toContain("Ребёнок попробовал на практике работу по этой профессии");
  });

  it("keeps the parents' summary under 1,500 characters in every language, even with the longest answer", async () => {
    const long = "Я месила тесто и формовала батоны. ".repeat(40).slice(0, 1000);
    await services.reflections.saveAfter(pupil, registrationId, { ...INPUT, answers: { didWhat: long } });
    const [summary] = await summaries();
    for (const locale of ["kk", "ru", "ky", "en"]) expect(i18n.t(locale, "reflection-parent-summary", summary!.payload.params).length).toBeLessThan(1500);
  });

  it("refuses another pupil, a registration not marked attended, and bad answers; nothing is stored", async () => {
    await expect(services.reflections.open(other, registrationId, "after")).rejects.toMatchObject({ code: "not-allowed" });
    await expect(services.reflections.saveAfter(other, registrationId, INPUT)).rejects.toMatchObject({ code: "not-allowed" });
    const noShow = (await models.Registration.create({ trialId, studentId: other.id, status: "no_show", attended: false }))._id;
    await expect(services.reflections.saveAfter(other, noShow, INPUT)).rejects.toMatchObject({ code: "reflection-not-attended" });
    await expect(services.reflections.saveTrace(other, noShow, { nextStep: "Ещё проба" })).rejects.toMatchObject({ code: "reflection-not-attended" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, answers: { wentWell: "Всё" } })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, answers: { didWhat: "x".repeat(1001) } })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, selfAssessment: { ...INPUT.selfAssessment, safety: 4 } })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, interestAfter: 6 })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, rating: 0 })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, rating: 6 })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, rating: 4.5 })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveAfter(pupil, registrationId, { ...INPUT, rating: Number.NaN })).rejects.toMatchObject({ code: "invalid-input" });
    await expect(services.reflections.saveTrace(pupil, registrationId, { new: "Печь" })).rejects.toMatchObject({ code: "invalid-input" });
    expect(await models.Reflection.countDocuments()).toBe(0);
    expect(await summaries()).toHaveLength(0);
  });

  it("stores the 'trace' reflection once", async () => {
    await services.reflections.saveTrace(pupil, registrationId, { new: "  Как работает печь  ", nextStep: "Ещё одна проба" });
    const stored = await models.Reflection.findOne({ registrationId, phase: "trace" }).lean();
    expect(stored!.answers).toEqual({ new: "Как работает печь", nextStep: "Ещё одна проба" });
    await expect(services.reflections.saveTrace(pupil, registrationId, { nextStep: "Другое" })).rejects.toMatchObject({ code: "reflection-done" });
    expect(await services.reflections.open(pupil, registrationId, "trace")).toMatchObject({ done: true });
  });
});
