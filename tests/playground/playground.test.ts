import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PARENTS, DEMO_PUPILS, DEMO_SCHOOL, DEMO_TRIALS, SECOND_SCHOOL } from "../../dev/playground/demo-data.js";
import type { TimelineEntry } from "../../dev/playground/emulator.js";
import { PLAYGROUND_TOKEN, startPlayground, type RunningPlayground } from "../../dev/playground/index.js";
import { rosterScreen } from "../../src/bot/keyboards/roster.js";
import { createServices } from "../../src/services/index.js";
import { testMongoUri } from "../support/database.js";
import { freePort } from "../support/free-port.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Everyone the demo stores: the teacher, the admin, and the classmates and parents with no chat behind them. */
const DEMO_TELEGRAM_IDS = [5_000_003, 5_000_004, ...DEMO_PUPILS.map((p) => p.telegramId), ...DEMO_PARENTS.map((p) => p.telegramId)].sort();

describe("the playground behind the page", () => {
  let running: RunningPlayground;
  let dataDir: string;
  let env: Record<string, string>;
  const jobRuns: Date[] = [];
  const jobs = { runDueNow: async () => void jobRuns.push(running.playground.clock.now()) };

  const api = async (route: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}api/${route}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "bagdar-playground-"));
    const port = await freePort();
    env = {
      PORT: String(port),
      LOG_LEVEL: "silent",
      MONGODB_URI: `${testMongoUri().replace(/\/?$/, "/")}bagdar_playground_${randomBytes(4).toString("hex")}`,
    };
    running = await startPlayground({ env, dataDir, jobs });
  });

  afterAll(async () => {
    await running?.app.connection.dropDatabase();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts the bot against the emulator, seeds the demo and serves page and health on one port", async () => {
    const { models } = running.app;
    expect((await models.School.find({}).sort({ name: 1 }).lean()).map((s) => [s.name, s.timezone])).toEqual(
      [
        [DEMO_SCHOOL.name, DEMO_SCHOOL.timezone],
        [SECOND_SCHOOL.name, SECOND_SCHOOL.timezone],
      ].sort(),
    );
    const school = await models.School.findOne({ name: DEMO_SCHOOL.name }).lean();
    const teacher = await models.User.findOne({ telegramId: 5_000_003 }).lean();
    expect(teacher).toMatchObject({ roles: ["teacher"], locale: "ru", status: "active" });
    expect(teacher!.teacherSchoolId!.equals(school!._id)).toBe(true);
    expect(running.app.config.adminTelegramIds).toContain(5_000_004);
    expect(running.app.config.telegramApiRoot).toBe(running.apiRoot);

    const state = (await api("state")).body;
    expect(state.bot.username).toBe("bagdar_playground_bot");
    expect(state.personas.map((p: { role: string }) => p.role)).toEqual(["pupil", "parent", "teacher", "admin"]);
    // The bot registered its menu with the emulator; each person sees their language's.
    expect(state.commands.kk[0]).toEqual({ command: "start", description: "Бастау" });
    expect(state.commands.en.map((c: { command: string }) => c.command)).toContain("mydata");

    const page = await fetch(running.url);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain("<title>Bagdar playground</title>");
    expect((await fetch(`${running.url}healthz`)).status).toBe(200);
  });

  it("lets a person talk to the real bot through the emulator", async () => {
    await api("send", { personaId: 5_000_003, text: "/start" });
    const deadline = Date.now() + 10_000;
    let reply: TimelineEntry | undefined;
    while (!reply && Date.now() < deadline) {
      reply = running.playground.emulator.chat(5_000_003).timeline.find((e) => e.message.from.is_bot);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(reply?.message.text).toBe("🏠 Главное меню\n🧑‍🏫 Педагог-профориентатор, №12 мектеп-гимназия");
  });

  it("seeds published upcoming trials with classmates signed up: one nearly full, one with a waiting list", async () => {
    const { models } = running.app;
    const now = running.playground.clock.now().getTime();
    const trials = await models.Trial.find({}).sort({ startsAt: 1 }).lean();
    expect(trials.map((t) => t.title).sort()).toEqual(DEMO_TRIALS.map((t) => t.title).sort());
    expect(running.playground.demo?.trials).toBe(DEMO_TRIALS.length);
    for (const trial of trials) {
      expect(trial.status).toBe("published");
      expect(trial.startsAt.getTime()).toBeGreaterThan(now + 3 * DAY);
      expect(trial.signupDeadline!.getTime()).toBeGreaterThan(now);
      expect(trial.consentDeadline!.getTime()).toBeLessThan(trial.startsAt.getTime());
      // Seats are counted as the services count them: one per registration that holds one.
      expect(trial.seatsTaken).toBe(await models.Registration.countDocuments({ trialId: trial._id, status: { $in: ["pending_consent", "confirmed"] } }));
      expect(trial.seatsTaken).toBeLessThanOrEqual(trial.capacity);
    }
    const fill = trials.map((t) => [t.capacity - t.seatsTaken, 0]);
    for (const [i, trial] of trials.entries()) fill[i]![1] = await models.Registration.countDocuments({ trialId: trial._id, status: "waitlisted" });
    expect(fill).toContainEqual([1, 0]); // nearly full
    expect(fill).toContainEqual([0, 2]); // full, two waiting
    expect(trials.some((t) => t.schoolIds.length === 2)).toBe(true);
  });

  it("gives the teacher a demo trial's roster, with a parent's \"no photos\" standing out", async () => {
    const { models, config, logger } = running.app;
    const clock = running.playground.clock;
    const services = createServices({ models, clock, config, logger });
    const baker = await models.Trial.findOne({ capacity: 6 }).lean();
    const teacher = await services.users.findByTelegramId(5_000_003);
    const roster = await services.registrations.roster(teacher, baker!._id);
    const t = (key: string, vars?: Record<string, string | number>) => running.app.bot.i18n.t("ru", key, vars);
    const { text } = rosterScreen(roster, { t, locale: "ru" }, 0);
    expect(text.split("\n")[0]).toBe(`📋 Список участников: «${baker!.title}»`);
    expect(text).toContain("🪑 Занято мест: 5 из 6");
    expect(text).toContain("1. Әбенов Нұрсұлтан, 9А\n   ✅ участие подтверждено\n   📝 Согласие: дано родителем\n   📁 ТОЛЬКО ДЛЯ ПОРТФОЛИО: фото и видео этого ученика не публиковать\n   🩺 Жеңіл астма, ингаляторы өзінде.");
    expect(text).toContain("Қасымова Томирис, 9А\n   ⏳ ждёт согласия родителей\n   📝 Согласие: ещё не получено\n   ⛔ НЕ ФОТОГРАФИРОВАТЬ И НЕ СНИМАТЬ НА ВИДЕО");
    const masterClass = await services.registrations.roster(teacher, (await models.Trial.findOne({ capacity: 4 }).lean())!._id);
    expect(masterClass.entries.filter((e) => e.status === "waitlisted").map((e) => [e.lastName, e.position])).toEqual([
      ["Омаров", 1],
      ["Қасымова", 2],
    ]);
    expect(new Set(masterClass.entries.map((e) => e.schoolName))).toEqual(new Set([DEMO_SCHOOL.name, SECOND_SCHOOL.name]));
  });

  it("moves the clock, runs due jobs and remembers the offset", async () => {
    const before = running.playground.clock.now().getTime();
    const hour = await api("clock", { action: "hour" });
    expect(hour.status).toBe(200);
    expect(jobRuns).toHaveLength(1);
    expect(hour.body.clock.offsetMs).toBeGreaterThanOrEqual(HOUR - 1000);
    expect(jobRuns[0]!.getTime() - before).toBeGreaterThanOrEqual(HOUR);
    expect(JSON.parse(readFileSync(path.join(dataDir, "playground.json"), "utf8")).clockOffsetMs).toBe(hour.body.clock.offsetMs);

    const { models } = running.app;
    // The demo has sign-ups waiting for a parent's consent: their reminders and deadlines are jobs too.
    const waiting = await models.Registration.distinct("trialId", { status: "pending_consent" });
    const deadlines = (await models.Trial.find({ _id: { $in: waiting } }).lean()).map((trial) => trial.consentDeadline!.getTime());
    const firstReminder = Math.min(...deadlines.flatMap((at) => [at - 3 * DAY, at - DAY, at]).filter((at) => at > running.playground.clock.now().getTime()));

    // A message due sooner comes first.
    const teacher = await models.User.findOne({ telegramId: 5_000_003 }).lean();
    const due = new Date(running.playground.clock.now().getTime() + 2 * HOUR);
    expect(due.getTime()).toBeLessThan(firstReminder);
    await models.Notification.create({ dedupeKey: "test:next", userId: teacher!._id, chatId: 5_000_003, kind: "test", payload: { key: "menu-title" }, notBefore: due });
    await api("clock", { action: "next" });
    expect(jobRuns).toHaveLength(2);
    expect(jobRuns[1]!.getTime()).toBeGreaterThanOrEqual(due.getTime());
    expect(jobRuns[1]!.getTime()).toBeLessThan(firstReminder);
    await models.Notification.updateOne({ dedupeKey: "test:next" }, { $set: { status: "sent" } }); // the jobs here are stand-ins

    const next = await api("clock", { action: "next" });
    expect(jobRuns).toHaveLength(3);
    expect(jobRuns[2]!.getTime()).toBeGreaterThanOrEqual(firstReminder);
    expect(next.body.clock.offsetMs).toBeGreaterThanOrEqual(firstReminder - before);

    // A confirmed place: the next moment is the trial's direction sheet, a day before it starts.
    const registrations = await models.Registration.find({ status: { $in: ["pending_consent", "confirmed"] } }).lean();
    await models.Registration.updateMany({ status: { $in: ["pending_consent", "confirmed"] } }, { $set: { status: "cancelled" } });
    await models.Notification.updateMany({ status: "pending" }, { $set: { status: "cancelled" } });
    const kept = registrations[0]!;
    await models.Registration.updateOne({ _id: kept._id }, { $set: { status: "confirmed" } });
    const startsAt = (await models.Trial.findById(kept.trialId).lean())!.startsAt.getTime();
    expect(startsAt - DAY).toBeGreaterThan(running.playground.clock.now().getTime());
    await api("clock", { action: "next" });
    expect(jobRuns).toHaveLength(4);
    expect(jobRuns[3]!.getTime() - (startsAt - DAY)).toBeGreaterThanOrEqual(0);
    expect(jobRuns[3]!.getTime() - (startsAt - DAY)).toBeLessThan(60_000);

    // Nothing left to wait for: "next job" says so and leaves time alone.
    await models.Registration.updateMany({ status: "confirmed" }, { $set: { status: "cancelled" } });
    await models.Notification.updateMany({ status: "pending" }, { $set: { status: "cancelled" } });
    const idle = await api("clock", { action: "next" });
    expect(idle.body.message).toBe("Nothing is scheduled yet.");
    expect(jobRuns).toHaveLength(4);

    expect((await api("clock", { action: "week" })).status).toBe(400);
  });

  it("adds people, refuses cross-site requests and bad input", async () => {
    const added = await api("personas", { firstName: "Ерлан", lastName: "Сапаров", languageCode: "ru" });
    expect(added.body.persona).toEqual({ id: 5_000_101, firstName: "Ерлан", lastName: "Сапаров", languageCode: "ru", role: "guest" });
    expect(running.playground.emulator.user(5_000_101)).toMatchObject({ firstName: "Ерлан", languageCode: "ru" });
    expect((await api("personas", { firstName: "X", languageCode: "xx" })).status).toBe(400);
    expect((await api("personas", { firstName: "  ", languageCode: "ru" })).status).toBe(400);
    expect((await api("send", { personaId: 42, text: "hi" })).status).toBe(400);
    expect((await api("send", { personaId: 5_000_001, text: "hi" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await api("tap", { personaId: 5_000_001, messageId: 999, data: "x" })).body).toEqual({ error: "message 999 is not in this chat" });
  });

  it("keeps the demo idempotent and the people and clock across a restart", async () => {
    const offset = running.playground.clockView().offsetMs;
    await running.stop();
    running = await startPlayground({ env, dataDir, jobs });
    const { models } = running.app;
    expect(await models.School.countDocuments({})).toBe(2);
    expect(await models.User.countDocuments({ telegramId: { $in: [5_000_003, 5_000_004] } })).toBe(2);
    expect((await models.User.find({}).lean()).map((u) => u.telegramId).filter((id) => id !== 5_000_001 && id < 5_000_100).sort()).toEqual([5_000_003, 5_000_004]);
    expect(await models.Trial.countDocuments({})).toBe(DEMO_TRIALS.length);
    expect(await models.Registration.countDocuments({})).toBe(DEMO_TRIALS.reduce((n, t) => n + t.signedUp.length, 0));
    expect(await models.Consent.countDocuments({})).toBe(DEMO_PARENTS.length + 2);
    expect(await models.Guardianship.countDocuments({})).toBe(DEMO_PARENTS.length);
    expect(running.playground.personas.map((p) => p.id)).toEqual([5_000_001, 5_000_002, 5_000_003, 5_000_004, 5_000_101]);
    expect(Math.abs(running.playground.clockView().offsetMs - offset)).toBeLessThanOrEqual(2000);
  });

  it("resets: wipes the database and the chats, seeds again, puts the clock back", async () => {
    await api("send", { personaId: 5_000_001, text: "/start" });
    await running.app.models.User.create({ telegramId: 5_000_001, locale: "ru", roles: ["student"] }).catch(() => undefined);
    expect((await api("reset", {})).status).toBe(200);
    const { models } = running.app;
    expect((await models.User.find({}).lean()).map((u) => u.telegramId).sort()).toEqual(DEMO_TELEGRAM_IDS);
    expect(await models.Trial.countDocuments({ status: "published" })).toBe(DEMO_TRIALS.length);
    expect(await models.School.countDocuments({})).toBe(2);
    expect(await models.Notification.countDocuments({})).toBe(0);
    const state = (await api("state")).body;
    expect(state.personas).toHaveLength(4);
    expect(state.clock.offsetMs).toBe(0);
    expect(Object.values(state.chats).every((chat) => (chat as { timeline: unknown[] }).timeline.length === 0)).toBe(true);
    // The bot still answers after the wipe.
    await api("send", { personaId: 5_000_004, text: "/start" });
    const deadline = Date.now() + 10_000;
    while (!running.playground.emulator.chat(5_000_004).timeline.some((e) => e.message.from.is_bot) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(running.playground.emulator.chat(5_000_004).timeline.at(-1)?.message.text).toMatch(/^🏠 Main menu/);
  });

  it("uses a token nobody could mistake for a real one", () => {
    expect(PLAYGROUND_TOKEN).toMatch(/not-a-real-token$/);
  });
});
