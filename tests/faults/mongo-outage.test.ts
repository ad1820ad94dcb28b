import { Types } from "mongoose";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from "vitest";
import { startMemoryMongo, type MemoryMongo } from "../../dev/memory-mongo/index.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { createJobsWorld, type JobsWorld } from "../support/jobs.js";
import type { TestUser } from "../support/test-user.js";

/**
 * MongoDB goes away mid-flow and comes back. This file runs its OWN store (pausing the shared one
 * would break the other test files), with a short server-selection timeout so an outage fails fast.
 */
const NOW = new Date("2026-09-14T09:00:00Z");
const UNAVAILABLE = "The service is briefly unavailable. Please try again in a minute; nothing has been lost.";
const UNAVAILABLE_RU = "Сервис временно недоступен. Попробуйте через минуту, ничего не потерялось.";
const EXPECT = "1/3. What do you expect from this trial? What would you like to see or try?";
const WORRIES = "2/3. What worries you, or what might be hard?";
const INTEREST = "3/3. How interested are you in this right now? 1 — hardly at all, 5 — very much.";

let mongo: MemoryMongo;
beforeAll(async () => {
  mongo = await startMemoryMongo({ port: 0 });
});
afterAll(async () => {
  await mongo.stop();
});

const database = () => ({ uri: mongo.uri, serverSelectionTimeoutMS: 600 });

describe("MongoDB goes away during a pupil's sign-up dialog", () => {
  let t: TestBot;
  let pupil: TestUser;
  let pupilId: Types.ObjectId;
  let trialId: Types.ObjectId;

  beforeEach(async () => {
    t = await createTestBot({ now: NOW, database: database() });
    const schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    pupil = t.user({ languageCode: "en" });
    pupilId = (await t.deps.models.User.create({ telegramId: pupil.id, locale: "en", roles: ["student"], firstName: "Aru", schoolId, grade: 9, classLetter: "A", onboardedAt: NOW }))._id;
    trialId = (
      await t.deps.models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Welding basics",
        description: "Weld a simple frame with a mentor.",
        directions: ["R"],
        host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave" },
        mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
        startsAt: new Date("2026-09-24T05:00:00Z"),
        endsAt: new Date("2026-09-24T08:00:00Z"),
        timezone: "Asia/Almaty",
        capacity: 20,
        minGrade: 8,
        maxGrade: 11,
        schoolIds: [schoolId],
        status: "published",
        signupDeadline: new Date("2026-09-22T13:00:00Z"),
        consentDeadline: new Date("2026-09-23T13:00:00Z"),
        seatsTaken: 0,
        createdBy: new Types.ObjectId(),
        schoolId,
      })
    )._id;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await mongo.resume();
    await t.close();
  });

  const seats = async () => (await t.deps.models.Trial.findById(trialId).lean())!.seatsTaken;
  const registrations = () => t.deps.models.Registration.find({ studentId: pupilId }).lean();

  async function startDialog() {
    await pupil.command("start", `trial-${trialId.toHexString()}`);
    await pupil.tap("✍️ Sign up");
    expect(pupil.lastText).toBe(EXPECT);
  }

  it("answers 'try again' while the store is away, then the same dialog goes on where it was", async () => {
    await startDialog();
    await pupil.send("To see a real welder");
    expect(pupil.lastText).toBe(WORRIES);

    await mongo.pause();
    const started = Date.now();
    await pupil.send("The sparks");
    expect(pupil.replies.map((m) => m.text)).toEqual([UNAVAILABLE]);
    // Fails fast: no buffering, the handler does not hang for the whole outage.
    expect(Date.now() - started).toBeLessThan(5_000);
    await pupil.command("menu"); // a command during the outage: the same clear answer
    expect(pupil.replies.map((m) => m.text)).toEqual([UNAVAILABLE]);
    await mongo.resume();

    // No restart of the bot: mongoose reconnects, and the dialog is still at question 2.
    await pupil.send("The sparks");
    expect(pupil.lastText).toBe(INTEREST);
    await pupil.tap("4");
    expect(pupil.lastText).toContain("You're signed up for \"Welding basics\"");
    const [registration] = await registrations();
    expect(registration).toMatchObject({ status: "pending_consent" });
    expect(await seats()).toBe(1);
  });

  it("the last answer during the outage saves nothing; after it the pupil finishes the sign-up once", async () => {
    await startDialog();
    await pupil.send("To see a real welder");
    await pupil.send("The sparks");
    expect(pupil.lastText).toBe(INTEREST);

    await mongo.pause();
    await pupil.tap("4");
    expect(pupil.replies.map((m) => m.text)).toEqual([UNAVAILABLE]);
    await mongo.resume();

    expect(await registrations()).toEqual([]);
    expect(await seats()).toBe(0);
    expect(await t.deps.models.Reflection.countDocuments({})).toBe(0);
    await pupil.tap("4");
    expect(pupil.lastText).toContain("You're signed up for \"Welding basics\"");
    expect(await registrations()).toHaveLength(1);
    expect(await seats()).toBe(1);
  });

  it("speaks the pupil's language when the store is away before their profile could be read", async () => {
    const other = t.user({ languageCode: "ru" });
    await mongo.pause();
    await other.command("start");
    expect(other.replies.map((m) => m.text)).toEqual([UNAVAILABLE_RU]);
  });

  it("the store goes away between taking the seat and writing the registration: the leaked seat is repaired by the hourly job", async () => {
    await startDialog();
    await pupil.send("To see a real welder");
    await pupil.send("The sparks");
    // The outage begins exactly after the seat's $inc, before the registration is written.
    const create = t.deps.models.Registration.create.bind(t.deps.models.Registration);
    vi.spyOn(t.deps.models.Registration, "create").mockImplementationOnce((async (...args: unknown[]) => {
      await mongo.pause();
      return (create as (...a: unknown[]) => Promise<unknown>)(...args);
    }) as never);
    await pupil.tap("4");
    expect(pupil.replies.map((m) => m.text)).toEqual([UNAVAILABLE]);
    await mongo.resume();

    // Giving the seat back failed too (the store was away): the trial counts a seat nobody holds.
    expect(await registrations()).toEqual([]);
    expect(await seats()).toBe(1);
    // Not while the trial was just touched (a sign-up could be in progress) ...
    expect(await t.deps.services.registrations.reconcileSeats()).toBe(0);
    expect(await seats()).toBe(1);
    // ... but once it has been quiet for a few minutes, the hourly consent-expiry job puts the count right.
    const later = Date.now() + 3 * 60_000;
    const now = vi.spyOn(Date, "now").mockReturnValue(later);
    expect(await t.deps.services.registrations.expireOverdue()).toBe(0);
    now.mockRestore();
    expect(await seats()).toBe(0);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "trial.seats-reconciled" })).toBe(1);

    // The tapped keyboard was already taken away; any message brings the question back with its buttons.
    await pupil.send("4");
    expect(pupil.buttons).toEqual(["1", "2", "3", "4", "5"]);
    await pupil.tap("4");
    expect(pupil.lastText).toContain("You're signed up for \"Welding basics\"");
    expect(await seats()).toBe(1);
    expect(await t.deps.services.registrations.reconcileSeats({ quietForMs: 0 })).toBe(0);
  });
});

describe("the jobs survive an outage", () => {
  let world: JobsWorld;
  beforeEach(async () => (world = await createJobsWorld({ database: database() })));
  afterEach(async () => {
    await mongo.resume();
    await world.close();
  });

  it("a dispatcher run fails while the store is away and the next one sends everything once", async () => {
    for (let i = 1; i <= 5; i++) await world.enqueueText(await world.user(3000 + i), 3000 + i, `Message ${i}`);
    const dispatcher = world.dispatcher();
    await mongo.pause();
    await expect(dispatcher.runOnce()).rejects.toThrow();
    await mongo.resume();
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 5 });
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(5);
    expect(await world.models.Notification.countDocuments({ status: "sent" })).toBe(5);
  });

  it("a scheduled job's run fails during the outage and the next tick succeeds", async () => {
    await world.enqueueText(await world.user(3101), 3101, "Hello");
    const jobs = world.jobs();
    await mongo.pause();
    // The lease itself cannot be taken: the run is refused or reported failed, and nothing is sent.
    const failed = await jobs.scheduler.runJob("dispatcher").then(
      (run) => run.status,
      () => "threw",
    );
    expect(["failed", "threw"]).toContain(failed);
    await mongo.resume();
    expect(world.telegram.callsOf("sendMessage")).toHaveLength(0);
    expect(await jobs.scheduler.runJob("dispatcher")).toMatchObject({ status: "done", result: { sent: 1 } });
    expect(world.telegram.messagesIn(3101).map((m) => m.text)).toEqual(["Hello"]);
  });
});
