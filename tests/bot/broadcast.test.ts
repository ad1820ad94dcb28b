import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  broadcastCancelData,
  broadcastClassData,
  broadcastCountData,
  broadcastOpenData,
  broadcastScopeData,
  broadcastTrialData,
  broadcastWhenData,
} from "../../src/bot/callback-data/broadcast.js";
import { menuData } from "../../src/bot/callback-data/menu.js";
import { NotAllowed } from "../../src/services/errors.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty

const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";
const EXPECT_BUTTON = "Please choose one of the buttons below.";

const AUDIENCE_ASK = "📣 New broadcast. Step 1 of 5: who should receive the message?";
const AUDIENCE_BUTTONS = ["🎒 Pupils", "👪 Parents", "🎒 Pupils and 👪 parents"];
const SCOPE_ASK = "Step 2 of 5: the whole school or part of it? Parents are chosen by their children's class.";
const SCOPE_BUTTONS = ["🏫 Whole school", "One grade", "One class"];
const GRADE_ASK = "Choose the grade:";
const CLASS_ASK = "Which class? Tap it or type it, for example 9Б.";
const TEXT_ASK = "Step 4 of 5: send the text of the message, up to 4000 characters. Bold, italics, links and other formatting will be kept.";
const TEXT_EXPECTED = "Please send the message as text. Photos, stickers and files can't be broadcast yet.";
const WHEN_ASK = "When should it go out?";
const WHEN_BUTTONS = ["▶️ Send now", "🕒 At a date and time", "🔁 Repeat on a schedule", "✏️ Change the text", "✖️ Cancel"];
const AT_ASK = "Send the date and time by the school's clock (Almaty, Astana (UTC+5)), for example 15.09 18:00. For a date next year, add the year: 10.01.2027 09:00";
const CRON_ASK = [
  "Send the schedule as a cron expression: minute, hour, day of the month, month, day of the week. Times follow the school's clock (Almaty, Astana (UTC+5)). Examples:",
  "<code>0 9 * * 1</code> — every Monday at 09:00",
  "<code>30 8 * * 1-5</code> — on weekdays at 08:30",
  "<code>0 18 1 * *</code> — on day 1 of every month at 18:00",
].join("\n");
const CONFIRM_TIME_BUTTONS = ["✅ Schedule", "✏️ Change the time", "✖️ Cancel"];
const CONFIRM_CRON_BUTTONS = ["✅ Schedule", "✏️ Change the schedule", "✖️ Cancel"];
const CARD_BUTTONS = ["🔄 Refresh", "✖️ Cancel the broadcast", "📋 All broadcasts"];
const CANCELLED = "Cancelled; nothing was sent. /menu opens the menu.";

const count = (audience: string, total: number, students: number, guardians: number) =>
  `Step 3 of 5. ${audience}.\nRecipients right now: ${total} (pupils: ${students}, parents: ${guardians}).`;
const previewIntro = (audience: string) => `Step 5 of 5. This is exactly how the recipients (${audience}) will see the message:`;

describe("teacher broadcasts", () => {
  let t: TestBot;
  let teacher: TestUser;
  let teacherId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  /** Pupils and parents by name: 9А Aru (mum Saule), 9Б Bekzat (dad Marat), 10А Dana (no parent in Bagdar). */
  const people: Record<string, { user: TestUser; id: Types.ObjectId }> = {};

  async function person(name: string, roles: ("student" | "guardian")[], extra: Record<string, unknown> = {}) {
    const user = t.user();
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "ru", roles, firstName: name, status: "active", onboardedAt: NOW, ...extra });
    people[name] = { user, id: doc._id };
    return doc._id;
  }
  const link = (guardian: string, child: string) =>
    t.deps.models.Guardianship.create({ guardianId: people[guardian]!.id, studentId: people[child]!.id, inviteId: new Types.ObjectId() });
  const broadcasts = () => t.deps.models.Broadcast.find({}).sort({ createdAt: 1, _id: 1 }).lean();
  const notifications = () => t.deps.models.Notification.find({}).sort({ chatId: 1 }).lean();
  const auditActions = async () => (await t.deps.models.AuditLog.find({}).sort({ at: 1, _id: 1 }).lean()).map((e) => e.action);
  const texts = (user: TestUser) => user.replies.map((m) => m.text);

  async function trial(title: string, extra: Record<string, unknown> = {}) {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      startsAt: new Date("2026-09-24T05:00:00Z"),
      endsAt: new Date("2026-09-24T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      status: "published",
      createdBy: teacherId,
      schoolId,
      ...extra,
    });
    return doc._id;
  }

  /** Audience and scope by taps, up to the recipient count. */
  async function chooseAudience(who: string, scope: string, then?: string) {
    await teacher.command("broadcast");
    await teacher.tap(who);
    await teacher.tap(scope);
    if (then) await teacher.tap(then);
  }

  async function upToText(who = "🎒 Pupils", scope = "🏫 Whole school") {
    await chooseAudience(who, scope);
    await teacher.tap("✅ Continue");
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    teacher = t.user({ languageCode: "en" });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await t.deps.models.School.create({ name: "Aitmatov Gymnasium", region: "Chui", timezone: "Asia/Bishkek" }))._id;
    teacherId = (
      await t.deps.models.User.create({
        telegramId: teacher.id,
        locale: "en",
        roles: ["teacher"],
        teacherSchoolId: schoolId,
        firstName: "Dana",
        status: "active",
        onboardedAt: NOW,
      })
    )._id;
    await person("Aru", ["student"], { schoolId, grade: 9, classLetter: "А" });
    await person("Bekzat", ["student"], { schoolId, grade: 9, classLetter: "Б" });
    await person("Dana", ["student"], { schoolId, grade: 10, classLetter: "А" });
    await person("Saule", ["guardian"]);
    await person("Marat", ["guardian"]);
    await link("Saule", "Aru");
    await link("Marat", "Bekzat");
    // Not in the audience of School No. 12: a pupil elsewhere, and a pupil who blocked the bot.
    await person("Elsewhere", ["student"], { schoolId: otherSchoolId, grade: 9, classLetter: "А" });
    await person("Gone", ["student"], { schoolId, grade: 9, classLetter: "А", status: "blocked" });
  });
  afterEach(async () => {
    await t.close();
  });

  it("shows the teacher's section in the main menu", async () => {
    await teacher.command("menu");
    expect(teacher.lastText).toBe("🏠 Main menu\n🧑‍🏫 Career guidance teacher, School No. 12");
    expect(teacher.buttons).toEqual(["🗂 School trials", "➕ New trial", "📣 Broadcast", "📋 My broadcasts", "📊 Reports", "🌐 Language", "🔒 My data"]);
  });

  it("sends now to pupils and parents of a class: every step, the preview with formatting, the stored broadcast and the live report", async () => {
    await teacher.tapData(menuData.pack({ action: "broadcast" }));
    expect(texts(teacher)).toEqual([AUDIENCE_ASK]);
    expect(teacher.buttons).toEqual(AUDIENCE_BUTTONS);

    await teacher.tap("🎒 Pupils and 👪 parents");
    expect(texts(teacher)).toEqual([SCOPE_ASK]);
    expect(teacher.buttons).toEqual(SCOPE_BUTTONS); // no trials yet, so no trial option

    await teacher.tap("One class");
    expect(texts(teacher)).toEqual([CLASS_ASK]);
    expect(teacher.buttons).toEqual(["9А", "9Б", "10А"]);

    await teacher.tap("9А");
    expect(texts(teacher)).toEqual([count("Pupils and parents, class 9А", 2, 1, 1)]);
    expect(teacher.buttons).toEqual(["✅ Continue", "↩️ Change the recipients"]);

    await teacher.tap("✅ Continue");
    expect(texts(teacher)).toEqual([TEXT_ASK]);

    // 👪 is two UTF-16 units: the bold entity starts at 3. The teacher's "<" must arrive as a character.
    await teacher.sendFormatted("👪 Parents' meeting <today> at 18:00, room 5. Agenda", [
      { type: "bold", offset: 3, length: 16 },
      { type: "italic", offset: 12, length: 7 },
      { type: "text_link", offset: 46, length: 6, url: "https://school12.kz/agenda?a=1&b=2" },
    ]);
    const html = '👪 <b>Parents\' <i>meeting</i></b> &lt;today&gt; at 18:00, room 5. <a href="https://school12.kz/agenda?a=1&amp;b=2">Agenda</a>';
    expect(teacher.replies.map((m) => [m.text, m.parseMode])).toEqual([
      [previewIntro("Pupils and parents, class 9А"), undefined],
      [html, "HTML"],
      [WHEN_ASK, undefined],
    ]);
    expect(teacher.buttons).toEqual(WHEN_BUTTONS);
    expect(await broadcasts()).toEqual([]);

    await teacher.tap("▶️ Send now");
    expect(texts(teacher)).toEqual([
      [
        "✅ The broadcast has started. Messages go out gradually; tap 🔄 to see how far it has got.",
        "",
        "📣 To: Pupils and parents, class 9А",
        "📤 Sending…",
        "📊 Delivery: total 2, sent 0, failed 0, blocked 0",
        "",
        "💬 👪 Parents' meeting <today> at 18:00, room 5. Agenda",
      ].join("\n"),
    ]);
    expect(teacher.buttons).toEqual(CARD_BUTTONS);

    const [stored] = await broadcasts();
    expect(stored).toMatchObject({
      createdBy: teacherId,
      schoolId,
      audience: { roles: ["student", "guardian"], grade: 9, classLetter: "А" },
      text: html,
      parseMode: "HTML",
      schedule: { kind: "now" },
      status: "sending",
      stats: { total: 2, sent: 0, failed: 0, blocked: 0 },
      lastRunAt: NOW,
    });
    const sent = await notifications();
    const runKey = NOW.toISOString();
    expect(sent.map((n) => [n.chatId, n.dedupeKey, n.status])).toEqual(
      [people.Aru!, people.Saule!].map((p) => [p.user.id, `broadcast:${stored!._id.toHexString()}:${runKey}:${p.id.toHexString()}`, "pending"]),
    );
    for (const n of sent) expect(n).toMatchObject({ kind: "broadcast", broadcastId: stored!._id, payload: { text: html, parseMode: "HTML" } });
    expect(await auditActions()).toEqual(["broadcast.created", "broadcast.sent"]);

    // The dispatcher delivers one and finds the other person has blocked the bot.
    await t.deps.models.Broadcast.updateOne({ _id: stored!._id }, { $set: { status: "done", "stats.sent": 1, "stats.blocked": 1 } });
    await teacher.tap("🔄 Refresh");
    expect(teacher.replies).toEqual([]); // the same message is updated
    expect(teacher.lastText).toBe(
      [
        "📣 To: Pupils and parents, class 9А",
        "✅ Sent on 14 September 2026 at 14:00",
        "📊 Delivery: total 2, sent 1, failed 0, blocked 1",
        "",
        "💬 👪 Parents' meeting <today> at 18:00, room 5. Agenda",
      ].join("\n"),
    );
    expect(teacher.buttons).toEqual(["🔄 Refresh", "📋 All broadcasts"]);

    // The dialog is over: text goes back to the ordinary handlers.
    await teacher.send("hello");
    expect(texts(teacher)).toEqual(["I didn't catch that. /help shows what I can do."]);
  });

  it("re-asks after a wrong kind of answer at every step, and stores nothing until the end", async () => {
    await teacher.command("broadcast");
    // Step 1: buttons only.
    await teacher.send("parents please");
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, AUDIENCE_ASK]);
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, AUDIENCE_ASK]);
    await teacher.tapData(broadcastWhenData.pack({ choice: "now" })); // a button of another step
    expect(teacher.lastAnswer).toBe(STALE);
    expect(teacher.replies).toEqual([]);
    await teacher.tapData("1:bc-aud:everyone"); // forged
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("🎒 Pupils");

    // Step 2: buttons only; no trial option without trials, even forged.
    await teacher.sendPhoto("whole school");
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, SCOPE_ASK]);
    await teacher.tapData(broadcastScopeData.pack({ scope: "trial" }));
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("One grade");
    expect(texts(teacher)).toEqual([GRADE_ASK]);
    expect(teacher.buttons).toEqual(["5", "6", "7", "8", "9", "10", "11"]);
    await teacher.send("12");
    expect(texts(teacher)).toEqual(["Please choose a grade from 5 to 11 with the buttons."]);
    await teacher.send("11");

    // Step 3: nobody in grade 11, so only "change"; a forged "continue" is refused.
    expect(texts(teacher)).toEqual([
      "Pupils, grade 11: there's nobody to send to yet. Pupils and parents appear here once they join Bagdar.\nPlease choose other recipients.",
    ]);
    expect(teacher.buttons).toEqual(["↩️ Change the recipients"]);
    await teacher.tapData(broadcastCountData.pack({ choice: "ok" }));
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.send("continue");
    expect(texts(teacher)[0]).toBe(EXPECT_BUTTON);
    await teacher.tap("↩️ Change the recipients");
    expect(texts(teacher)).toEqual([AUDIENCE_ASK]);

    // A class: typed, with a bad value first; a forged class button that was never offered.
    await teacher.tap("👪 Parents");
    await teacher.tap("One class");
    await teacher.tapData(broadcastClassData.pack({ grade: 11, letter: "Я" }));
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.send("9");
    expect(texts(teacher)).toEqual(["Please type a grade from 5 to 11 and a letter, for example 9Б."]);
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual(["Please tap a class or type it, for example 9Б.", CLASS_ASK]);
    await teacher.send("9 б");
    expect(texts(teacher)).toEqual([count("Parents, class 9Б", 1, 0, 1)]);
    await teacher.tap("✅ Continue");

    // Step 4: text only, 1–4000 characters, and no more than Telegram takes with the formatting.
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual([TEXT_EXPECTED, TEXT_ASK]);
    await teacher.sendPhoto("caption");
    expect(texts(teacher)).toEqual([TEXT_EXPECTED, TEXT_ASK]);
    await teacher.send("x".repeat(5000));
    expect(texts(teacher)).toEqual(["That's 5,000 characters, and the limit is 4000. Please shorten the text and send it again."]);
    const words = "word ".repeat(790); // 3950 characters, with 60 bold words the HTML is 4370
    await teacher.sendFormatted(words, Array.from({ length: 60 }, (_, i) => ({ type: "bold" as const, offset: i * 5, length: 4 })));
    expect(texts(teacher)).toEqual([
      "With its formatting, the message is too long for Telegram. Please shorten it or remove some formatting, and send it again.",
    ]);
    await teacher.send("Reminder: bring your diaries.");
    expect(texts(teacher)).toEqual([previewIntro("Parents, class 9Б"), "Reminder: bring your diaries.", WHEN_ASK]);

    // Step 5: buttons only.
    await teacher.send("now");
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, WHEN_ASK]);
    await teacher.tap("✏️ Change the text");
    expect(texts(teacher)).toEqual([TEXT_ASK]);
    await teacher.send("Reminder: bring your diaries tomorrow.");
    await teacher.tap("✖️ Cancel");
    expect(texts(teacher)).toEqual([CANCELLED]);

    expect(await broadcasts()).toEqual([]);
    expect(await notifications()).toEqual([]);
    expect(await auditActions()).toEqual([]);
  });

  it("schedules at a date and time in the school's zone, after bad, impossible, past and far dates", async () => {
    await upToText("👪 Parents", "🏫 Whole school");
    await teacher.send("Tomorrow there are no lessons.");
    await teacher.tap("🕒 At a date and time");
    expect(texts(teacher)).toEqual([AT_ASK]);

    await teacher.send("tomorrow morning");
    expect(texts(teacher)).toEqual(["I couldn't read that. Please write the day, the month and the time like this: 15.09 18:00"]);
    await teacher.send("31.09 10:00");
    expect(texts(teacher)).toEqual(["There's no such date. Please check the day and the month."]);
    await teacher.send("14.09 13:59");
    expect(texts(teacher)).toEqual(["That moment has already passed. Please send a time in the future; for a date next year, add the year."]);
    await teacher.send("15.09.2028 10:00");
    expect(texts(teacher)).toEqual(["That's more than a year ahead. Please choose a date within the next twelve months."]);
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual(["Please send the date and time as text: the day, the month and the time, as in the example above.", AT_ASK]);

    await teacher.send("15.09 18:00");
    expect(texts(teacher)).toEqual([
      "The message will go out on 15 September 2026 at 18:00 (Almaty, Astana (UTC+5)).\nTo: Parents, whole school. The recipients will be counted at that moment.\n\nSchedule it?",
    ]);
    expect(teacher.buttons).toEqual(CONFIRM_TIME_BUTTONS);
    await teacher.tap("✏️ Change the time");
    expect(texts(teacher)).toEqual([AT_ASK]);
    await teacher.send("16.09.2026 08:15");
    expect(texts(teacher)[0]).toContain("The message will go out on 16 September 2026 at 08:15");
    expect(await broadcasts()).toEqual([]);

    await teacher.tap("✅ Schedule");
    expect(texts(teacher)).toEqual([
      [
        "✅ The broadcast is scheduled. You can cancel it here or in “📋 My broadcasts”.",
        "",
        "📣 To: Parents, whole school",
        "🗓 Goes out on 16 September 2026 at 08:15",
        "📊 Nothing has gone out yet.",
        "",
        "💬 Tomorrow there are no lessons.",
      ].join("\n"),
    ]);
    expect(teacher.buttons).toEqual(CARD_BUTTONS);
    const at = new Date("2026-09-16T03:15:00Z");
    expect(await broadcasts()).toMatchObject([
      { audience: { roles: ["guardian"] }, schedule: { kind: "at", at }, status: "scheduled", nextRunAt: at, stats: { total: 0 } },
    ]);
    expect(await notifications()).toEqual([]); // the scheduler's planner sends it when it is due
    expect(await auditActions()).toEqual(["broadcast.created"]);
  });

  it("schedules a recurring broadcast from a cron expression read back in words, after invalid ones", async () => {
    await upToText();
    await teacher.send("Weekly career news");
    await teacher.tap("🔁 Repeat on a schedule");
    expect(teacher.replies.map((m) => [m.text, m.parseMode])).toEqual([[CRON_ASK, "HTML"]]);

    await teacher.send("0 9 * *");
    expect(texts(teacher)).toEqual(["That isn't a schedule I can read. Please send five fields separated by spaces, for example: 0 9 * * 1"]);
    await teacher.send("every monday");
    expect(texts(teacher)[0]).toBe("That isn't a schedule I can read. Please send five fields separated by spaces, for example: 0 9 * * 1");
    await teacher.send("0 0 9 * * 1");
    expect(texts(teacher)).toEqual(["Please leave out the seconds: five fields are enough, for example: 0 9 * * 1"]);
    await teacher.send("*/30 * * * *");
    expect(texts(teacher)).toEqual(["That's too often: a broadcast can repeat at most once an hour. Please send another schedule."]);
    await teacher.sendPhoto();
    expect(texts(teacher)).toEqual(["Please send the schedule as text, for example: 0 9 * * 1", CRON_ASK]);

    await teacher.send("0 18 1 * *");
    expect(texts(teacher)).toEqual([
      "Schedule: on day 1 of every month at 18:00 (Almaty, Astana (UTC+5)).\nFirst time: 1 October 2026 at 18:00.\nTo: Pupils, whole school. The recipients are chosen afresh each time.\n\nSchedule it?",
    ]);
    expect(teacher.buttons).toEqual(CONFIRM_CRON_BUTTONS);
    await teacher.tap("✏️ Change the schedule");
    await teacher.send("0  9 * * 1");
    expect(texts(teacher)[0]).toMatch(/^Schedule: every Monday at 09:00 \(Almaty, Astana \(UTC\+5\)\)\.\nFirst time: 21 September 2026 at 09:00\./);
    await teacher.tap("✅ Schedule");
    expect(texts(teacher)).toEqual([
      [
        "✅ The broadcast is scheduled. You can cancel it here or in “📋 My broadcasts”.",
        "",
        "📣 To: Pupils, whole school",
        "🔁 Schedule: every Monday at 09:00. Next: 21 September 2026 at 09:00",
        "📊 Nothing has gone out yet.",
        "",
        "💬 Weekly career news",
      ].join("\n"),
    ]);
    expect(await broadcasts()).toMatchObject([
      {
        schedule: { kind: "cron", cron: "0 9 * * 1", timezone: "Asia/Almaty" },
        status: "scheduled",
        nextRunAt: new Date("2026-09-21T04:00:00Z"),
      },
    ]);
    expect(await notifications()).toEqual([]);
  });

  it("offers a trial's registrants when the school has upcoming trials", async () => {
    const welding = await trial("Welding at the KazAuto plant");
    await trial("Old one", { startsAt: new Date("2026-09-01T05:00:00Z"), endsAt: new Date("2026-09-01T08:00:00Z") });
    await trial("Draft", { status: "draft" });
    await t.deps.models.Registration.create({ trialId: welding, studentId: people.Aru!.id, status: "confirmed" });
    await t.deps.models.Registration.create({ trialId: welding, studentId: people.Dana!.id, status: "waitlisted" });
    await t.deps.models.Registration.create({ trialId: welding, studentId: people.Bekzat!.id, status: "cancelled" });

    await teacher.command("broadcast");
    await teacher.tap("🎒 Pupils and 👪 parents");
    expect(teacher.buttons).toEqual([...SCOPE_BUTTONS, "🧪 Participants of a trial"]);
    await teacher.tap("🧪 Participants of a trial");
    expect(texts(teacher)).toEqual(["Which trial? The message goes to the pupils signed up for it, including those on the waiting list."]);
    expect(teacher.buttons).toEqual(["Welding at the KazAuto plant · 24.09"]);
    await teacher.tapData(broadcastTrialData.pack({ trial: new Types.ObjectId().toHexString() })); // not offered
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("Welding at the KazAuto plant · 24.09");
    expect(texts(teacher)).toEqual([count("Pupils and parents, trial “Welding at the KazAuto plant”", 3, 2, 1)]);
    await teacher.tap("✅ Continue");
    await teacher.send("Bring your passport.");
    await teacher.tap("▶️ Send now");
    expect(texts(teacher)[0]).toContain("📣 To: Pupils and parents, trial “Welding at the KazAuto plant”");
    expect((await notifications()).map((n) => n.chatId)).toEqual([people.Aru!.user.id, people.Dana!.user.id, people.Saule!.user.id]);
    expect(await broadcasts()).toMatchObject([{ audience: { roles: ["student", "guardian"], trialId: welding } }]);
  });

  it("lists the school's broadcasts and cancels a scheduled one with confirmation, withdrawing what was pending", async () => {
    await upToText();
    await teacher.send("Olympiad registration closes on Friday");
    await teacher.tap("🕒 At a date and time");
    await teacher.send("18.09 09:00");
    await teacher.tap("✅ Schedule");
    await upToText("👪 Parents", "🏫 Whole school");
    await teacher.send("Thank you for coming!");
    await teacher.tap("▶️ Send now");

    await teacher.tapData(menuData.pack({ action: "my-broadcasts" }));
    expect(texts(teacher)).toEqual([
      [
        "📋 Your school's broadcasts, newest first:",
        "",
        "1. 📤 sending, 0 of 2 sent — Parents, whole school",
        "   «Thank you for coming!»",
        "2. 🗓 18.09 09:00 — Pupils, whole school",
        "   «Olympiad registration closes on Friday»",
      ].join("\n"),
    ]);
    expect(teacher.buttons).toEqual(["1. Thank you for coming!", "2. Olympiad registration close…", "📣 Broadcast", "🏠 Menu"]);

    await teacher.tap("2. Olympiad registration close…");
    expect(teacher.lastText).toBe(
      [
        "📣 To: Pupils, whole school",
        "🗓 Goes out on 18 September 2026 at 09:00",
        "📊 Nothing has gone out yet.",
        "",
        "💬 Olympiad registration closes on Friday",
      ].join("\n"),
    );
    await teacher.tap("✖️ Cancel the broadcast");
    expect(teacher.lastText).toBe("Cancel this broadcast?\nTo: Pupils, whole school\nMessages that haven't gone out yet won't be sent.");
    expect(teacher.buttons).toEqual(["Yes, cancel it", "No, keep it"]);
    await teacher.tap("No, keep it");
    expect(teacher.lastText.split("\n")[1]).toBe("🗓 Goes out on 18 September 2026 at 09:00");
    await teacher.tap("✖️ Cancel the broadcast");
    await teacher.tap("Yes, cancel it");
    expect(teacher.lastText).toBe(
      [
        "✖️ The broadcast is cancelled. Nothing more will be sent.",
        "",
        "📣 To: Pupils, whole school",
        "✖️ Cancelled",
        "",
        "💬 Olympiad registration closes on Friday",
      ].join("\n"),
    );
    expect(teacher.buttons).toEqual(["🔄 Refresh", "📋 All broadcasts"]);
    const [scheduled, now] = await broadcasts();
    expect(scheduled).toMatchObject({ status: "cancelled" });
    expect(scheduled!.nextRunAt).toBeUndefined();
    expect(now).toMatchObject({ status: "sending" });
    const audit = await t.deps.models.AuditLog.findOne({ action: "broadcast.cancelled" }).lean();
    expect(audit).toMatchObject({ actorId: teacherId, entityId: scheduled!._id, details: { previousStatus: "scheduled", cancelledNotifications: 0 } });

    // A second "yes" from an old message changes nothing.
    await teacher.tapData(broadcastCancelData.pack({ action: "yes", broadcast: scheduled!._id.toHexString() }));
    expect(texts(teacher)).toEqual(["This broadcast has already finished or been cancelled; there's nothing left to cancel."]);
    expect(await t.deps.models.AuditLog.countDocuments({ action: "broadcast.cancelled" })).toBe(1);

    // The one being sent can be stopped too: what has not gone out is withdrawn.
    await teacher.tapData(broadcastCancelData.pack({ action: "yes", broadcast: now!._id.toHexString() }));
    expect((await notifications()).map((n) => n.status)).toEqual(["cancelled", "cancelled"]);
  });

  it("stops a recurring broadcast", async () => {
    await upToText();
    await teacher.send("Weekly");
    await teacher.tap("🔁 Repeat on a schedule");
    await teacher.send("30 8 * * 1-5");
    await teacher.tap("✅ Schedule");
    await teacher.tap("✖️ Cancel the broadcast");
    expect(teacher.lastText).toBe(
      "Stop this recurring broadcast?\nTo: Pupils, whole school\nIt won't be sent again, and messages that haven't gone out yet won't be sent.",
    );
    await teacher.tap("Yes, cancel it");
    expect(teacher.lastText.split("\n")[3]).toBe("✖️ Cancelled (schedule was: on weekdays (Monday to Friday) at 08:30)");
    expect(await broadcasts()).toMatchObject([{ status: "cancelled" }]);
  });

  it("/cancel leaves the dialog at any step and stores nothing", async () => {
    await upToText();
    await teacher.send("Draft text");
    await teacher.command("cancel");
    expect(texts(teacher)).toEqual(["Cancelled; nothing was saved. /menu opens the menu."]);
    await teacher.tap("▶️ Send now"); // the old preview's button
    expect(teacher.lastAnswer).toBe(STALE);
    expect(await broadcasts()).toEqual([]);
    expect(await notifications()).toEqual([]);
  });

  it("speaks the teacher's language", async () => {
    await t.deps.models.User.updateOne({ _id: teacherId }, { $set: { locale: "ru" } });
    await teacher.command("broadcast");
    expect(texts(teacher)).toEqual(["📣 Новая рассылка. Шаг 1 из 5: кому отправить сообщение?"]);
    await teacher.tap("🎒 Ученикам и 👪 родителям");
    await teacher.tap("Параллели");
    await teacher.tap("9");
    expect(texts(teacher)).toEqual(["Шаг 3 из 5. Ученики и родители, 9-е классы.\nПолучателей сейчас: 4 (учеников: 2, родителей: 2)."]);
    await teacher.tap("✅ Продолжить");
    await teacher.send("Завтра сокращённые уроки.");
    await teacher.tap("🔁 Повторять по расписанию");
    await teacher.send("0 8 * * 1,4");
    expect(texts(teacher)).toEqual([
      "Расписание: по понедельникам и четвергам в 08:00 (Алматы, Астана (UTC+5)).\nПервый раз: 17 сентября 2026 г. в 08:00.\nКому: Ученики и родители, 9-е классы. Получатели определяются заново перед каждой отправкой.\n\nЗапланировать?",
    ]);
  });

  describe("who may broadcast", () => {
    it("refuses a pupil and a parent: the command, a forged menu button, and the service", async () => {
      for (const name of ["Aru", "Saule"]) {
        const { user } = people[name]!;
        await user.command("broadcast");
        expect(texts(user)).toEqual(["Извините, это вам недоступно."]);
        await user.tapData(menuData.pack({ action: "broadcast" }));
        expect(texts(user)).toEqual(["Извините, это вам недоступно."]);
        await user.tapData(menuData.pack({ action: "my-broadcasts" }));
        expect(texts(user)).toEqual(["Извините, это вам недоступно."]);
        // No dialog was entered: a text is not taken as a broadcast.
        await user.send("🎒 Pupils");
        expect(texts(user)).toEqual(["Не понял вас. Что я умею, подскажет /help."]);
      }
      await people.Saule!.user.command("menu");
      expect(people.Saule!.user.buttons).not.toContain("📣 Рассылка");
      expect(await broadcasts()).toEqual([]);
    });

    it("refuses a teacher of another school: the service, and forged buttons for this school's broadcast", async () => {
      const stranger = t.user({ languageCode: "en" });
      await t.deps.models.User.create({ telegramId: stranger.id, locale: "en", roles: ["teacher"], teacherSchoolId: otherSchoolId, status: "active" });
      const actor = (await t.deps.services.users.findByTelegramId(stranger.id))!;
      await expect(
        t.deps.services.broadcasts.createBroadcast(actor, { schoolId, audience: { roles: ["student"] }, text: "Hi", schedule: { kind: "now" } }),
      ).rejects.toBeInstanceOf(NotAllowed);
      await expect(t.deps.services.broadcasts.countAudience(actor, schoolId, { roles: ["guardian"] })).rejects.toBeInstanceOf(NotAllowed);

      await upToText();
      await teacher.send("Exam timetable");
      await teacher.tap("🕒 At a date and time");
      await teacher.send("20.09 10:00");
      await teacher.tap("✅ Schedule");
      const [mine] = await broadcasts();
      const id = mine!._id.toHexString();

      await stranger.tapData(broadcastOpenData.pack({ broadcast: id }));
      expect(texts(stranger)).toEqual([NOT_ALLOWED]);
      await stranger.tapData(broadcastCancelData.pack({ action: "ask", broadcast: id }));
      expect(texts(stranger)).toEqual([NOT_ALLOWED]);
      await stranger.tapData(broadcastCancelData.pack({ action: "yes", broadcast: id }));
      expect(texts(stranger)).toEqual([NOT_ALLOWED]);
      expect(await broadcasts()).toMatchObject([{ status: "scheduled" }]);
      expect(await auditActions()).toEqual(["broadcast.created"]);

      // Their own dialog reaches only their own school.
      await stranger.command("broadcast");
      await stranger.tap("🎒 Pupils");
      await stranger.tap("🏫 Whole school");
      expect(texts(stranger)).toEqual([count("Pupils, whole school", 1, 1, 0)]); // the one pupil of their school
    });

    it("refuses a teacher whose role was revoked while the dialog was open, and stores nothing", async () => {
      await upToText();
      await teacher.send("Text");
      await t.deps.models.User.updateOne({ _id: teacherId }, { $set: { roles: [] }, $unset: { teacherSchoolId: "" } });
      await teacher.tap("▶️ Send now");
      expect(texts(teacher)).toEqual([NOT_ALLOWED]);
      expect(await broadcasts()).toEqual([]);
    });

    it("answers a malformed broadcast button as out of date", async () => {
      await teacher.tapData("1:bc-open:not-an-id");
      expect(teacher.lastAnswer).toBe(STALE);
      await teacher.tapData("1:bc-cx:delete:0123456789abcdef01234567");
      expect(teacher.lastAnswer).toBe(STALE);
      expect(teacher.replies).toEqual([]);
    });
  });
});
