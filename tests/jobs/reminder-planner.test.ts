import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reminderReplyData } from "../../src/domain/reminder-buttons.js";
import { createAuditService } from "../../src/services/audit.js";
import { createTrialService } from "../../src/services/trials.js";
import { createUserService } from "../../src/services/users.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

const HOUR = 3_600_000;
const MINUTE = 60_000;
const BEFORE = { expect: "Испечь хлеб", worries: "Ничего", interest: 4 };
const STARTS = new Date("2026-09-22T05:00:00Z"); // Tuesday 10:00 in Almaty
const ENDS = new Date("2026-09-22T08:00:00Z");
const before = (ms: number, starts = STARTS) => new Date(starts.getTime() - ms);

const TEACHER = 1;
const ARU = 201;
const DANA = 202;
const MOTHER = 301;

describe("the reminder planner", () => {
  let world: JobsWorld;
  let trialId: Types.ObjectId;
  let teacherId: Types.ObjectId;
  let aruId: Types.ObjectId;
  let danaId: Types.ObjectId;
  let motherId: Types.ObjectId;
  let aruRegistration: Types.ObjectId;
  let danaRegistration: Types.ObjectId;

  const users = () => createUserService({ models: world.models, clock: world.clock, config: world.config });
  const actor = (id: Types.ObjectId) => users().findById(id);
  const trials = () =>
    createTrialService({ models: world.models, clock: world.clock, audit: createAuditService({ models: world.models, clock: world.clock }), outbox: world.outbox, fillFreeSeats: world.registrations.fillFreeSeats });
  const sentTo = (chatId: number) => world.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === chatId);
  const textsTo = (chatId: number) => sentTo(chatId).map((c) => c.payload.text as string);
  const reminders = (filter: Record<string, unknown> = {}) => world.models.Notification.find({ kind: { $in: ["reminder24h", "reminder2h", "digest1d"] }, ...filter }).sort({ dedupeKey: 1 }).lean();

  async function runAt(at: Date) {
    world.clock.set(at);
    return world.jobs().scheduler.runDueNow();
  }

  async function confirm(registrationId: Types.ObjectId) {
    await world.models.Registration.updateOne({ _id: registrationId }, { $set: { status: "confirmed", statusChangedAt: world.clock.now() } });
  }

  async function createTrial(fields: Record<string, unknown> = {}) {
    const now = world.clock.now();
    return (
      await world.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Бір күн наубайшы",
        description: "Нан пісіреміз.",
        directions: ["R"],
        host: { organisation: "Колледж", address: "Алматы, Абай 10", transport: "Автобус 32" },
        mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
        escort: { name: "Гүлнара Садыкова", phone: "+7 701 000 00 00" },
        bring: "Сменную обувь",
        clothing: "Удобную одежду",
        startsAt: STARTS,
        endsAt: ENDS,
        timezone: "Asia/Almaty",
        capacity: 5,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [world.schoolId],
        signupDeadline: new Date(now.getTime() + HOUR),
        consentDeadline: new Date("2026-09-21T12:00:00Z"),
        status: "published",
        createdBy: teacherId,
        schoolId: world.schoolId,
        ...fields,
      })
    )._id;
  }

  beforeEach(async () => {
    world = await createJobsWorld();
    teacherId = (await world.models.User.create({ telegramId: TEACHER, locale: "ru", roles: ["teacher"], teacherSchoolId: world.schoolId, firstName: "Ерлан" }))._id;
    trialId = await createTrial();
    aruId = (await world.models.User.create({ telegramId: ARU, locale: "ru", roles: ["student"], firstName: "Аружан", lastName: "Тестова", schoolId: world.schoolId, grade: 9, classLetter: "А" }))._id;
    danaId = (await world.models.User.create({ telegramId: DANA, locale: "kk", roles: ["student"], firstName: "Дана", lastName: "Ким", schoolId: world.schoolId, grade: 8, classLetter: "Б" }))._id;
    motherId = (await world.models.User.create({ telegramId: MOTHER, locale: "ru", roles: ["guardian"], firstName: "Гүлнара" }))._id;
    await world.models.Guardianship.create({ guardianId: motherId, studentId: aruId, inviteId: new Types.ObjectId() });
    ({ registrationId: aruRegistration } = await world.registrations.signUp(await actor(aruId), trialId, BEFORE));
    ({ registrationId: danaRegistration } = await world.registrations.signUp(await actor(danaId), trialId, BEFORE));
    // The mother agrees, with a health note; Dana's consent is still missing.
    await world.consents.decideParticipation(await actor(motherId), aruRegistration, "granted", { text: "shown", locale: "ru" });
    await world.consents.setHealthNote(await actor(motherId), aruRegistration, "Астма, ингалятор с собой", { text: "asked", locale: "ru" });
    await world.consents.decidePhoto(await actor(motherId), aruId, "portfolio", { text: "photo", locale: "ru" });
    // Consent requests, notices and the like, sent before the reminders.
    await world.jobs().scheduler.runDueNow();
  });
  afterEach(async () => world.close());

  it("sends the direction sheet 24 hours before to the pupil and parent, the digest to the teacher, and the 2-hour reminder to the pupil, once each", async () => {
    const sent = world.telegram.callsOf("sendMessage").length;
    await runAt(before(24 * HOUR + MINUTE));
    expect(await reminders()).toEqual([]);
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(sent);

    const aruBefore = sentTo(ARU).length;
    const motherBefore = sentTo(MOTHER).length;
    await runAt(before(24 * HOUR));
    const reg = aruRegistration.toHexString();
    const ms = STARTS.getTime();
    expect((await reminders()).map((n) => [n.dedupeKey, n.status, n.urgent])).toEqual([
      [`digest1d:${trialId.toHexString()}:${teacherId.toHexString()}:${ms}`, "sent", false],
      [`reminder24h:${reg}:${aruId.toHexString()}:${ms}`, "sent", false],
      [`reminder24h:${reg}:${motherId.toHexString()}:${ms}`, "sent", false],
    ]);
    const map = `https://2gis.kz/search/${encodeURIComponent("Алматы, Абай 10")}`;
    const [sheet] = sentTo(ARU).slice(aruBefore);
    expect(sheet!.payload.text).toBe(
      [
        "🔔 Маршрутный лист: «Бір күн наубайшы» уже завтра",
        "",
        "📅 22.09.2026, 10:00–13:00",
        "📍 Колледж, Алматы, Абай 10",
        `🗺 На карте: ${map}`,
        "🚌 Как добраться: Автобус 32",
        "👤 Наставник: Ерлан Ахметов, +7 701 234 56 78",
        "👤 Сопровождающий от школы: Гүлнара Садыкова, +7 701 000 00 00",
        "🎒 Возьми с собой: Сменную обувь",
        "👕 Одежда: Удобную одежду",
        "",
        "⏰ Опаздываешь или плохо себя чувствуешь? Сразу позвони: Гүлнара Садыкова, +7 701 000 00 00.",
        "",
        "Придёшь?",
      ].join("\n"),
    );
    expect(sheet!.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "✅ Приду", callback_data: reminderReplyData.pack({ registration: reg, answer: "coming" }) },
          { text: "😔 Не смогу прийти", callback_data: reminderReplyData.pack({ registration: reg, answer: "cant" }) },
        ],
      ],
    });
    const [parentSheet] = sentTo(MOTHER).slice(motherBefore);
    expect(parentSheet!.payload.text).toContain("🔔 Маршрутный лист: завтра Аружан идёт на «Бір күн наубайшы»");
    expect(parentSheet!.payload.text).toContain("⏰ Если Аружан опаздывает или плохо себя чувствует, пожалуйста, сразу позвоните: Гүлнара Садыкова, +7 701 000 00 00.");
    expect(parentSheet!.payload.reply_markup).toBeUndefined();
    expect(textsTo(TEACHER).at(-1)).toBe(
      [
        "📋 Завтра: «Бір күн наубайшы» (22.09.2026 10:00)",
        "",
        "✅ Подтверждены (1): Аружан Тестова (9А)",
        "⏳ Нет согласия родителей (1): Дана Ким (8Б)",
        "🚫 Нет разрешения на съёмку, не фотографируйте и не снимайте на видео: —",
        "📁 Фото только для портфолио, не публиковать: Аружан Тестова (9А)",
        "🩺 Заметки о здоровье:",
        "• Аружан Тестова (9А): Астма, ингалятор с собой",
        "",
        "Полный список — в списке участников пробы.",
      ].join("\n"),
    );
    // Dana has no consent: no direction sheet for her.
    expect(textsTo(DANA).filter((t) => t.startsWith("🔔"))).toEqual([]);

    // Running again plans nothing twice.
    const total = world.telegram.callsOf("sendMessage").length;
    const [aruTotal, motherTotal] = [sentTo(ARU).length, sentTo(MOTHER).length];
    await runAt(before(24 * HOUR - MINUTE));
    await runAt(before(23 * HOUR));
    expect(await reminders()).toHaveLength(3);
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(total);

    await runAt(before(2 * HOUR));
    await runAt(before(2 * HOUR - MINUTE));
    expect(textsTo(ARU).at(-1)).toBe(
      [
        "⏰ Через 2 часа, в 10:00, начинается «Бір күн наубайшы».",
        `📍 Колледж, Алматы, Абай 10 (${map})`,
        "Опаздываешь или плохо себя чувствуешь — звони: Гүлнара Садыкова, +7 701 000 00 00. Удачи!",
      ].join("\n"),
    );
    // One message more for Aru (Dana's consent expired meanwhile: she and the teacher heard about that).
    expect(sentTo(ARU)).toHaveLength(aruTotal + 1);
    expect(sentTo(MOTHER)).toHaveLength(motherTotal);
    expect((await reminders({ kind: "reminder2h" })).map((n) => n.dedupeKey)).toEqual([`reminder2h:${reg}:${ms}`]);
  });

  it("a pupil confirmed later gets the sheet on the next run within 2 hours of its moment; confirmed 3 hours before, only the 2-hour reminder", async () => {
    await runAt(before(24 * HOUR));
    expect(await reminders({ kind: "reminder24h", dedupeKey: { $regex: danaRegistration.toHexString() } })).toEqual([]);
    await runAt(before(23 * HOUR));
    const otherId = (await world.models.User.create({ telegramId: 203, locale: "en", roles: ["student"], firstName: "Timur", schoolId: world.schoolId, grade: 9 }))._id;
    const late = (await world.models.Registration.create({ trialId, studentId: otherId, status: "confirmed", statusChangedAt: world.clock.now() }))._id;
    await runAt(before(22 * HOUR + MINUTE));
    expect((await reminders({ kind: "reminder24h", dedupeKey: { $regex: late.toHexString() } })).map((n) => [n.status, n.notBefore])).toEqual([["sent", before(24 * HOUR)]]);

    // Dana is confirmed 3 hours before: too late for "tomorrow", in time for the day itself.
    await runAt(before(3 * HOUR));
    await confirm(danaRegistration);
    await runAt(before(3 * HOUR - MINUTE));
    expect(await reminders({ dedupeKey: { $regex: danaRegistration.toHexString() } })).toEqual([]);
    await runAt(before(2 * HOUR));
    expect((await reminders({ dedupeKey: { $regex: danaRegistration.toHexString() } })).map((n) => n.kind)).toEqual(["reminder2h"]);
    expect(textsTo(DANA).at(-1)).toBe("⏰ «Бір күн наубайшы» басталуына 2 сағат қалды, басталуы — 10:00.\n📍 Колледж, Алматы, Абай 10 (https://2gis.kz/search/%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B%2C%20%D0%90%D0%B1%D0%B0%D0%B9%2010)\nКешігіп жатсаң немесе ауырып қалсаң, хабарлас: Гүлнара Садыкова, +7 701 000 00 00. Сәттілік!");
  });

  it("a reminder due at 23:30 waits for 07:00; when the trial moves, the waiting ones are withdrawn and planned again at the new time", async () => {
    // 23:30 in Almaty the evening before is the 24-hour moment of a trial starting at 23:30.
    const lateStart = new Date("2026-09-22T18:30:00Z");
    const moving = await createTrial({ title: "Ночная смена", startsAt: lateStart, endsAt: new Date("2026-09-22T20:00:00Z"), consentDeadline: new Date("2026-09-21T12:00:00Z") });
    const { registrationId } = await world.registrations.signUp(await actor(aruId), moving, BEFORE);
    await confirm(registrationId);
    const aruSent = sentTo(ARU).length;

    await runAt(before(24 * HOUR, lateStart)); // 21.09 23:30 in Almaty
    const planned = await reminders({ trialId: moving, kind: "reminder24h" });
    expect(planned.map((n) => [n.status, n.notBefore])).toEqual([
      ["pending", new Date("2026-09-22T02:00:00Z")],
      ["pending", new Date("2026-09-22T02:00:00Z")],
    ]);
    expect(sentTo(ARU)).toHaveLength(aruSent);

    // The teacher moves it two days later, before the morning.
    world.clock.set(new Date("2026-09-21T20:00:00Z"));
    const teacher = await actor(teacherId);
    const input = await trials().draftFrom(teacher, moving);
    const newStart = new Date(lateStart.getTime() + 48 * HOUR);
    await trials().update(teacher, moving, { ...input, startsAt: newStart, endsAt: new Date(newStart.getTime() + 90 * MINUTE) });
    // Withdrawn by the change itself, not only at the planner's next run.
    expect((await reminders({ trialId: moving, kind: "reminder24h" })).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
    await runAt(new Date("2026-09-22T02:00:00Z"));
    expect((await reminders({ trialId: moving })).map((n) => n.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    // Only the urgent change notice went out, not the old sheet.
    expect(textsTo(ARU).slice(aruSent).filter((t) => t.startsWith("🔔"))).toEqual([]);

    await runAt(before(24 * HOUR, newStart));
    expect(textsTo(ARU).slice(aruSent).filter((t) => t.startsWith("🔔"))).toEqual([]);
    await runAt(new Date("2026-09-24T02:00:00Z"));
    const sheets = textsTo(ARU).slice(aruSent).filter((t) => t.startsWith("🔔"));
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toContain("📅 24.09.2026, 23:30–01:00");
    expect((await reminders({ trialId: moving, status: "sent" })).map((n) => n.dedupeKey.endsWith(`:${newStart.getTime()}`))).toEqual([true, true, true]);
  });

  it("a cancelled trial gets no reminders", async () => {
    await runAt(before(30 * HOUR));
    await trials().cancel(await actor(teacherId), trialId);
    await runAt(before(24 * HOUR));
    await runAt(before(2 * HOUR));
    expect(await reminders()).toEqual([]);
  });

  it("a pupil who cancels is no longer reminded: what still waits is withdrawn", async () => {
    const lateStart = new Date("2026-09-22T18:30:00Z");
    const evening = await createTrial({ title: "Вечер", startsAt: lateStart, endsAt: new Date("2026-09-22T20:00:00Z"), consentDeadline: new Date("2026-09-21T12:00:00Z") });
    const { registrationId } = await world.registrations.signUp(await actor(aruId), evening, BEFORE);
    await confirm(registrationId);
    await runAt(before(24 * HOUR, lateStart));
    expect((await reminders({ trialId: evening, kind: "reminder24h" })).map((n) => n.status)).toEqual(["pending", "pending"]);
    await world.registrations.cancel(await actor(aruId), registrationId);
    // Withdrawn by the cancellation itself.
    expect((await reminders({ trialId: evening, kind: "reminder24h" })).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
    await runAt(new Date("2026-09-22T02:00:00Z"));
    expect((await reminders({ trialId: evening, kind: "reminder24h" })).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("a trial cancelled while its reminders wait for the morning: they are withdrawn at once", async () => {
    const lateStart = new Date("2026-09-22T18:30:00Z");
    const evening = await createTrial({ title: "Вечер", startsAt: lateStart, endsAt: new Date("2026-09-22T20:00:00Z"), consentDeadline: new Date("2026-09-21T12:00:00Z") });
    const { registrationId } = await world.registrations.signUp(await actor(aruId), evening, BEFORE);
    await confirm(registrationId);
    await runAt(before(24 * HOUR, lateStart));
    expect((await reminders({ trialId: evening })).map((n) => n.status)).toEqual(["pending", "pending", "pending"]);
    await trials().cancel(await actor(teacherId), evening);
    expect((await reminders({ trialId: evening })).map((n) => n.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });
});
