import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reflectionStartData } from "../../src/domain/reflection-buttons.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// The trial ends 15.10 at 13:00 in Almaty (UTC+5).
const STARTS = new Date("2026-10-15T05:00:00Z");
const ENDS = new Date("2026-10-15T08:00:00Z");

describe("reflection prompts and the parents' summary (job)", () => {
  let world: JobsWorld;
  let trialId: Types.ObjectId;
  const registrations: Record<string, Types.ObjectId> = {};
  const sentTo = (chatId: number) => world.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === chatId);
  const run = async () => (await world.jobs().scheduler.runDueNow()).find((r) => r.job === "reflection-prompts");

  async function setUp(ends: Date) {
    world = await createJobsWorld({ now: new Date(ends.getTime() - 10 * MINUTE) });
    trialId = (
      await world.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Пекарь на один день",
        host: { organisation: "Колледж питания", address: "Абая 10" },
        mentor: { name: "Ерлан Ахметов", phone: "+7 701 234 56 78" },
        startsAt: new Date(ends.getTime() - 3 * HOUR),
        endsAt: ends,
        timezone: "Asia/Almaty",
        capacity: 5,
        minGrade: 7,
        maxGrade: 11,
        schoolIds: [world.schoolId],
        status: "published",
        createdBy: new Types.ObjectId(),
        schoolId: world.schoolId,
      })
    )._id;
    const statuses = [["attended", 201], ["no_show", 202], ["confirmed", 203], ["cancelled", 204]] as const;
    for (const [status, telegramId] of statuses) {
      const pupil = await world.user(telegramId, { locale: "en" });
      await world.models.User.updateOne({ _id: pupil }, { firstName: "Aruzhan" });
      registrations[status] = (await world.models.Registration.create({ trialId, studentId: pupil, status }))._id;
    }
    const attendee = (await world.models.Registration.findById(registrations.attended).lean())!.studentId;
    const parent = await world.models.User.create({ telegramId: 301, locale: "ru", roles: ["guardian"], firstName: "Гульнара" });
    await world.models.Guardianship.create({ guardianId: parent._id, studentId: attendee, inviteId: new Types.ObjectId() });
    return parent._id;
  }
  afterEach(async () => world.close());

  describe("a trial ending at 13:00", () => {
    let parentId: Types.ObjectId;
    beforeEach(async () => {
      parentId = await setUp(ENDS);
    });

    it("asks only the attendee, an hour after the end, once; the trace a day after; the parents' summary 2 days after", async () => {
      const reg = registrations.attended!.toHexString();
      world.clock.set(new Date(ENDS.getTime() + 59 * MINUTE));
      expect(await run()).toMatchObject({ status: "done", result: { queued: 0 } });
      expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);

      world.clock.set(new Date(ENDS.getTime() + HOUR));
      expect(await run()).toMatchObject({ result: { queued: 1 } });
      expect(sentTo(201)).toHaveLength(1);
      expect(sentTo(201)[0]!.payload.text).toBe(world.i18n.t("en", "reflection-after-prompt", { title: "Пекарь на один день" }));
      expect(sentTo(201)[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "✍️ Start", callback_data: reflectionStartData.pack({ registration: reg, phase: "after" }) }]] });
      for (const chatId of [202, 203, 204, 301]) expect(sentTo(chatId)).toHaveLength(0);
      expect(await world.models.Notification.findOne({ dedupeKey: `reflect-after:${reg}` }).lean()).toMatchObject({ urgent: false, status: "sent" });

      world.clock.advance(10 * MINUTE);
      expect(await run()).toMatchObject({ result: { queued: 0 } });
      expect(sentTo(201)).toHaveLength(1);

      world.clock.set(new Date(ENDS.getTime() + 24 * HOUR - MINUTE));
      await run();
      expect(sentTo(201)).toHaveLength(1);
      world.clock.set(new Date(ENDS.getTime() + 24 * HOUR));
      expect(await run()).toMatchObject({ result: { queued: 1 } });
      expect(sentTo(201)).toHaveLength(2);
      expect(sentTo(201)[1]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "✍️ Start", callback_data: reflectionStartData.pack({ registration: reg, phase: "trace" }) }]] });
      expect(await world.models.Notification.countDocuments({ dedupeKey: `reflect-trace:${reg}` })).toBe(1);
      expect(sentTo(301)).toHaveLength(0);

      world.clock.set(new Date(ENDS.getTime() + 48 * HOUR));
      expect(await run()).toMatchObject({ result: { queued: 1 } });
      expect(sentTo(301)).toHaveLength(1);
      const text = sentTo(301)[0]!.payload.text as string;
      expect(text).toContain("Пекарь на один день");
      expect(text).toContain("Где: Колледж питания");
      expect(text).toContain("Наставник: Ерлан Ахметов");
      expect(text).toContain("Ребёнок попробовал на практике");
      expect(await world.models.Notification.countDocuments({ dedupeKey: `parent-summary:${reg}:${parentId.toHexString()}` })).toBe(1);
      await run();
      expect(sentTo(301)).toHaveLength(1);
      expect(world.telegram.callsOf("sendMessage")).toHaveLength(3);
    });

    it("does not prompt for a reflection already written, nor send a second summary when the pupil already reflected", async () => {
      const reg = registrations.attended!;
      const studentId = (await world.models.Registration.findById(reg).lean())!.studentId;
      await world.models.Reflection.create({ studentId, trialId, registrationId: reg, phase: "after", answers: { didWhat: "x" } });
      await world.models.Reflection.create({ studentId, trialId, registrationId: reg, phase: "trace", answers: { nextStep: "x" } });
      world.clock.set(new Date(ENDS.getTime() + 48 * HOUR));
      expect(await run()).toMatchObject({ result: { queued: 0 } });
      expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    });

    it("leaves alone trials that ended more than a week ago and cancelled ones", async () => {
      world.clock.set(new Date(ENDS.getTime() + 2 * HOUR));
      await world.models.Trial.updateOne({ _id: trialId }, { status: "cancelled" });
      expect(await run()).toMatchObject({ status: "done", result: { queued: 0 } });
      await world.models.Trial.updateOne({ _id: trialId }, { status: "completed" });
      world.clock.set(new Date(ENDS.getTime() + 8 * 24 * HOUR));
      expect(await run()).toMatchObject({ status: "done", result: { queued: 0 } });
      expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    });
  });

  it("holds a prompt due in quiet hours until the morning", async () => {
    // Ends 21:30 in Almaty: the prompt falls due at 22:30, inside quiet hours (22–07).
    const late = new Date("2026-10-15T16:30:00Z");
    await setUp(late);
    world.clock.set(new Date(late.getTime() + HOUR));
    expect(await run()).toMatchObject({ result: { queued: 1 } });
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    const morning = new Date("2026-10-16T02:00:00Z"); // 07:00 in Almaty
    expect(await world.models.Notification.findOne({ kind: "reflect-after" }).lean()).toMatchObject({ status: "pending", notBefore: morning });
    world.clock.set(new Date(morning.getTime() - MINUTE));
    await run();
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    world.clock.set(morning);
    await run();
    expect(sentTo(201)).toHaveLength(1);
  });
});
