import { Api } from "grammy";
import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import type { Role } from "../../src/db/models/user.js";
import { reminderReplyData } from "../../src/domain/reminder-buttons.js";
import { createDispatcher } from "../../src/jobs/dispatcher.js";
import { silentLogger } from "../../src/logger.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty
const STARTS = new Date("2026-09-24T05:00:00Z"); // 10:00 in Almaty
const DAY_BEFORE = new Date("2026-09-23T05:00:00Z");
const HOUR = 3_600_000;

const COMING = "✅ I'm coming";
const CANT = "😔 I can't come";
const CANT_YES = "Yes, I can't come";
const CANT_NO = "I'll come after all";
const ASK = "Can't come to «Welding basics» (24.09.2026 10:00)? If you confirm, your sign-up is cancelled and the place goes to another pupil. We'll tell the teacher.";
const DONE = "Done: your sign-up for «Welding basics» is cancelled and the place is free for someone else. We'll tell the teacher. There are other trials in the catalogue.";
const KEPT = "Great, your place at «Welding basics» stays yours. See you there!";
const STALE = 'This reminder is out of date: the trial has started or been cancelled, or your sign-up is no longer active. Nothing has changed. "My trials" shows what\'s current.';
const BUTTON_STALE = "This button is out of date. Send /start to get a fresh one.";
const NOT_ALLOWED = "Sorry, that isn't available to you.";

interface Person {
  user: TestUser;
  id: Types.ObjectId;
}

describe("the pupil's answer to the direction sheet", () => {
  let t: TestBot;
  let schoolId: Types.ObjectId;
  let teacher: Person;
  let aru: Person;
  let timur: Person;
  let trialId: Types.ObjectId;
  let aruRegistration: Types.ObjectId;
  let timurRegistration: Types.ObjectId;
  let dispatchers = 0;

  async function person(roles: Role[], fields: Record<string, unknown> = {}): Promise<Person> {
    const user = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "en", roles, status: "active", onboardedAt: NOW, ...fields });
    return { user, id: doc._id };
  }
  const pupil = (firstName: string) => person(["student"], { firstName, lastName: "Saparov", schoolId, grade: 9, classLetter: "А" });
  const registration = async (id: Types.ObjectId) => (await t.deps.models.Registration.findById(id).lean())!;
  const seats = async () => (await t.deps.models.Trial.findById(trialId).lean())!.seatsTaken;

  async function deliver(): Promise<void> {
    const rateClock = new ManualClock({ frozenAt: NOW });
    const dispatcher = createDispatcher({
      models: t.deps.models,
      api: new Api("4242:TEST-TOKEN-FOR-TESTS", { fetch: t.telegram.fetch }),
      i18n: t.bot.i18n,
      clock: t.clock,
      config: t.deps.config,
      logger: silentLogger(),
      owner: `reminders-test-${++dispatchers}`,
      rateClock,
      sleep: async (ms) => {
        rateClock.advance(ms);
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    await dispatcher.runOnce();
  }

  /** The planner at the 24-hour moment, then the dispatcher: Aru gets the direction sheet. */
  async function sendSheets(): Promise<void> {
    t.clock.set(DAY_BEFORE);
    await t.deps.services.reminders.plan();
    await deliver();
    expect(aru.user.lastText.startsWith("🔔 Direction sheet: «Welding basics» is tomorrow")).toBe(true);
    expect(aru.user.buttons).toEqual([COMING, CANT]);
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    teacher = await person(["teacher"], { firstName: "Yerlan", teacherSchoolId: schoolId });
    trialId = (
      await t.deps.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Welding basics",
        description: "Weld a simple frame with a mentor.",
        directions: ["R"],
        host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave", transport: "Bus 32 to Abay" },
        mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
        startsAt: STARTS,
        endsAt: new Date(STARTS.getTime() + 3 * HOUR),
        timezone: "Asia/Almaty",
        capacity: 1,
        minGrade: 8,
        maxGrade: 11,
        schoolIds: [schoolId],
        status: "published",
        signupDeadline: new Date("2026-09-22T13:00:00Z"),
        consentDeadline: new Date("2026-09-23T13:00:00Z"),
        createdBy: teacher.id,
        schoolId,
      })
    )._id;
    aru = await pupil("Aru");
    timur = await pupil("Timur");
    const actor = async (id: Types.ObjectId) => t.deps.services.users.findById(id);
    aruRegistration = (await t.deps.services.registrations.signUp(await actor(aru.id), trialId, { expect: "To weld", worries: "Sparks", interest: 4 })).registrationId;
    timurRegistration = (await t.deps.services.registrations.signUp(await actor(timur.id), trialId, { expect: "To weld", worries: "None", interest: 3 })).registrationId;
    await t.deps.models.Registration.updateOne({ _id: aruRegistration }, { $set: { status: "confirmed" } });
    await deliver();
  });
  afterEach(async () => {
    await t.close();
  });

  it("'I'm coming' is acknowledged and changes nothing", async () => {
    await sendSheets();
    await aru.user.tap(COMING);
    expect(aru.user.lastAnswer).toBe("👍 Great, see you there!");
    expect(aru.user.replies).toEqual([]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
    expect(await t.deps.models.AuditLog.countDocuments({ action: "reminder.coming", entityId: aruRegistration })).toBe(1);
    // A second tap: the same thanks, recorded once.
    await aru.user.tap(COMING);
    expect(aru.user.lastAnswer).toBe("👍 Great, see you there!");
    expect(await t.deps.models.AuditLog.countDocuments({ action: "reminder.coming", entityId: aruRegistration })).toBe(1);
  });

  it("'I can't come' asks first; 'I'll come after all' keeps the place", async () => {
    await sendSheets();
    await aru.user.tap(CANT);
    expect(aru.user.replies.map((m) => m.text)).toEqual([ASK]);
    expect(aru.user.buttons).toEqual([CANT_YES, CANT_NO]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
    await aru.user.tap(CANT_NO);
    expect(aru.user.lastText).toBe(KEPT);
    expect(aru.user.buttons).toEqual([]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
  });

  it("'Yes, I can't come' cancels, gives the seat to the next pupil, who is asked for consent, and tells the teacher; a second tap changes nothing", async () => {
    await sendSheets();
    expect((await registration(timurRegistration)).status).toBe("waitlisted");
    await aru.user.tap(CANT);
    await aru.user.tap(CANT_YES);
    expect(aru.user.lastText).toBe(DONE);
    expect(aru.user.buttons).toEqual([]);
    expect((await registration(aruRegistration)).status).toBe("cancelled");
    expect((await registration(timurRegistration)).status).toBe("pending_consent");
    expect(await seats()).toBe(1);
    // The 2-hour reminder is not planned for Aru any more.
    t.clock.set(new Date(STARTS.getTime() - 2 * HOUR));
    await t.deps.services.reminders.plan();
    expect(await t.deps.models.Notification.countDocuments({ kind: "reminder2h" })).toBe(0);

    await deliver();
    expect(teacher.user.messages.map((m) => m.text)).toContain("😔 Aru Saparov (9А) can't come to «Welding basics» (24.09.2026 10:00): the sign-up is cancelled and the place freed.");
    expect(timur.user.messages.map((m) => m.text).some((text) => text.startsWith("🎉 A place opened up at"))).toBe(true);

    // The same confirmation again, or the sheet's "I can't come": stale, nothing changes.
    const question = aru.user.messages.find((m) => m.text === DONE)!;
    await aru.user.tapData(reminderReplyData.pack({ registration: aruRegistration.toHexString(), answer: "cant-yes" }), question.messageId);
    expect(aru.user.replies.map((m) => m.text)).toEqual([STALE]);
    expect((await registration(timurRegistration)).status).toBe("pending_consent");
    expect(await t.deps.models.AuditLog.countDocuments({ action: "registration.cancel" })).toBe(1);
  });

  it("a stale sheet: the trial started or was cancelled", async () => {
    await sendSheets();
    t.clock.set(new Date(STARTS.getTime() + 60_000));
    await aru.user.tap(CANT);
    expect(aru.user.replies.map((m) => m.text)).toEqual([STALE]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");

    t.clock.set(DAY_BEFORE);
    await t.deps.models.Trial.updateOne({ _id: trialId }, { $set: { status: "cancelled" } });
    await aru.user.tapData(reminderReplyData.pack({ registration: aruRegistration.toHexString(), answer: "cant-yes" }));
    expect(aru.user.replies.map((m) => m.text)).toEqual([STALE]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
  });

  it("forged buttons: another pupil's registration, a malformed payload, a parent", async () => {
    await sendSheets();
    // Timur taps "Yes, I can't come" for Aru's registration.
    await timur.user.tapData(reminderReplyData.pack({ registration: aruRegistration.toHexString(), answer: "cant-yes" }));
    expect(timur.user.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
    // Tampered payloads never reach the service.
    await aru.user.tapData(`1:rm:${aruRegistration.toHexString()}:leave`);
    expect(aru.user.lastAnswer).toBe(BUTTON_STALE);
    await aru.user.tapData("1:rm:not-an-id:cant-yes");
    expect(aru.user.lastAnswer).toBe(BUTTON_STALE);
    // The teacher (not the pupil) can't cancel through the pupil's button either.
    await teacher.user.tapData(reminderReplyData.pack({ registration: aruRegistration.toHexString(), answer: "cant-yes" }));
    expect(teacher.user.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
    // An unknown registration.
    await aru.user.tapData(reminderReplyData.pack({ registration: new Types.ObjectId().toHexString(), answer: "cant" }));
    expect(aru.user.replies.map((m) => m.text)).toEqual(["That's no longer there. /menu shows what's current."]);
    expect((await registration(aruRegistration)).status).toBe("confirmed");
    expect(await t.deps.models.AuditLog.countDocuments({ action: "registration.cancel" })).toBe(0);
  });
});
