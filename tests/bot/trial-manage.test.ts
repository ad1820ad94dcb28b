import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { menuData } from "../../src/bot/callback-data/menu.js";
import { rosterOpenData } from "../../src/bot/callback-data/roster.js";
import { trialActionData, trialListData, trialOpenData } from "../../src/bot/callback-data/trials.js";
import type { RegistrationStatus } from "../../src/db/models/registration.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty

const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";

const WELDING_DETAILS = [
  "🛠 Career trial · in person",
  "«Welding»",
  "📅 24 September 2026, 10:00–13:00",
  "📍 Almaty Polytechnic College, Tole bi 100",
  "🎓 grades 8–11",
  "🪑 places left: 18 of 20",
  "",
  "🧭 Directions: Maker",
  "",
  "What you'll do:",
  "Welding basics with a master.",
  "",
  "Mentor: Serik Akhmetov, +7 701 000 00 01",
  "Accompanying teacher: Dana Bekova, +7 702 111 22 33",
  "",
  "⏳ Sign-up closes 22 September 2026, 18:00. Parents' consent by 23 September 2026, 18:00.",
].join("\n");
const CARD_BUTTONS = ["👥 Roster", "📊 Report", "✏️ Edit", "📄 Duplicate", "⛔ Cancel the trial", "↩️ All trials"];
const FIELD_BUTTONS = [
  "Kind",
  "Format",
  "Title",
  "What pupils do",
  "Directions",
  "Host",
  "Address",
  "Getting there",
  "Mentor",
  "Accompanying adult",
  "Date and time",
  "Places",
  "Grades",
  "Schools",
  "What to bring",
  "Clothing",
  "Protective equipment",
  "Health restrictions",
  "Risks",
  "Deadlines",
];

describe("the school's trials", () => {
  let t: TestBot;
  let teacher: TestUser;
  let teacherId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let welding: Types.ObjectId;
  const people: Record<string, { user: TestUser; id: Types.ObjectId }> = {};

  const texts = (user: TestUser) => user.replies.map((m) => m.text);
  const card = (status: string, fill: string, details = WELDING_DETAILS, notice?: string) =>
    [
      ...(notice ? [notice, ""] : []),
      `${status} · ${fill}`,
      "",
      details,
      "",
      "🏫 Open to pupils of: School No. 12",
      ...(status.includes("published") ? [`🔗 A link for pupils, to forward: https://t.me/bagdar_test_bot?start=trial-${welding.toHexString()}`] : []),
    ].join("\n");

  async function person(name: string, roles: ("student" | "guardian" | "teacher")[], extra: Record<string, unknown> = {}) {
    const user = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "en", roles, firstName: name, status: "active", onboardedAt: NOW, ...extra });
    people[name] = { user, id: doc._id };
    return doc._id;
  }

  async function seedTrial(title: string, extra: Record<string, unknown> = {}) {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      description: "Welding basics with a master.",
      directions: ["R"],
      host: { organisation: "Almaty Polytechnic College", address: "Tole bi 100" },
      mentor: { name: "Serik Akhmetov", phone: "+7 701 000 00 01" },
      escort: { name: "Dana Bekova", phone: "+7 702 111 22 33" },
      startsAt: new Date("2026-09-24T05:00:00Z"),
      endsAt: new Date("2026-09-24T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      signupDeadline: new Date("2026-09-22T13:00:00Z"),
      consentDeadline: new Date("2026-09-23T13:00:00Z"),
      status: "published",
      createdBy: teacherId,
      schoolId,
      ...extra,
    });
    return doc._id;
  }

  const register = (trialId: Types.ObjectId, name: string, status: RegistrationStatus, extra: Record<string, unknown> = {}) =>
    t.deps.models.Registration.create({ trialId, studentId: people[name]!.id, status, ...extra });
  const notifications = () => t.deps.models.Notification.find({}).sort({ chatId: 1 }).lean();
  const weldingDoc = () => t.deps.models.Trial.findById(welding).lean();

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await t.deps.models.School.create({ name: "Aitmatov Gymnasium", region: "Chui", timezone: "Asia/Bishkek" }))._id;
    teacherId = await person("Teacher", ["teacher"], { teacherSchoolId: schoolId });
    teacher = people.Teacher!.user;
    await person("Aru", ["student"], { schoolId, grade: 9, classLetter: "А" });
    await person("Bekzat", ["student"], { schoolId, grade: 9, classLetter: "Б" });
    await person("Dana", ["student"], { schoolId, grade: 10, classLetter: "А" });
    await person("Ernar", ["student"], { schoolId, grade: 10, classLetter: "А" });
    await person("Saule", ["guardian"]);
    await t.deps.models.Guardianship.create({ guardianId: people.Saule!.id, studentId: people.Aru!.id, inviteId: new Types.ObjectId() });
    // Welding: Aru waits for her mother's consent, Bekzat is confirmed, Dana waits for a place, Ernar cancelled.
    welding = await seedTrial("Welding", { seatsTaken: 2 });
    await register(welding, "Aru", "pending_consent");
    await register(welding, "Bekzat", "confirmed");
    await register(welding, "Dana", "waitlisted", { waitlistedAt: NOW });
    await register(welding, "Ernar", "cancelled");
  });
  afterEach(async () => {
    await t.close();
  });

  it("lists the school's trials with status and fill level; a card opens from the list and goes back", async () => {
    await seedTrial("Pottery for beginners with a real ceramic artist from Almaty", { kind: "master_class", status: "draft", capacity: 10, startsAt: new Date("2026-09-30T10:00:00Z"), endsAt: new Date("2026-09-30T12:00:00Z") });
    await seedTrial("Bank open day", { kind: "open_day", status: "cancelled", startsAt: new Date("2026-09-20T05:00:00Z"), endsAt: new Date("2026-09-20T07:00:00Z") });
    await seedTrial("Last week's farm visit", { kind: "excursion", status: "completed", seatsTaken: 15, startsAt: new Date("2026-09-08T05:00:00Z"), endsAt: new Date("2026-09-08T07:00:00Z") });
    await seedTrial("Another school's trial", { schoolId: otherSchoolId, schoolIds: [otherSchoolId, schoolId] });

    await teacher.command("menu");
    expect(teacher.buttons.slice(0, 2)).toEqual(["🗂 School trials", "➕ New trial"]);
    await teacher.tap("🗂 School trials");
    const list = [
      "🗂 Your school's trials",
      "",
      "1. 🚪 «Bank open day» · 20.09 10:00",
      "    ⛔ cancelled · 🪑 0/20",
      "2. 🛠 «Welding» · 24.09 10:00",
      "    🟢 published · 🪑 2/20 · 🕒 1 waiting",
      "3. 🎨 «Pottery for beginners with a real ceramic artist from Almaty» · 30.09 15:00",
      "    📝 draft · 🪑 0/10",
      "4. 🚌 «Last week's farm visit» · 08.09 10:00",
      "    ✔️ finished · 🪑 15/20",
    ].join("\n");
    expect(texts(teacher)).toEqual([list]);
    expect(teacher.buttons).toEqual(["1. Bank open day", "2. Welding", "3. Pottery for beginners with a re…", "4. Last week's farm visit", "➕ New trial", "🏠 Menu"]);

    await teacher.tap("2. Welding");
    expect(teacher.replies).toEqual([]); // the list turns into the card
    expect(teacher.lastText).toBe(card("🟢 published", "🪑 2/20 · 🕒 1 waiting"));
    expect(teacher.buttons).toEqual(CARD_BUTTONS);
    expect(teacher.lastMessage.replyMarkup).toMatchObject({ inline_keyboard: [[{ callback_data: rosterOpenData.pack({ trial: welding.toHexString() }) }, { text: "📊 Report" }], expect.anything(), expect.anything(), expect.anything()] });

    await teacher.tap("↩️ All trials");
    expect(teacher.lastText).toBe(list);

    await teacher.tap("1. Bank open day");
    expect(teacher.buttons).toEqual(["👥 Roster", "📊 Report", "📄 Duplicate", "↩️ All trials"]); // nothing to edit or cancel any more
    await teacher.tap("↩️ All trials");
    await teacher.tap("3. Pottery for beginners with a re…");
    expect(teacher.buttons).toEqual(["🚀 Publish", "✏️ Edit", "📄 Duplicate", "⛔ Cancel the trial", "↩️ All trials"]);
    expect(teacher.lastText).not.toContain("https://t.me/"); // a draft has no link for pupils yet
  });

  it("invites to create the first trial when the school has none", async () => {
    await t.deps.models.Trial.deleteMany({});
    await teacher.tapData(menuData.pack({ action: "school-trials" }));
    expect(texts(teacher)).toEqual(["Your school has no trials yet. Create the first one: it takes about five minutes."]);
    expect(teacher.buttons).toEqual(["➕ New trial", "🏠 Menu"]);
    await teacher.tap("➕ New trial");
    expect(texts(teacher)[1]).toBe("Step 1 of 20\nWhat kind of event is it?");
  });

  it("moves a trial in time and sends urgent notices to everyone signed up and their parents", async () => {
    await teacher.command("menu");
    await teacher.tapData(trialOpenData.pack({ trial: welding.toHexString() }));
    await teacher.tap("✏️ Edit");
    expect(texts(teacher)).toEqual(["✏️ Editing «Welding». What would you like to change?"]);
    expect(teacher.buttons).toEqual([...FIELD_BUTTONS, "✖️ Cancel"]);
    await teacher.tap("Date and time");
    expect(texts(teacher)).toEqual(["When does it start? Send the date and time by the school's clock, for example 21.09 10:00\n\nNow: 24.09 10:00–13:00"]);
    await teacher.send("23.09 10:00");
    await teacher.send("13:00");
    // The consent deadline (23.09 18:00) now falls after the start: the deadlines are asked again.
    expect(texts(teacher)).toEqual([
      "The deadlines no longer fit the new dates. Please set them again.",
      "Deadlines. I suggest: sign-up until 21.09 18:00, parents' consent until 22.09 18:00. Tap “Use these”, or send your own sign-up deadline, for example 21.09 18:00. It must be before the start (23.09 10:00).",
    ]);
    await teacher.tap("✅ Use these");
    const moved = WELDING_DETAILS.replace("24 September 2026", "23 September 2026").replace(
      "Sign-up closes 22 September 2026, 18:00. Parents' consent by 23 September 2026, 18:00.",
      "Sign-up closes 21 September 2026, 18:00. Parents' consent by 22 September 2026, 18:00.",
    );
    expect(texts(teacher)).toEqual([
      "👀 This is how the trial will look after the change. The time or place changes, so everyone signed up and their parents get an urgent notice when you save.",
      moved,
    ]);
    expect(teacher.buttons).toEqual(["💾 Save changes", "✏️ Change a field", "✖️ Cancel"]);
    expect(await notifications()).toEqual([]);

    await teacher.tap("💾 Save changes");
    expect(texts(teacher)).toEqual([card("🟢 published", "🪑 2/20 · 🕒 1 waiting", moved, "✅ Changes saved.\n📣 Urgent notices sent to pupils and parents: 4.")]);
    expect(await weldingDoc()).toMatchObject({
      startsAt: new Date("2026-09-23T05:00:00Z"),
      endsAt: new Date("2026-09-23T08:00:00Z"),
      signupDeadline: new Date("2026-09-21T13:00:00Z"),
      consentDeadline: new Date("2026-09-22T13:00:00Z"),
      seatsTaken: 2,
      status: "published",
    });
    const sent = await notifications();
    const params = { title: "Welding", when: "23.09.2026 10:00", place: "Almaty Polytechnic College, Tole bi 100" };
    expect(sent.map((n) => [n.chatId, n.kind, n.urgent, n.status, n.payload])).toEqual(
      [
        [people.Aru!, "trial-changed-pupil", ""],
        [people.Bekzat!, "trial-changed-pupil", ""],
        [people.Dana!, "trial-changed-pupil", ""],
        [people.Saule!, "trial-changed-parent", "Aru"],
      ].map(([p, key, child]) => [(p as { user: TestUser }).user.id, "trial-changed", true, "pending", { key, params: { ...params, child } }]),
    );
    expect(sent.every((n) => n.trialId?.equals(welding))).toBe(true);
  });

  it("does not open the edit of a trial that has started", async () => {
    t.clock.set(new Date("2026-09-24T05:30:00Z"));
    await teacher.command("menu");
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    expect(texts(teacher)).toEqual(["This has already started: it can no longer be changed, and sign-ups can't be cancelled."]);
    await teacher.send("Date and time");
    expect(texts(teacher)).toEqual(["I didn't catch that. /help shows what I can do."]);
  });

  it("changes a published trial's title without disturbing anyone", async () => {
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    await teacher.tap("Title");
    expect(texts(teacher)).toEqual(["What is it called? A short title for the catalogue, up to 120 characters. For example: A day at the veterinary clinic\n\nNow: Welding"]);
    await teacher.send("x".repeat(121));
    expect(texts(teacher)).toEqual(["That's 121 characters, and the limit here is 120. Please shorten it and send it again."]);
    await teacher.send("Welding and metalwork");
    expect(texts(teacher)[0]).toBe("👀 This is how the trial will look after the change:");

    // One more change before saving: not fewer places than are taken.
    await teacher.tap("✏️ Change a field");
    await teacher.tap("Places");
    await teacher.send("1");
    expect(texts(teacher)).toEqual(["2 places are already taken, so there can't be fewer places than that."]);
    await teacher.send("25");
    await teacher.tap("💾 Save changes");
    expect(texts(teacher)).toEqual([
      card("🟢 published", "🪑 2/25 · 🕒 1 waiting", WELDING_DETAILS.replace("«Welding»", "«Welding and metalwork»").replace("18 of 20", "23 of 25"), "✅ Changes saved.").replace(
        "🪑 2/25 · 🕒 1 waiting",
        // More places move the waiting list up: Dana now holds one of them.
        "🪑 3/25",
      ).replace("23 of 25", "22 of 25"),
    ]);
    expect(await weldingDoc()).toMatchObject({ title: "Welding and metalwork", capacity: 25, seatsTaken: 3 });
    expect((await notifications()).filter((n) => n.kind === "trial-changed")).toEqual([]);
    const audit = await t.deps.models.AuditLog.find({ action: "trial.update" }).lean();
    expect(audit).toHaveLength(1);
  });

  it("leaves the trial as it was when the edit is cancelled", async () => {
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    await teacher.tap("✖️ Cancel");
    expect(texts(teacher)).toEqual(["Nothing was changed. /menu opens the menu."]);
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    await teacher.tap("Address");
    await teacher.send("Abay Ave 1");
    await teacher.tap("✖️ Cancel");
    expect(texts(teacher)).toEqual(["Nothing was changed. /menu opens the menu."]);
    expect((await weldingDoc())!.host).toMatchObject({ address: "Tole bi 100" });
    expect(await notifications()).toEqual([]);
  });

  it("cancels a trial only after a confirmation that says how many sign-ups go, and tells everyone", async () => {
    await teacher.command("menu");
    await teacher.tapData(trialOpenData.pack({ trial: welding.toHexString() }));
    await teacher.tap("⛔ Cancel the trial");
    expect(teacher.lastText).toBe(
      "⛔ Cancel «Welding»?\nAll 3 sign-ups will be cancelled, and the pupils and their parents will get a notice at once. This can't be undone.",
    );
    expect(teacher.buttons).toEqual(["⛔ Yes, cancel it", "↩️ No, keep it"]);
    await teacher.tap("↩️ No, keep it");
    expect(teacher.lastText).toBe(card("🟢 published", "🪑 2/20 · 🕒 1 waiting"));
    expect((await weldingDoc())!.status).toBe("published");

    await teacher.tap("⛔ Cancel the trial");
    await teacher.tap("⛔ Yes, cancel it");
    expect(teacher.lastText).toBe(
      card("⛔ cancelled", "🪑 0/20", WELDING_DETAILS.replace("18 of 20", "20 of 20"), "⛔ The trial is cancelled. Sign-ups cancelled: 3. Notices sent to pupils and parents: 4."),
    );
    expect(teacher.buttons).toEqual(["👥 Roster", "📊 Report", "📄 Duplicate", "↩️ All trials"]);
    expect(await weldingDoc()).toMatchObject({ status: "cancelled", seatsTaken: 0 });
    const registrations = await t.deps.models.Registration.find({ trialId: welding }).lean();
    expect(registrations.map((r) => r.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
    const sent = await notifications();
    expect(sent.map((n) => [n.chatId, n.kind, n.urgent, (n.payload as { key: string }).key])).toEqual([
      [people.Aru!.user.id, "trial-cancelled", true, "trial-cancelled-pupil"],
      [people.Bekzat!.user.id, "trial-cancelled", true, "trial-cancelled-pupil"],
      [people.Dana!.user.id, "trial-cancelled", true, "trial-cancelled-pupil"],
      [people.Saule!.user.id, "trial-cancelled", true, "trial-cancelled-parent"],
    ]);

    // The confirmation tapped a second time: refused, nothing sent twice.
    await teacher.tapData(trialActionData.pack({ action: "cancel-yes", trial: welding.toHexString() }));
    expect(texts(teacher)).toEqual(["This has been cancelled or is over, so it can't be changed."]);
    expect(await notifications()).toHaveLength(4);
    // Nor can a cancelled trial be edited or cancelled again through an old button.
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    expect(texts(teacher)).toEqual(["This has been cancelled or is over, so it can't be changed."]);
    await teacher.tapData(trialActionData.pack({ action: "cancel", trial: welding.toHexString() }));
    expect(teacher.lastText.split("\n")[0]).toBe("This has been cancelled or is over, so it can't be changed.");
  });

  it("cancels a draft nobody could sign up for", async () => {
    const draft = await seedTrial("Pottery", { status: "draft" });
    await teacher.command("menu");
    await teacher.tapData(trialActionData.pack({ action: "cancel", trial: draft.toHexString() }));
    expect(teacher.lastText).toBe("⛔ Cancel «Pottery»?\nNobody has signed up yet. This can't be undone.");
    await teacher.tap("⛔ Yes, cancel it");
    expect(teacher.lastText.split("\n")[0]).toBe("⛔ The trial is cancelled. Sign-ups cancelled: 0. Notices sent to pupils and parents: 0.");
    expect((await t.deps.models.Trial.findById(draft).lean())!.status).toBe("cancelled");
  });

  it("refuses a teacher of another school, even with forged buttons", async () => {
    await person("Other teacher", ["teacher"], { teacherSchoolId: otherSchoolId });
    const other = people["Other teacher"]!.user;
    await other.command("menu");
    const id = welding.toHexString();
    for (const data of [
      trialOpenData.pack({ trial: id }),
      trialActionData.pack({ action: "publish", trial: id }),
      trialActionData.pack({ action: "cancel", trial: id }),
      trialActionData.pack({ action: "cancel-yes", trial: id }),
      trialActionData.pack({ action: "edit", trial: id }),
      trialActionData.pack({ action: "copy", trial: id }),
    ]) {
      await other.tapData(data);
      expect(texts(other)).toEqual([NOT_ALLOWED]);
    }
    await other.tapData(trialListData.pack({}));
    expect(texts(other)).toEqual([]); // the menu message turns into the list
    expect(other.lastText).toBe("Your school has no trials yet. Create the first one: it takes about five minutes.");
    await other.tapData("1:tmg-open:not-an-id");
    expect(other.lastAnswer).toBe(STALE);
    expect(await weldingDoc()).toMatchObject({ status: "published", title: "Welding", seatsTaken: 2 });
    expect(await notifications()).toEqual([]);
    expect(await t.deps.models.Trial.countDocuments({})).toBe(1);
  });

  it("opens the teacher's own card from a forwarded trial link, and refuses another school's teacher", async () => {
    await teacher.command("start", `trial-${welding.toHexString()}`);
    expect(texts(teacher)).toEqual([card("🟢 published", "🪑 2/20 · 🕒 1 waiting")]);
    expect(teacher.buttons).toEqual(CARD_BUTTONS);
    await person("Stranger", ["teacher"], { teacherSchoolId: otherSchoolId });
    const stranger = people.Stranger!.user;
    await stranger.command("start", `trial-${welding.toHexString()}`);
    expect(texts(stranger)).toEqual([NOT_ALLOWED]);
  });

  it("moves a trial whose sign-up has closed without reopening it: the kept deadline is fine", async () => {
    t.clock.set(new Date("2026-09-23T02:00:00Z")); // sign-up closed on 22.09; consent is due 23.09 18:00
    await teacher.command("menu");
    await teacher.tapData(trialActionData.pack({ action: "edit", trial: welding.toHexString() }));
    await teacher.tap("Address");
    await teacher.send("Tole bi 102, workshop 3");
    expect(texts(teacher)[0]).toBe("👀 This is how the trial will look after the change. The time or place changes, so everyone signed up and their parents get an urgent notice when you save.");
    await teacher.tap("💾 Save changes");
    expect(await weldingDoc()).toMatchObject({ host: { address: "Tole bi 102, workshop 3" }, signupDeadline: new Date("2026-09-22T13:00:00Z") });
    expect((await notifications()).filter((n) => n.kind === "trial-changed").map((n) => n.chatId)).toHaveLength(4);
  });

  it("refuses a pupil who taps a teacher's button", async () => {
    const pupil = people.Aru!.user;
    await pupil.command("menu");
    for (const data of [
      menuData.pack({ action: "school-trials" }),
      trialListData.pack({}),
      trialOpenData.pack({ trial: welding.toHexString() }),
      trialActionData.pack({ action: "cancel-yes", trial: welding.toHexString() }),
      trialActionData.pack({ action: "edit", trial: welding.toHexString() }),
    ]) {
      await pupil.tapData(data);
      expect(texts(pupil)).toEqual([NOT_ALLOWED]);
    }
    expect((await weldingDoc())!.status).toBe("published");
  });
});
