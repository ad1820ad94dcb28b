import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createConfig } from "../../src/config.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import type { Role } from "../../src/db/models/user.js";
import { silentLogger } from "../../src/logger.js";
import { fanOutBroadcast, resolveRecipients, BroadcastFinished } from "../../src/services/broadcasts.js";
import { InvalidInput, NotAllowed, NotFound } from "../../src/services/errors.js";
import { createServices, type Services } from "../../src/services/index.js";
import type { UserView } from "../../src/services/users.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty

describe("broadcast service", () => {
  let db: TestDatabase;
  let models: Models;
  let services: Services;
  let clock: ManualClock;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let teacher: UserView;
  let telegramId = 1000;

  const user = async (roles: Role[], extra: Record<string, unknown> = {}) =>
    (await models.User.create({ telegramId: telegramId++, locale: "ru", roles, status: "active", ...extra }))._id;
  const view = async (id: Types.ObjectId) => (await services.users.findById(id))!;
  const pupil = (grade: number, letter: string, extra: Record<string, unknown> = {}) =>
    user(["student"], { schoolId, grade, classLetter: letter, firstName: "P", ...extra });
  const link = (guardianId: Types.ObjectId, studentId: Types.ObjectId) =>
    models.Guardianship.create({ guardianId, studentId, inviteId: new Types.ObjectId() });
  const ids = (list: { userId: Types.ObjectId }[]) => list.map((r) => r.userId.toHexString()).sort();
  const hex = (...list: Types.ObjectId[]) => list.map((id) => id.toHexString()).sort();

  beforeEach(async () => {
    db = await createTestDatabase("broadcasts");
    models = createModels(db.connection);
    await ensureIndexes(models);
    clock = new ManualClock({ frozenAt: NOW });
    services = createServices({ models, clock, config: createConfig({ LOG_LEVEL: "silent", ADMIN_TELEGRAM_IDS: "1" }), logger: silentLogger() });
    schoolId = (await models.School.create({ name: "School 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await models.School.create({ name: "School 7", region: "Bishkek", timezone: "Asia/Bishkek" }))._id;
    teacher = await view(await user(["teacher"], { teacherSchoolId: schoolId, onboardedAt: NOW }));
  });
  afterEach(async () => {
    await db.drop();
  });

  describe("audience resolution", () => {
    let a9: Types.ObjectId, b9: Types.ObjectId, a10: Types.ObjectId, blocked9: Types.ObjectId, mum: Types.ObjectId, dad: Types.ObjectId;
    let parentOfTwo: Types.ObjectId, blockedParent: Types.ObjectId, elsewhere: Types.ObjectId, elsewhereParent: Types.ObjectId;

    beforeEach(async () => {
      a9 = await pupil(9, "А");
      b9 = await pupil(9, "Б");
      a10 = await pupil(10, "А");
      blocked9 = await pupil(9, "А", { status: "blocked" });
      await pupil(9, "А", { status: "deleted" });
      elsewhere = await user(["student"], { schoolId: otherSchoolId, grade: 9, classLetter: "А" });
      mum = await user(["guardian"]);
      dad = await user(["guardian"]);
      parentOfTwo = await user(["guardian"]);
      blockedParent = await user(["guardian"], { status: "blocked" });
      elsewhereParent = await user(["guardian"]);
      await link(mum, a9);
      await link(dad, a9);
      await link(parentOfTwo, b9);
      await link(parentOfTwo, a10);
      await link(blockedParent, b9);
      await link(elsewhereParent, elsewhere);
      // The blocked pupil's parent still hears from the school.
      await link(mum, blocked9);
    });

    it("reaches active pupils of the school only, narrowed by grade and class", async () => {
      expect(ids(await resolveRecipients(models, schoolId, { roles: ["student"] }))).toEqual(hex(a9, b9, a10));
      expect(ids(await resolveRecipients(models, schoolId, { roles: ["student"], grade: 9 }))).toEqual(hex(a9, b9));
      expect(ids(await resolveRecipients(models, schoolId, { roles: ["student"], grade: 9, classLetter: "А" }))).toEqual(hex(a9));
      expect(await resolveRecipients(models, schoolId, { roles: ["student"], grade: 11 })).toEqual([]);
    });

    it("reaches the guardians of those pupils once each, active ones only", async () => {
      const all = await resolveRecipients(models, schoolId, { roles: ["guardian"] });
      expect(ids(all)).toEqual(hex(mum, dad, parentOfTwo));
      expect(all.every((r) => r.role === "guardian")).toBe(true);
      expect(ids(await resolveRecipients(models, schoolId, { roles: ["guardian"], grade: 9, classLetter: "Б" }))).toEqual(hex(parentOfTwo));
      expect(ids(await resolveRecipients(models, schoolId, { roles: ["guardian"], grade: 10 }))).toEqual(hex(parentOfTwo));
    });

    it("counts a person who is both a pupil and a guardian once, with the chat id of their account", async () => {
      const both = await user(["student", "guardian"], { schoolId, grade: 11, classLetter: "В" });
      await link(both, a10);
      const recipients = await resolveRecipients(models, schoolId, { roles: ["student", "guardian"] });
      expect(ids(recipients)).toEqual(hex(a9, b9, a10, both, mum, dad, parentOfTwo));
      const stored = await models.User.findById(both).lean();
      expect(recipients.find((r) => r.userId.equals(both))).toEqual({ userId: both, chatId: stored!.telegramId, role: "student" });
    });

    it("reaches a trial's registrants in active states; a visiting school only its own pupils", async () => {
      const trial = await models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Welding",
        startsAt: new Date("2026-10-01T05:00:00Z"),
        endsAt: new Date("2026-10-01T08:00:00Z"),
        timezone: "Asia/Almaty",
        capacity: 10,
        minGrade: 8,
        maxGrade: 11,
        schoolIds: [schoolId, otherSchoolId],
        status: "published",
        createdBy: teacher.id,
        schoolId,
      });
      await models.Registration.create({ trialId: trial._id, studentId: a9, status: "confirmed" });
      await models.Registration.create({ trialId: trial._id, studentId: b9, status: "waitlisted" });
      await models.Registration.create({ trialId: trial._id, studentId: a10, status: "cancelled" });
      await models.Registration.create({ trialId: trial._id, studentId: elsewhere, status: "pending_consent" });
      const audience = { roles: ["student", "guardian"] as ("student" | "guardian")[], trialId: trial._id };
      expect(ids(await resolveRecipients(models, schoolId, audience))).toEqual(hex(a9, b9, elsewhere, mum, dad, parentOfTwo, elsewhereParent));
      expect(ids(await resolveRecipients(models, otherSchoolId, audience))).toEqual(hex(elsewhere, elsewhereParent));
      expect(await resolveRecipients(models, new Types.ObjectId(), audience)).toEqual([]);
    });

    it("counts for the teacher of the school, split by role", async () => {
      expect(await services.broadcasts.countAudience(teacher, schoolId, { roles: ["student", "guardian"], grade: 9 })).toEqual({
        total: 5,
        students: 2,
        guardians: 3,
      });
    });
  });

  describe("who may broadcast", () => {
    const input = (school: Types.ObjectId) => ({ schoolId: school, audience: { roles: ["student" as const] }, text: "Hello", schedule: { kind: "now" as const } });

    it("refuses a teacher of another school, a pupil, a guardian, and nobody", async () => {
      const stranger = await view(await user(["teacher"], { teacherSchoolId: otherSchoolId }));
      const student = await view(await pupil(9, "А"));
      for (const actor of [stranger, student, null]) {
        await expect(services.broadcasts.createBroadcast(actor, input(schoolId))).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.broadcasts.countAudience(actor, schoolId, { roles: ["student"] })).rejects.toBeInstanceOf(NotAllowed);
        await expect(services.broadcasts.listBroadcasts(actor, schoolId)).rejects.toBeInstanceOf(NotAllowed);
      }
      await expect(services.broadcasts.setup(student)).rejects.toBeInstanceOf(NotAllowed);
      expect(await models.Broadcast.countDocuments()).toBe(0);
      expect(await models.Notification.countDocuments()).toBe(0);
    });

    it("lets a district admin broadcast to any school", async () => {
      const admin = await view(await models.User.create({ telegramId: 1, locale: "en", roles: [], status: "active" }).then((u) => u._id));
      await pupil(9, "А");
      const { broadcast, run } = await services.broadcasts.createBroadcast(admin, input(schoolId));
      expect(broadcast.createdBy).toEqual(admin.id);
      expect(run).toMatchObject({ status: "enqueued", total: 1 });
    });

    it("refuses a trial of a school that neither runs it nor sends pupils to it", async () => {
      const trial = await models.Trial.create({
        kind: "excursion",
        format: "in_person",
        title: "Bakery",
        startsAt: new Date("2026-10-01T05:00:00Z"),
        endsAt: new Date("2026-10-01T08:00:00Z"),
        timezone: "Asia/Bishkek",
        capacity: 10,
        minGrade: 5,
        maxGrade: 11,
        schoolIds: [otherSchoolId],
        status: "published",
        createdBy: teacher.id,
        schoolId: otherSchoolId,
      });
      await expect(services.broadcasts.countAudience(teacher, schoolId, { roles: ["student"], trialId: trial._id })).rejects.toBeInstanceOf(NotAllowed);
      await expect(
        services.broadcasts.createBroadcast(teacher, { ...input(schoolId), audience: { roles: ["student"], trialId: trial._id } }),
      ).rejects.toBeInstanceOf(NotAllowed);
      await expect(
        services.broadcasts.countAudience(teacher, schoolId, { roles: ["student"], trialId: new Types.ObjectId() }),
      ).rejects.toBeInstanceOf(NotFound);
    });
  });

  describe("validation", () => {
    it.each([
      ["no roles", { audience: { roles: [] } }],
      ["a repeated role", { audience: { roles: ["student", "student"] } }],
      ["a class without its grade", { audience: { roles: ["student"], classLetter: "А" } }],
      ["a lower-case class letter", { audience: { roles: ["student"], grade: 9, classLetter: "а" } }],
      ["grade 4", { audience: { roles: ["student"], grade: 4 } }],
      ["an empty text", { text: "  " }],
      ["a text over 4096", { text: "x".repeat(4097) }],
      ["a past moment", { schedule: { kind: "at", at: new Date(NOW.getTime() - 60_000) } }],
      ["the present moment", { schedule: { kind: "at", at: NOW } }],
      ["a moment over a year ahead", { schedule: { kind: "at", at: new Date("2027-10-01T00:00:00Z") } }],
      ["an invalid cron", { schedule: { kind: "cron", cron: "0 9 * *" } }],
      ["a cron with seconds", { schedule: { kind: "cron", cron: "0 0 9 * * 1" } }],
      ["a cron more often than hourly", { schedule: { kind: "cron", cron: "*/10 * * * *" } }],
      ["an unknown zone", { schedule: { kind: "cron", cron: "0 9 * * 1", timezone: "Mars/Olympus" } }],
      ["an unknown field", { extra: 1 }],
    ])("refuses %s and stores nothing", async (_, change) => {
      const input = { schoolId, audience: { roles: ["student"] }, text: "Hello", schedule: { kind: "now" }, ...change };
      await expect(services.broadcasts.createBroadcast(teacher, input as never)).rejects.toBeInstanceOf(InvalidInput);
      expect(await models.Broadcast.countDocuments()).toBe(0);
      expect(await models.AuditLog.countDocuments()).toBe(0);
    });
  });

  describe("sending", () => {
    let a9: Types.ObjectId, b9: Types.ObjectId, mum: Types.ObjectId;

    beforeEach(async () => {
      a9 = await pupil(9, "А");
      b9 = await pupil(9, "Б");
      mum = await user(["guardian"]);
      await link(mum, a9);
    });

    it("'now' enqueues one notification per recipient at once, with dedupe keys per run, and audits it", async () => {
      const { broadcast, run } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student", "guardian"], grade: 9 },
        text: "<b>Meeting</b> at 18:00",
        parseMode: "HTML",
        schedule: { kind: "now" },
      });
      const runKey = NOW.toISOString();
      expect(run).toEqual({ status: "enqueued", runKey, total: 3, enqueued: 3, broadcastStatus: "sending" });
      expect(broadcast).toMatchObject({ status: "sending", stats: { total: 3, sent: 0, failed: 0, blocked: 0 }, lastRunAt: NOW, nextRunAt: undefined });
      const notifications = await models.Notification.find({}).sort({ dedupeKey: 1 }).lean();
      expect(notifications.map((n) => n.dedupeKey)).toEqual(
        [a9, b9, mum].map((id) => `broadcast:${broadcast.id.toHexString()}:${runKey}:${id.toHexString()}`).sort(),
      );
      for (const n of notifications) {
        expect(n).toMatchObject({ kind: "broadcast", status: "pending", urgent: false, broadcastId: broadcast.id, notBefore: NOW });
        expect(n.payload).toEqual({ text: "<b>Meeting</b> at 18:00", parseMode: "HTML" });
      }
      const audit = await models.AuditLog.find({}).sort({ _id: 1 }).lean();
      expect(audit.map((a) => a.action)).toEqual(["broadcast.created", "broadcast.sent"]);
      expect(audit[0]).toMatchObject({ actorId: teacher.id, entity: "broadcast", entityId: broadcast.id });
      expect(audit[0]!.details).toMatchObject({ roles: ["student", "guardian"], grade: 9, schedule: "now" });
      expect(JSON.stringify(audit)).not.toContain("Meeting"); // no free text in the audit log
    });

    it("fanning out twice, or racing, enqueues nothing twice", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "at", at: new Date("2026-09-15T04:00:00Z") },
      });
      expect(broadcast).toMatchObject({ status: "scheduled", nextRunAt: new Date("2026-09-15T04:00:00Z"), stats: { total: 0 } });
      expect(await fanOutBroadcast({ models, clock }, broadcast.id, NOW)).toEqual({ status: "skipped", reason: "not-due" });
      clock.set(new Date("2026-09-15T04:00:05Z"));
      await Promise.all([
        fanOutBroadcast({ models, clock }, broadcast.id, clock.now()),
        fanOutBroadcast({ models, clock }, broadcast.id, clock.now()),
      ]);
      expect(await models.Notification.countDocuments()).toBe(2);
      // Only the planner that moved the broadcast on records the run.
      expect(await models.AuditLog.countDocuments({ action: "broadcast.sent" })).toBe(1);
      expect(await fanOutBroadcast({ models, clock }, broadcast.id, clock.now())).toEqual({ status: "skipped", reason: "not-scheduled" });
      expect(await models.Notification.countDocuments()).toBe(2);
      expect(await models.Broadcast.findById(broadcast.id).lean()).toMatchObject({ status: "sending", stats: { total: 2 } });
    });

    it("a rerun after a crash halfway finishes the same run without duplicates", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "at", at: new Date("2026-09-15T04:00:00Z") },
      });
      const runKey = "2026-09-15T04:00:00.000Z";
      // The first planner enqueued one notification, then died before changing the broadcast.
      await services.outbox.enqueue({
        dedupeKey: `broadcast:${broadcast.id.toHexString()}:${runKey}:${a9.toHexString()}`,
        userId: a9,
        chatId: 1,
        kind: "broadcast",
        payload: { text: "Hi" },
        broadcastId: broadcast.id,
      });
      clock.set(new Date("2026-09-15T04:01:00Z"));
      expect(await fanOutBroadcast({ models, clock }, broadcast.id, clock.now())).toMatchObject({ status: "enqueued", total: 2, enqueued: 1 });
      expect(await models.Notification.countDocuments()).toBe(2);
    });

    it("recurring: each run picks today's recipients, and the next run is computed in the school's zone", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Weekly news",
        schedule: { kind: "cron", cron: "0  9 * * 1" },
      });
      const firstRun = new Date("2026-09-21T04:00:00Z"); // Monday 09:00 in Almaty
      expect(broadcast).toMatchObject({ status: "scheduled", nextRunAt: firstRun, schedule: { kind: "cron", cron: "0 9 * * 1", timezone: "Asia/Almaty" } });

      clock.set(firstRun);
      expect(await fanOutBroadcast({ models, clock }, broadcast.id, clock.now())).toMatchObject({ status: "enqueued", total: 2, broadcastStatus: "scheduled" });
      expect(await models.Broadcast.findById(broadcast.id).lean()).toMatchObject({
        status: "scheduled",
        lastRunAt: firstRun,
        nextRunAt: new Date("2026-09-28T04:00:00Z"),
        stats: { total: 2 },
      });
      // The dispatcher reports the first run; a new pupil joins before the second.
      await models.Broadcast.updateOne({ _id: broadcast.id }, { $inc: { "stats.sent": 2 } });
      const newcomer = await pupil(7, "В");
      clock.set(new Date("2026-09-28T04:00:30Z"));
      await fanOutBroadcast({ models, clock }, broadcast.id, clock.now());
      expect(await models.Broadcast.findById(broadcast.id).lean()).toMatchObject({
        status: "scheduled",
        nextRunAt: new Date("2026-10-05T04:00:00Z"),
        stats: { total: 3, sent: 0, failed: 0, blocked: 0 },
      });
      const secondRun = await models.Notification.find({ dedupeKey: { $regex: ":2026-09-28T04:00:00.000Z:" } }).lean();
      expect(hex(...secondRun.map((n) => n.userId))).toEqual(hex(a9, b9, newcomer));
      expect(await models.Notification.countDocuments()).toBe(5);
    });

    it("recurring after a long outage: one run now, the missed ones are skipped", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Daily",
        schedule: { kind: "cron", cron: "0 9 * * *" },
      });
      clock.set(new Date("2026-09-20T07:00:00Z")); // five days later, 12:00 in Almaty
      await fanOutBroadcast({ models, clock }, broadcast.id, clock.now());
      expect(await models.Broadcast.findById(broadcast.id).lean()).toMatchObject({ nextRunAt: new Date("2026-09-21T04:00:00Z") });
      expect(await models.Notification.countDocuments()).toBe(2);
    });

    it("a run with nobody to reach is done at once", async () => {
      const { broadcast, run } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"], grade: 11 },
        text: "Hi",
        schedule: { kind: "now" },
      });
      expect(run).toMatchObject({ total: 0, broadcastStatus: "done" });
      expect(broadcast.status).toBe("done");
    });

    it("is closed as done when the dispatcher delivered everything before the status said 'sending'", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "at", at: new Date("2026-09-15T04:00:00Z") },
      });
      clock.set(new Date("2026-09-15T04:00:00Z"));
      const runKey = "2026-09-15T04:00:00.000Z";
      for (const id of [a9, b9]) {
        await models.Notification.create({
          dedupeKey: `broadcast:${broadcast.id.toHexString()}:${runKey}:${id.toHexString()}`,
          userId: id,
          chatId: 1,
          kind: "broadcast",
          payload: { text: "Hi" },
          status: "sent",
          broadcastId: broadcast.id,
        });
      }
      expect(await fanOutBroadcast({ models, clock }, broadcast.id, clock.now())).toMatchObject({ enqueued: 0, broadcastStatus: "done" });
    });
  });

  describe("cancelling", () => {
    it("cancels a scheduled broadcast and its pending notifications, and audits it; a second time is refused", async () => {
      const a9 = await pupil(9, "А");
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "now" },
      });
      await models.Notification.updateOne({ userId: a9 }, { $set: { status: "sent" } });
      await pupil(9, "Б");
      const again = await services.broadcasts.createBroadcast(teacher, { schoolId, audience: { roles: ["student"] }, text: "Hi", schedule: { kind: "now" } });
      const cancelled = await services.broadcasts.cancelBroadcast(teacher, again.broadcast.id);
      expect(cancelled).toMatchObject({ status: "cancelled", nextRunAt: undefined });
      const statuses = await models.Notification.find({ broadcastId: again.broadcast.id }).lean();
      expect(statuses.map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
      expect((await models.Notification.findOne({ broadcastId: broadcast.id }).lean())?.status).toBe("sent");
      const audit = await models.AuditLog.findOne({ action: "broadcast.cancelled" }).lean();
      expect(audit).toMatchObject({ actorId: teacher.id, entityId: again.broadcast.id, details: { previousStatus: "sending", cancelledNotifications: 2 } });
      await expect(services.broadcasts.cancelBroadcast(teacher, again.broadcast.id)).rejects.toBeInstanceOf(BroadcastFinished);
    });

    it("refuses a teacher of another school and changes nothing", async () => {
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "cron", cron: "0 9 * * 1" },
      });
      const stranger = await view(await user(["teacher"], { teacherSchoolId: otherSchoolId }));
      await expect(services.broadcasts.cancelBroadcast(stranger, broadcast.id)).rejects.toBeInstanceOf(NotAllowed);
      await expect(services.broadcasts.getBroadcast(stranger, broadcast.id)).rejects.toBeInstanceOf(NotAllowed);
      expect((await models.Broadcast.findById(broadcast.id).lean())?.status).toBe("scheduled");
      await expect(services.broadcasts.cancelBroadcast(teacher, new Types.ObjectId())).rejects.toBeInstanceOf(NotFound);
    });

    it("a fan-out that loses the race with a cancellation withdraws what it enqueued", async () => {
      await pupil(9, "А");
      const { broadcast } = await services.broadcasts.createBroadcast(teacher, {
        schoolId,
        audience: { roles: ["student"] },
        text: "Hi",
        schedule: { kind: "at", at: new Date("2026-09-15T04:00:00Z") },
      });
      clock.set(new Date("2026-09-15T04:00:00Z"));
      // The planner read the broadcast as due; the teacher cancels while it enqueues.
      const cancelMidway = models.Broadcast.updateOne({ _id: broadcast.id }, { $set: { status: "cancelled" } });
      const original = services.outbox.enqueue;
      const outbox = {
        enqueue: async (request: Parameters<typeof original>[0]) => {
          await cancelMidway;
          return original(request);
        },
      };
      expect(await fanOutBroadcast({ models, clock, outbox }, broadcast.id, clock.now())).toMatchObject({ broadcastStatus: "cancelled" });
      expect((await models.Notification.find({}).lean()).map((n) => n.status)).toEqual(["cancelled"]);
    });
  });

  it("lists the school's broadcasts newest first, with trial titles", async () => {
    const trial = await models.Trial.create({
      kind: "trial",
      format: "in_person",
      title: "Welding",
      startsAt: new Date("2026-10-01T05:00:00Z"),
      endsAt: new Date("2026-10-01T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 10,
      minGrade: 8,
      maxGrade: 11,
      status: "published",
      createdBy: teacher.id,
      schoolId,
    });
    await services.broadcasts.createBroadcast(teacher, { schoolId, audience: { roles: ["student"] }, text: "First", schedule: { kind: "now" } });
    clock.advance(1000);
    await services.broadcasts.createBroadcast(teacher, { schoolId, audience: { roles: ["guardian"], trialId: trial._id }, text: "Second", schedule: { kind: "now" } });
    const list = await services.broadcasts.listBroadcasts(teacher, schoolId);
    expect(list.map((b) => [b.text, b.trialTitle])).toEqual([
      ["Second", "Welding"],
      ["First", undefined],
    ]);
    const setup = await services.broadcasts.setup(teacher);
    expect(setup).toMatchObject({ schoolId, schoolName: "School 12", timezone: "Asia/Almaty", classes: [], trials: [{ id: trial._id, title: "Welding" }] });
  });
});
