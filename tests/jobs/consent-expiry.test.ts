import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUserService } from "../../src/services/users.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

const HOUR = 3_600_000;
const BEFORE = { expect: "Испечь хлеб", worries: "Ничего", interest: 4 };

describe("consent-deadline expiry job", () => {
  let world: JobsWorld;
  let teacherId: Types.ObjectId;
  let trialId: Types.ObjectId;
  let consentDeadline: Date;
  const pupils: Record<string, { id: Types.ObjectId; chatId: number }> = {};

  async function pupil(name: string, chatId: number) {
    const doc = await world.models.User.create({ telegramId: chatId, locale: "ru", roles: ["student"], firstName: name, lastName: "Тестова", schoolId: world.schoolId, grade: 9, classLetter: "А" });
    pupils[name] = { id: doc._id, chatId };
    return doc._id;
  }
  const actor = (id: Types.ObjectId) => createUserService({ models: world.models, clock: world.clock, config: world.config }).findById(id);
  const registration = async (name: string) => (await world.models.Registration.findOne({ trialId, studentId: pupils[name]!.id }).lean())!;
  const seatsTaken = async () => (await world.models.Trial.findById(trialId).lean())!.seatsTaken;

  beforeEach(async () => {
    world = await createJobsWorld();
    const now = world.clock.now();
    teacherId = (await world.models.User.create({ telegramId: 1, locale: "ru", roles: ["teacher"], teacherSchoolId: world.schoolId, firstName: "Ерлан" }))._id;
    consentDeadline = new Date(now.getTime() + 2 * HOUR);
    trialId = (
      await world.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Бір күн наубайшы",
        host: { organisation: "Колледж", address: "Алматы" },
        startsAt: new Date(now.getTime() + 3 * 24 * HOUR),
        endsAt: new Date(now.getTime() + 3 * 24 * HOUR + 3 * HOUR),
        timezone: "Asia/Almaty",
        capacity: 2,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [world.schoolId],
        signupDeadline: new Date(now.getTime() + HOUR),
        consentDeadline,
        status: "published",
        createdBy: teacherId,
        schoolId: world.schoolId,
      })
    )._id;
    // Aru waits for her mother's consent, Bekzat's father has agreed in the bot, Dana waits for a place.
    await pupil("Аружан", 201);
    await pupil("Бекзат", 202);
    await pupil("Дана", 203);
    const mother = await world.models.User.create({ telegramId: 301, locale: "kk", roles: ["guardian"], firstName: "Гүлнара" });
    await world.models.Guardianship.create({ guardianId: mother._id, studentId: pupils["Аружан"]!.id, inviteId: new Types.ObjectId() });
    const father = await world.models.User.create({ telegramId: 302, locale: "ru", roles: ["guardian"], firstName: "Марат" });
    await world.models.Guardianship.create({ guardianId: father._id, studentId: pupils["Бекзат"]!.id, inviteId: new Types.ObjectId() });
    for (const name of ["Аружан", "Бекзат", "Дана"]) await world.registrations.signUp(await actor(pupils[name]!.id), trialId, BEFORE);
    await world.consents.decideParticipation(await actor(father._id), (await registration("Бекзат"))._id, "granted", { text: "Келісім", locale: "ru" });
    // Everything said so far was delivered earlier.
    await world.models.Notification.updateMany({ kind: { $ne: "consent-request" } }, { $set: { status: "sent" } });
    await world.models.Notification.updateMany({ chatId: 302 }, { $set: { status: "sent" } });
  });
  afterEach(async () => world.close());

  it("is registered between the planner and the dispatcher, before the chase", () => {
    expect(world.jobs().scheduler.jobNames()).toEqual(["broadcast-planner", "consent-expiry", "consent-chase", "reflection-prompts", "reminder-planner", "dispatcher"]);
  });

  it("at the deadline expires a registration still waiting for consent, frees its seat, promotes nobody, tells pupil, parent and teacher, withdraws the unsent request; a second run changes nothing", async () => {
    const { scheduler } = world.jobs();
    expect((await registration("Дана")).status).toBe("waitlisted");
    expect(await seatsTaken()).toBe(2);

    // A minute before the deadline: nothing happens.
    world.clock.set(new Date(consentDeadline.getTime() - 60_000));
    expect(await scheduler.runJob("consent-expiry")).toMatchObject({ status: "done", result: { expired: 0 } });
    expect((await registration("Аружан")).status).toBe("pending_consent");

    world.clock.set(consentDeadline);
    expect(await scheduler.runJob("consent-expiry")).toMatchObject({ status: "done", result: { expired: 1 } });
    expect((await registration("Аружан")).status).toBe("expired");
    expect((await registration("Бекзат")).status).toBe("confirmed");
    // Past the deadline a parent has no time left to consent, so the seat is not passed on.
    expect((await registration("Дана")).status).toBe("waitlisted");
    expect(await seatsTaken()).toBe(1);

    const notices = await world.models.Notification.find({ kind: "trial-expired" }).sort({ chatId: 1 }).lean();
    expect(notices.map((n) => [n.chatId, (n.payload as { key: string }).key])).toEqual([
      [201, "trial-expired-pupil"],
      [301, "trial-expired-parent"],
    ]);
    expect(notices[1]!.payload).toMatchObject({ params: { title: "Бір күн наубайшы", child: "Аружан" } });
    const toTeacher = await world.models.Notification.find({ kind: "consent-expired" }).lean();
    expect(toTeacher.map((n) => [n.chatId, n.payload])).toEqual([
      [1, { key: "consent-expired-teacher", params: { child: "Аружан Тестова", class: "9А", title: "Бір күн наубайшы", when: "17.09.2026 10:00" } }],
    ]);
    // The request the mother never received is not sent after the deadline.
    expect(await world.models.Notification.find({ kind: "consent-request", chatId: 301 }, { status: 1, _id: 0 }).lean()).toEqual([{ status: "cancelled" }]);
    expect(await world.models.AuditLog.countDocuments({ action: "registration.expire" })).toBe(1);

    world.clock.advance(60_000);
    const before = await world.models.Notification.countDocuments({});
    expect(await scheduler.runJob("consent-expiry")).toMatchObject({ status: "done", result: { expired: 0 } });
    expect(await seatsTaken()).toBe(1);
    expect(await world.models.Notification.countDocuments({})).toBe(before);
    expect(await world.models.AuditLog.countDocuments({ action: "registration.expire" })).toBe(1);
    expect((await registration("Дана")).status).toBe("waitlisted");
  });

  it("plans before it sends: one pass of every job expires and delivers the notices in each person's language, the teacher's too", async () => {
    const { scheduler } = world.jobs();
    world.clock.set(new Date(consentDeadline.getTime() + 1000));
    const results = await scheduler.runDueNow();
    expect(results.map((r) => [r.job, r.status])).toEqual([
      ["broadcast-planner", "done"],
      ["consent-expiry", "done"],
      ["consent-chase", "done"],
      ["reflection-prompts", "done"],
      ["reminder-planner", "done"],
      ["dispatcher", "done"],
    ]);
    const sent = world.telegram.callsOf("sendMessage").map((c) => [c.payload.chat_id, c.payload.text] as [number, string]);
    expect(sent.sort((a, b) => a[0] - b[0])).toEqual([
      [1, "⌛ Согласие не пришло в срок: Аружан Тестова (9А), «Бір күн наубайшы» (17.09.2026 10:00). Запись снята, место освобождено."],
      [201, "⌛ Согласие родителей на пробу «Бір күн наубайшы» не пришло вовремя, поэтому запись снята и место освобождено. В каталоге есть и другие пробы."],
      [301, "⌛ Аружан үшін «Бір күн наубайшы» іс-шарасына (17.09.2026 10:00) келісім беру мерзімі өтті, орын босатылды."],
    ]);
  });
});
