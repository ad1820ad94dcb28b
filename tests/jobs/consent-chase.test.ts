import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { consentDecisionData, consentOpenData } from "../../src/domain/consent-buttons.js";
import { toTrialView } from "../../src/services/trials.js";
import { createUserService } from "../../src/services/users.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

const HOUR = 3_600_000;
const BEFORE = { expect: "Испечь хлеб", worries: "Ничего", interest: 4 };
// 20.09 23:00 in Almaty: the 3-day reminder falls due at 23:00, inside quiet hours (22–07).
const CONSENT_DEADLINE = new Date("2026-09-20T18:00:00Z");
const THREE_DAYS_BEFORE = new Date("2026-09-17T18:00:00Z");
const NEXT_MORNING = new Date("2026-09-18T02:00:00Z"); // 07:00 in Almaty
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("consent requests and reminders through the jobs", () => {
  let world: JobsWorld;
  let trialId: Types.ObjectId;
  let registrationId: Types.ObjectId;
  let motherId: Types.ObjectId;
  const actor = (id: Types.ObjectId) => createUserService({ models: world.models, clock: world.clock, config: world.config }).findById(id);
  const sentTo = (chatId: number) => world.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === chatId);

  beforeEach(async () => {
    world = await createJobsWorld();
    const now = world.clock.now();
    const teacher = await world.models.User.create({ telegramId: 1, locale: "ru", roles: ["teacher"], teacherSchoolId: world.schoolId, firstName: "Ерлан" });
    trialId = (
      await world.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Бір күн наубайшы",
        description: "Нан пісіреміз.",
        host: { organisation: "Колледж", address: "Алматы, Абай 10" },
        mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
        escort: { name: "Гүлнара Садыкова", phone: "+7 701 000 00 00" },
        startsAt: new Date("2026-09-22T04:00:00Z"),
        endsAt: new Date("2026-09-22T07:00:00Z"),
        timezone: "Asia/Almaty",
        capacity: 5,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [world.schoolId],
        signupDeadline: new Date(now.getTime() + HOUR),
        consentDeadline: CONSENT_DEADLINE,
        status: "published",
        createdBy: teacher._id,
        schoolId: world.schoolId,
      })
    )._id;
    const pupil = await world.models.User.create({ telegramId: 201, locale: "kk", roles: ["student"], firstName: "Аружан", lastName: "Тестова", schoolId: world.schoolId, grade: 9, classLetter: "А" });
    motherId = (await world.models.User.create({ telegramId: 301, locale: "ru", roles: ["guardian"], firstName: "Гүлнара", timezone: "Asia/Almaty" }))._id;
    await world.models.Guardianship.create({ guardianId: motherId, studentId: pupil._id, inviteId: new Types.ObjectId() });
    ({ registrationId } = await world.registrations.signUp(await actor(pupil._id), trialId, BEFORE));
  });
  afterEach(async () => world.close());

  it("the parent receives the informed request with its buttons, in their language, then the photo question; the hash kept is that of the text received", async () => {
    await world.dispatcher().runOnce();
    expect(sentTo(301)).toHaveLength(2);
    const [request, photo] = sentTo(301);
    const trial = await world.models.Trial.findById(trialId).lean<Parameters<typeof toTrialView>[0]>();
    const params = world.consents.requestParams(toTrialView(trial!), "Аружан");
    const text = request!.payload.text as string;
    expect(text).toBe(world.i18n.t("ru", "consent-request", params));
    expect(text.startsWith("📝 Согласие на участие: Аружан")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(request!.payload.parse_mode).toBeUndefined();
    const reg = registrationId.toHexString();
    expect(request!.payload.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "✅ Даю согласие", callback_data: consentDecisionData.pack({ registration: reg, decision: "granted" }) },
          { text: "✖️ Не даю согласия", callback_data: consentDecisionData.pack({ registration: reg, decision: "refused" }) },
        ],
      ],
    });

    expect(photo!.payload.text).toBe(world.i18n.t("ru", "consent-photo", { child: "Аружан" }));
    expect((photo!.payload.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.map((row) => row[0]!.text)).toEqual([
      "🌐 Можно публиковать",
      "📁 Только для портфолио",
      "🚫 Нельзя",
    ]);

    await world.consents.decideParticipation(await actor(motherId), registrationId, "granted", { text, locale: "ru" });
    const [record] = await world.models.Consent.find({}).lean();
    expect(record).toMatchObject({ decision: "granted", textVersion: "participation@1", textHash: sha256(text), locale: "ru" });
    expect((await world.models.Registration.findById(registrationId).lean())!.status).toBe("confirmed");
  });

  it("a reminder due at 23:00 waits for the end of quiet hours, is sent once, with a button that opens the request", async () => {
    const { scheduler } = world.jobs();
    await scheduler.runDueNow();
    const before = world.telegram.callsOf("sendMessage").length;

    world.clock.set(THREE_DAYS_BEFORE);
    const late = await scheduler.runDueNow();
    expect(late.find((r) => r.job === "consent-chase")).toMatchObject({ status: "done", result: { queued: 1 } });
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(before);
    const planned = await world.models.Notification.findOne({ kind: "consent-chase" }).lean();
    expect(planned).toMatchObject({ status: "pending", urgent: false, notBefore: NEXT_MORNING });

    world.clock.set(new Date(NEXT_MORNING.getTime() - 60_000));
    await scheduler.runDueNow();
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(before);

    world.clock.set(NEXT_MORNING);
    const morning = await scheduler.runDueNow();
    expect(morning.find((r) => r.job === "consent-chase")).toMatchObject({ status: "done", result: { queued: 0 } });
    const reminders = world.telegram.callsOf("sendMessage").slice(before);
    expect(reminders.map((c) => [c.payload.chat_id, c.payload.text])).toEqual([
      [
        301,
        "⏰ Напоминаем: мы ждём Вашего ответа, может ли Аружан участвовать в «Бір күн наубайшы» (22.09.2026 09:00). Пожалуйста, ответьте до 20.09.2026 23:00, иначе место освободится. Нажмите кнопку, чтобы прочитать подробности и ответить.",
      ],
    ]);
    expect(reminders[0]!.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: "📝 Прочитать и ответить", callback_data: consentOpenData.pack({ registration: registrationId.toHexString() }) }]],
    });
    world.clock.advance(HOUR);
    await scheduler.runDueNow();
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(before + 1);
    expect(await world.models.Notification.countDocuments({ kind: "consent-chase" })).toBe(1);
  });
});
