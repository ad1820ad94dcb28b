import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { RegistrationStatus } from "../../src/db/models/registration.js";
import type { TrialKind } from "../../src/db/models/trial.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2027-03-12T03:00:00Z"); // 09:00 in Bishkek
const HOUR = 3_600_000;

describe("portfolio service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let schoolId: Types.ObjectId;
  let teacher: UserView;
  let me: UserView;
  let telegramId = 30_000;

  const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
  const user = async (roles: Role[], extra: Record<string, unknown> = {}) => view((await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id);
  const pupil = (firstName: string) => user(["student"], { schoolId, grade: 8, classLetter: "Б", firstName, lastName: "Асанов" });

  async function trial(title: string, kind: TrialKind, startsAt: Date, school = schoolId) {
    return (
      await models.Trial.create({
        kind, format: "in_person", title, host: { organisation: "Бишкек колледжи" }, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR), timezone: "Asia/Bishkek",
        capacity: 10, minGrade: 7, maxGrade: 11, schoolIds: [school], signupDeadline: new Date(startsAt.getTime() - 48 * HOUR), consentDeadline: new Date(startsAt.getTime() - 24 * HOUR),
        status: "published", createdBy: teacher.id, schoolId: school,
      })
    )._id;
  }
  const register = async (trialId: Types.ObjectId, who: UserView, status: RegistrationStatus = "attended") => (await models.Registration.create({ trialId, studentId: who.id, status }))._id;
  const parentId = new Types.ObjectId();
  const photo = async (who: UserView, fields: Record<string, unknown>) =>
    models.Consent.create({ studentId: who.id, guardianId: parentId, kind: "photo", textVersion: "photo@1", textHash: "b".repeat(64), locale: "ru", recordedAt: NOW, ...fields });

  beforeEach(async () => {
    db = await createTestDatabase("portfolio");
    models = createModels(db.connection);
    await ensureIndexes(models);
    services = createServices({ models, clock: new ManualClock({ frozenAt: NOW }), config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    schoolId = (await models.School.create({ name: "Школа-гимназия №5", region: "Бишкек", timezone: "Asia/Bishkek" }))._id;
    teacher = await user(["teacher"], { teacherSchoolId: schoolId });
    me = await pupil("Айбек");
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("the pupil's own portfolio", () => {
    it("is for pupils only", async () => {
      await expect(services.portfolio.mine(teacher)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.portfolio.mine(null)).rejects.toBeInstanceOf(NotAllowed);
    });

    it("is empty, with the targets at zero, for a pupil with nothing yet", async () => {
      const portfolio = await services.portfolio.mine(me);
      expect(portfolio).toMatchObject({ firstName: "Айбек", lastName: "Асанов", className: "8Б", schoolName: "Школа-гимназия №5", timezone: "Asia/Bishkek", results: [], trials: [] });
      expect(portfolio.targets).toMatchObject({ trials: 0, contacts: 0, trialsTarget: 1, contactsTarget: 4, trialsMet: false, contactsMet: false });
      expect(portfolio.targets.year.label).toBe("2026/2027");
    });

    it("has completed results newest first, attended trials newest first with their reflections, and counts only attended ones of this school year", async () => {
      await models.QuestionnaireResult.create({ studentId: me.id, instrument: "riasec@1", top: ["R", "I", "A"], scores: { R: 8 }, startedAt: new Date("2026-09-20T03:00:00Z"), completedAt: new Date("2026-09-20T03:10:00Z"), locale: "ru" });
      await models.QuestionnaireResult.create({ studentId: me.id, instrument: "riasec@1", top: ["S", "E", "C"], scores: { S: 8 }, startedAt: new Date("2027-01-20T03:00:00Z"), completedAt: new Date("2027-01-20T03:10:00Z"), locale: "ru" });
      await models.QuestionnaireResult.create({ studentId: me.id, instrument: "riasec@1", position: 2, startedAt: new Date("2027-02-20T03:00:00Z"), locale: "ru" });
      const welding = await trial("Сварщик", "trial", new Date("2026-10-15T04:00:00Z"));
      const reg = await register(welding, me);
      await models.Reflection.create({ studentId: me.id, trialId: welding, registrationId: reg, phase: "before", answers: { expect: "Научиться" }, interestBefore: 2 });
      await models.Reflection.create({ studentId: me.id, trialId: welding, registrationId: reg, phase: "after", answers: { didWhat: "Варил шов" }, interestAfter: 4, wouldChoose: "yes", artifacts: [{ fileId: "f1", kind: "photo", inPortfolio: true }] });
      await register(await trial("Экскурсия на ГЭС", "excursion", new Date("2027-02-01T04:00:00Z")), me);
      await register(await trial("Не пришёл", "meeting", new Date("2027-02-05T04:00:00Z")), me, "no_show");
      await register(await trial("Ещё впереди", "open_day", new Date("2027-04-05T04:00:00Z")), me, "confirmed");
      await register(await trial("Прошлый год", "trial", new Date("2026-05-05T04:00:00Z")), me);
      // Someone else's trial and reflection never show.
      const other = await pupil("Бакыт");
      const theirs = await trial("Чужая проба", "trial", new Date("2026-11-01T04:00:00Z"));
      const theirReg = await register(theirs, other);
      await models.Reflection.create({ studentId: other.id, trialId: theirs, registrationId: theirReg, phase: "after", answers: { didWhat: "secret" }, interestAfter: 1 });

      const portfolio = await services.portfolio.mine(me);
      expect(portfolio.results.map((r) => r.top.join(""))).toEqual(["SEC", "RIA"]);
      expect(portfolio.trials.map((t) => t.title)).toEqual(["Экскурсия на ГЭС", "Сварщик", "Прошлый год"]);
      const w = portfolio.trials[1]!;
      expect(w).toMatchObject({ kind: "trial", organisation: "Бишкек колледжи", interestBefore: 2, interestAfter: 4 });
      expect(w.after).toMatchObject({ answers: { didWhat: "Варил шов" }, wouldChoose: "yes", artifacts: [{ fileId: "f1", kind: "photo", inPortfolio: true }] });
      expect(w.trace).toBeUndefined();
      expect(portfolio.targets).toMatchObject({ trials: 1, contacts: 2, trialsMet: true, contactsMet: false });
    });
  });

  describe("the teacher's view", () => {
    let trialId: Types.ObjectId;
    let friend: UserView;
    let absent: UserView;

    beforeEach(async () => {
      trialId = await trial("Сварщик", "trial", new Date("2027-03-10T04:00:00Z"));
      friend = await pupil("Бакыт");
      absent = await pupil("Чынара");
      const reg = await register(trialId, me);
      await register(trialId, friend);
      await register(trialId, absent, "no_show");
      await models.Reflection.create({ studentId: me.id, trialId, registrationId: reg, phase: "before", interestBefore: 3 });
      await models.Reflection.create({
        studentId: me.id, trialId, registrationId: reg, phase: "after", answers: { didWhat: "Варил" }, interestAfter: 4,
        artifacts: [
          { fileId: "photo-yes", kind: "photo", inPortfolio: true },
          { fileId: "doc-yes", kind: "document", inPortfolio: true },
          { fileId: "photo-no", kind: "photo", inPortfolio: false },
        ],
      });
    });

    it("lists who came, with the phases each has written", async () => {
      const view = await services.portfolio.trialReflections(teacher, trialId);
      expect(view.trial.title).toBe("Сварщик");
      expect(view.entries.map((e) => [e.firstName, e.className, e.phases])).toEqual([
        ["Айбек", "8Б", ["before", "after"]],
        ["Бакыт", "8Б", []],
      ]);
    });

    it("is for the trial's school staff and admins only", async () => {
      const otherSchool = (await models.School.create({ name: "Другая", timezone: "Asia/Almaty" }))._id;
      const stranger = await user(["teacher"], { teacherSchoolId: otherSchool });
      await expect(services.portfolio.trialReflections(stranger, trialId)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.portfolio.pupilReflections(stranger, trialId, me.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.portfolio.pupilReflections(friend, trialId, me.id)).rejects.toBeInstanceOf(NotAllowed);
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      expect((await services.portfolio.trialReflections(admin, trialId)).entries).toHaveLength(2);
      await expect(services.portfolio.trialReflections(teacher, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
    });

    it("per pupil: only artefacts in the portfolio; with no answer from the parents photos are shown", async () => {
      const view = await services.portfolio.pupilReflections(teacher, trialId, me.id);
      expect(view.reflections.map((r) => r.phase)).toEqual(["before", "after"]);
      expect(view.photo).toBe("unknown");
      expect(view.artifacts).toEqual([
        { kind: "photo", fileId: "photo-yes", withheld: false },
        { kind: "document", fileId: "doc-yes", withheld: false },
      ]);
      expect(view.privateArtifacts).toBe(1);
    });

    it("withholds photos when a parent forbade them, and gives them for a portfolio-only answer", async () => {
      await photo(me, { decision: "granted", photoScope: "forbidden" });
      let view = await services.portfolio.pupilReflections(teacher, trialId, me.id);
      expect(view.photo).toBe("forbidden");
      expect(view.artifacts).toEqual([
        { kind: "photo", fileId: undefined, withheld: true },
        { kind: "document", fileId: "doc-yes", withheld: false },
      ]);
      // The parent changes the answer: the newest one counts.
      await photo(me, { decision: "granted", photoScope: "portfolio", recordedAt: new Date(NOW.getTime() + HOUR) });
      view = await services.portfolio.pupilReflections(teacher, trialId, me.id);
      expect(view.artifacts[0]).toEqual({ kind: "photo", fileId: "photo-yes", withheld: false });
    });

    it("a pupil who didn't come has no reflections to show", async () => {
      await expect(services.portfolio.pupilReflections(teacher, trialId, absent.id)).rejects.toBeInstanceOf(NotFound);
    });
  });
});
