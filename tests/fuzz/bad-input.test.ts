/**
 * Bad-input fuzzing through the real bot (issue 11, part 1).
 *
 * Actors of every role are driven into every scene by real means (commands, the bot's own buttons,
 * deep links, delivered outbox messages), then fed hostile input: odd texts, media, commands mid-dialog,
 * stale, forged, malformed and oversize callback data, double taps and out-of-order taps.
 * After every update: nothing reached the error boundary, the update got an answer (or is one of the
 * deliberate silences listed below), and the seat and consent invariants hold. After every episode:
 * /menu shows the menu with no dialog left open, and no document points at a missing one.
 *
 * FUZZ_STEPS (default 2500) sets the number of updates, FUZZ_SEED the randomness; a failure names both.
 */
import { appendFileSync } from "node:fs";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "grammy";
import { adminSchoolData } from "../../src/bot/callback-data/admin.js";
import { broadcastOpenData, broadcastTrialData } from "../../src/bot/callback-data/broadcast.js";
import { cancelSignUpData, signUpData, signUpInterestData, trialCardData } from "../../src/bot/callback-data/catalogue.js";
import { unlinkConfirmData } from "../../src/bot/callback-data/guardians.js";
import { menuData, MENU_ACTIONS } from "../../src/bot/callback-data/menu.js";
import { reportsSchoolData, reportsTrialData } from "../../src/bot/callback-data/reports.js";
import { rosterMarkData, rosterOpenData } from "../../src/bot/callback-data/roster.js";
import { trialActionData, trialOpenData } from "../../src/bot/callback-data/trials.js";
import { SEAT_HOLDING_STATUSES } from "../../src/db/models/registration.js";
import { LOCALES, type Locale } from "../../src/db/models/user.js";
import { consentDecisionData, consentHealthData, consentPhotoData, consentWithdrawData } from "../../src/domain/consent-buttons.js";
import { currentRecords, newestByGuardian, participationOutcome } from "../../src/domain/consent.js";
import { reflectionStartData } from "../../src/domain/reflection-buttons.js";
import { reminderReplyData } from "../../src/domain/reminder-buttons.js";
import { createDispatcher } from "../../src/jobs/dispatcher.js";
import { scenes } from "../../scenes/index.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { buttonsOf, type TestUser } from "../support/test-user.js";
import { capturingLogger, OBJECT_ID, randomText, Rng } from "./support.js";

/** The default draw reaches every dialog but trial-edit within the default budget (20261122, the first one tried, missed four). */
const DEFAULT_SEED = 777;
const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const STEPS = Number(process.env.FUZZ_STEPS ?? 2500);
const NOW = new Date("2026-09-14T05:00:00Z"); // Monday, 10:00 in Almaty
const HOUR = 3_600_000;
const BEFORE = { expect: "To see the work", worries: "Nothing", interest: 4 };
const HASH = "b".repeat(64);
const SCENES = scenes.map((scene) => scene.id);

type Kind =
  | "command"
  | "text"
  | "sticker"
  | "photo"
  | "document"
  | "voice"
  | "location"
  | "contact"
  | "tap"
  | "stale-tap"
  | "double-tap"
  | "out-of-order"
  | "forged"
  | "malformed"
  | "oversize";

interface Actor {
  name: string;
  user: TestUser;
  role: "student" | "fresh" | "guardian" | "teacher" | "admin";
}

/** Telegram methods that count as an answer to the person who sent the update. */
const ANSWERS = new Set(["sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "answerCallbackQuery", "deleteMessage"]);

const COMMANDS = ["/start", "/menu", "/help", "/cancel", "/trials", "/mytrials", "/questionnaire", "/results", "/portfolio", "/consents", "/reports", "/admin", "/broadcast", "/language", "/privacy", "/mydata"];

describe("bad input through the real bot", () => {
  let t: TestBot;
  let errors: string[];
  const rng = new Rng(SEED);
  const actors: Actor[] = [];
  const ids = { users: [] as string[], trials: [] as string[], schools: [] as string[], registrations: [] as string[], links: [] as string[], other: [] as string[] };
  const counts: Record<string, number> = {};
  const scenesEntered: Record<string, number> = {};
  let invariantChecks = 0;
  let orphanChecks = 0;
  let updates = 0;
  let silences = 0;
  let step = 0;
  const recent: string[] = [];
  let dispatcher: ReturnType<typeof createDispatcher>;

  const count = (kind: Kind) => (counts[kind] = (counts[kind] ?? 0) + 1);
  const ctxLine = () => `FUZZ_SEED=${SEED} step=${step}; last updates:\n  ${recent.slice(-8).join("\n  ")}`;
  const generic = () => new Set(LOCALES.flatMap((l) => [t.bot.i18n.t(l, "errors-generic")]));
  const menuTitles = () => LOCALES.map((l: Locale) => t.bot.i18n.t(l, "menu-title"));

  async function createTrial(fields: Record<string, unknown>): Promise<Types.ObjectId> {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title: "Welding basics",
      description: "Weld a frame.",
      directions: ["R"],
      host: { organisation: "Polytechnic College", address: "12 Abay Ave" },
      mentor: { name: "Yerlan", phone: "+7 701 234 56 78" },
      startsAt: new Date("2026-09-24T05:00:00Z"),
      endsAt: new Date("2026-09-24T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 2,
      minGrade: 7,
      maxGrade: 11,
      status: "published",
      signupDeadline: new Date("2026-09-22T13:00:00Z"),
      consentDeadline: new Date("2026-09-23T13:00:00Z"),
      seatsTaken: 0,
      ...fields,
    });
    ids.trials.push(doc._id.toHexString());
    return doc._id;
  }

  async function person(name: string, role: Actor["role"], fields: Record<string, unknown> | null, languageCode: Locale = rng.pick(LOCALES)): Promise<Types.ObjectId | undefined> {
    const user = t.user({ languageCode, firstName: name });
    actors.push({ name, user, role });
    if (!fields) return undefined;
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: languageCode, status: "active", onboardedAt: NOW, firstName: name, ...fields });
    ids.users.push(doc._id.toHexString());
    return doc._id;
  }

  beforeAll(async () => {
    // Test users get ids 100001, 100002, … in creation order: the first one is the configured admin.
    t = await createTestBot({ now: NOW, env: { ADMIN_TELEGRAM_IDS: "100001" } });
    const captured = capturingLogger();
    errors = captured.errors;
    (t.deps as { logger: typeof captured.logger }).logger = captured.logger;
    const { models, services } = t.deps;

    await person("Admin", "admin", { roles: [] }, "en");
    const schoolA = (await models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    const schoolB = (await models.School.create({ name: "Aitmatov Gymnasium", region: "Chui", timezone: "Asia/Bishkek" }))._id;
    ids.schools.push(schoolA.toHexString(), schoolB.toHexString());
    const teacher = (await person("Teacher", "teacher", { roles: ["teacher"], teacherSchoolId: schoolA }))!;
    const teacherB = (await person("TeacherB", "teacher", { roles: ["teacher"], teacherSchoolId: schoolB }))!;
    const pupil = (name: string, school: Types.ObjectId, grade: number) =>
      person(name, "student", { roles: ["student"], schoolId: school, grade, classLetter: "A", lastName: "S" }) as Promise<Types.ObjectId>;
    const aru = await pupil("Aru", schoolA, 9);
    const bek = await pupil("Bek", schoolA, 10);
    const dana = await pupil("Dana", schoolA, 8);
    const erlan = await pupil("Erlan", schoolB, 9);
    await person("Fresh1", "fresh", null);
    await person("Fresh2", "fresh", null);
    const mom = (await person("Mom", "guardian", { roles: ["guardian"] }))!;
    const dad = (await person("Dad", "guardian", { roles: ["guardian"] }))!;
    await person("Fresh3", "fresh", null);
    for (const [guardianId, studentId] of [
      [mom, aru],
      [mom, bek],
      [dad, dana],
      [dad, erlan],
    ] as const) {
      const invite = await models.Invite.create({ code: `FZ${ids.links.length}AAAAA`, kind: "guardian", studentId, createdBy: studentId, expiresAt: new Date(NOW.getTime() + 7 * 24 * HOUR), usedAt: NOW, usedBy: guardianId }).catch(() => null);
      const link = await models.Guardianship.create({ guardianId, studentId, inviteId: invite?._id ?? new Types.ObjectId() });
      ids.links.push(link._id.toHexString());
    }

    const weld = await createTrial({ title: "Welding basics", schoolIds: [schoolA], createdBy: teacher, schoolId: schoolA });
    const bake = await createTrial({ title: "Bakery", capacity: 5, schoolIds: [schoolA], createdBy: teacher, schoolId: schoolA, startsAt: new Date("2026-09-15T05:00:00Z"), endsAt: new Date("2026-09-15T08:00:00Z"), signupDeadline: new Date("2026-09-14T13:00:00Z"), consentDeadline: new Date("2026-09-14T18:00:00Z") });
    await createTrial({ title: "Bishkek IT day", schoolIds: [schoolB], createdBy: teacherB, schoolId: schoolB, timezone: "Asia/Bishkek" });
    await createTrial({ title: "Draft trial", status: "draft", schoolIds: [schoolA], createdBy: teacher, schoolId: schoolA });
    const past = await createTrial({ title: "Past pottery", schoolIds: [schoolA], createdBy: teacher, schoolId: schoolA, startsAt: new Date("2026-09-10T05:00:00Z"), endsAt: new Date("2026-09-10T08:00:00Z"), signupDeadline: new Date("2026-09-08T13:00:00Z"), consentDeadline: new Date("2026-09-09T13:00:00Z") });

    // Aru went to the past trial: attended, with her mother's consent, so her reflection prompts work.
    const attended = await models.Registration.create({ trialId: past, studentId: aru, status: "attended", attended: true, statusChangedAt: new Date("2026-09-10T09:00:00Z") });
    await models.Consent.create({ studentId: aru, guardianId: mom, kind: "participation", trialId: past, decision: "granted", textVersion: "participation@1", textHash: HASH, locale: "en", recordedAt: new Date("2026-09-08T09:00:00Z") });
    await models.Reflection.create({ studentId: aru, trialId: past, registrationId: attended._id, phase: "before", answers: { expect: "x", worries: "y" }, interestBefore: 3 });
    ids.registrations.push(attended._id.toHexString());

    // Live sign-ups through the service: a held seat waiting for a parent, and one waiting for a seat.
    const actor = (id: Types.ObjectId) => services.users.findById(id);
    for (const [student, trial] of [
      [bek, weld],
      [dana, weld],
      [aru, bake],
    ] as const) {
      const result = await services.registrations.signUp(await actor(student), trial, BEFORE);
      ids.registrations.push(String((result as { registrationId?: Types.ObjectId }).registrationId ?? ""));
    }
    ids.registrations = (await models.Registration.find({}).lean()).map((r) => r._id.toHexString());
    ids.other.push(new Types.ObjectId().toHexString(), "000000000000000000000000", "ffffffffffffffffffffffff");

    dispatcher = createDispatcher({
      models,
      api: new Api("4242:TEST-TOKEN-FOR-TESTS", { fetch: t.telegram.fetch }),
      i18n: t.bot.i18n,
      clock: t.clock,
      config: t.deps.config,
      logger: t.deps.logger,
      owner: "fuzz",
      // As tests/support/jobs.ts does: waiting moves the manual clock instead of sleeping.
      rateClock: t.clock,
      sleep: async (ms) => t.clock.advance(ms),
    });
    await runJobs();
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The planners and the dispatcher, as the cron jobs run them: parents get their consent requests, pupils their prompts. */
  async function runJobs(): Promise<void> {
    const { services } = t.deps;
    const debug = (what: string) => process.env.FUZZ_DEBUG && appendFileSync(process.env.FUZZ_DEBUG, `jobs: ${what}\n`);
    debug("expire");
    await services.registrations.expireOverdue();
    debug("chase");
    await services.consents.chase();
    debug("reminders");
    await services.reminders.plan();
    debug("prompts");
    await services.reflections.planPrompts();
    debug("dispatch");
    await dispatcher.runOnce();
    debug("done");
  }

  async function activeScenes(actor: Actor): Promise<string[]> {
    const doc = await t.db.connection.collection<{ _id: string; value: string }>("conversations").findOne({ _id: String(actor.user.id) });
    if (!doc) return [];
    const state = (JSON.parse(doc.value) as { state?: Record<string, unknown[]> }).state ?? {};
    return Object.entries(state).flatMap(([id, runs]) => (Array.isArray(runs) && runs.length > 0 ? [id] : []));
  }

  /** Sends one update and checks what must hold after every update. */
  async function send(actor: Actor, kind: Kind, label: string, work: () => Promise<void>): Promise<void> {
    step++;
    updates++;
    count(kind);
    recent.push(`${actor.name}(${actor.user.id}) ${kind}: ${JSON.stringify(label.slice(0, 80))}${label.length > 80 ? `…(${label.length})` : ""}`);
    t.clock.advance(rng.int(1000, 3000));
    if (process.env.FUZZ_DEBUG) appendFileSync(process.env.FUZZ_DEBUG, `${Math.round(performance.now())} ${recent.at(-1)}\n`);
    const callsBefore = t.telegram.calls.length;
    const errorsBefore = errors.length;
    try {
      await work();
    } catch (error) {
      throw new Error(`update threw: ${String(error)}\n${ctxLine()}`, { cause: error });
    }
    const calls = t.telegram.calls.slice(callsBefore);
    if (errors.length > errorsBefore) throw new Error(`error boundary reached: ${errors.slice(errorsBefore).join("\n")}\n${ctxLine()}`);
    const apologies = generic();
    const apology = calls.find((c) => c.method === "sendMessage" && apologies.has(String(c.payload.text)));
    if (apology) throw new Error(`generic apology sent\n${ctxLine()}`);
    const answered = calls.some((c) => ANSWERS.has(c.method) && (c.method === "answerCallbackQuery" || Number(c.payload.chat_id) === actor.user.id));
    if (!answered) {
      // Deliberate silence: none is designed for a private chat (unhandled.ts answers everything,
      // the rate limiter answers the first update over the limit). The pace here (1–3 s apart)
      // stays under the limiter, so no silence is expected at all.
      silences++;
      throw new Error(`no answer to the update\n${ctxLine()}`);
    }
    for (const scene of await activeScenes(actor)) scenesEntered[scene] = (scenesEntered[scene] ?? 0) + 1;
    await checkInvariants();
  }

  /** Seats equal live registrations; every confirmed (or attended) registration has a granted participation consent. */
  async function checkInvariants(): Promise<void> {
    invariantChecks++;
    const { Trial, Registration, Consent, Guardianship, AuditLog, User } = t.deps.models;
    const trials = await Trial.find({}, { seatsTaken: 1, title: 1 }).lean();
    const held = await Registration.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { status: { $in: [...SEAT_HOLDING_STATUSES] } } },
      { $group: { _id: "$trialId", n: { $sum: 1 } } },
    ]);
    const heldBy = new Map(held.map((h) => [h._id.toHexString(), h.n]));
    for (const trial of trials) {
      const live = heldBy.get(trial._id.toHexString()) ?? 0;
      if (trial.seatsTaken !== live) throw new Error(`trial ${trial.title}: seatsTaken ${trial.seatsTaken} but ${live} live registrations\n${ctxLine()}`);
    }
    const confirmed = await Registration.find({ status: { $in: ["confirmed", "attended", "no_show"] } }).lean();
    for (const registration of confirmed) {
      const records = await Consent.find({ studentId: registration.studentId, kind: "participation", trialId: registration.trialId }).sort({ recordedAt: 1, _id: 1 }).lean();
      const current = [...newestByGuardian(currentRecords(records, registration)).values()];
      const outcome = participationOutcome(current.map((r) => r.decision));
      if (outcome !== "granted") throw new Error(`registration ${registration._id.toHexString()} is ${registration.status} but its consent is ${outcome}\n${ctxLine()}`);
      const granters = current.filter((r) => r.decision === "granted");
      let linked = false;
      for (const record of granters) {
        const pair = { guardianId: record.guardianId, studentId: registration.studentId };
        // Linked now, or linked then and unlinked or erased since (the consent stays as evidence).
        if (await Guardianship.exists(pair)) linked = true;
        else if (await AuditLog.exists({ action: "guardianship.removed", "details.guardianId": record.guardianId, "details.studentId": registration.studentId })) linked = true;
        else if (await User.exists({ _id: { $in: [record.guardianId, registration.studentId] }, status: "deleted" })) linked = true;
      }
      if (!linked) throw new Error(`registration ${registration._id.toHexString()} is ${registration.status} without a linked guardian's consent\n${ctxLine()}`);
    }
  }

  /** No document points at a missing one. */
  async function checkOrphans(): Promise<void> {
    orphanChecks++;
    const m = t.deps.models;
    const refs: Array<[string, { distinct(field: string): Promise<unknown[]> }, string, { countDocuments(filter: object): Promise<number> }]> = [
      ["registration.trialId", m.Registration, "trialId", m.Trial],
      ["registration.studentId", m.Registration, "studentId", m.User],
      ["reflection.registrationId", m.Reflection, "registrationId", m.Registration],
      ["reflection.trialId", m.Reflection, "trialId", m.Trial],
      ["reflection.studentId", m.Reflection, "studentId", m.User],
      ["consent.studentId", m.Consent, "studentId", m.User],
      ["consent.guardianId", m.Consent, "guardianId", m.User],
      ["consent.trialId", m.Consent, "trialId", m.Trial],
      ["guardianship.guardianId", m.Guardianship, "guardianId", m.User],
      ["guardianship.studentId", m.Guardianship, "studentId", m.User],
      ["notification.userId", m.Notification, "userId", m.User],
      ["notification.trialId", m.Notification, "trialId", m.Trial],
      ["invite.studentId", m.Invite, "studentId", m.User],
      ["trial.schoolId", m.Trial, "schoolId", m.School],
      ["trial.schoolIds", m.Trial, "schoolIds", m.School],
      ["trial.createdBy", m.Trial, "createdBy", m.User],
      ["broadcast.createdBy", m.Broadcast, "createdBy", m.User],
      ["user.schoolId", m.User, "schoolId", m.School],
      ["user.teacherSchoolId", m.User, "teacherSchoolId", m.School],
      ["questionnaireResult.studentId", m.QuestionnaireResult, "studentId", m.User],
    ];
    for (const [name, model, field, target] of refs) {
      const values = (await model.distinct(field)).filter((v) => v != null);
      const found = await target.countDocuments({ _id: { $in: values } });
      if (found !== values.length) throw new Error(`orphan ${name}: ${values.length - found} missing\n${ctxLine()}`);
    }
    // Sessions and conversations are keyed by chat id: each must belong to someone who has written to the bot.
    const chats = new Set(actors.map((a) => String(a.user.id)));
    for (const collection of ["sessions", "conversations"]) {
      const keys = await t.db.connection.collection<{ _id: string }>(collection).find({}, { projection: { _id: 1 } }).toArray();
      for (const key of keys) if (!chats.has(String(key._id))) throw new Error(`${collection} entry ${String(key._id)} for nobody\n${ctxLine()}`);
    }
  }

  // ---- inputs ---------------------------------------------------------------------------------

  let rawMessageId = 900_000;
  function raw(actor: Actor, content: Record<string, unknown>): Promise<void> {
    const u = actor.user;
    return t.handle({
      message: { message_id: rawMessageId++, date: Math.floor(NOW.getTime() / 1000), chat: { id: u.id, type: "private", first_name: u.from.first_name }, from: u.from, ...content },
    } as never);
  }

  /** Inline buttons on the actor's messages, newest message first. */
  function inlineButtons(actor: Actor): Array<{ data: string; messageId: number; label: string; age: number }> {
    const messages = [...actor.user.messages].reverse();
    return messages.flatMap((message, age) =>
      buttonsOf(message).flatMap((b) => ("callback_data" in b && b.callback_data ? [{ data: b.callback_data, messageId: message.messageId, label: b.text, age }] : [])),
    );
  }
  function replyKeyboard(actor: Actor): string[] {
    const last = actor.user.messages.at(-1);
    const markup = last?.replyMarkup;
    return markup && "keyboard" in markup ? markup.keyboard.flat().map((b) => (typeof b === "string" ? b : b.text)) : [];
  }

  const pickId = (pool: keyof typeof ids) => rng.pick(ids[pool].length > 0 ? ids[pool] : ids.other);
  const anyId = () => rng.pick([...ids.users, ...ids.trials, ...ids.schools, ...ids.registrations, ...ids.links, ...ids.other]);

  /** Valid-looking payloads about someone else's things, packed with the real definitions. */
  function forgedPayload(actor: Actor): string {
    const seen = [...t.telegram.chats.values()].flatMap((list) => list.flatMap((m) => buttonsOf(m).flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []))));
    if (seen.length > 0 && rng.chance(0.4)) {
      // Someone's real button, with its ids swapped for other real ids.
      return rng.pick(seen).replace(OBJECT_ID, () => anyId());
    }
    const reg = pickId("registrations");
    const trial = pickId("trials");
    const school = pickId("schools");
    const user = pickId("users");
    const makers: Array<() => string> = [
      () => signUpData.pack({ trial }),
      () => signUpInterestData.pack({ trial, value: rng.int(1, 5) }),
      () => cancelSignUpData.pack({ action: rng.pick(["ask", "yes"] as const), registration: reg }),
      () => trialCardData.pack({ trial, back: "c", page: 0 }),
      () => consentDecisionData.pack({ registration: reg, decision: rng.pick(["granted", "refused"] as const) }),
      () => consentWithdrawData.pack({ registration: reg, step: rng.pick(["ask", "yes"] as const) }),
      () => consentPhotoData.pack({ student: user, scope: rng.pick(["publish", "portfolio", "forbidden"] as const) }),
      () => consentHealthData.pack({ registration: reg }),
      () => reflectionStartData.pack({ registration: reg, phase: rng.pick(["after", "trace"] as const) }),
      () => reminderReplyData.pack({ registration: reg, answer: rng.pick(["coming", "cant", "cant-yes", "cant-no"] as const) }),
      () => rosterOpenData.pack({ trial }),
      () => rosterMarkData.pack({ reg, trial, mark: rng.pick(["a", "n"] as const), page: 0 }),
      () => trialOpenData.pack({ trial }),
      () => trialActionData.pack({ action: rng.pick(["edit", "copy", "publish", "cancel", "cancel-yes"] as const), trial }),
      () => unlinkConfirmData.pack({ link: pickId("links") }),
      () => reportsSchoolData.pack({ school }),
      () => reportsTrialData.pack({ trial, back: "m" }),
      () => adminSchoolData.pack({ action: rng.pick(["open", "rename", "invite", "teachers"] as const), school }),
      () => broadcastTrialData.pack({ trial }),
      () => broadcastOpenData.pack({ broadcast: anyId() }),
      () => menuData.pack({ action: rng.pick(MENU_ACTIONS) }),
    ];
    return rng.pick(makers)();
  }

  function malformedPayload(): string {
    return rng.pick([
      "",
      "1",
      "1:",
      "1:menu",
      "1:menu:",
      "1:menu:home:extra",
      "0:menu:home",
      "2:menu:home",
      "9:cat-sign:" + "a".repeat(24),
      "1:cat-sign:" + "Z".repeat(24),
      "1:cat-sign:not-an-id",
      "1:cs-p:zzz:granted",
      `1:cs-p:${pickId("registrations")}:maybe`,
      `1:rf-a:q:${"x".repeat(30)}`,
      "1:qa:" + "0".repeat(24) + ":-1:999",
      "1:ob-grade:42",
      "1:lang:xx",
      "1:tnew-gr:12:5",
      "🙂🙂🙂",
      "\u0000\u0000",
      "1:menu:home\u200b",
      "::::::::",
      "%s%s%n",
      '{"a":1}',
    ]);
  }

  function oversizePayload(): string {
    return rng.pick([`1:cat-sign:${pickId("trials")}${"0".repeat(40)}`, `1:menu:${"home".repeat(20)}`, "x".repeat(65), "Ж".repeat(40), `1:cs-p:${pickId("registrations")}:granted:${"z".repeat(50)}`]);
  }

  /** One hostile (or ordinary) input. Buttons of the current dialog come up often so dialogs move on. */
  async function hostile(actor: Actor): Promise<void> {
    const u = actor.user;
    // Telegram delivers a tap only for a message in the chat: with none yet, write first.
    if (u.messages.length === 0) return send(actor, "command", "/start", () => u.send("/start"));
    const buttons = inlineButtons(actor);
    const fresh = buttons.filter((b) => b.age === 0);
    const kind = rng.weighted<Kind>({
      tap: fresh.length ? 45 : 0,
      text: 18,
      command: 6,
      sticker: 3,
      photo: 3,
      document: 3,
      voice: 2,
      location: 2,
      contact: 2,
      "stale-tap": buttons.some((b) => b.age > 0) ? 6 : 0,
      "double-tap": fresh.length ? 4 : 0,
      "out-of-order": buttons.some((b) => b.age > 0) ? 4 : 0,
      forged: 8,
      malformed: 4,
      oversize: 2,
    });
    switch (kind) {
      case "tap": {
        const keyboard = replyKeyboard(actor);
        if (keyboard.length && rng.chance(0.3)) {
          const label = rng.pick(keyboard);
          return send(actor, kind, label, () => u.send(label));
        }
        const b = rng.pick(fresh);
        return send(actor, kind, `${b.label} ${b.data}`, () => u.tapData(b.data, b.messageId));
      }
      case "text": {
        const keyboard = replyKeyboard(actor);
        const text = keyboard.length && rng.chance(0.3) ? rng.pick(keyboard) : randomText(rng);
        return send(actor, kind, text, () => u.send(text));
      }
      case "command": {
        const command = rng.pick(COMMANDS);
        return send(actor, kind, command, () => u.send(command));
      }
      case "sticker":
        return send(actor, kind, "sticker", () => u.sendSticker());
      case "photo": {
        const caption = rng.chance(0.5) ? randomText(rng) : undefined;
        return send(actor, kind, `photo ${caption ?? ""}`, () => u.sendPhoto(caption || undefined));
      }
      case "document":
        return send(actor, kind, "document", () => u.sendDocument(rng.pick(["file.pdf", "a".repeat(200) + ".exe", "отчёт.xlsx", ""])));
      case "voice":
        return send(actor, kind, "voice", () => u.sendVoice());
      case "location":
        return send(actor, kind, "location", () => raw(actor, { location: { latitude: 43.238949, longitude: 76.889709 } }));
      case "contact":
        return send(actor, kind, "contact", () => raw(actor, { contact: { phone_number: "+77012345678", first_name: "Someone", user_id: rng.pick(actors).user.id } }));
      case "stale-tap": {
        const b = rng.pick(buttons.filter((x) => x.age > 0));
        return send(actor, kind, `${b.label} ${b.data} (age ${b.age})`, () => u.tapData(b.data, b.messageId));
      }
      case "double-tap": {
        const b = rng.pick(fresh);
        await send(actor, kind, `${b.label} ${b.data} (1st)`, () => u.tapData(b.data, b.messageId));
        return send(actor, kind, `${b.label} ${b.data} (2nd)`, () => u.tapData(b.data, b.messageId));
      }
      case "out-of-order": {
        // A newer button, then an older message's button, as a slow network delivers them.
        const newer = fresh[0] ?? buttons[0]!;
        const older = rng.pick(buttons.filter((x) => x.age > 0));
        await send(actor, kind, `${newer.label} ${newer.data} (newer)`, () => u.tapData(newer.data, newer.messageId));
        return send(actor, kind, `${older.label} ${older.data} (older)`, () => u.tapData(older.data, older.messageId));
      }
      case "forged": {
        const data = forgedPayload(actor);
        // Telegram sends a tap only for a message that is in the chat: the newest one, or any older one.
        const messageId = rng.chance(0.5) ? (u.messages.at(-1)?.messageId ?? 1) : (u.messages.length ? rng.pick(u.messages).messageId : 1);
        return send(actor, kind, data, () => u.tapData(data, messageId));
      }
      case "malformed": {
        const data = malformedPayload();
        return send(actor, kind, data, () => u.tapData(data));
      }
      case "oversize": {
        const data = oversizePayload();
        return send(actor, kind, data, () => u.tapData(data));
      }
    }
  }

  /** Invite links the bot gave pupils (in texts or buttons), for parents to follow. */
  function inviteCodes(): string[] {
    const codes = new Set<string>();
    for (const list of t.telegram.chats.values()) {
      for (const m of list) {
        const haystack = m.text + JSON.stringify(m.replyMarkup ?? {});
        for (const match of haystack.matchAll(/start=inv_([A-Za-z0-9_-]+)/g)) codes.add(match[1]!);
      }
    }
    return [...codes];
  }

  /** Drives the actor somewhere by real means: a command, a deep link, or a button the bot gave them. */
  async function enter(actor: Actor): Promise<void> {
    const u = actor.user;
    const buttons = inlineButtons(actor).filter((b) => b.age < 3);
    if (buttons.length && rng.chance(0.4)) {
      const b = rng.pick(buttons);
      return send(actor, "tap", `${b.label} ${b.data}`, () => u.tapData(b.data, b.messageId));
    }
    const menu = (action: (typeof MENU_ACTIONS)[number]) => menuData.pack({ action });
    const options: string[] = ["/menu", "/start"];
    switch (actor.role) {
      case "fresh":
        options.push("/start", "/start", `/start trial-${rng.pick(ids.trials)}`);
        break;
      case "student":
        // The card's "Sign up" button, for any trial (the wrong school's or a full one gets a clear answer).
        options.push(signUpData.pack({ trial: rng.pick(ids.trials) }), signUpData.pack({ trial: rng.pick(ids.trials) }));
        options.push("/questionnaire", "/trials", "/mytrials", "/portfolio", `/start trial-${rng.pick(ids.trials)}`, `/start trial-${rng.pick(ids.trials)}`, menu("invite-parent"), menu("my-parents"));
        if (actor.name === "Aru") {
          // The prompt's button after the attended trial.
          options.push(reflectionStartData.pack({ registration: ids.registrations[0]!, phase: "after" }), reflectionStartData.pack({ registration: ids.registrations[0]!, phase: "trace" }));
        }
        break;
      case "guardian":
        options.push("/consents", "/consents", menu("my-children"), menu("enter-code"));
        // The consent card's health-note button (refused with a clear answer unless this parent agreed).
        options.push(consentHealthData.pack({ registration: rng.pick(ids.registrations) }));
        break;
      case "teacher":
        options.push(menu("new-trial"), menu("school-trials"), "/broadcast", "/reports", menu("my-broadcasts"), "/trials");
        break;
      case "admin":
        options.push("/admin", "/admin", "/reports", adminSchoolData.pack({ action: rng.pick(["open", "rename", "teachers"] as const), school: rng.pick(ids.schools) }));
        break;
    }
    if (actor.role === "guardian" || actor.role === "fresh") {
      const codes = inviteCodes();
      if (codes.length) options.push(`/start inv_${rng.pick(codes)}`, rng.pick(codes));
    }
    let choice = rng.pick(options);
    // A button needs a message to sit on: Telegram sends no tap without one.
    if (choice.startsWith("1:") && u.messages.length === 0) choice = "/menu";
    if (choice.startsWith("1:")) return send(actor, "tap", choice, () => u.tapData(choice));
    return send(actor, "command", choice, () => u.send(choice));
  }

  /** After an episode: /menu shows the menu and leaves no dialog open. */
  async function expectMenu(actor: Actor): Promise<void> {
    await send(actor, "command", "/menu (check)", () => actor.user.send("/menu"));
    const titles = menuTitles();
    const shown = actor.user.replies.some((m) => titles.some((title) => m.text.startsWith(title)));
    if (!shown) throw new Error(`/menu did not show the menu: ${JSON.stringify(actor.user.replies.map((m) => m.text.slice(0, 100)))}\n${ctxLine()}`);
    const open = await activeScenes(actor);
    if (open.length > 0) throw new Error(`dialog left open after /menu: ${open.join(", ")}\n${ctxLine()}`);
  }

  it(`survives ${STEPS} hostile updates (FUZZ_SEED=${SEED})`, { timeout: Math.max(120_000, STEPS * 400) }, async () => {
    let episodes = 0;
    const byActor: Record<string, number> = {};
    while (updates < STEPS) {
      episodes++;
      const actor = rng.pick(actors);
      byActor[actor.name] = (byActor[actor.name] ?? 0) + 1;
      recent.length = 0;
      await enter(actor);
      const length = rng.int(3, 14);
      for (let i = 0; i < length; i++) {
        // Enter again now and then: a dialog inside a dialog, or a fresh screen to fuzz.
        if (rng.chance(0.15)) await enter(actor);
        else await hostile(actor);
      }
      await expectMenu(actor);
      await checkOrphans();
      if (rng.chance(0.12)) {
        t.clock.advance(rng.int(1, 30) * HOUR);
        await runJobs();
        await checkInvariants();
      }
    }
    const summary = {
      seed: SEED,
      updates,
      episodes,
      inputsByKind: counts,
      scenesEntered,
      invariantChecks,
      orphanChecks,
      silences,
      notReached: SCENES.filter((id) => !scenesEntered[id]),
      episodesByActor: byActor,
    };
    process.stdout.write(`\nfuzz summary ${JSON.stringify(summary, null, 2)}\n`);
    expect(errors).toEqual([]);
    // The dialogs this world reaches by real means within the default budget: every one but
    // trial-edit (its bad input is covered in tests/bot/trial-manage.test.ts). "notReached" lists what a draw missed.
    const reached = SCENES.filter((id) => id !== "trial-edit");
    // Coverage depends on the draw, so it is pinned for the default seed and budget only.
    if (SEED === DEFAULT_SEED && STEPS >= 2500) expect(reached.filter((id) => !scenesEntered[id])).toEqual([]);
  });
});
