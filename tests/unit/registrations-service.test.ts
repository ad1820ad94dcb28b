import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { DomainError, NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import { BEFORE_ANSWER_MAX, SignupRefused, type BeforeReflection } from "../../src/services/registrations.js";
import type { TrialInput } from "../../src/services/trials.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-09-14T03:00:00Z"); // Monday 09:00 in Bishkek
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = new Date("2026-10-15T04:00:00Z"); // 15.10 10:00 in Bishkek
const SIGNUP_DEADLINE = new Date("2026-10-13T12:00:00Z");
const CONSENT_DEADLINE = new Date("2026-10-14T12:00:00Z");
const BEFORE: BeforeReflection = { expect: "Научиться сваривать", worries: "Искры", interest: 4 };
const HASH = "c".repeat(64);
const SHOWN = { text: "📝 Согласие на участие", locale: "ru" as const };

describe("registration service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let clock: ManualClock;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let teacher: UserView;
  let otherTeacher: UserView;
  let telegramId = 20_000;

  const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
  const user = async (roles: Role[], extra: Record<string, unknown> = {}) =>
    view((await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id);
  let pupilCount = 0;
  const pupil = (extra: Record<string, unknown> = {}) =>
    user(["student"], { schoolId, grade: 9, classLetter: "А", firstName: `Pupil${++pupilCount}`, lastName: "Test", ...extra });
  const guardianOf = async (child: UserView) => {
    const parent = await user(["guardian"], { firstName: "Гульнара" });
    await models.Guardianship.create({ guardianId: parent.id, studentId: child.id, inviteId: new Types.ObjectId() });
    return parent;
  };
  const input = (change: Partial<TrialInput> = {}): TrialInput => ({
    kind: "trial",
    format: "in_person",
    title: "Сварщик на один день",
    description: "Сваришь свой первый шов.",
    directions: ["R"],
    host: { organisation: "ТОО «КазСвар»", address: "ул. Абая 1" },
    mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
    escort: { name: "Гульнара Садыкова", phone: "+996 555 123 456" },
    startsAt: START,
    endsAt: new Date(START.getTime() + 3 * HOUR),
    capacity: 10,
    minGrade: 8,
    maxGrade: 10,
    schoolIds: [schoolId],
    signupDeadline: SIGNUP_DEADLINE,
    consentDeadline: CONSENT_DEADLINE,
    ...change,
  });
  /** A parent agrees in the bot: the registration is confirmed. */
  const confirm = async (registrationId: Types.ObjectId) => {
    const child = await view((await models.Registration.findById(registrationId).lean())!.studentId);
    await services.consents.decideParticipation(await guardianOf(child), registrationId, "granted", SHOWN);
  };
  const published = async (change: Partial<TrialInput> = {}) => (await services.trials.create(teacher, input(change), { publish: true })).id;
  const registration = async (id: Types.ObjectId) => (await models.Registration.findById(id).lean())!;
  const statusOf = async (id: Types.ObjectId) => (await registration(id)).status;
  const seatsOf = async (trialId: Types.ObjectId) => (await models.Trial.findById(trialId).lean())!.seatsTaken;
  const signUp = (who: UserView, trialId: Types.ObjectId, before: BeforeReflection = BEFORE) => services.registrations.signUp(who, trialId, before);
  /** Sign-ups a minute apart, so "oldest" is plain. */
  const signUpInTurn = async (trialId: Types.ObjectId, pupils: UserView[]) => {
    const outcomes = [];
    for (const p of pupils) {
      outcomes.push(await signUp(p, trialId));
      clock.advance(MINUTE);
    }
    return outcomes;
  };
  const pupils = async (n: number) => {
    const list: UserView[] = [];
    for (let i = 0; i < n; i++) list.push(await pupil());
    return list;
  };

  beforeEach(async () => {
    db = await createTestDatabase("registrations");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    schoolId = (await models.School.create({ name: "Школа-гимназия №5", region: "Бишкек", timezone: "Asia/Bishkek" }))._id;
    otherSchoolId = (await models.School.create({ name: "Мектеп №12", region: "Алматы", timezone: "Asia/Almaty" }))._id;
    teacher = await user(["teacher"], { teacherSchoolId: schoolId });
    otherTeacher = await user(["teacher"], { teacherSchoolId: otherSchoolId });
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("sign-up", () => {
    it("takes a free seat: pending consent, with the 'before' reflection stored", async () => {
      const trialId = await published();
      const me = await pupil();
      const outcome = await signUp(me, trialId, { expect: "  Научиться сваривать  ", worries: "Искры\n", interest: 4 });
      expect(outcome).toEqual({ registrationId: expect.any(Types.ObjectId), status: "pending_consent" });
      expect(await registration(outcome.registrationId)).toMatchObject({ status: "pending_consent", statusChangedAt: NOW });
      expect((await registration(outcome.registrationId)).waitlistedAt).toBeUndefined();
      expect(await seatsOf(trialId)).toBe(1);
      const reflections = await models.Reflection.find({}).lean();
      expect(reflections).toHaveLength(1);
      expect(reflections[0]).toMatchObject({ phase: "before", interestBefore: 4, answers: { expect: "Научиться сваривать", worries: "Искры" } });
      expect(reflections[0]!.registrationId.equals(outcome.registrationId)).toBe(true);
      expect(reflections[0]!.studentId.equals(me.id)).toBe(true);
      expect(reflections[0]!.trialId.equals(trialId)).toBe(true);
      expect(await models.AuditLog.countDocuments({ action: "registration.create", entityId: outcome.registrationId })).toBe(1);
    });

    it("puts the pupil on the waiting list at position N once the trial is full", async () => {
      const trialId = await published({ capacity: 2 });
      const outcomes = await signUpInTurn(trialId, await pupils(5));
      expect(outcomes.map((o) => o.status)).toEqual(["pending_consent", "pending_consent", "waitlisted", "waitlisted", "waitlisted"]);
      expect(outcomes.slice(2).map((o) => (o.status === "waitlisted" ? o.position : 0))).toEqual([1, 2, 3]);
      expect(await seatsOf(trialId)).toBe(2);
      expect((await registration(outcomes[2]!.registrationId)).waitlistedAt).toEqual(new Date(NOW.getTime() + 2 * MINUTE));
      expect(await models.Reflection.countDocuments({ phase: "before" })).toBe(5);
    });

    describe("refusals: each names the reason and changes nothing", () => {
      const refused = async (act: () => Promise<unknown>, reason: string, trialId?: Types.ObjectId) => {
        const registrations = await models.Registration.countDocuments();
        const reflections = await models.Reflection.countDocuments();
        const seats = trialId ? await seatsOf(trialId) : 0;
        const attempt = act();
        await expect(attempt).rejects.toBeInstanceOf(SignupRefused);
        await expect(attempt).rejects.toMatchObject({ code: `signup-${reason}`, reason });
        expect(await models.Registration.countDocuments()).toBe(registrations);
        expect(await models.Reflection.countDocuments()).toBe(reflections);
        if (trialId) expect(await seatsOf(trialId)).toBe(seats);
      };

      it("not open: a draft or a cancelled trial", async () => {
        const draft = (await services.trials.create(teacher, input(), { publish: false })).id;
        await refused(async () => signUp(await pupil(), draft), "not-open", draft);
        const cancelled = await published();
        await services.trials.cancel(teacher, cancelled);
        await refused(async () => signUp(await pupil(), cancelled), "not-open", cancelled);
      });

      it("started", async () => {
        const trialId = await published();
        clock.set(START);
        await refused(async () => signUp(await pupil(), trialId), "started", trialId);
      });

      it("deadline", async () => {
        const trialId = await published();
        clock.set(SIGNUP_DEADLINE);
        await refused(async () => signUp(await pupil(), trialId), "deadline", trialId);
        clock.set(new Date(SIGNUP_DEADLINE.getTime() - 1));
        expect((await signUp(await pupil(), trialId)).status).toBe("pending_consent");
      });

      it("grade", async () => {
        const trialId = await published({ minGrade: 10, maxGrade: 11 });
        await refused(async () => signUp(await pupil({ grade: 9 }), trialId), "grade", trialId);
      });

      it("school", async () => {
        const trialId = await published();
        await refused(async () => signUp(await pupil({ schoolId: otherSchoolId }), trialId), "school", trialId);
      });

      it("not a pupil: a student without a school or grade; other roles are not allowed at all", async () => {
        const trialId = await published();
        await refused(async () => signUp(await user(["student"], { grade: 9 }), trialId), "not-a-pupil", trialId);
        await refused(async () => signUp(await user(["student"], { schoolId }), trialId), "not-a-pupil", trialId);
        for (const actor of [teacher, await user(["guardian"]), null]) {
          await expect(signUp(actor as UserView, trialId)).rejects.toBeInstanceOf(NotAllowed);
        }
        await expect(signUp(await pupil({ status: "deleted" }), trialId)).rejects.toBeInstanceOf(NotAllowed);
        expect(await models.Registration.countDocuments()).toBe(0);
      });

      it("overlap with a seat held at the same time", async () => {
        const me = await pupil();
        const first = await published();
        const clash = await published({ startsAt: new Date(START.getTime() + 2 * HOUR), endsAt: new Date(START.getTime() + 5 * HOUR) });
        await signUp(me, first);
        await refused(async () => signUp(me, clash), "overlap", clash);
        // Back to back is fine.
        const next = await published({ startsAt: new Date(START.getTime() + 3 * HOUR), endsAt: new Date(START.getTime() + 5 * HOUR) });
        expect((await signUp(me, next)).status).toBe("pending_consent");
      });

      it("overlap with a place on a waiting list at the same time", async () => {
        const me = await pupil();
        const full = await published({ capacity: 1 });
        await signUp(await pupil(), full);
        expect((await signUp(me, full)).status).toBe("waitlisted");
        const clash = await published({ startsAt: new Date(START.getTime() - HOUR), endsAt: new Date(START.getTime() + HOUR) });
        await refused(async () => signUp(me, clash), "overlap", clash);
      });

      it("an overlapping trial that was cancelled does not count", async () => {
        const me = await pupil();
        const first = await published();
        await signUp(me, first);
        await services.trials.cancel(teacher, first);
        const clash = await published();
        expect((await signUp(me, clash)).status).toBe("pending_consent");
      });

      it("already signed up: holding a seat, waiting, or confirmed", async () => {
        const trialId = await published({ capacity: 1 });
        const [a, b] = await pupils(2);
        const seat = await signUp(a!, trialId);
        await refused(async () => signUp(a!, trialId), "already", trialId);
        await signUp(b!, trialId);
        await refused(async () => signUp(b!, trialId), "already", trialId);
        await confirm(seat.registrationId);
        await refused(async () => signUp(a!, trialId), "already", trialId);
        expect(await models.Registration.countDocuments({ trialId })).toBe(2);
      });

      it("a double tap racing itself gets one registration and one seat", async () => {
        const trialId = await published();
        const me = await pupil();
        const results = await Promise.allSettled([signUp(me, trialId), signUp(me, trialId), signUp(me, trialId)]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "signup-already" });
        expect(await models.Registration.countDocuments()).toBe(1);
        expect(await seatsOf(trialId)).toBe(1);
        expect(await models.Reflection.countDocuments()).toBe(1);
      });
    });

    it("signing up again after cancelling reuses the registration, with the new answers", async () => {
      const trialId = await published();
      const me = await pupil();
      const first = await signUp(me, trialId);
      await services.registrations.cancel(me, first.registrationId);
      expect(await seatsOf(trialId)).toBe(0);
      clock.advance(HOUR);
      const again = await signUp(me, trialId, { expect: "Снова попробовать", worries: "Ничего", interest: 5 });
      expect(again).toEqual({ registrationId: first.registrationId, status: "pending_consent" });
      const doc = await registration(first.registrationId);
      expect(doc).toMatchObject({ status: "pending_consent", statusChangedAt: new Date(NOW.getTime() + HOUR) });
      expect(doc.cancelledBy).toBeUndefined();
      expect(await models.Registration.countDocuments()).toBe(1);
      expect(await seatsOf(trialId)).toBe(1);
      const reflections = await models.Reflection.find({ registrationId: first.registrationId }).lean();
      expect(reflections).toHaveLength(1);
      expect(reflections[0]).toMatchObject({ interestBefore: 5, answers: { expect: "Снова попробовать", worries: "Ничего" } });
    });

    it("signing up again after leaving the waiting list joins at its end", async () => {
      const trialId = await published({ capacity: 1 });
      const [a, b, c] = await pupils(3);
      const outcomes = await signUpInTurn(trialId, [a!, b!, c!]);
      await services.registrations.cancel(b!, outcomes[1]!.registrationId);
      const again = await signUp(b!, trialId);
      expect(again).toEqual({ registrationId: outcomes[1]!.registrationId, status: "waitlisted", position: 2 });
      expect((await registration(again.registrationId)).waitlistedAt).toEqual(clock.now());
    });

    it("signing up again into a free seat leaves no old waiting-list time behind", async () => {
      const trialId = await published({ capacity: 1 });
      const [a, b] = await pupils(2);
      const outcomes = await signUpInTurn(trialId, [a!, b!]);
      await services.registrations.cancel(b!, outcomes[1]!.registrationId);
      await services.registrations.cancel(a!, outcomes[0]!.registrationId);
      expect(await signUp(b!, trialId)).toEqual({ registrationId: outcomes[1]!.registrationId, status: "pending_consent" });
      expect((await registration(outcomes[1]!.registrationId)).waitlistedAt).toBeUndefined();
    });

    it.each<[string, Partial<BeforeReflection>]>([
      ["an empty expectation", { expect: "" }],
      ["a blank expectation", { expect: "  \n " }],
      ["an expectation over 1000 characters", { expect: "я".repeat(BEFORE_ANSWER_MAX + 1) }],
      ["empty worries", { worries: "" }],
      ["worries over 1000 characters", { worries: "я".repeat(BEFORE_ANSWER_MAX + 1) }],
      ["interest 0", { interest: 0 }],
      ["interest 6", { interest: 6 }],
      ["interest 2.5", { interest: 2.5 }],
      ["interest NaN", { interest: Number.NaN }],
    ])("refuses %s, storing nothing and taking no seat", async (_what, change) => {
      const trialId = await published();
      const attempt = signUp(await pupil(), trialId, { ...BEFORE, ...change });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: "invalid-input" });
      expect(await models.Registration.countDocuments()).toBe(0);
      expect(await models.Reflection.countDocuments()).toBe(0);
      expect(await seatsOf(trialId)).toBe(0);
    });

    it("accepts answers of exactly 1000 characters and interest 1 and 5", async () => {
      const trialId = await published();
      const long = "я".repeat(BEFORE_ANSWER_MAX);
      expect((await signUp(await pupil(), trialId, { expect: long, worries: long, interest: 1 })).status).toBe("pending_consent");
      expect((await signUp(await pupil(), trialId, { ...BEFORE, interest: 5 })).status).toBe("pending_consent");
    });
  });

  describe("cancel", () => {
    it("by the pupil: the seat is freed", async () => {
      const trialId = await published();
      const me = await pupil();
      const { registrationId } = await signUp(me, trialId);
      clock.advance(HOUR);
      expect(await services.registrations.cancel(me, registrationId)).toEqual({ trialId, previous: "pending_consent" });
      const doc = await registration(registrationId);
      expect(doc).toMatchObject({ status: "cancelled", statusChangedAt: clock.now() });
      expect(doc.cancelledBy!.equals(me.id)).toBe(true);
      expect(await seatsOf(trialId)).toBe(0);
      expect(await models.AuditLog.countDocuments({ action: "registration.cancel", entityId: registrationId })).toBe(1);
    });

    it("by a teacher of the school, or an admin", async () => {
      const trialId = await published();
      const a = await signUp(await pupil(), trialId);
      const b = await signUp(await pupil(), trialId);
      await confirm(b.registrationId);
      expect(await services.registrations.cancel(teacher, a.registrationId)).toEqual({ trialId, previous: "pending_consent" });
      expect((await registration(a.registrationId)).cancelledBy!.equals(teacher.id)).toBe(true);
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      expect(await services.registrations.cancel(admin, b.registrationId)).toEqual({ trialId, previous: "confirmed" });
      expect(await seatsOf(trialId)).toBe(0);
    });

    it("refused for another pupil, another school's teacher, a parent and nobody", async () => {
      const trialId = await published();
      const me = await pupil();
      const { registrationId } = await signUp(me, trialId);
      for (const actor of [await pupil(), otherTeacher, await guardianOf(me), null]) {
        await expect(services.registrations.cancel(actor, registrationId)).rejects.toBeInstanceOf(NotAllowed);
      }
      expect(await statusOf(registrationId)).toBe("pending_consent");
      expect(await seatsOf(trialId)).toBe(1);
      await expect(services.registrations.cancel(me, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
    });

    it("refused from the start on", async () => {
      const trialId = await published();
      const me = await pupil();
      const { registrationId } = await signUp(me, trialId);
      clock.set(START);
      await expect(services.registrations.cancel(me, registrationId)).rejects.toMatchObject({ code: "trial-started" });
      await expect(services.registrations.cancel(teacher, registrationId)).rejects.toMatchObject({ code: "trial-started" });
      expect(await statusOf(registrationId)).toBe("pending_consent");
    });

    it("refused twice, freeing one seat only", async () => {
      const trialId = await published();
      const me = await pupil();
      await signUp(await pupil(), trialId);
      const { registrationId } = await signUp(me, trialId);
      await services.registrations.cancel(me, registrationId);
      await expect(services.registrations.cancel(me, registrationId)).rejects.toMatchObject({ code: "registration-not-active" });
      expect(await seatsOf(trialId)).toBe(1);
    });

    it("two taps at once cancel once and free one seat", async () => {
      const trialId = await published();
      await signUp(await pupil(), trialId);
      const me = await pupil();
      const { registrationId } = await signUp(me, trialId);
      const results = await Promise.allSettled([services.registrations.cancel(me, registrationId), services.registrations.cancel(me, registrationId)]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await seatsOf(trialId)).toBe(1);
    });

    describe("the waiting list", () => {
      let trialId: Types.ObjectId;
      let people: UserView[];
      let ids: Types.ObjectId[];

      beforeEach(async () => {
        trialId = await published({ capacity: 1 });
        people = await pupils(3);
        ids = (await signUpInTurn(trialId, people)).map((o) => o.registrationId);
        await models.Notification.deleteMany({});
      });

      it("a freed seat goes to the oldest waiting pupil, exactly once, who hears about it", async () => {
        await services.registrations.cancel(people[0]!, ids[0]!);
        expect([await statusOf(ids[1]!), await statusOf(ids[2]!)]).toEqual(["pending_consent", "waitlisted"]);
        expect(await seatsOf(trialId)).toBe(1);
        // The promoted pupil has no parent linked yet, so they are also asked to invite one.
        expect(await models.Notification.countDocuments({ kind: "consent-no-guardian", userId: people[1]!.id })).toBe(1);
        const notices = await models.Notification.find({ kind: "trial-promoted" }).lean();
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({
          kind: "trial-promoted",
          chatId: people[1]!.telegramId,
          urgent: false,
          status: "pending",
          payload: { key: "trial-promoted-pupil", params: { title: "Сварщик на один день", when: "15.10.2026 10:00" } },
        });
        expect(notices[0]!.userId.equals(people[1]!.id)).toBe(true);
        expect(notices[0]!.dedupeKey).toBe(`trial-promoted:${ids[1]!.toHexString()}:${clock.now().getTime()}`);
        expect(await models.AuditLog.countDocuments({ action: "registration.promote" })).toBe(1);
        // The one who moved up now holds a place on "My trials".
        const card = await services.registrations.myRegistration(people[1]!, ids[1]!);
        expect(card).toMatchObject({ status: "pending_consent", position: undefined });
        expect((await services.registrations.myRegistration(people[2]!, ids[2]!)).position).toBe(1);
      });

      it("a confirmed pupil leaving also moves the list up", async () => {
        await confirm(ids[0]!);
        await services.registrations.cancel(teacher, ids[0]!);
        expect(await statusOf(ids[1]!)).toBe("pending_consent");
        expect(await seatsOf(trialId)).toBe(1);
      });

      it("a waiting pupil leaving promotes nobody", async () => {
        expect(await services.registrations.cancel(people[1]!, ids[1]!)).toEqual({ trialId, previous: "waitlisted" });
        expect([await statusOf(ids[0]!), await statusOf(ids[2]!)]).toEqual(["pending_consent", "waitlisted"]);
        expect(await seatsOf(trialId)).toBe(1);
        expect(await models.Notification.countDocuments()).toBe(0);
        expect((await services.registrations.myRegistration(people[2]!, ids[2]!)).position).toBe(1);
      });

      it("after the consent deadline nobody moves up: the seat is freed", async () => {
        await confirm(ids[0]!);
        clock.set(CONSENT_DEADLINE);
        await models.Notification.deleteMany({});
        await services.registrations.cancel(people[0]!, ids[0]!);
        expect([await statusOf(ids[1]!), await statusOf(ids[2]!)]).toEqual(["waitlisted", "waitlisted"]);
        expect(await seatsOf(trialId)).toBe(0);
        expect(await models.Notification.countDocuments()).toBe(0);
      });
    });
  });

  describe("markAttendance", () => {
    let trialId: Types.ObjectId;
    let confirmed: Types.ObjectId;
    let pending: Types.ObjectId;
    let waiting: Types.ObjectId;

    beforeEach(async () => {
      trialId = await published({ capacity: 2 });
      confirmed = (await signUp(await pupil(), trialId)).registrationId;
      pending = (await signUp(await pupil(), trialId)).registrationId;
      waiting = (await signUp(await pupil(), trialId)).registrationId;
      await confirm(confirmed);
    });

    it("is refused before the start", async () => {
      clock.set(new Date(START.getTime() - 1));
      await expect(services.registrations.markAttendance(teacher, confirmed, true)).rejects.toMatchObject({ code: "attendance-too-early" });
      expect(await statusOf(confirmed)).toBe("confirmed");
    });

    it("is refused for a pupil without consent or without a seat", async () => {
      clock.set(START);
      await expect(services.registrations.markAttendance(teacher, pending, true)).rejects.toMatchObject({ code: "attendance-no-consent" });
      await expect(services.registrations.markAttendance(teacher, waiting, false)).rejects.toMatchObject({ code: "attendance-no-consent" });
      expect([await statusOf(pending), await statusOf(waiting)]).toEqual(["pending_consent", "waitlisted"]);
    });

    it("marks came or didn't come from the start on, and may be corrected", async () => {
      clock.set(START);
      await services.registrations.markAttendance(teacher, confirmed, true);
      expect(await registration(confirmed)).toMatchObject({ status: "attended", attended: true });
      clock.advance(HOUR);
      await services.registrations.markAttendance(teacher, confirmed, false);
      expect(await registration(confirmed)).toMatchObject({ status: "no_show", attended: false, statusChangedAt: clock.now() });
      await services.registrations.markAttendance(teacher, confirmed, true);
      expect(await registration(confirmed)).toMatchObject({ status: "attended", attended: true });
      expect(await models.AuditLog.countDocuments({ action: "registration.attended" })).toBe(2);
      expect(await models.AuditLog.countDocuments({ action: "registration.no-show" })).toBe(1);
    });

    it("is for staff of the school only", async () => {
      clock.set(START);
      const owner = await models.Registration.findById(confirmed).lean();
      const me = await view(owner!.studentId);
      for (const actor of [me, otherTeacher, null]) {
        await expect(services.registrations.markAttendance(actor, confirmed, true)).rejects.toBeInstanceOf(NotAllowed);
      }
      expect(await statusOf(confirmed)).toBe("confirmed");
    });
  });

  describe("expireOverdue", () => {
    it("expires what still waits for consent at the deadline, frees the seat and tells pupil, parent and teacher, once", async () => {
      const trialId = await published({ capacity: 2 });
      const [late, fine, waiting] = await pupils(3);
      const mum = await guardianOf(late!);
      const [a, b, c] = await signUpInTurn(trialId, [late!, fine!, waiting!]);
      await confirm(b!.registrationId);
      await models.Notification.deleteMany({});

      clock.set(new Date(CONSENT_DEADLINE.getTime() - 1));
      expect(await services.registrations.expireOverdue()).toBe(0);
      expect(await statusOf(a!.registrationId)).toBe("pending_consent");

      clock.set(CONSENT_DEADLINE);
      expect(await services.registrations.expireOverdue()).toBe(1);
      expect(await registration(a!.registrationId)).toMatchObject({ status: "expired", statusChangedAt: CONSENT_DEADLINE });
      expect(await statusOf(b!.registrationId)).toBe("confirmed");
      // Past the deadline parents have no time to consent: nobody moves up.
      expect(await statusOf(c!.registrationId)).toBe("waitlisted");
      expect(await seatsOf(trialId)).toBe(1);

      const notices = await models.Notification.find({ kind: "trial-expired" }).lean();
      expect(notices).toHaveLength(2);
      for (const [to, role] of [[late!, "pupil"], [mum, "parent"]] as const) {
        expect(notices.find((n) => n.userId.equals(to.id))).toMatchObject({
          dedupeKey: `trial-expired:${a!.registrationId.toHexString()}:${to.id.toHexString()}`,
          chatId: to.telegramId,
          payload: { key: `trial-expired-${role}`, params: { title: "Сварщик на один день", when: "15.10.2026 10:00", child: role === "parent" ? late!.firstName : "" } },
        });
      }

      // The teacher who runs the trial hears too, with the child's name and class.
      const teacherNotices = await models.Notification.find({ kind: "consent-expired" }).lean();
      expect(teacherNotices).toHaveLength(1);
      expect(teacherNotices[0]).toMatchObject({
        chatId: teacher.telegramId,
        urgent: false,
        payload: { key: "consent-expired-teacher", params: { child: `${late!.firstName} Test`, class: "9А", title: "Сварщик на один день", when: "15.10.2026 10:00" } },
      });
      expect(teacherNotices[0]!.userId.equals(teacher.id)).toBe(true);

      clock.advance(HOUR);
      expect(await services.registrations.expireOverdue()).toBe(0);
      expect(await models.Notification.countDocuments()).toBe(3);
      expect(await seatsOf(trialId)).toBe(1);
      expect(await models.AuditLog.countDocuments({ action: "registration.expire" })).toBe(1);
    });

    it("two runs at once expire each registration once", async () => {
      const trialId = await published({ capacity: 5 });
      for (const p of await pupils(4)) await signUp(p, trialId);
      clock.set(CONSENT_DEADLINE);
      const [x, y] = await Promise.all([services.registrations.expireOverdue(), services.registrations.expireOverdue()]);
      expect(x + y).toBe(4);
      expect(await seatsOf(trialId)).toBe(0);
      expect(await models.Notification.countDocuments({ kind: "trial-expired" })).toBe(4);
    });

    it("takes the start as the deadline of a trial stored without one", async () => {
      const trialId = await published();
      const { registrationId } = await signUp(await pupil(), trialId);
      await models.Trial.updateOne({ _id: trialId }, { $unset: { consentDeadline: 1 } });
      clock.set(new Date(START.getTime() - 1));
      expect(await services.registrations.expireOverdue()).toBe(0);
      clock.set(START);
      expect(await services.registrations.expireOverdue()).toBe(1);
      expect(await statusOf(registrationId)).toBe("expired");
      expect(await seatsOf(trialId)).toBe(0);
    });

    it("leaves cancelled trials alone", async () => {
      const trialId = await published();
      const { registrationId } = await signUp(await pupil(), trialId);
      await services.trials.cancel(teacher, trialId);
      clock.set(CONSENT_DEADLINE);
      expect(await services.registrations.expireOverdue()).toBe(0);
      expect(await statusOf(registrationId)).toBe("cancelled");
    });
  });

  describe("roster", () => {
    const consent = (studentId: Types.ObjectId, guardianId: Types.ObjectId, fields: Record<string, unknown>, minutesAgo: number) =>
      models.Consent.create({
        studentId,
        guardianId,
        textVersion: "participation@1",
        textHash: HASH,
        locale: "ru",
        recordedAt: new Date(clock.now().getTime() - minutesAgo * MINUTE),
        ...fields,
      });
    const photo = (parent: UserView, child: UserView, scope: "publish" | "portfolio" | "forbidden" | "withdrawn") => services.consents.decidePhoto(parent, child.id, scope, SHOWN);

    it("lists each pupil with status, live consent, the strictest photo answer, every parent's health note and waiting place", async () => {
      expect(services.registrations).not.toHaveProperty("markConsentReceived");
      const trialId = await published({ capacity: 5 });
      const otherTrial = await published({ startsAt: new Date(START.getTime() + 7 * DAY), endsAt: new Date(START.getTime() + 7 * DAY + HOUR) });
      const bakyt = await pupil({ firstName: "Бакыт", lastName: "Асанов", grade: 10, classLetter: "Б" });
      const aidana = await pupil({ firstName: "Айдана", lastName: "Ким" });
      const daniyar = await pupil({ firstName: "Данияр", lastName: "Жумабеков", grade: 8, classLetter: undefined });
      const vika = await pupil({ firstName: "Вика", lastName: "Ан" });
      const timur = await pupil({ firstName: "Тимур", lastName: "Бек" });
      const zhanna = await pupil({ firstName: "Жанна", lastName: "Ли" });
      const erzhan = await pupil({ firstName: "Ержан", lastName: "Омаров" });
      const guest = await pupil({ firstName: "Гость", lastName: "Ушедший" });
      const zarina = await pupil({ firstName: "Зарина", lastName: "Нур" });
      const [rBakyt, rAidana, rDaniyar, rVika, rTimur, rZhanna, rErzhan, rGuest, rZarina] = await signUpInTurn(trialId, [bakyt, aidana, daniyar, vika, timur, zhanna, erzhan, guest, zarina]);
      await services.registrations.cancel(guest, rGuest!.registrationId);
      const [bakytMum, aidanaMum, aidanaDad, daniyarMum, vikaMum, timurDad, zhannaMum] = await Promise.all([
        guardianOf(bakyt),
        guardianOf(aidana),
        guardianOf(aidana),
        guardianOf(daniyar),
        guardianOf(vika),
        guardianOf(timur),
        guardianOf(zhanna),
      ]);
      const decide = (parent: UserView, r: { registrationId: Types.ObjectId } | undefined, decision: "granted" | "refused") => services.consents.decideParticipation(parent, r!.registrationId, decision, SHOWN);
      // Bakyt: agreed; photos first allowed, then the permission withdrawn.
      await decide(bakytMum!, rBakyt, "granted");
      await photo(bakytMum!, bakyt, "publish");
      clock.advance(MINUTE);
      await photo(bakytMum!, bakyt, "withdrawn");
      // Aidana: both parents agreed, each with a note; the stricter photo answer applies.
      await decide(aidanaMum!, rAidana, "granted");
      await services.consents.setHealthNote(aidanaMum!, rAidana!.registrationId, "Астма, ингалятор с собой", SHOWN);
      await decide(aidanaDad!, rAidana, "granted");
      await services.consents.setHealthNote(aidanaDad!, rAidana!.registrationId, "Аллергия на пыль", SHOWN);
      await consent(aidana.id, aidanaMum!.id, { kind: "participation", trialId: otherTrial, decision: "withdrawn" }, 0);
      await photo(aidanaMum!, aidana, "publish");
      await photo(aidanaDad!, aidana, "portfolio");
      // Daniyar: still pending; a parent who said "no photos" and was unlinked since still counts.
      await photo(daniyarMum!, daniyar, "publish");
      await consent(daniyar.id, new Types.ObjectId(), { kind: "photo", decision: "refused", photoScope: "forbidden" }, 0);
      // Vika's mother withdrew, Timur's father refused: both seats pass to the waiting list (Zhanna, then Erzhan).
      await decide(vikaMum!, rVika, "granted");
      clock.advance(MINUTE);
      await services.consents.withdrawParticipation(vikaMum!, rVika!.registrationId, SHOWN);
      await decide(timurDad!, rTimur, "refused");
      // An agreement from an earlier sign-up to the same trial no longer counts for Zhanna.
      await consent(zhanna.id, zhannaMum!.id, { kind: "participation", trialId, decision: "granted", healthNote: "Старая записка" }, 60);

      const roster = await services.registrations.roster(teacher, trialId);
      expect(roster.trial.id.equals(trialId)).toBe(true);
      expect(roster.attendanceOpen).toBe(false);
      expect(roster.entries.map((e) => [e.firstName, e.status, e.consent, e.photo, e.healthNote, e.position])).toEqual([
        ["Бакыт", "confirmed", "granted", "forbidden", undefined, undefined],
        ["Айдана", "confirmed", "granted", "portfolio", "Астма, ингалятор с собой\nАллергия на пыль", undefined],
        ["Данияр", "pending_consent", "pending", "forbidden", undefined, undefined],
        ["Жанна", "pending_consent", "pending", "unknown", undefined, undefined],
        ["Ержан", "pending_consent", "pending", "unknown", undefined, undefined],
        ["Зарина", "waitlisted", "pending", "unknown", undefined, 1],
        ["Тимур", "declined", "refused", "unknown", undefined, undefined],
        ["Вика", "cancelled", "withdrawn", "unknown", undefined, undefined],
      ]);
      expect(roster.entries[0]).toMatchObject({ lastName: "Асанов", className: "10Б", schoolName: "Школа-гимназия №5" });
      expect(roster.entries[0]!.studentId.equals(bakyt.id)).toBe(true);
      expect(roster.entries[2]!.className).toBe("8");
      expect(roster.entries.map((e) => e.registrationId.toHexString())).toEqual([rBakyt, rAidana, rDaniyar, rZhanna, rErzhan, rZarina, rTimur, rVika].map((r) => r!.registrationId.toHexString()));
    });

    it("shows attended and absent pupils once the trial has begun", async () => {
      const trialId = await published();
      const a = await signUp(await pupil({ firstName: "Пришла" }), trialId);
      const b = await signUp(await pupil({ firstName: "Не пришёл" }), trialId);
      await confirm(a.registrationId);
      await confirm(b.registrationId);
      clock.set(START);
      await services.registrations.markAttendance(teacher, a.registrationId, true);
      await services.registrations.markAttendance(teacher, b.registrationId, false);
      const roster = await services.registrations.roster(teacher, trialId);
      expect(roster.attendanceOpen).toBe(true);
      expect(roster.entries.map((e) => [e.firstName, e.status, e.consent])).toEqual([
        ["Пришла", "attended", "granted"],
        ["Не пришёл", "no_show", "granted"],
      ]);
    });

    it("is for the school's teachers and admins", async () => {
      const trialId = await published();
      const me = await pupil();
      await signUp(me, trialId);
      for (const actor of [otherTeacher, me, await guardianOf(me), null]) {
        await expect(services.registrations.roster(actor, trialId)).rejects.toBeInstanceOf(NotAllowed);
      }
      const admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active" }))._id);
      expect((await services.registrations.roster(admin, trialId)).entries).toHaveLength(1);
    });
  });

  describe("under load", () => {
    it("200 pupils racing for 10 seats: exactly 10 seated, 190 in a strict queue; 3 leaving at once promote the 3 oldest", async () => {
      const trialId = await published({ capacity: 10 });
      const docs = await models.User.insertMany(
        Array.from({ length: 200 }, (_, i) => ({ telegramId: 900_000 + i, locale: "ru", roles: ["student"], status: "active", schoolId, grade: 9, classLetter: "А", firstName: `P${i}` })),
      );
      const racers = await Promise.all(docs.map((d) => view(d._id)));
      const outcomes = await Promise.all(racers.map((p) => signUp(p, trialId)));

      const seated = outcomes.filter((o) => o.status === "pending_consent");
      const waiting = outcomes.filter((o) => o.status === "waitlisted");
      expect(seated).toHaveLength(10);
      expect(waiting).toHaveLength(190);
      expect(await seatsOf(trialId)).toBe(10);
      expect(await models.Registration.countDocuments({ trialId, status: "pending_consent" })).toBe(10);
      expect(await models.Registration.countDocuments({ trialId, status: "waitlisted" })).toBe(190);
      const roster = await services.registrations.roster(teacher, trialId);
      const positions = roster.entries.filter((e) => e.status === "waitlisted").map((e) => e.position);
      expect(positions).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
      const told = waiting.map((o) => (o.status === "waitlisted" ? o.position : 0)).sort((x, y) => x - y);
      expect(new Set(told).size).toBe(190);
      expect(told[0]).toBe(1);
      expect(told[189]).toBe(190);

      const queue = roster.entries.filter((e) => e.status === "waitlisted").map((e) => e.registrationId.toHexString());
      const leaving = seated.slice(0, 3).map((o) => o.registrationId);
      const leavers = await Promise.all(leaving.map(async (id) => view((await registration(id)).studentId)));
      await Promise.all(leaving.map((id, i) => services.registrations.cancel(leavers[i]!, id)));

      expect(await seatsOf(trialId)).toBe(10);
      const promoted = (await models.Registration.find({ trialId, status: "pending_consent" }).lean()).map((r) => r._id.toHexString());
      expect(promoted).toHaveLength(10);
      expect(promoted.filter((id) => queue.includes(id)).sort()).toEqual(queue.slice(0, 3).sort());
      expect(await models.Registration.countDocuments({ trialId, status: "waitlisted" })).toBe(187);
      expect(await models.Notification.countDocuments({ kind: "trial-promoted" })).toBe(3);
      const after = await services.registrations.roster(teacher, trialId);
      expect(after.entries.filter((e) => e.status === "waitlisted").map((e) => e.registrationId.toHexString())).toEqual(queue.slice(3));
    }, 60_000);
  });

  describe("privacy deletion", () => {
    it("of a seated pupil frees the seat for the next one waiting", async () => {
      const trialId = await published({ capacity: 1 });
      const [leaving, next, after] = await pupils(3);
      const [a, b, c] = await signUpInTurn(trialId, [leaving!, next!, after!]);
      expect(await services.privacy.deleteAccount(leaving!)).toEqual({ deleted: true });
      expect(await statusOf(a!.registrationId)).toBe("cancelled");
      expect([await statusOf(b!.registrationId), await statusOf(c!.registrationId)]).toEqual(["pending_consent", "waitlisted"]);
      expect(await seatsOf(trialId)).toBe(1);
      expect(await models.Notification.countDocuments({ kind: "trial-promoted", userId: next!.id })).toBe(1);
    });

    it("of a waiting pupil moves nobody and frees nothing", async () => {
      const trialId = await published({ capacity: 1 });
      const [holder, leaving, after] = await pupils(3);
      const [a, b, c] = await signUpInTurn(trialId, [holder!, leaving!, after!]);
      await services.privacy.deleteAccount(leaving!);
      expect([await statusOf(a!.registrationId), await statusOf(b!.registrationId), await statusOf(c!.registrationId)]).toEqual(["pending_consent", "cancelled", "waitlisted"]);
      expect(await seatsOf(trialId)).toBe(1);
    });
  });
});
