import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Locale, Role } from "../../src/db/models/user.js";
import { consentDecisionData, consentOpenData, consentPhotoData } from "../../src/domain/consent-buttons.js";
import { silentLogger } from "../../src/logger.js";
import { CONSENT_REQUEST_BUDGET, HEALTH_NOTE_MAX, type ShownText } from "../../src/services/consents.js";
import { NotAllowed } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { TrialInput, TrialView } from "../../src/services/trials.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-09-14T03:00:00Z"); // Monday 09:00 in Bishkek
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = new Date("2026-10-15T04:00:00Z"); // 15.10 10:00 in Bishkek
const SIGNUP_DEADLINE = new Date("2026-10-13T12:00:00Z");
const CONSENT_DEADLINE = new Date("2026-10-14T12:00:00Z"); // 14.10 18:00 in Bishkek
const BEFORE = { expect: "Научиться сваривать", worries: "Искры", interest: 4 };
const SHOWN: ShownText = { text: "📝 Согласие на участие: Аружан\n\nЗдравствуйте!", locale: "ru" };
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("consent service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let clock: ManualClock;
  let schoolId: Types.ObjectId;
  let teacher: UserView;
  let admin: UserView;
  let telegramId = 30_000;

  const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
  const user = async (roles: Role[], extra: Record<string, unknown> = {}) =>
    view((await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id);
  const pupil = (firstName = "Аружан", extra: Record<string, unknown> = {}) => user(["student"], { schoolId, grade: 9, classLetter: "А", firstName, lastName: "Сейтова", ...extra });
  const guardianOf = async (child: UserView, extra: Record<string, unknown> = {}) => {
    const parent = await user(["guardian"], { firstName: "Гульнара", lastName: "Сейтова", ...extra });
    await models.Guardianship.create({ guardianId: parent.id, studentId: child.id, inviteId: new Types.ObjectId() });
    return parent;
  };
  const input = (change: Partial<TrialInput> = {}): TrialInput => ({
    kind: "trial",
    format: "in_person",
    title: "Сварщик на один день",
    description: "Сваришь свой первый шов.",
    directions: ["R"],
    host: { organisation: "ТОО «КазСвар»", address: "ул. Абая 1", transport: "Автобус от школы в 9:15" },
    mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
    escort: { name: "Гульнара Садыкова", phone: "+996 555 123 456" },
    startsAt: START,
    endsAt: new Date(START.getTime() + 3 * HOUR + 30 * MINUTE),
    capacity: 10,
    minGrade: 8,
    maxGrade: 10,
    schoolIds: [schoolId],
    risks: "Искры: работаем в маске",
    ppe: "Маска сварщика, перчатки",
    signupDeadline: SIGNUP_DEADLINE,
    consentDeadline: CONSENT_DEADLINE,
    ...change,
  });
  const published = async (change: Partial<TrialInput> = {}) => services.trials.create(teacher, input(change), { publish: true });
  const signUp = (who: UserView, trial: TrialView) => services.registrations.signUp(who, trial.id, BEFORE);
  const registration = async (id: Types.ObjectId) => (await models.Registration.findById(id).lean())!;
  const statusOf = async (id: Types.ObjectId) => (await registration(id)).status;
  const seatsOf = async (trialId: Types.ObjectId) => (await models.Trial.findById(trialId).lean())!.seatsTaken;
  const consents = () => models.Consent.find({}).sort({ recordedAt: 1, _id: 1 }).lean();
  const notices = (filter: Record<string, unknown> = {}) => models.Notification.find(filter).sort({ _id: 1 }).lean();
  const grant = (who: UserView | null, id: Types.ObjectId, shown: ShownText = SHOWN) => services.consents.decideParticipation(who, id, "granted", shown);
  const refuse = (who: UserView | null, id: Types.ObjectId, shown: ShownText = SHOWN) => services.consents.decideParticipation(who, id, "refused", shown);

  /** A pupil signed up for a trial with a linked mother (and father, when asked). */
  async function family(options: { trial?: TrialView; dad?: boolean; name?: string } = {}) {
    const child = await pupil(options.name);
    const mum = await guardianOf(child);
    const dad = options.dad ? await guardianOf(child, { firstName: "Марат" }) : undefined;
    const trial = options.trial ?? (await published());
    const { registrationId } = await signUp(child, trial);
    return { child, mum, dad, trial, registrationId };
  }

  beforeEach(async () => {
    db = await createTestDatabase("consents");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    schoolId = (await models.School.create({ name: "Школа-гимназия №5", region: "Бишкек", timezone: "Asia/Bishkek" }))._id;
    teacher = await user(["teacher"], { teacherSchoolId: schoolId, firstName: "Ерлан" });
    admin = await view((await models.User.create({ telegramId: 1, locale: "ru", roles: [], status: "active", firstName: "Админ" }))._id);
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("requestParams", () => {
    it("states everything the informed consent needs, numeric and in the school's zone", async () => {
      const trial = await published();
      expect(services.consents.requestParams(trial, "Аружан")).toEqual({
        child: "Аружан",
        kind: "trial",
        format: "in_person",
        title: "Сварщик на один день",
        description: "Сваришь свой первый шов.",
        date: "15.10.2026",
        start: "10:00",
        endDate: "15.10.2026",
        end: "13:30",
        sameDay: "yes",
        hours: 3,
        minutes: 30,
        organisation: "ТОО «КазСвар»",
        address: "ул. Абая 1",
        link: "—",
        transport: "Автобус от школы в 9:15",
        mentor: "Ерлан Ахметов, +7 701 234 56 78",
        escort: "Гульнара Садыкова, +996 555 123 456",
        risks: "Искры: работаем в маске",
        ppe: "Маска сварщика, перчатки",
        bring: "—",
        clothing: "—",
        health: "—",
        deadline: "14.10.2026 18:00",
      });
    });

    it("an online session over two days: the link, no address or transport, both dates", async () => {
      const trial = await published({
        format: "online",
        host: { organisation: "IT Academy", onlineLink: "https://zoom.us/j/123" },
        escort: undefined,
        endsAt: new Date(START.getTime() + DAY + 45 * MINUTE),
      });
      expect(services.consents.requestParams(trial, "Аружан")).toMatchObject({
        format: "online",
        address: "—",
        transport: "—",
        link: "https://zoom.us/j/123",
        escort: "—",
        sameDay: "no",
        date: "15.10.2026",
        endDate: "16.10.2026",
        end: "10:45",
        hours: 24,
        minutes: 45,
      });
    });

    it("the longest trial a teacher can write still fits one Telegram message in every language", async () => {
      const x = (n: number) => "Ж".repeat(n);
      const trial = await published({
        format: "hybrid",
        title: x(120),
        description: x(2000),
        host: { organisation: x(200), address: x(300), transport: x(500), onlineLink: `https://example.com/${"a".repeat(2000)}` },
        mentor: { name: x(100), phone: "+7 701 234 56 78 90" },
        escort: { name: x(100), phone: "+7 701 234 56 78 90" },
        bring: x(1000),
        clothing: x(1000),
        ppe: x(1000),
        healthRestrictions: x(1000),
        risks: x(1000),
      });
      const params = services.consents.requestParams(trial, x(50));
      expect(String(params.description).length).toBeLessThanOrEqual(700);
      expect(String(params.description).endsWith("…")).toBe(true);
      for (const field of ["organisation", "address", "transport", "risks", "ppe", "bring", "clothing", "health"]) {
        expect(String(params[field]).length, field).toBeLessThanOrEqual(250);
        expect(String(params[field]).endsWith("…"), field).toBe(true);
      }
      // A link cut in half would not open: its site is shown instead.
      expect(params.link).toBe("https://example.com/…");
      const teacherTexts = ["description", "organisation", "address", "transport", "risks", "ppe", "bring", "clothing", "health", "link"].reduce((sum, f) => sum + String(params[f]).length, 0);
      expect(teacherTexts).toBeLessThanOrEqual(CONSENT_REQUEST_BUDGET);
      const i18n = createI18n("kk");
      for (const locale of ["kk", "ru", "ky", "en"] as const) {
        const text = i18n.t(locale, "consent-request", params);
        expect(text.length, locale).toBeLessThanOrEqual(4096);
        expect(text, locale).not.toMatch(/\{\s*\$|\{\?\?\?\}/);
      }
    });

    it("renders every field in each language, with nothing left unfilled", async () => {
      const trial = await published({ bring: "Бутылку воды", clothing: "Закрытая обувь", healthRestrictions: "Не для детей с астмой" });
      const params = services.consents.requestParams(trial, "Аружан");
      const i18n = createI18n("kk");
      for (const locale of ["kk", "ru", "ky", "en"] as const) {
        const text = i18n.t(locale, "consent-request", params);
        for (const value of ["Аружан", "Сварщик на один день", "Сваришь свой первый шов.", "15.10.2026", "10:00", "13:30", "ТОО «КазСвар», ул. Абая 1", "Автобус от школы в 9:15", "Ерлан Ахметов, +7 701 234 56 78", "Гульнара Садыкова, +996 555 123 456", "Искры: работаем в маске", "Маска сварщика, перчатки", "Бутылку воды", "Закрытая обувь", "Не для детей с астмой", "14.10.2026 18:00", "/consents"]) {
          expect(text, `${locale}: ${value}`).toContain(value);
        }
        expect(text, locale).toMatch(/3 \S+ 30 \S+/);
      }
      expect(i18n.t("ru", "consent-request", params)).toContain("📅 Когда: 15.10.2026, 10:00–13:30 (длительность: 3 ч 30 мин)");
    });
  });

  describe("the request", () => {
    it("goes to every linked guardian with the decision buttons, and the photo question once each", async () => {
      const child = await pupil();
      const mum = await guardianOf(child);
      const dad = await guardianOf(child, { firstName: "Марат", locale: "kk" });
      const trial = await published();
      const { registrationId } = await signUp(child, trial);
      const doc = await registration(registrationId);
      const requests = await notices({ kind: "consent-request" });
      expect(requests).toHaveLength(2);
      const reg = registrationId.toHexString();
      for (const parent of [mum, dad]) {
        const request = requests.find((n) => n.userId.equals(parent.id))!;
        expect(request).toMatchObject({
          dedupeKey: `consent-request:${reg}:${parent.id.toHexString()}:${doc.statusChangedAt.getTime()}`,
          chatId: parent.telegramId,
          urgent: false,
          status: "pending",
          payload: {
            key: "consent-request",
            params: services.consents.requestParams(trial, "Аружан"),
            buttons: [
              [
                { key: "consent-agree", callbackData: consentDecisionData.pack({ registration: reg, decision: "granted" }) },
                { key: "consent-refuse", callbackData: consentDecisionData.pack({ registration: reg, decision: "refused" }) },
              ],
            ],
          },
        });
        expect(request.trialId!.equals(trial.id)).toBe(true);
      }
      const photos = await notices({ kind: "consent-photo" });
      expect(photos.map((n) => n.chatId).sort()).toEqual([mum.telegramId, dad.telegramId].sort());
      expect(photos[0]).toMatchObject({
        dedupeKey: `consent-photo:${child.id.toHexString()}:${photos[0]!.userId.toHexString()}`,
        urgent: false,
        payload: {
          key: "consent-photo",
          params: { child: "Аружан" },
          buttons: (["publish", "portfolio", "forbidden"] as const).map((scope) => [{ key: `consent-photo-${scope}`, callbackData: consentPhotoData.pack({ student: child.id.toHexString(), scope }) }]),
        },
      });
      expect(photos[0]!.trialId).toBeUndefined();
      // Asking again changes nothing.
      expect(await services.consents.requestFor(registrationId)).toBe(0);
      expect(await models.Notification.countDocuments()).toBe(4);
    });

    it("a new sign-up after cancelling asks again; the request never delivered is withdrawn; a parent who answered about photos isn't asked that", async () => {
      const child = await pupil();
      const mum = await guardianOf(child);
      await services.consents.decidePhoto(mum, child.id, "portfolio", SHOWN);
      const trial = await published();
      const { registrationId } = await signUp(child, trial);
      clock.advance(HOUR);
      await services.registrations.cancel(child, registrationId);
      clock.advance(HOUR);
      await signUp(child, trial);
      const requests = await notices({ kind: "consent-request", userId: mum.id });
      expect(requests.map((n) => n.status)).toEqual(["cancelled", "pending"]);
      expect(requests[1]!.dedupeKey).toBe(`consent-request:${registrationId.toHexString()}:${mum.id.toHexString()}:${clock.now().getTime()}`);
      expect(await models.Notification.countDocuments({ kind: "consent-photo" })).toBe(0);
    });

    it("with no parent linked, the pupil is told to invite one (once), and the registration waits", async () => {
      const child = await pupil();
      const trial = await published();
      const { registrationId } = await signUp(child, trial);
      expect(await statusOf(registrationId)).toBe("pending_consent");
      // The pupil who signs up is told in the chat itself: no second notice through the outbox.
      expect(await notices()).toHaveLength(0);
      expect(await services.consents.requestFor(registrationId)).toBe(0);
      const told = await notices();
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({
        chatId: child.telegramId,
        kind: "consent-no-guardian",
        payload: {
          key: "consent-no-guardian",
          params: { title: "Сварщик на один день", deadline: "14.10.2026 18:00" },
          buttons: [[{ key: "menu-invite-parent", callbackData: "1:menu:invite-parent" }]],
        },
      });
    });

    it("a parent who blocked the bot is not asked, and the pupil isn't told to invite one", async () => {
      const child = await pupil();
      await guardianOf(child, { status: "blocked" });
      const { registrationId } = await signUp(child, await published());
      expect(await services.consents.requestFor(registrationId)).toBe(0);
      expect(await models.Notification.countDocuments()).toBe(0);
    });

    it("a parent who links later gets the requests still open for the child", async () => {
      const child = await pupil();
      const trial = await published();
      const other = await published({ title: "Повар", startsAt: new Date(START.getTime() + DAY), endsAt: new Date(START.getTime() + DAY + HOUR) });
      const { registrationId } = await signUp(child, trial);
      const cancelled = await signUp(child, other);
      await services.registrations.cancel(child, cancelled.registrationId);
      const { code } = await services.invites.createGuardianInvite(child);
      const parent = await user([]);
      await services.invites.acceptGuardianInvite(parent, code, { decision: "granted", textVersion: "personal-data@1", textHash: sha256("pd"), locale: "ru" }, "Гульнара");
      const requests = await notices({ kind: "consent-request" });
      expect(requests.map((n) => [n.chatId, n.trialId?.toHexString()])).toEqual([[parent.telegramId, trial.id.toHexString()]]);
      expect(requests[0]!.dedupeKey).toContain(registrationId.toHexString());
    });

    it("nothing is asked for a registration that doesn't wait for consent", async () => {
      const { registrationId, mum } = await family();
      await grant(mum, registrationId);
      await models.Notification.deleteMany({});
      expect(await services.consents.requestFor(registrationId)).toBe(0);
      expect(await services.consents.requestFor(new Types.ObjectId())).toBe(0);
      expect(await models.Notification.countDocuments()).toBe(0);
    });
  });

  describe("participation", () => {
    it("agreeing confirms the registration, keeps the seat, records the evidence and tells pupil and teacher", async () => {
      const { child, mum, trial, registrationId } = await family();
      await models.Notification.deleteMany({});
      clock.advance(HOUR);
      const i18n = createI18n("kk");
      const text = i18n.t("ru", "consent-request", services.consents.requestParams(trial, "Аружан"));
      expect(await grant(mum, registrationId, { text, locale: "ru" })).toEqual({ status: "confirmed" });
      expect(await registration(registrationId)).toMatchObject({ status: "confirmed", statusChangedAt: clock.now() });
      expect(await seatsOf(trial.id)).toBe(1);
      const [record] = await consents();
      expect(record).toMatchObject({ kind: "participation", decision: "granted", textVersion: "participation@1", textHash: sha256(text), locale: "ru", recordedAt: clock.now() });
      expect(record!.guardianId.equals(mum.id) && record!.studentId.equals(child.id) && record!.trialId!.equals(trial.id)).toBe(true);
      const audit = await models.AuditLog.find({ action: "consent.granted" }).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity: "consent", details: { kind: "participation", textVersion: "participation@1" } });
      expect(audit[0]!.actorId!.equals(mum.id) && audit[0]!.entityId!.equals(record!._id) && (audit[0]!.details as { trialId: Types.ObjectId }).trialId.equals(trial.id)).toBe(true);
      const told = await notices();
      expect(told.map((n) => [n.chatId, n.kind, n.payload])).toEqual([
        [child.telegramId, "consent-granted", { key: "consent-granted-pupil", params: { title: "Сварщик на один день", when: "15.10.2026 10:00" }, buttons: [[{ key: "menu-my-trials", callbackData: "1:menu:my-trials" }]] }],
        [teacher.telegramId, "consent-granted", { key: "consent-granted-teacher", params: { child: "Аружан Сейтова", class: "9А", title: "Сварщик на один день", when: "15.10.2026 10:00" } }],
      ]);
    });

    it("a second tap changes nothing; the second parent's agreement is recorded without telling anyone again", async () => {
      const { mum, dad, registrationId } = await family({ dad: true });
      await grant(mum, registrationId);
      const told = await models.Notification.countDocuments();
      clock.advance(MINUTE);
      expect(await grant(mum, registrationId)).toEqual({ status: "confirmed" });
      expect(await models.Consent.countDocuments()).toBe(1);
      expect(await models.AuditLog.countDocuments({ action: "consent.granted" })).toBe(1);
      expect(await grant(dad!, registrationId)).toEqual({ status: "confirmed" });
      expect(await grant(dad!, registrationId)).toEqual({ status: "confirmed" });
      expect((await consents()).map((c) => [c.guardianId.toHexString(), c.decision])).toEqual([
        [mum.id.toHexString(), "granted"],
        [dad!.id.toHexString(), "granted"],
      ]);
      expect(await models.Notification.countDocuments()).toBe(told);
      expect(await services.consents.participationOf(registrationId)).toBe("granted");
    });

    it("refusing declines the registration, frees the seat for the next pupil waiting, and tells pupil and teacher", async () => {
      const trial = await published({ capacity: 1 });
      const { child, mum, registrationId } = await family({ trial });
      const next = await pupil("Бекзат");
      const nextMum = await guardianOf(next);
      const waiting = await signUp(next, trial);
      expect(waiting.status).toBe("waitlisted");
      await models.Notification.deleteMany({});
      expect(await refuse(mum, registrationId)).toEqual({ status: "declined" });
      expect(await statusOf(registrationId)).toBe("declined");
      expect(await statusOf(waiting.registrationId)).toBe("pending_consent");
      expect(await seatsOf(trial.id)).toBe(1);
      expect((await consents()).map((c) => c.decision)).toEqual(["refused"]);
      expect(await models.AuditLog.countDocuments({ action: "consent.refused" })).toBe(1);
      const told = await notices({ kind: "consent-refused" });
      expect(told.map((n) => [n.chatId, (n.payload as { key: string }).key])).toEqual([
        [child.telegramId, "consent-refused-pupil"],
        [teacher.telegramId, "consent-refused-teacher"],
      ]);
      // The pupil who moved up: their mother is asked now.
      expect((await notices({ kind: "consent-request" })).map((n) => n.chatId)).toEqual([nextMum.telegramId]);
      // A second tap: the same answer, nothing new.
      expect(await refuse(mum, registrationId)).toEqual({ status: "declined" });
      expect(await models.Consent.countDocuments()).toBe(1);
      expect(await models.Notification.countDocuments({ kind: "consent-refused" })).toBe(2);
      expect(await seatsOf(trial.id)).toBe(1);
    });

    it("a refusal after the other parent agreed declines a confirmed registration", async () => {
      const { mum, dad, trial, registrationId } = await family({ dad: true });
      await grant(mum, registrationId);
      clock.advance(MINUTE);
      expect(await refuse(dad!, registrationId)).toEqual({ status: "declined" });
      expect(await seatsOf(trial.id)).toBe(0);
      expect(await services.consents.participationOf(registrationId)).toBe("refused");
      // The first parent's agreement can't bring it back.
      await expect(grant(mum, registrationId)).rejects.toMatchObject({ code: "consent-stale" });
    });

    it("a refusal still wins when the other parent's agreement lands between reading and deciding", async () => {
      const { dad, trial, registrationId } = await family({ dad: true });
      const validate = models.Consent.prototype.validate;
      const spy = vi.spyOn(models.Consent.prototype, "validate").mockImplementationOnce(async function (this: InstanceType<Models["Consent"]>) {
        // The mother's agreement confirms the place while the father's refusal is on its way.
        await models.Registration.updateOne({ _id: registrationId }, { $set: { status: "confirmed", statusChangedAt: clock.now() } });
        return validate.call(this);
      });
      expect(await refuse(dad!, registrationId)).toEqual({ status: "declined" });
      spy.mockRestore();
      expect(await statusOf(registrationId)).toBe("declined");
      expect(await seatsOf(trial.id)).toBe(0);
    });

    it("a refusal first: the other parent's later agreement is stale and records nothing", async () => {
      const { mum, dad, trial, registrationId } = await family({ dad: true });
      await refuse(dad!, registrationId);
      await expect(grant(mum, registrationId)).rejects.toMatchObject({ code: "consent-stale" });
      expect(await statusOf(registrationId)).toBe("declined");
      expect(await models.Consent.countDocuments()).toBe(1);
      expect(await seatsOf(trial.id)).toBe(0);
    });

    it("withdrawing before the trial cancels the registration, frees the seat for the next pupil and tells teacher and pupil", async () => {
      const trial = await published({ capacity: 1 });
      const { child, mum, registrationId } = await family({ trial });
      const next = await pupil("Бекзат");
      const waiting = await signUp(next, trial);
      await grant(mum, registrationId);
      await models.Notification.deleteMany({});
      clock.advance(HOUR);
      expect(await services.consents.withdrawParticipation(mum, registrationId, SHOWN)).toEqual({ status: "cancelled" });
      const doc = await registration(registrationId);
      expect(doc).toMatchObject({ status: "cancelled", statusChangedAt: clock.now() });
      expect(doc.cancelledBy!.equals(mum.id)).toBe(true);
      expect(await statusOf(waiting.registrationId)).toBe("pending_consent");
      expect(await seatsOf(trial.id)).toBe(1);
      expect((await consents()).map((c) => c.decision)).toEqual(["granted", "withdrawn"]);
      expect(await models.AuditLog.countDocuments({ action: "consent.withdrawn" })).toBe(1);
      const told = await notices({ kind: "consent-withdrawn" });
      expect(told.map((n) => [n.chatId, (n.payload as { key: string }).key])).toEqual([
        [child.telegramId, "consent-withdrawn-pupil"],
        [teacher.telegramId, "consent-withdrawn-teacher"],
      ]);
      expect(told[1]!.payload).toMatchObject({ params: { child: "Аружан Сейтова", class: "9А", title: "Сварщик на один день" } });
      // A second tap changes nothing; the old buttons are stale now.
      expect(await services.consents.withdrawParticipation(mum, registrationId, SHOWN)).toEqual({ status: "cancelled" });
      expect(await models.Consent.countDocuments()).toBe(2);
      await expect(grant(mum, registrationId)).rejects.toMatchObject({ code: "consent-stale" });
      await expect(refuse(mum, registrationId)).rejects.toMatchObject({ code: "consent-stale" });
      expect(await models.Consent.countDocuments()).toBe(2);
      expect(await seatsOf(trial.id)).toBe(1);
    });

    describe("only on a current request", () => {
      const unchanged = async (act: () => Promise<unknown>, registrationId: Types.ObjectId, code = "consent-stale") => {
        const [status, records, seats, notified] = [await statusOf(registrationId), await models.Consent.countDocuments(), await models.Trial.find({}, { seatsTaken: 1 }).lean(), await models.Notification.countDocuments()];
        await expect(act()).rejects.toMatchObject({ code });
        expect(await statusOf(registrationId)).toBe(status);
        expect(await models.Consent.countDocuments()).toBe(records);
        expect(await models.Trial.find({}, { seatsTaken: 1 }).lean()).toEqual(seats);
        expect(await models.Notification.countDocuments()).toBe(notified);
      };

      it("a cancelled trial", async () => {
        const { mum, trial, registrationId } = await family();
        await services.trials.cancel(teacher, trial.id);
        await unchanged(() => grant(mum, registrationId), registrationId);
        await unchanged(() => refuse(mum, registrationId), registrationId);
        await unchanged(() => services.consents.withdrawParticipation(mum, registrationId, SHOWN), registrationId);
        await unchanged(() => services.consents.request(mum, registrationId), registrationId);
      });

      it("a trial that has started", async () => {
        const { mum, registrationId } = await family();
        await grant(mum, registrationId);
        clock.set(START);
        await unchanged(() => refuse(mum, registrationId), registrationId);
        await unchanged(() => services.consents.withdrawParticipation(mum, registrationId, SHOWN), registrationId);
        await unchanged(() => services.consents.setHealthNote(mum, registrationId, "Астма", SHOWN), registrationId);
      });

      it("a pending registration past the consent deadline", async () => {
        const { mum, registrationId } = await family();
        clock.set(CONSENT_DEADLINE);
        await unchanged(() => grant(mum, registrationId), registrationId);
      });

      it("a place on the waiting list, or a registration the pupil cancelled", async () => {
        const trial = await published({ capacity: 1 });
        const first = await family({ trial });
        const second = await family({ trial, name: "Бекзат" });
        expect(await statusOf(second.registrationId)).toBe("waitlisted");
        await unchanged(() => grant(second.mum, second.registrationId), second.registrationId);
        await services.registrations.cancel(first.child, first.registrationId);
        await unchanged(() => grant(first.mum, first.registrationId), first.registrationId);
      });
    });

    describe("only a linked guardian decides", () => {
      it("a guardian of another child, the pupil, a teacher, an admin and nobody are refused, changing nothing", async () => {
        const { child, registrationId } = await family();
        const stranger = await guardianOf(await pupil("Другой"));
        for (const actor of [stranger, child, teacher, admin, null]) {
          await expect(grant(actor, registrationId)).rejects.toBeInstanceOf(NotAllowed);
          await expect(refuse(actor, registrationId)).rejects.toBeInstanceOf(NotAllowed);
          await expect(services.consents.withdrawParticipation(actor, registrationId, SHOWN)).rejects.toBeInstanceOf(NotAllowed);
          await expect(services.consents.decidePhoto(actor, child.id, "publish", SHOWN)).rejects.toBeInstanceOf(NotAllowed);
          await expect(services.consents.setHealthNote(actor, registrationId, "Астма", SHOWN)).rejects.toBeInstanceOf(NotAllowed);
          await expect(services.consents.request(actor, registrationId)).rejects.toBeInstanceOf(NotAllowed);
        }
        expect(await statusOf(registrationId)).toBe("pending_consent");
        expect(await models.Consent.countDocuments()).toBe(0);
      });

      it("a pupil who is somehow also a guardian still can't consent for themself", async () => {
        const child = await pupil();
        await models.User.updateOne({ _id: child.id }, { $addToSet: { roles: "guardian" } });
        await models.Guardianship.create({ guardianId: child.id, studentId: child.id, inviteId: new Types.ObjectId() });
        const { registrationId } = await signUp(await view(child.id), await published());
        await expect(grant(await view(child.id), registrationId)).rejects.toBeInstanceOf(NotAllowed);
        expect(await models.Consent.countDocuments()).toBe(0);
      });

      it("a forged registration id is not found; an unreadable shown text is refused", async () => {
        const { mum, registrationId } = await family();
        await expect(grant(mum, new Types.ObjectId())).rejects.toMatchObject({ code: "not-found" });
        await expect(grant(mum, registrationId, { text: "", locale: "ru" })).rejects.toMatchObject({ code: "invalid-input" });
        await expect(grant(mum, registrationId, { text: "x", locale: "fr" as Locale })).rejects.toMatchObject({ code: "invalid-input" });
        await expect(services.consents.decideParticipation(mum, registrationId, "withdrawn" as "granted", SHOWN)).rejects.toMatchObject({ code: "invalid-input" });
        expect(await statusOf(registrationId)).toBe("pending_consent");
        expect(await models.Consent.countDocuments()).toBe(0);
      });
    });
  });

  describe("photo and video", () => {
    it("the strictest current answer of the linked parents applies", async () => {
      const { child, mum, dad } = await family({ dad: true });
      const photo = (parent: UserView, scope: "publish" | "portfolio" | "forbidden" | "withdrawn") => services.consents.decidePhoto(parent, child.id, scope, SHOWN);
      expect(await services.consents.photoScopeOf(child.id)).toBe("unknown");
      expect(await photo(mum, "publish")).toEqual({ effective: "publish" });
      clock.advance(MINUTE);
      expect(await photo(dad!, "portfolio")).toEqual({ effective: "portfolio" });
      clock.advance(MINUTE);
      expect(await photo(dad!, "publish")).toEqual({ effective: "publish" });
      clock.advance(MINUTE);
      expect(await photo(mum, "forbidden")).toEqual({ effective: "forbidden" });
      clock.advance(MINUTE);
      expect(await photo(mum, "withdrawn")).toEqual({ effective: "forbidden" });
      expect(await services.consents.photoScopeOf(child.id)).toBe("forbidden");
      const records = await models.Consent.find({ kind: "photo" }).sort({ recordedAt: 1 }).lean();
      expect(records.map((r) => [r.decision, r.photoScope])).toEqual([
        ["granted", "publish"],
        ["granted", "portfolio"],
        ["granted", "publish"],
        ["refused", "forbidden"],
        ["withdrawn", undefined],
      ]);
      expect(records.every((r) => r.textVersion === "photo@1" && r.textHash === sha256(SHOWN.text) && r.trialId === undefined)).toBe(true);
      expect(await models.AuditLog.countDocuments({ action: /^consent\./, "details.kind": "photo" })).toBe(5);
    });

    it("the same answer again records nothing; a pupil unlinking a parent doesn't undo that parent's answer", async () => {
      const { child, mum, dad } = await family({ dad: true });
      await services.consents.decidePhoto(mum, child.id, "publish", SHOWN);
      await services.consents.decidePhoto(mum, child.id, "publish", SHOWN);
      expect(await models.Consent.countDocuments({ kind: "photo" })).toBe(1);
      await services.consents.decidePhoto(dad!, child.id, "forbidden", SHOWN);
      expect(await services.consents.photoScopeOf(child.id)).toBe("forbidden");
      const link = await models.Guardianship.findOne({ guardianId: dad!.id }).lean();
      await services.guardianships.unlink(child, link!._id);
      expect(await services.consents.photoScopeOf(child.id)).toBe("forbidden");
      // Once unlinked, the father can no longer change it.
      await expect(services.consents.decidePhoto(dad!, child.id, "publish", SHOWN)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.consents.decidePhoto(mum, child.id, "everywhere" as "publish", SHOWN)).rejects.toMatchObject({ code: "invalid-input" });
    });
  });

  describe("health note", () => {
    it("only after agreeing; trimmed, up to 500 characters; the same note twice is kept once", async () => {
      const { mum, dad, registrationId } = await family({ dad: true });
      await expect(services.consents.setHealthNote(mum, registrationId, "Астма", SHOWN)).rejects.toMatchObject({ code: "consent-health-not-granted" });
      await grant(mum, registrationId);
      await expect(services.consents.setHealthNote(dad!, registrationId, "Астма", SHOWN)).rejects.toMatchObject({ code: "consent-health-not-granted" });
      for (const bad of ["", "   \n ", "я".repeat(HEALTH_NOTE_MAX + 1)]) {
        await expect(services.consents.setHealthNote(mum, registrationId, bad, SHOWN)).rejects.toMatchObject({ code: "invalid-input" });
      }
      expect(await models.Consent.countDocuments()).toBe(1);
      clock.advance(MINUTE);
      await services.consents.setHealthNote(mum, registrationId, "  Астма, ингалятор с собой \n", SHOWN);
      await services.consents.setHealthNote(mum, registrationId, "Астма, ингалятор с собой", SHOWN);
      await services.consents.setHealthNote(mum, registrationId, "я".repeat(HEALTH_NOTE_MAX), SHOWN);
      const records = await consents();
      expect(records.map((r) => [r.decision, r.healthNote?.length ?? 0])).toEqual([
        ["granted", 0],
        ["granted", 24],
        ["granted", 500],
      ]);
      expect(records[1]).toMatchObject({ healthNote: "Астма, ингалятор с собой", textVersion: "participation@1", textHash: sha256(SHOWN.text) });
      expect((await services.consents.request(mum, registrationId)).healthNote).toBe("я".repeat(500));
      // Still one agreement: another tap on "agree" adds nothing.
      await grant(mum, registrationId);
      expect(await models.Consent.countDocuments()).toBe(3);
      expect(await models.AuditLog.countDocuments({ action: "consent.granted", "details.healthNote": true })).toBe(2);
    });
  });

  describe("overview and request", () => {
    it("shows each child with personal data, photo and the current requests, with this parent's own answers", async () => {
      const child = await pupil();
      const mum = await guardianOf(child);
      const dad = await guardianOf(child, { firstName: "Марат" });
      const brother = await pupil("Бекзат");
      await models.Guardianship.create({ guardianId: mum.id, studentId: brother.id, inviteId: new Types.ObjectId() });
      await models.Consent.create({ studentId: child.id, guardianId: mum.id, kind: "personal_data", decision: "granted", textVersion: "personal-data@1", textHash: sha256("pd"), locale: "ru", recordedAt: NOW });
      const soon = await published({ capacity: 1 });
      const later = await published({ title: "Повар", startsAt: new Date(START.getTime() + DAY), endsAt: new Date(START.getTime() + DAY + HOUR) });
      const full = await published({ title: "Пекарь", capacity: 1, startsAt: new Date(START.getTime() + 2 * DAY), endsAt: new Date(START.getTime() + 2 * DAY + HOUR) });
      const cancelled = await published({ title: "Отменённая", startsAt: new Date(START.getTime() + 3 * DAY), endsAt: new Date(START.getTime() + 3 * DAY + HOUR) });
      const rSoon = await signUp(child, soon);
      const rLater = await signUp(child, later);
      await signUp(await pupil("Другой"), full);
      const rFull = await signUp(child, full);
      await signUp(child, cancelled);
      await services.trials.cancel(teacher, cancelled.id);
      await grant(dad, rSoon.registrationId);
      await services.consents.decidePhoto(mum, child.id, "publish", SHOWN);
      await services.consents.decidePhoto(dad, child.id, "portfolio", SHOWN);

      const overview = await services.consents.overview(mum);
      expect(overview.map((c) => [c.firstName, c.personalData, c.photo])).toEqual([
        ["Аружан", "granted", { mine: "publish", effective: "portfolio", asked: true }],
        ["Бекзат", undefined, { mine: undefined, effective: "unknown", asked: false }],
      ]);
      expect(overview[0]!.participation.map((p) => [p.trial.title, p.registrationStatus, p.mine])).toEqual([
        ["Сварщик на один день", "confirmed", undefined],
        ["Повар", "pending_consent", undefined],
        ["Пекарь", "waitlisted", undefined],
      ]);
      expect(overview[0]!.participation[0]!.registrationId.equals(rSoon.registrationId)).toBe(true);
      expect(overview[0]!.participation[1]!.registrationId.equals(rLater.registrationId)).toBe(true);
      expect(overview[0]!.participation[2]!.registrationId.equals(rFull.registrationId)).toBe(true);
      expect(overview[0]!.participation[1]!.params).toEqual(services.consents.requestParams(later, "Аружан"));
      expect((await services.consents.overview(dad))[0]!.participation[0]!.mine).toBe("granted");
      expect((await services.consents.overview(dad))[0]!.photo).toEqual({ mine: "portfolio", effective: "portfolio", asked: true });

      const request = await services.consents.request(dad, rSoon.registrationId);
      expect(request).toMatchObject({ childFirstName: "Аружан", registrationStatus: "confirmed", mine: "granted", params: services.consents.requestParams(soon, "Аружан") });
      await expect(services.consents.overview(child)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.consents.overview(null)).rejects.toBeInstanceOf(NotAllowed);
    });
  });

  describe("evidence", () => {
    it("lists the trial's participation records and its pupils' photo and personal-data records, for an admin only", async () => {
      const { child, mum, dad, trial, registrationId } = await family({ dad: true });
      const other = await published({ title: "Повар", startsAt: new Date(START.getTime() + DAY), endsAt: new Date(START.getTime() + DAY + HOUR) });
      const otherReg = await signUp(child, other);
      const outsider = await family({ trial: other, name: "Бекзат" });
      await models.Consent.create({ studentId: child.id, guardianId: mum.id, kind: "personal_data", decision: "granted", textVersion: "personal-data@1", textHash: sha256("pd"), locale: "kk", recordedAt: NOW });
      clock.advance(MINUTE);
      await grant(mum, registrationId, { text: "Келісім мәтіні", locale: "kk" });
      clock.advance(MINUTE);
      await services.consents.decidePhoto(dad!, child.id, "portfolio", SHOWN);
      await grant(dad!, otherReg.registrationId);
      await grant(outsider.mum, outsider.registrationId);

      for (const actor of [teacher, mum, child, null]) await expect(services.consents.evidence(actor, trial.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.consents.evidence(admin, new Types.ObjectId())).rejects.toMatchObject({ code: "not-found" });
      const rows = await services.consents.evidence(admin, trial.id);
      expect(rows).toEqual([
        { childName: "Аружан Сейтова", className: "9А", guardianName: "Гульнара Сейтова", kind: "personal_data", decision: "granted", photoScope: undefined, recordedAt: NOW, locale: "kk", textVersion: "personal-data@1", textHash: sha256("pd") },
        { childName: "Аружан Сейтова", className: "9А", guardianName: "Гульнара Сейтова", kind: "participation", decision: "granted", photoScope: undefined, recordedAt: new Date(NOW.getTime() + MINUTE), locale: "kk", textVersion: "participation@1", textHash: sha256("Келісім мәтіні") },
        { childName: "Аружан Сейтова", className: "9А", guardianName: "Марат Сейтова", kind: "photo", decision: "granted", photoScope: "portfolio", recordedAt: new Date(NOW.getTime() + 2 * MINUTE), locale: "ru", textVersion: "photo@1", textHash: sha256(SHOWN.text) },
      ]);
    });
  });

  describe("the chase", () => {
    const early = { signupDeadline: new Date("2026-10-05T12:00:00Z"), consentDeadline: CONSENT_DEADLINE };
    const at = (msBefore: number) => new Date(CONSENT_DEADLINE.getTime() - msBefore);
    const chases = () => notices({ kind: "consent-chase" });

    it("reminds each parent still pending 3 days and 1 day before the deadline, once each, with a button that opens the request", async () => {
      const { mum, dad, registrationId } = await family({ dad: true, trial: await published(early) });
      const cycle = (await registration(registrationId)).statusChangedAt.getTime();
      expect(await services.consents.chase()).toBe(0);
      clock.set(at(3 * DAY + MINUTE));
      expect(await services.consents.chase()).toBe(0);
      clock.set(at(3 * DAY));
      expect(await services.consents.chase()).toBe(2);
      clock.advance(HOUR);
      expect(await services.consents.chase()).toBe(0);
      const first = await chases();
      expect(first.map((n) => [n.chatId, n.dedupeKey, n.urgent])).toEqual(
        [mum, dad!].map((p) => [p.telegramId, `consent-chase:3d:${registrationId.toHexString()}:${p.id.toHexString()}:${cycle}`, false]),
      );
      expect(first[0]).toMatchObject({
        payload: {
          key: "consent-chase-3d",
          params: { child: "Аружан", title: "Сварщик на один день", when: "15.10.2026 10:00", deadline: "14.10.2026 18:00" },
          buttons: [[{ key: "consent-open", callbackData: consentOpenData.pack({ registration: registrationId.toHexString() }) }]],
        },
      });
      clock.set(at(DAY));
      expect(await services.consents.chase()).toBe(2);
      expect(await services.consents.chase()).toBe(0);
      expect((await chases()).map((n) => (n.payload as { key: string }).key)).toEqual(["consent-chase-3d", "consent-chase-3d", "consent-chase-1d", "consent-chase-1d"]);
      clock.set(CONSENT_DEADLINE);
      expect(await services.consents.chase()).toBe(0);
    });

    it("nobody is chased after a decision, and a reminder still waiting is withdrawn", async () => {
      const trial = await published(early);
      const agreed = await family({ trial, dad: true });
      const refused = await family({ trial, name: "Бекзат" });
      clock.set(at(3 * DAY));
      expect(await services.consents.chase()).toBe(3);
      await grant(agreed.mum, agreed.registrationId);
      await refuse(refused.mum, refused.registrationId);
      expect((await chases()).map((n) => n.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
      clock.set(at(DAY));
      expect(await services.consents.chase()).toBe(0);
    });

    it("a request made 2 days before the deadline gets only the 1-day reminder", async () => {
      const trial = await published({ signupDeadline: CONSENT_DEADLINE, consentDeadline: CONSENT_DEADLINE });
      clock.set(at(2 * DAY));
      const { mum } = await family({ trial });
      expect(await services.consents.chase()).toBe(0);
      clock.set(at(DAY + HOUR));
      expect(await services.consents.chase()).toBe(0);
      clock.set(at(DAY));
      expect(await services.consents.chase()).toBe(1);
      expect((await chases()).map((n) => [n.chatId, (n.payload as { key: string }).key])).toEqual([[mum.telegramId, "consent-chase-1d"]]);
    });

    it("a parent who has answered this request is not chased, even while the registration still waits", async () => {
      const { mum, dad, child, trial, registrationId } = await family({ dad: true, trial: await published(early) });
      // An answer recorded while the status update was still on its way (two instances racing).
      await models.Consent.create({ studentId: child.id, guardianId: dad!.id, kind: "participation", trialId: trial.id, decision: "granted", textVersion: "participation@1", textHash: sha256("x"), locale: "ru", recordedAt: new Date(NOW.getTime() + MINUTE) });
      clock.set(at(3 * DAY));
      expect(await services.consents.chase()).toBe(1);
      expect((await chases()).map((n) => n.chatId)).toEqual([mum.telegramId]);
      expect(await statusOf(registrationId)).toBe("pending_consent");
    });

    it("a cancelled trial and a waiting-list place are not chased", async () => {
      const trial = await published({ ...early, capacity: 1 });
      await family({ trial });
      await family({ trial, name: "Бекзат" });
      const gone = await family({ trial: await published({ ...early, title: "Отменённая" }), name: "Дана" });
      await services.trials.cancel(teacher, gone.trial.id);
      clock.set(at(3 * DAY));
      expect(await services.consents.chase()).toBe(1);
    });
  });
});
