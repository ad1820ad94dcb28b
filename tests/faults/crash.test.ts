import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMemoryMongo, type MemoryMongo } from "../../dev/memory-mongo/index.js";
import { SEAT_HOLDING_STATUSES } from "../../src/db/models/registration.js";
import { createModels, ensureIndexes, type Models } from "../../src/db/models/index.js";
import { BotApiServer } from "../support/bot-api-server.js";

/**
 * The process is killed (SIGKILL) in the middle of a broadcast and in the middle of a sign-up rush,
 * then a fresh process carries on. Each child is tests/faults/crash-child.ts, run by `node --import tsx`
 * against this file's own store and a fake Bot API over HTTP.
 */
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "crash-child.ts");
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let mongo: MemoryMongo;
beforeAll(async () => {
  mongo = await startMemoryMongo({ port: 0 });
});
afterAll(async () => {
  await mongo.stop();
});

interface Child {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], { cwd: ROOT, env: { ...process.env, MONGO_URI: mongo.uri, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { process: child, exited };
}

/** Polls until `check` holds; fails at once if the child exits first (with what it printed). */
async function until(child: Child, check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; stderr: string } | undefined;
  void child.exited.then((result) => (exit = result));
  while (!(await check())) {
    if (exit) throw new Error(`the child exited (${exit.code}) before ${what}: ${exit.stderr}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function openDatabase(name: string): Promise<{ connection: mongoose.Connection; models: Models }> {
  const connection = await mongoose.createConnection(mongo.uri, { dbName: name, bufferCommands: false, autoIndex: false }).asPromise();
  const models = createModels(connection);
  await ensureIndexes(models);
  return { connection, models };
}

describe("killed during a broadcast, then restarted", () => {
  const RECIPIENTS = 500;
  const LOCK_MS = 1500;
  let api: BotApiServer;
  let apiRoot: string;
  beforeAll(async () => {
    api = new BotApiServer();
    apiRoot = await api.start();
  });
  afterAll(async () => api.stop());

  it("every recipient gets the message; only one whose send was in flight at the kill (no sentAt) may get it twice", async () => {
    const dbName = `bagdar_crash_broadcast_${Date.now()}`;
    const { connection, models } = await openDatabase(dbName);
    try {
      const school = await models.School.create({ name: "School 1", region: "Almaty", timezone: "Asia/Almaty" });
      const teacher = await models.User.create({ telegramId: 50_000, locale: "ru", roles: ["teacher"], teacherSchoolId: school._id });
      const broadcast = await models.Broadcast.create({
        createdBy: teacher._id,
        schoolId: school._id,
        audience: { roles: ["student"] },
        text: "Trial day on Friday",
        schedule: { kind: "now" },
        status: "sending",
        stats: { total: RECIPIENTS },
      });
      const users = await models.User.insertMany(Array.from({ length: RECIPIENTS }, (_, i) => ({ telegramId: 50_001 + i, locale: "ru", roles: ["student"], schoolId: school._id })));
      // Urgent, so the test does not depend on the real time of day (quiet hours are tested elsewhere).
      await models.Notification.insertMany(
        users.map((user) => ({
          dedupeKey: `broadcast:${String(broadcast._id)}:${String(user._id)}`,
          userId: user._id,
          chatId: user.telegramId,
          kind: "broadcast",
          payload: { text: "Trial day on Friday" },
          notBefore: new Date(),
          urgent: true,
          status: "pending",
          attempts: 0,
          broadcastId: broadcast._id,
        })),
      );
      const sends = () => api.calls.filter((call) => call.method === "sendMessage");
      const env = { MODE: "dispatch", DB_NAME: dbName, API_ROOT: apiRoot, LOCK_MS: String(LOCK_MS) };

      const first = startChild(env);
      await until(first, () => sends().length >= 120, "120 sends");
      first.process.kill("SIGKILL");
      expect((await first.exited).signal).toBe("SIGKILL");

      // What the kill left: delivered chats, and claims with no sentAt.
      const deliveredAtKill = new Set(sends().map((call) => Number(call.payload.chat_id)));
      const unrecorded = new Set(
        (await models.Notification.find({ status: "sending", sentAt: null }, { chatId: 1 }).lean()).map((doc) => doc.chatId),
      );
      expect(deliveredAtKill.size).toBeLessThan(RECIPIENTS);
      expect(unrecorded.size).toBeGreaterThan(0); // the killed instance did hold a claim

      const second = startChild(env);
      const { code, stderr } = await second.exited;
      expect(stderr).toBe("");
      expect(code).toBe(0);

      const perChat = new Map<number, number>();
      for (const call of sends()) perChat.set(Number(call.payload.chat_id), (perChat.get(Number(call.payload.chat_id)) ?? 0) + 1);
      expect(users.filter((user) => perChat.get(user.telegramId) !== 1 && perChat.get(user.telegramId) !== 2)).toEqual([]);
      const twice = [...perChat].filter(([, count]) => count === 2).map(([chat]) => chat);
      // A duplicate only where Telegram had it before the kill and the record of it was lost.
      for (const chat of twice) {
        expect(deliveredAtKill.has(chat)).toBe(true);
        expect(unrecorded.has(chat)).toBe(true);
      }
      expect(await models.Notification.countDocuments({ broadcastId: broadcast._id, status: "sent", sentAt: { $ne: null } })).toBe(RECIPIENTS);
      const after = await models.Broadcast.findById(broadcast._id).lean();
      expect(after?.stats?.sent).toBe(RECIPIENTS);
      expect(after?.status).toBe("done");
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  }, 60_000);
});

describe("killed during a sign-up rush, then restarted", () => {
  const PUPILS = 200;
  const SEATS = 20;

  async function invariants(models: Models, trialId: Types.ObjectId) {
    const trial = (await models.Trial.findById(trialId).lean())!;
    const registrations = await models.Registration.find({ trialId }).lean();
    const holding = registrations.filter((r) => (SEAT_HOLDING_STATUSES as readonly string[]).includes(r.status));
    const waiting = registrations.filter((r) => r.status === "waitlisted");
    return { trial, registrations, holding, waiting };
  }

  it("seats equal registrations holding one, nobody twice, the waiting list in order, and every pupil has a place or a turn", async () => {
    const dbName = `bagdar_crash_signup_${Date.now()}`;
    const { connection, models } = await openDatabase(dbName);
    try {
      const now = Date.now();
      const school = await models.School.create({ name: "School 1", region: "Almaty", timezone: "Asia/Almaty" });
      const trial = await models.Trial.create({
        kind: "trial",
        format: "in_person",
        title: "Welding basics",
        description: "Weld a simple frame with a mentor.",
        directions: ["R"],
        host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave" },
        mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
        startsAt: new Date(now + 10 * 86_400_000),
        endsAt: new Date(now + 10 * 86_400_000 + 3 * 3_600_000),
        timezone: "Asia/Almaty",
        capacity: SEATS,
        minGrade: 8,
        maxGrade: 11,
        schoolIds: [school._id],
        status: "published",
        signupDeadline: new Date(now + 8 * 86_400_000),
        consentDeadline: new Date(now + 9 * 86_400_000),
        seatsTaken: 0,
        createdBy: new Types.ObjectId(),
        schoolId: school._id,
      });
      await models.User.insertMany(
        Array.from({ length: PUPILS }, (_, i) => ({ telegramId: 60_001 + i, locale: "ru", roles: ["student"], firstName: `P${i}`, schoolId: school._id, grade: 9, classLetter: "A", onboardedAt: new Date(now) })),
      );
      const env = { DB_NAME: dbName, TRIAL_ID: trial._id.toHexString(), API_ROOT: "http://127.0.0.1:9", LOCK_MS: "60000" };

      const first = startChild({ ...env, MODE: "signup" });
      await until(first, async () => (await models.Registration.countDocuments({ trialId: trial._id })) >= 40, "40 registrations");
      first.process.kill("SIGKILL");
      expect((await first.exited).signal).toBe("SIGKILL");
      const atKill = await invariants(models, trial._id);
      expect(atKill.registrations.length).toBeLessThan(PUPILS);

      const second = startChild({ ...env, MODE: "recover" });
      const { code, stderr } = await second.exited;
      expect(stderr).toBe("");
      expect(code).toBe(0);

      const { trial: after, registrations, holding, waiting } = await invariants(models, trial._id);
      // Seats equal the registrations holding one, and the trial is full.
      expect(after.seatsTaken).toBe(holding.length);
      expect(holding).toHaveLength(SEATS);
      // Every pupil exactly once: a place or a turn on the waiting list.
      expect(registrations).toHaveLength(PUPILS);
      expect(new Set(registrations.map((r) => String(r.studentId))).size).toBe(PUPILS);
      expect(waiting).toHaveLength(PUPILS - SEATS);
      // The waiting list is in the order pupils joined it, each with a distinct place.
      expect(waiting.every((r) => r.waitlistedAt instanceof Date)).toBe(true);
      // Whoever was waiting at the kill keeps their time of joining, so their place in line.
      for (const before of atKill.waiting) {
        const now = registrations.find((r) => String(r._id) === String(before._id))!;
        if (now.status === "waitlisted") expect(now.waitlistedAt).toEqual(before.waitlistedAt);
      }
      // Nobody who held a place at the kill lost it.
      const heldAtKill = atKill.holding.map((r) => String(r._id));
      expect(heldAtKill.every((id) => holding.some((r) => String(r._id) === id))).toBe(true);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  }, 60_000);
});
