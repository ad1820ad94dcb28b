import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { riasec } from "../../src/content/instruments/riasec.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import { TrialInvalid, type TrialInput } from "../../src/services/trials.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-09-14T03:00:00Z"); // Monday 09:00 in Bishkek
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const START = new Date("2026-10-15T04:00:00Z"); // 15.10 10:00 in Bishkek
const RIASEC = `riasec@${riasec.version}`;
const BEFORE = { expect: "Научиться сваривать", worries: "Искры", interest: 4 };

describe("trial service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let clock: ManualClock;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let teacher: UserView;
  let otherTeacher: UserView;
  let telegramId = 10_000;

  const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
  const user = async (roles: Role[], extra: Record<string, unknown> = {}) =>
    view((await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id);
  const pupil = (extra: Record<string, unknown> = {}) => user(["student"], { schoolId, grade: 9, classLetter: "А", firstName: "Аружан", lastName: "Сапарова", ...extra });
  const guardianOf = async (child: UserView, extra: Record<string, unknown> = {}) => {
    const parent = await user(["guardian"], { firstName: "Гульнара", ...extra });
    await models.Guardianship.create({ guardianId: parent.id, studentId: child.id, inviteId: new Types.ObjectId() });
    return parent;
  };

  /** A complete, valid in-person trial; each test changes what it is about. */
  const input = (change: Partial<TrialInput> = {}): TrialInput => ({
    kind: "trial",
    format: "in_person",
    title: "Сварщик на один день",
    description: "Сваришь свой первый шов под присмотром мастера.",
    directions: ["R"],
    host: { organisation: "ТОО «КазСвар»", address: "ул. Абая 1", transport: "Автобус 12 от школы" },
    mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
    escort: { name: "Гульнара Садыкова", phone: "+996 555 123 456" },
    startsAt: START,
    endsAt: new Date(START.getTime() + 3 * HOUR),
    capacity: 10,
    minGrade: 8,
    maxGrade: 10,
    schoolIds: [schoolId],
    bring: "Удобную обувь",
    signupDeadline: new Date("2026-10-13T12:00:00Z"),
    consentDeadline: new Date("2026-10-14T12:00:00Z"),
    ...change,
  });
  const published = async (change: Partial<TrialInput> = {}) => services.trials.create(teacher, input(change), { publish: true });
  const statusOf = async (registrationId: Types.ObjectId) => (await models.Registration.findById(registrationId).lean())!.status;
  const seatsOf = async (trialId: Types.ObjectId) => (await models.Trial.findById(trialId).lean())!.seatsTaken;
  /** A trial stored directly, for states the service would not create (already started, another school's…). */
  const stored = async (fields: Record<string, unknown>) =>
    (
      await models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Stored",
        startsAt: START,
        endsAt: new Date(START.getTime() + 3 * HOUR),
        signupDeadline: new Date("2026-10-13T12:00:00Z"),
        consentDeadline: new Date("2026-10-14T12:00:00Z"),
        timezone: "Asia/Bishkek",
        capacity: 10,
        minGrade: 5,
        maxGrade: 11,
        schoolIds: [schoolId],
        status: "published",
        createdBy: teacher.id,
        schoolId,
        ...fields,
      })
    )._id;

  beforeEach(async () => {
    db = await createTestDatabase("trials");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    schoolId = (await models.School.create({ name: "Школа-гимназия №5", region: "Бишкек", timezone: "Asia/Bishkek" }))._id;
    otherSchoolId = (await models.School.create({ name: "Мектеп №12", region: "Алматы", timezone: "Asia/Almaty" }))._id;
    teacher = await user(["teacher"], { teacherSchoolId: schoolId, firstName: "Айгуль" });
    otherTeacher = await user(["teacher"], { teacherSchoolId: otherSchoolId });
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("create", () => {
    it("stores a checked draft for the teacher's school, in its zone", async () => {
      const trial = await services.trials.create(
        teacher,
        input({
          title: "  Сварщик на один день  ",
          directions: ["C", "R", "R"],
          schoolIds: [schoolId, otherSchoolId, new Types.ObjectId(schoolId.toHexString())],
          clothing: "   ",
          ppe: "Маска и перчатки выдадут",
        }),
        { publish: false },
      );
      expect(trial).toMatchObject({
        status: "draft",
        title: "Сварщик на один день",
        directions: ["R", "C"],
        timezone: "Asia/Bishkek",
        seatsTaken: 0,
        capacity: 10,
        minGrade: 8,
        maxGrade: 10,
        bring: "Удобную обувь",
        clothing: undefined,
        ppe: "Маска и перчатки выдадут",
        host: { organisation: "ТОО «КазСвар»", address: "ул. Абая 1", onlineLink: undefined, transport: "Автобус 12 от школы" },
        mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
        escort: { name: "Гульнара Садыкова", phone: "+996 555 123 456" },
        startsAt: START,
        signupDeadline: new Date("2026-10-13T12:00:00Z"),
        consentDeadline: new Date("2026-10-14T12:00:00Z"),
      });
      expect(trial.schoolId.equals(schoolId)).toBe(true);
      expect(trial.createdBy.equals(teacher.id)).toBe(true);
      expect(trial.schoolIds.map((id) => id.toHexString())).toEqual([schoolId.toHexString(), otherSchoolId.toHexString()]);
      const doc = await models.Trial.findById(trial.id).lean();
      expect(doc).toMatchObject({ status: "draft", title: "Сварщик на один день", seatsTaken: 0, timezone: "Asia/Bishkek" });
      expect(doc!.clothing).toBeUndefined();
      expect(await models.AuditLog.find({ entityId: trial.id }).lean()).toEqual([expect.objectContaining({ action: "trial.create", actorId: teacher.id })]);
    });

    it("publishes at once when asked", async () => {
      const trial = await published();
      expect(trial.status).toBe("published");
      expect((await models.Trial.findById(trial.id).lean())!.status).toBe("published");
      expect(await models.AuditLog.find({ entityId: trial.id }).lean()).toEqual([expect.objectContaining({ action: "trial.publish" })]);
    });

    it("keeps no address, transport or escort for an online session; a hybrid one needs both place and link", async () => {
      const online = await services.trials.create(
        teacher,
        input({ format: "online", host: { organisation: "IT Академия", address: "ул. Абая 1", transport: "автобус", onlineLink: " https://meet.google.com/abc-defg-hij " }, escort: undefined }),
        { publish: false },
      );
      expect(online.host).toEqual({ organisation: "IT Академия", address: undefined, onlineLink: "https://meet.google.com/abc-defg-hij", transport: undefined });
      expect(online.escort).toBeUndefined();
      const hybrid = await services.trials.create(teacher, input({ format: "hybrid", host: { organisation: "IT Академия", address: "ул. Абая 1", onlineLink: "https://zoom.us/j/1" } }), { publish: false });
      expect(hybrid.host).toMatchObject({ address: "ул. Абая 1", onlineLink: "https://zoom.us/j/1" });
    });

    const long = (n: number) => "я".repeat(n);
    const at = (ms: number) => new Date(START.getTime() + ms);
    it.each<[string, (i: TrialInput) => Partial<TrialInput>]>([
      ["kind", () => ({ kind: "party" as TrialInput["kind"] })],
      ["format", () => ({ format: "radio" as TrialInput["format"] })],
      ["directions", () => ({ directions: [] })],
      ["directions", () => ({ directions: ["R", "X" as "R"] })],
      ["capacity", () => ({ capacity: 0 })],
      ["capacity", () => ({ capacity: 501 })],
      ["capacity", () => ({ capacity: 2.5 })],
      ["grades", () => ({ minGrade: 4 })],
      ["grades", () => ({ maxGrade: 12 })],
      ["grades", () => ({ minGrade: 10, maxGrade: 8 })],
      ["grades", () => ({ minGrade: 8.5 })],
      ["schools", () => ({ schoolIds: [] })],
      ["times:start-past", () => ({ startsAt: new Date(NOW.getTime() - HOUR), endsAt: new Date(NOW.getTime() + HOUR), signupDeadline: new Date(NOW.getTime() - 2 * HOUR), consentDeadline: new Date(NOW.getTime() - 2 * HOUR) })],
      ["times:end-before-start", () => ({ endsAt: START })],
      ["times:too-long", () => ({ endsAt: at(15 * DAY) })],
      ["times:signup-after-start", () => ({ signupDeadline: at(1), consentDeadline: at(1) })],
      ["times:signup-past", () => ({ signupDeadline: NOW })],
      ["times:consent-before-signup", (i) => ({ consentDeadline: new Date(i.signupDeadline.getTime() - 1) })],
      ["times:consent-after-start", () => ({ consentDeadline: at(1) })],
      ["host.onlineLink", (i) => ({ format: "online", host: { ...i.host, onlineLink: undefined } })],
      ["host.onlineLink", (i) => ({ format: "online", host: { ...i.host, onlineLink: "zoom" } })],
      ["host.onlineLink", (i) => ({ format: "hybrid", host: { ...i.host, onlineLink: "javascript:alert(1)" } })],
      ["title", () => ({ title: "   " })],
      ["title", () => ({ title: long(121) })],
      ["description", () => ({ description: "" })],
      ["description", () => ({ description: long(2001) })],
      ["host.organisation", (i) => ({ host: { ...i.host, organisation: " " } })],
      ["host.organisation", (i) => ({ host: { ...i.host, organisation: long(201) } })],
      ["host.address", (i) => ({ host: { ...i.host, address: undefined } })],
      ["host.address", (i) => ({ format: "hybrid", host: { ...i.host, address: "", onlineLink: "https://zoom.us/j/1" } })],
      ["host.address", (i) => ({ host: { ...i.host, address: long(301) } })],
      ["host.transport", (i) => ({ host: { ...i.host, transport: long(501) } })],
      ["mentor", () => ({ mentor: undefined as unknown as TrialInput["mentor"] })],
      ["mentor.phone", (i) => ({ mentor: { ...i.mentor, phone: "позвонить в школу" } })],
      ["mentor.phone", (i) => ({ mentor: { ...i.mentor, phone: "12-34" } })],
      ["mentor.name", (i) => ({ mentor: { ...i.mentor, name: "" } })],
      ["mentor.name", (i) => ({ mentor: { ...i.mentor, name: long(101) } })],
      ["escort", () => ({ escort: undefined })],
      ["escort.phone", (i) => ({ escort: { ...i.escort!, phone: "+7 701" } })],
      ["escort.name", (i) => ({ escort: { ...i.escort!, name: " " } })],
      ["bring", () => ({ bring: long(1001) })],
      ["clothing", () => ({ clothing: long(1001) })],
      ["ppe", () => ({ ppe: long(1001) })],
      ["healthRestrictions", () => ({ healthRestrictions: long(1001) })],
      ["risks", () => ({ risks: long(1001) })],
    ])("refuses a bad %s, naming the field, and stores nothing", async (field, change) => {
      const base = input();
      const attempt = services.trials.create(teacher, { ...base, ...change(base) }, { publish: true });
      await expect(attempt).rejects.toBeInstanceOf(TrialInvalid);
      await expect(attempt).rejects.toMatchObject({ code: "trial-invalid", field });
      expect(await models.Trial.countDocuments()).toBe(0);
      expect(await models.AuditLog.countDocuments()).toBe(0);
    });

    it("is for teachers with a school only", async () => {
      const schoolless = await user(["teacher"]);
      const student = await pupil();
      const parent = await user(["guardian"]);
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      const gone = await user(["teacher"], { teacherSchoolId: schoolId, status: "deleted" });
      for (const actor of [schoolless, student, parent, admin, gone, null]) {
        await expect(services.trials.create(actor, input(), { publish: true })).rejects.toBeInstanceOf(NotAllowed);
      }
      expect(await models.Trial.countDocuments()).toBe(0);
    });
  });

  describe("publish", () => {
    it("publishes a draft once", async () => {
      const draft = await services.trials.create(teacher, input(), { publish: false });
      const trial = await services.trials.publish(teacher, draft.id);
      expect(trial.status).toBe("published");
      expect((await models.Trial.findById(draft.id).lean())!.status).toBe("published");
      await expect(services.trials.publish(teacher, draft.id)).rejects.toMatchObject({ code: "trial-not-draft" });
      expect(await models.AuditLog.countDocuments({ entityId: draft.id, action: "trial.publish" })).toBe(1);
    });

    it("refuses a draft whose start has passed, and leaves it a draft", async () => {
      const draft = await services.trials.create(teacher, input(), { publish: false });
      clock.set(new Date(START.getTime() + HOUR));
      await expect(services.trials.publish(teacher, draft.id)).rejects.toMatchObject({ code: "trial-invalid", field: "times:start-past" });
      expect((await models.Trial.findById(draft.id).lean())!.status).toBe("draft");
    });

    it("refuses a draft whose sign-up has closed", async () => {
      const draft = await services.trials.create(teacher, input(), { publish: false });
      clock.set(new Date("2026-10-13T12:00:00Z"));
      await expect(services.trials.publish(teacher, draft.id)).rejects.toMatchObject({ field: "times:signup-past" });
    });

    it("is for the staff of the trial's school", async () => {
      const draft = await services.trials.create(teacher, input(), { publish: false });
      await expect(services.trials.publish(otherTeacher, draft.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.publish(await pupil(), draft.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.publish(teacher, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
      expect((await models.Trial.findById(draft.id).lean())!.status).toBe("draft");
    });
  });

  describe("update", () => {
    it("refuses a teacher of another school and a pupil, changing nothing", async () => {
      const trial = await published();
      await expect(services.trials.update(otherTeacher, trial.id, input({ title: "Взлом" }))).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.update(await pupil(), trial.id, input({ title: "Взлом" }))).rejects.toBeInstanceOf(NotAllowed);
      expect((await models.Trial.findById(trial.id).lean())!.title).toBe("Сварщик на один день");
    });

    it("lets an admin edit any school's trial", async () => {
      const trial = await published();
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      const { trial: after } = await services.trials.update(admin, trial.id, input({ title: "Новое название" }));
      expect(after.title).toBe("Новое название");
    });

    it("refuses a capacity below the seats taken, and accepts one equal to them", async () => {
      const trial = await published();
      for (let i = 0; i < 3; i++) await services.registrations.signUp(await pupil(), trial.id, BEFORE);
      await expect(services.trials.update(teacher, trial.id, input({ capacity: 2 }))).rejects.toMatchObject({ code: "trial-invalid", field: "capacity-below-taken" });
      expect((await models.Trial.findById(trial.id).lean())!.capacity).toBe(10);
      const { trial: after } = await services.trials.update(teacher, trial.id, input({ capacity: 3 }));
      expect(after).toMatchObject({ capacity: 3, seatsTaken: 3 });
    });

    it("still checks every field, and removes optional ones left out", async () => {
      const trial = await published({ ppe: "Маска" });
      await expect(services.trials.update(teacher, trial.id, input({ mentor: { name: "Ерлан", phone: "нет" } }))).rejects.toMatchObject({ field: "mentor.phone" });
      const { trial: after } = await services.trials.update(teacher, trial.id, input({ ppe: undefined }));
      expect(after.ppe).toBeUndefined();
      expect((await models.Trial.findById(trial.id).lean())!.ppe).toBeUndefined();
    });

    it("refuses a cancelled or started trial", async () => {
      const trial = await published();
      await services.trials.cancel(teacher, trial.id);
      await expect(services.trials.update(teacher, trial.id, input())).rejects.toMatchObject({ code: "trial-closed" });
      const other = await published();
      clock.set(START);
      await expect(services.trials.update(teacher, other.id, input())).rejects.toMatchObject({ code: "trial-started" });
    });

    it("keeps a sign-up deadline that has passed, so the place can change the day before without reopening sign-up", async () => {
      const trial = await published();
      const me = await pupil();
      await services.registrations.signUp(me, trial.id, BEFORE);
      clock.set(new Date("2026-10-14T06:00:00Z"));
      const base = input();
      const { trial: after, notified } = await services.trials.update(teacher, trial.id, { ...base, host: { ...base.host, address: "ул. Ленина 5" } });
      expect(after.host.address).toBe("ул. Ленина 5");
      expect(after.signupDeadline).toEqual(new Date("2026-10-13T12:00:00Z"));
      expect(notified).toBe(1);
      await expect(services.trials.update(teacher, trial.id, input({ signupDeadline: new Date("2026-10-13T13:00:00Z") }))).rejects.toMatchObject({ field: "times:signup-past" });
      await expect(services.registrations.signUp(await pupil(), trial.id, BEFORE)).rejects.toMatchObject({ code: "signup-deadline" });
    });

    describe("telling pupils and parents", () => {
      let trialId: Types.ObjectId;
      let seated: UserView, confirmed: UserView, waiting: UserView, left: UserView, elsewhere: UserView;
      let mum: UserView, dad: UserView, grandma: UserView;

      beforeEach(async () => {
        trialId = (await published({ capacity: 2 })).id;
        seated = await pupil({ firstName: "Аружан" });
        confirmed = await pupil({ firstName: "Бакыт" });
        waiting = await pupil({ firstName: "Данияр" });
        left = await pupil({ firstName: "Ержан" });
        elsewhere = await pupil({ firstName: "Жанна" });
        mum = await guardianOf(seated);
        dad = await guardianOf(confirmed);
        grandma = await guardianOf(seated, { status: "blocked" });
        await guardianOf(left);
        const a = await services.registrations.signUp(seated, trialId, BEFORE);
        const b = await services.registrations.signUp(confirmed, trialId, BEFORE);
        await services.consents.decideParticipation(dad, b.registrationId, "granted", { text: "Согласие", locale: "ru" });
        const c = await services.registrations.signUp(left, trialId, BEFORE);
        expect(c.status).toBe("waitlisted");
        await services.registrations.cancel(left, c.registrationId);
        expect((await services.registrations.signUp(waiting, trialId, BEFORE)).status).toBe("waitlisted");
        expect(a.status).toBe("pending_consent");
        // Someone signed up for another trial hears nothing about this one.
        const other = await published({ startsAt: new Date(START.getTime() + 7 * DAY), endsAt: new Date(START.getTime() + 7 * DAY + HOUR) });
        await services.registrations.signUp(elsewhere, other.id, BEFORE);
        await models.Notification.deleteMany({});
      });

      const changed = () => models.Notification.find({ kind: "trial-changed" }).lean();

      it("sends an urgent notice to every active registrant and each linked parent when the time moves", async () => {
        const { notified, trial } = await services.trials.update(teacher, trialId, input({ capacity: 2, startsAt: new Date(START.getTime() + HOUR), endsAt: new Date(START.getTime() + 4 * HOUR) }));
        expect(trial.startsAt).toEqual(new Date(START.getTime() + HOUR));
        expect(notified).toBe(5);
        const notices = await changed();
        const expected = [
          [seated, seated, "pupil"],
          [confirmed, confirmed, "pupil"],
          [waiting, waiting, "pupil"],
          [mum, seated, "parent"],
          [dad, confirmed, "parent"],
        ] as const;
        expect(notices).toHaveLength(expected.length);
        for (const [to, about, role] of expected) {
          const notice = notices.find((n) => n.userId.equals(to.id));
          expect(notice).toMatchObject({
            dedupeKey: `trial-changed:${trialId.toHexString()}:${NOW.getTime()}:${to.id.toHexString()}:${about.id.toHexString()}`,
            chatId: to.telegramId,
            urgent: true,
            status: "pending",
            payload: {
              key: `trial-changed-${role}`,
              params: { title: "Сварщик на один день", when: "15.10.2026 11:00", place: "ТОО «КазСвар», ул. Абая 1", child: role === "parent" ? about.firstName : "" },
            },
          });
          expect(notice!.trialId!.equals(trialId)).toBe(true);
        }
        expect(notices.some((n) => n.userId.equals(grandma.id) || n.userId.equals(left.id) || n.userId.equals(elsewhere.id))).toBe(false);
      });

      it("notifies when the place moves, with the new place", async () => {
        const base = input({ capacity: 2 });
        const { notified } = await services.trials.update(teacher, trialId, { ...base, host: { ...base.host, address: "ул. Ленина 5" } });
        expect(notified).toBe(5);
        expect((await changed()).every((n) => (n.payload as { params: { place: string } }).params.place === "ТОО «КазСвар», ул. Ленина 5")).toBe(true);
      });

      it("notifies again for a later change, and not twice for the same one", async () => {
        await services.trials.update(teacher, trialId, input({ capacity: 2, endsAt: new Date(START.getTime() + 4 * HOUR) }));
        const again = await services.trials.update(teacher, trialId, input({ capacity: 2, endsAt: new Date(START.getTime() + 4 * HOUR) }));
        expect(again.notified).toBe(0);
        expect(await changed()).toHaveLength(5);
        clock.advance(60_000);
        await services.trials.update(teacher, trialId, input({ capacity: 2, endsAt: new Date(START.getTime() + 5 * HOUR) }));
        expect(await changed()).toHaveLength(10);
      });

      it("tells nobody when only the title or texts change", async () => {
        const { notified, trial } = await services.trials.update(teacher, trialId, input({ capacity: 2, title: "Сварка: первый шов", description: "Другое описание", bring: "Воду" }));
        expect(trial.title).toBe("Сварка: первый шов");
        expect(notified).toBe(0);
        expect(await models.Notification.countDocuments()).toBe(0);
      });

      it("moves the waiting list up when capacity grows", async () => {
        const { trial } = await services.trials.update(teacher, trialId, input({ capacity: 3 }));
        expect(trial.capacity).toBe(3);
        const registration = await models.Registration.findOne({ trialId, studentId: waiting.id }).lean();
        expect(registration!.status).toBe("pending_consent");
        expect(await seatsOf(trialId)).toBe(3);
        const promoted = await models.Notification.find({ kind: "trial-promoted" }).lean();
        expect(promoted).toEqual([expect.objectContaining({ userId: waiting.id, payload: expect.objectContaining({ key: "trial-promoted-pupil" }) })]);
        expect(await models.Notification.countDocuments({ kind: "trial-changed" })).toBe(0);
      });
    });

    it("promotes as many waiting pupils as new seats, oldest first", async () => {
      const trial = await published({ capacity: 1 });
      const pupils = [];
      for (let i = 0; i < 4; i++) {
        const p = await pupil();
        pupils.push(p);
        await services.registrations.signUp(p, trial.id, BEFORE);
        clock.advance(60_000);
      }
      await services.trials.update(teacher, trial.id, input({ capacity: 3 }));
      const statuses = await Promise.all(pupils.map(async (p) => (await models.Registration.findOne({ studentId: p.id }).lean())!.status));
      expect(statuses).toEqual(["pending_consent", "pending_consent", "pending_consent", "waitlisted"]);
      expect(await seatsOf(trial.id)).toBe(3);
    });
  });

  describe("cancel", () => {
    it("cancels every active registration, frees every seat, withdraws pending messages and tells everyone at once", async () => {
      const trial = await published({ capacity: 2 });
      const other = await published({ startsAt: new Date(START.getTime() + 7 * DAY), endsAt: new Date(START.getTime() + 7 * DAY + HOUR) });
      const [a, b, c, d] = [await pupil({ firstName: "Аружан" }), await pupil({ firstName: "Бакыт" }), await pupil({ firstName: "Данияр" }), await pupil({ firstName: "Ержан" })];
      const mum = await guardianOf(a);
      const ra = await services.registrations.signUp(a, trial.id, BEFORE);
      const rb = await services.registrations.signUp(b, trial.id, BEFORE);
      // Confirmed earlier (b's parent is no longer linked, so only the pupil hears of the cancellation).
      await models.Registration.updateOne({ _id: rb.registrationId }, { $set: { status: "confirmed" } });
      const rd = await services.registrations.signUp(d, trial.id, BEFORE);
      await services.registrations.cancel(d, rd.registrationId);
      const rc = await services.registrations.signUp(c, trial.id, BEFORE);
      expect(rc.status).toBe("waitlisted");
      await services.registrations.signUp(d, other.id, BEFORE);
      const reminder = (key: string, trialId: Types.ObjectId, status: "pending" | "failed" | "sent" = "pending") =>
        models.Notification.create({ dedupeKey: key, userId: a.id, chatId: a.telegramId, kind: "reminder24h", payload: { key: "x" }, trialId, status, notBefore: new Date(START.getTime() - DAY) });
      await reminder("r1", trial.id);
      await reminder("r2", trial.id, "failed");
      await reminder("r3", trial.id, "sent");
      await reminder("r4", other.id);

      const result = await services.trials.cancel(teacher, trial.id);
      expect(result).toMatchObject({ cancelled: 3, notified: 4 });
      expect(result.trial).toMatchObject({ status: "cancelled", seatsTaken: 0 });
      expect(await models.Trial.findById(trial.id).lean()).toMatchObject({ status: "cancelled", seatsTaken: 0 });
      for (const r of [ra, rb, rc]) {
        const doc = await models.Registration.findById(r.registrationId).lean();
        expect(doc!.status).toBe("cancelled");
        expect(doc!.cancelledBy!.equals(teacher.id)).toBe(true);
      }
      expect((await models.Registration.findById(rd.registrationId).lean())!.cancelledBy!.equals(d.id)).toBe(true);
      const byKey = async (key: string) => (await models.Notification.findOne({ dedupeKey: key }).lean())!.status;
      expect([await byKey("r1"), await byKey("r2"), await byKey("r3"), await byKey("r4")]).toEqual(["cancelled", "cancelled", "sent", "pending"]);

      const notices = await models.Notification.find({ kind: "trial-cancelled" }).lean();
      expect(notices).toHaveLength(4);
      for (const [to, about, role] of [[a, a, "pupil"], [b, b, "pupil"], [c, c, "pupil"], [mum, a, "parent"]] as const) {
        expect(notices.find((n) => n.userId.equals(to.id))).toMatchObject({
          dedupeKey: `trial-cancelled:${trial.id.toHexString()}:${to.id.toHexString()}:${about.id.toHexString()}`,
          urgent: true,
          status: "pending",
          chatId: to.telegramId,
          payload: { key: `trial-cancelled-${role}`, params: { title: "Сварщик на один день", when: "15.10.2026 10:00", child: role === "parent" ? "Аружан" : "" } },
        });
      }
      expect(await models.AuditLog.countDocuments({ action: "trial.cancel", entityId: trial.id })).toBe(1);
    });

    it("refuses a second cancellation, with nothing sent twice", async () => {
      const trial = await published();
      await services.registrations.signUp(await pupil(), trial.id, BEFORE);
      await services.trials.cancel(teacher, trial.id);
      await expect(services.trials.cancel(teacher, trial.id)).rejects.toMatchObject({ code: "trial-closed" });
      expect(await models.Notification.countDocuments({ kind: "trial-cancelled" })).toBe(1);
      expect(await models.AuditLog.countDocuments({ action: "trial.cancel" })).toBe(1);
    });

    it("keeps a trial that has taken place: cancelling it after the start is refused and tells nobody", async () => {
      const trial = await published();
      await services.registrations.signUp(await pupil(), trial.id, BEFORE);
      clock.set(new Date(trial.startsAt.getTime() + 60_000));
      await expect(services.trials.cancel(teacher, trial.id)).rejects.toMatchObject({ code: "trial-started" });
      expect((await models.Trial.findById(trial.id).lean())!.status).toBe("published");
      expect(await models.Notification.countDocuments({ kind: "trial-cancelled" })).toBe(0);
    });

    it("cancels a draft quietly", async () => {
      const draft = await services.trials.create(teacher, input(), { publish: false });
      expect(await services.trials.cancel(teacher, draft.id)).toMatchObject({ cancelled: 0, notified: 0 });
      expect((await models.Trial.findById(draft.id).lean())!.status).toBe("cancelled");
    });

    it("is for the staff of the trial's school", async () => {
      const trial = await published();
      const p = await pupil();
      await services.registrations.signUp(p, trial.id, BEFORE);
      await expect(services.trials.cancel(otherTeacher, trial.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.cancel(p, trial.id)).rejects.toBeInstanceOf(NotAllowed);
      expect(await models.Trial.findById(trial.id).lean()).toMatchObject({ status: "published", seatsTaken: 1 });
    });

    it("lets nobody sign up afterwards", async () => {
      const trial = await published();
      await services.trials.cancel(teacher, trial.id);
      await expect(services.registrations.signUp(await pupil(), trial.id, BEFORE)).rejects.toMatchObject({ code: "signup-not-open" });
      expect(await seatsOf(trial.id)).toBe(0);
    });
  });

  describe("listForSchool", () => {
    it("lists upcoming trials and drafts soonest first, then the last month's newest first, with fill levels", async () => {
      const inDays = (days: number) => ({ startsAt: new Date(NOW.getTime() + days * DAY), endsAt: new Date(NOW.getTime() + days * DAY + HOUR) });
      const soon = await stored({ title: "soon", capacity: 2, seatsTaken: 2, ...inDays(2) });
      const later = await stored({ title: "later", ...inDays(5) });
      const draft = await stored({ title: "draft", status: "draft", ...inDays(10) });
      const recent = await stored({ title: "recent", status: "completed", ...inDays(-3) });
      const older = await stored({ title: "older", ...inDays(-10) });
      await stored({ title: "long ago", ...inDays(-40) });
      await stored({ title: "theirs", schoolId: otherSchoolId, schoolIds: [schoolId], ...inDays(3) });
      for (let i = 0; i < 3; i++) await models.Registration.create({ trialId: soon, studentId: new Types.ObjectId(), status: "waitlisted" });
      await models.Registration.create({ trialId: soon, studentId: new Types.ObjectId(), status: "cancelled" });
      await models.Registration.create({ trialId: later, studentId: new Types.ObjectId(), status: "waitlisted" });

      const list = await services.trials.listForSchool(teacher);
      expect(list.map((t) => t.title)).toEqual(["soon", "later", "draft", "recent", "older"]);
      expect(list.map((t) => t.id.toHexString())).toEqual([soon, later, draft, recent, older].map((id) => id.toHexString()));
      expect(list[0]).toMatchObject({ kind: "trial", status: "published", capacity: 2, seatsTaken: 2, waitlisted: 3 });
      expect(list[1]).toMatchObject({ waitlisted: 1, seatsTaken: 0 });
      expect(list[2]).toMatchObject({ status: "draft", waitlisted: 0 });
    });

    it("shows a school's list to its staff and admins only", async () => {
      await stored({ title: "ours" });
      await expect(services.trials.listForSchool(otherTeacher, schoolId)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.listForSchool(await pupil())).rejects.toBeInstanceOf(NotAllowed);
      expect(await services.trials.listForSchool(otherTeacher)).toEqual([]);
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      expect((await services.trials.listForSchool(admin, schoolId)).map((t) => t.title)).toEqual(["ours"]);
    });
  });

  describe("catalogue", () => {
    const result = (studentId: Types.ObjectId, top: string[], completedAt: Date | undefined, instrument = RIASEC) =>
      models.QuestionnaireResult.create({ studentId, instrument, locale: "ru", top, startedAt: new Date((completedAt ?? NOW).getTime() - HOUR), ...(completedAt ? { completedAt } : {}) });
    const inDays = (days: number) => ({ startsAt: new Date(NOW.getTime() + days * DAY), endsAt: new Date(NOW.getTime() + days * DAY + HOUR) });

    it("offers only what the pupil may still join", async () => {
      const me = await pupil({ grade: 9 });
      const open = await stored({ title: "open", ...inDays(5) });
      await stored({ title: "grade", minGrade: 10, maxGrade: 11, ...inDays(5) });
      await stored({ title: "grade below", minGrade: 5, maxGrade: 8, ...inDays(5) });
      await stored({ title: "other school", schoolIds: [otherSchoolId], ...inDays(5) });
      await stored({ title: "shared", schoolId: otherSchoolId, schoolIds: [otherSchoolId, schoolId], ...inDays(6) });
      await stored({ title: "deadline passed", ...inDays(5), signupDeadline: new Date(NOW.getTime() - 1) });
      await stored({ title: "draft", status: "draft", ...inDays(5) });
      await stored({ title: "cancelled", status: "cancelled", ...inDays(5) });
      await stored({ title: "started", startsAt: new Date(NOW.getTime() - HOUR), endsAt: new Date(NOW.getTime() + HOUR), signupDeadline: new Date(NOW.getTime() - 2 * HOUR) });
      await stored({ title: "no deadline", ...inDays(7), signupDeadline: undefined, consentDeadline: undefined });
      const list = await services.trials.catalogue(me);
      expect(list.map((e) => e.trial.title)).toEqual(["open", "shared", "no deadline"]);
      expect(list[0]).toMatchObject({ seatsLeft: 10, match: 0, mine: undefined });
      expect(list[0]!.trial.id.equals(open)).toBe(true);
    });

    it("closes sign-up at the deadline as time passes", async () => {
      const me = await pupil();
      await published();
      expect(await services.trials.catalogue(me)).toHaveLength(1);
      clock.set(new Date("2026-10-13T12:00:00Z"));
      expect(await services.trials.catalogue(me)).toEqual([]);
    });

    it("ranks by the letters of the newest completed result, then by date", async () => {
      const me = await pupil();
      const realistic = await stored({ title: "R", directions: ["R"], ...inDays(3) });
      const conventional = await stored({ title: "C", directions: ["C"], ...inDays(20) });
      const social = await stored({ title: "S", directions: ["S"], ...inDays(25) });
      const enterprising = await stored({ title: "E", directions: ["E", "R"], ...inDays(10) });
      const artistic = await stored({ title: "A", directions: ["A"], ...inDays(2) });
      // The full ranking is stored; only the first three types count.
      await result(me.id, ["A", "R", "I", "S", "E", "C"], new Date(NOW.getTime() - 30 * DAY));
      await result(me.id, ["S", "E", "C", "R", "I", "A"], new Date(NOW.getTime() - DAY));
      // Newer, but unfinished or of a version no longer offered: not the pupil's profile.
      await result(me.id, ["R", "I", "A", "S", "E", "C"], undefined);
      await result(me.id, ["R", "I", "A", "S", "E", "C"], new Date(NOW.getTime() - HOUR), "riasec@999");
      const list = await services.trials.catalogue(me);
      expect(list.map((e) => e.trial.title)).toEqual(["S", "E", "C", "A", "R"]);
      expect(list.map((e) => e.match)).toEqual([3, 2, 1, 0, 0]);
      expect([social, enterprising, conventional, artistic, realistic].map((id) => id.toHexString())).toEqual(list.map((e) => e.trial.id.toHexString()));
    });

    it("orders by date alone before any result", async () => {
      const me = await pupil();
      await stored({ title: "later", directions: ["R"], ...inDays(9) });
      await stored({ title: "sooner", directions: ["C"], ...inDays(4) });
      expect((await services.trials.catalogue(me)).map((e) => e.trial.title)).toEqual(["sooner", "later"]);
    });

    it("narrows to chosen directions and ranks by them", async () => {
      const me = await pupil();
      await result(me.id, ["R", "I", "A", "S", "E", "C"], new Date(NOW.getTime() - DAY));
      await stored({ title: "R", directions: ["R"], ...inDays(3) });
      await stored({ title: "A", directions: ["A"], ...inDays(5) });
      await stored({ title: "S", directions: ["S"], ...inDays(4) });
      const list = await services.trials.catalogue(me, { directions: ["S", "A"] });
      expect(list.map((e) => [e.trial.title, e.match])).toEqual([
        ["S", 3],
        ["A", 2],
      ]);
    });

    it("shows seats left and the pupil's own active registration", async () => {
      const me = await pupil();
      const trial = await published({ capacity: 3 });
      const other = await published({ capacity: 3, ...inDays(40), signupDeadline: new Date(NOW.getTime() + 38 * DAY), consentDeadline: new Date(NOW.getTime() + 39 * DAY) });
      const mine = await services.registrations.signUp(me, trial.id, BEFORE);
      const gone = await services.registrations.signUp(me, other.id, BEFORE);
      await services.registrations.cancel(me, gone.registrationId);
      await services.registrations.signUp(await pupil(), trial.id, BEFORE);
      const list = await services.trials.catalogue(me);
      expect(list).toHaveLength(2);
      expect(list[0]).toMatchObject({ seatsLeft: 1, mine: { registrationId: mine.registrationId, status: "pending_consent" } });
      expect(list[1]).toMatchObject({ seatsLeft: 3, mine: undefined });
    });

    it("is for pupils with a school and grade", async () => {
      await expect(services.trials.catalogue(teacher)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.catalogue(await user(["student"]))).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.trials.catalogue(null)).rejects.toBeInstanceOf(NotAllowed);
    });
  });

  describe("card", () => {
    it("shows a trial open to the pupil, with nothing in the way", async () => {
      const me = await pupil();
      const trial = await published({ directions: ["S"] });
      await models.QuestionnaireResult.create({ studentId: me.id, instrument: RIASEC, locale: "ru", top: ["S", "A", "R", "I", "E", "C"], completedAt: NOW });
      const card = await services.trials.card(me, trial.id);
      expect(card).toMatchObject({ seatsLeft: 10, match: 3, block: undefined, mine: undefined, position: undefined });
      expect(card.trial).toMatchObject({ title: "Сварщик на один день", mentor: { name: "Ерлан Ахметов" } });
    });

    it("hides a draft, another school's trial and one that does not exist", async () => {
      const me = await pupil();
      const draft = await services.trials.create(teacher, input(), { publish: false });
      const theirs = await stored({ schoolIds: [otherSchoolId] });
      for (const id of [draft.id, theirs, new Types.ObjectId()]) {
        await expect(services.trials.card(me, id)).rejects.toBeInstanceOf(NotFound);
      }
    });

    it("still shows a trial the pupil is registered for, even after the school was taken off it", async () => {
      const me = await pupil();
      const trial = await published({ schoolIds: [schoolId, otherSchoolId] });
      const { registrationId } = await services.registrations.signUp(me, trial.id, BEFORE);
      await models.Trial.updateOne({ _id: trial.id }, { $set: { schoolIds: [otherSchoolId] } });
      expect(await services.trials.card(me, trial.id)).toMatchObject({ mine: { registrationId, status: "pending_consent" }, block: undefined });
    });

    it("says why the pupil cannot sign up", async () => {
      const me = await pupil({ grade: 9 });
      const grade = await published({ minGrade: 10, maxGrade: 11 });
      expect((await services.trials.card(me, grade.id)).block).toBe("grade");
      const cancelled = await published();
      await services.trials.cancel(teacher, cancelled.id);
      expect((await services.trials.card(me, cancelled.id)).block).toBe("not-open");
      const started = await stored({ startsAt: new Date(NOW.getTime() - HOUR), endsAt: new Date(NOW.getTime() + HOUR), signupDeadline: new Date(NOW.getTime() - 2 * HOUR) });
      expect((await services.trials.card(me, started)).block).toBe("started");
      const closed = await stored({ signupDeadline: new Date(NOW.getTime() - 1) });
      expect((await services.trials.card(me, closed)).block).toBe("deadline");
      await expect(services.trials.card(teacher, closed)).rejects.toBeInstanceOf(NotAllowed);
    });

    it("says overlap when the pupil holds a seat, or waits for one, at the same time", async () => {
      const me = await pupil();
      const first = await published({ capacity: 1 });
      const clash = await published({ startsAt: new Date(START.getTime() + 2 * HOUR), endsAt: new Date(START.getTime() + 5 * HOUR) });
      const backToBack = await published({ startsAt: new Date(START.getTime() + 3 * HOUR), endsAt: new Date(START.getTime() + 5 * HOUR) });
      const held = await services.registrations.signUp(me, first.id, BEFORE);
      expect((await services.trials.card(me, clash.id)).block).toBe("overlap");
      expect((await services.trials.card(me, backToBack.id)).block).toBeUndefined();

      const other = await pupil();
      await services.registrations.signUp(other, first.id, BEFORE);
      expect((await services.trials.card(other, clash.id)).block).toBe("overlap");
      await services.registrations.cancel(me, held.registrationId);
      // `other` moved up into the freed seat; `me` no longer blocks anything.
      expect((await services.trials.card(me, clash.id)).block).toBeUndefined();
    });

    it("shows the place on the waiting list", async () => {
      const trial = await published({ capacity: 1 });
      const pupils: UserView[] = [];
      for (let i = 0; i < 4; i++) {
        const p = await pupil();
        pupils.push(p);
        await services.registrations.signUp(p, trial.id, BEFORE);
        clock.advance(60_000);
      }
      const third = await services.trials.card(pupils[3]!, trial.id);
      expect(third).toMatchObject({ position: 3, mine: { status: "waitlisted" }, block: undefined, seatsLeft: 0 });
      expect((await services.trials.card(pupils[1]!, trial.id)).position).toBe(1);
      expect((await services.trials.card(pupils[0]!, trial.id)).position).toBeUndefined();
    });
  });
});
