import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { menuData } from "../../src/bot/callback-data/menu.js";
import { trialDirectionData, trialFormatData, trialKindData, trialPreviewData, trialSchoolData, trialSkipData } from "../../src/bot/callback-data/trials.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty

const STALE = "This button is out of date. Send /start to get a fresh one.";
const NOT_ALLOWED = "Sorry, that isn't available to you.";
const EXPECT_BUTTON = "Please choose one of the buttons below.";
const EXPECT_TEXT = "Please send the answer as a text message.";

const INTRO =
  "➕ New trial. I'll ask 20 short questions; it takes about five minutes. Nothing is saved until you see the preview and tap “Publish” or “Save as draft”. /cancel stops at any time.";
const KIND_ASK = "Step 1 of 20\nWhat kind of event is it?";
const KIND_BUTTONS = ["🛠 Career trial", "🚌 Workplace visit", "🚪 Open day", "🎨 Master class", "🤝 Meet a professional"];
const FORMAT_ASK = "Step 2 of 20\nHow will it take place?";
const FORMAT_BUTTONS = ["🏫 In person", "💻 Online", "🔀 In person and online"];
const TITLE_ASK = "Step 3 of 20\nWhat is it called? A short title for the catalogue, up to 120 characters. For example: A day at the veterinary clinic";
const DESCRIPTION_ASK = "Step 4 of 20\nWhat will the pupils do there? Describe it simply, the way you'd tell a 13-year-old (up to 2,000 characters).";
const DIRECTIONS_ASK = "Step 5 of 20\nWhich interest types does it suit? Tap one or more, then “Done”. Pupils with these interests will see it first.";
const DIRECTION_BUTTONS = ["Maker", "Explorer", "Creator", "Helper", "Organiser", "Keeper of order", "✅ Done"];
const ORGANISATION_ASK = "Step 6 of 20\nWhich organisation hosts it? For example: Almaty Agrarian College (up to 200 characters).";
const ADDRESS_ASK = "Step 7 of 20\nThe address: where should the pupils come?";
const LINK_ASK = "Step 7 of 20\nThe link to the online session, starting with https://";
const TRANSPORT_ASK = "Step 7 of 20\nHow do pupils get there? For example: bus 37 to the Koktem stop, or the school bus leaves at 9:15. You can skip this.";
const MENTOR_ASK = "Step 8 of 20\nWho looks after the pupils at the host? Send the mentor's name.";
const mentorPhoneAsk = (name: string) => `Step 8 of 20\n${name}'s phone number, for example +7 701 234 56 78:`;
const ESCORT_ASK = "Step 9 of 20\nWho goes with the pupils from the school? Send the accompanying adult's name.";
const escortPhoneAsk = (name: string) => `Step 9 of 20\n${name}'s phone number, for example +7 701 234 56 78:`;
const START_ASK = "Step 10 of 20\nWhen does it start? Send the date and time by the school's clock, for example 21.09 10:00";
const endAsk = (start: string, step = "Step 11 of 20") => `${step}\nWhen does it end? Send the time, for example 13:00, or a date and time if it ends on another day. It starts ${start}.`;
const CAPACITY_ASK = "Step 12 of 20\nHow many pupils can take part? Send a number from 1 to 500.";
const GRADES_ASK = "Step 13 of 20\nWhich grades is it for? Tap a range or type one, for example 8-11 or 9.";
const GRADE_BUTTONS = ["5–11", "7–11", "8–11", "9–11", "10–11"];
const SCHOOLS_ASK = "Step 14 of 20\nPupils of which schools may see it and sign up? Your school is already chosen; tap others to add them, then “Done”.";
const BRING_ASK = "Step 15 of 20\nWhat should pupils bring? For example: a notebook, a pen, a bottle of water. You can skip this.";
const CLOTHING_ASK = "Step 16 of 20\nWhat should they wear? For example: comfortable closed shoes, hair tied back. You can skip this.";
const PPE_ASK = "Step 17 of 20\nProtective equipment: what is given or needed? For example: helmets and gloves are given on site. You can skip this.";
const HEALTH_ASK = "Step 18 of 20\nAny health restrictions? For example: not suitable with an allergy to animal hair. You can skip this.";
const RISKS_ASK =
  "Step 19 of 20\nRisks and how they are reduced; parents see this in the consent request. For example: hot equipment, so a safety briefing first and the mentor stays close. You can skip this.";
const deadlinesAsk = (signup: string, consent: string, start: string, example = signup, step = "Step 20 of 20") =>
  `${step}\nDeadlines. I suggest: sign-up until ${signup}, parents' consent until ${consent}. Tap “Use these”, or send your own sign-up deadline, for example ${example}. It must be before the start (${start}).`;
const PREVIEW_BUTTONS = ["🚀 Publish", "💾 Save as draft", "✏️ Change a field", "✖️ Cancel"];
const previewIntro = (schools: string) => `👀 Preview. Pupils and parents will see the trial exactly like this. Open to pupils of: ${schools}.`;
const PUBLISHED_CARD_BUTTONS = ["👥 Roster", "📊 Report", "✏️ Edit", "📄 Duplicate", "⛔ Cancel the trial", "↩️ All trials"];
const DRAFT_CARD_BUTTONS = ["🚀 Publish", "✏️ Edit", "📄 Duplicate", "⛔ Cancel the trial", "↩️ All trials"];

const VET_DETAILS = [
  "🛠 Career trial · in person",
  "«A day at the veterinary clinic»",
  "📅 22 September 2026, 10:00–13:00",
  "📍 Almaty Agrarian College, Abay Ave 8, Almaty",
  "🎓 grades 8–11",
  "🪑 places left: 20 of 20",
  "",
  "🧭 Directions: Maker, Helper",
  "",
  "What you'll do:",
  "You will help the vet examine a calf and a dog.",
  "",
  "Mentor: Aigerim Nurlanovna, +7 701 234 56 78",
  "Accompanying teacher: Dana Bekova, +7 702 111 22 33",
  "",
  "Bring: A notebook and a pen",
  "Health restrictions: Not with an allergy to animal hair",
  "",
  "⏳ Sign-up closes 20 September 2026, 18:00. Parents' consent by 21 September 2026, 18:00.",
].join("\n");

describe("creating a trial", () => {
  let t: TestBot;
  let teacher: TestUser;
  let teacherId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;

  const texts = (user: TestUser) => user.replies.map((m) => m.text);
  const trials = () => t.deps.models.Trial.find({}).sort({ createdAt: 1, _id: 1 }).lean();

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    teacher = t.user({ languageCode: "en" });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await t.deps.models.School.create({ name: "Aitmatov Gymnasium", region: "Chui", timezone: "Asia/Bishkek" }))._id;
    teacherId = (
      await t.deps.models.User.create({ telegramId: teacher.id, locale: "en", roles: ["teacher"], teacherSchoolId: schoolId, firstName: "Dana", status: "active", onboardedAt: NOW })
    )._id;
  });
  afterEach(async () => {
    await t.close();
  });

  /** Steps 1–9 of the veterinary trial, answered well. */
  async function upToStart() {
    await teacher.tapData(menuData.pack({ action: "new-trial" }));
    await teacher.tap("🛠 Career trial");
    await teacher.tap("🏫 In person");
    await teacher.send("A day at the veterinary clinic");
    await teacher.send("You will help the vet examine a calf and a dog.");
    await teacher.tap("Maker");
    await teacher.tap("Helper");
    await teacher.tap("✅ Done");
    await teacher.send("Almaty Agrarian College");
    await teacher.send("Abay Ave 8, Almaty");
    await teacher.tap("⏭ Skip");
    await teacher.send("Aigerim Nurlanovna");
    await teacher.send("+7 701 234 56 78");
    await teacher.send("Dana Bekova");
    await teacher.send("+7 702 111 22 33");
  }

  /** The whole veterinary trial up to its preview. */
  async function upToPreview() {
    await upToStart();
    await teacher.send("22.09 10:00");
    await teacher.send("13:00");
    await teacher.send("20");
    await teacher.tap("8–11");
    await teacher.tap("▫️ Aitmatov Gymnasium");
    await teacher.tap("✅ Done");
    await teacher.send("A notebook and a pen");
    await teacher.tap("⏭ Skip");
    await teacher.tap("⏭ Skip");
    await teacher.send("Not with an allergy to animal hair");
    await teacher.tap("⏭ Skip");
    await teacher.tap("✅ Use these");
  }

  it("asks every field step by step, previews the trial as pupils will see it, and publishes it", async () => {
    await teacher.tapData(menuData.pack({ action: "new-trial" }));
    expect(texts(teacher)).toEqual([INTRO, KIND_ASK]);
    expect(teacher.buttons).toEqual(KIND_BUTTONS);
    await teacher.tap("🛠 Career trial");
    expect(texts(teacher)).toEqual([FORMAT_ASK]);
    expect(teacher.buttons).toEqual(FORMAT_BUTTONS);
    await teacher.tap("🏫 In person");
    expect(texts(teacher)).toEqual([TITLE_ASK]);
    await teacher.send("  A day at the veterinary clinic ");
    expect(texts(teacher)).toEqual([DESCRIPTION_ASK]);
    await teacher.send("You will help the vet examine a calf and a dog.");
    expect(texts(teacher)).toEqual([DIRECTIONS_ASK]);
    expect(teacher.buttons).toEqual(DIRECTION_BUTTONS);
    await teacher.tap("Maker");
    expect(teacher.replies).toEqual([]); // the same message, its buttons updated
    expect(teacher.buttons).toEqual(["✅ Maker", ...DIRECTION_BUTTONS.slice(1)]);
    await teacher.tap("Explorer");
    await teacher.tap("Helper");
    await teacher.tap("✅ Explorer"); // a second tap takes it off again
    expect(teacher.buttons).toEqual(["✅ Maker", "Explorer", "Creator", "✅ Helper", "Organiser", "Keeper of order", "✅ Done"]);
    await teacher.tap("✅ Done");
    expect(texts(teacher)).toEqual([ORGANISATION_ASK]);
    await teacher.send("Almaty Agrarian College");
    expect(texts(teacher)).toEqual([ADDRESS_ASK]);
    await teacher.send("Abay Ave 8, Almaty");
    expect(texts(teacher)).toEqual([TRANSPORT_ASK]);
    expect(teacher.buttons).toEqual(["⏭ Skip"]);
    await teacher.send("Bus 37 to the Koktem stop");
    expect(texts(teacher)).toEqual([MENTOR_ASK]);
    await teacher.send("Aigerim Nurlanovna");
    expect(texts(teacher)).toEqual([mentorPhoneAsk("Aigerim Nurlanovna")]);
    await teacher.send("+7  701 234 56 78");
    expect(texts(teacher)).toEqual([ESCORT_ASK]);
    expect(teacher.buttons).toEqual([]); // in person an escort can't be skipped
    await teacher.send("Dana Bekova");
    expect(texts(teacher)).toEqual([escortPhoneAsk("Dana Bekova")]);
    await teacher.send("8 (702) 111-22-33");
    expect(texts(teacher)).toEqual([START_ASK]);
    await teacher.send("22.09 10:00");
    expect(texts(teacher)).toEqual([endAsk("22.09 10:00")]);
    await teacher.send("13:00");
    expect(texts(teacher)).toEqual([CAPACITY_ASK]);
    await teacher.send("20");
    expect(texts(teacher)).toEqual([GRADES_ASK]);
    expect(teacher.buttons).toEqual(GRADE_BUTTONS);
    await teacher.send("8-11");
    expect(texts(teacher)).toEqual([SCHOOLS_ASK]);
    expect(teacher.buttons).toEqual(["✅ School No. 12", "▫️ Aitmatov Gymnasium", "🏫 Only our school", "✅ Done"]);
    await teacher.tap("▫️ Aitmatov Gymnasium");
    expect(teacher.buttons).toEqual(["✅ School No. 12", "✅ Aitmatov Gymnasium", "🏫 Only our school", "✅ Done"]);
    await teacher.tap("✅ Done");
    expect(texts(teacher)).toEqual([BRING_ASK]);
    await teacher.send("A notebook and a pen");
    expect(texts(teacher)).toEqual([CLOTHING_ASK]);
    await teacher.send("Closed shoes");
    expect(texts(teacher)).toEqual([PPE_ASK]);
    await teacher.send("A gown is given on site");
    expect(texts(teacher)).toEqual([HEALTH_ASK]);
    await teacher.send("Not with an allergy to animal hair");
    expect(texts(teacher)).toEqual([RISKS_ASK]);
    await teacher.send("Animals may scratch; gloves and the vet beside them");
    expect(texts(teacher)).toEqual([deadlinesAsk("20.09 18:00", "21.09 18:00", "22.09 10:00")]);
    expect(teacher.buttons).toEqual(["✅ Use these"]);
    expect(await trials()).toEqual([]); // nothing stored before the last tap

    await teacher.tap("✅ Use these");
    const details = [
      "🛠 Career trial · in person",
      "«A day at the veterinary clinic»",
      "📅 22 September 2026, 10:00–13:00",
      "📍 Almaty Agrarian College, Abay Ave 8, Almaty",
      "🎓 grades 8–11",
      "🪑 places left: 20 of 20",
      "",
      "🧭 Directions: Maker, Helper",
      "",
      "What you'll do:",
      "You will help the vet examine a calf and a dog.",
      "",
      "Mentor: Aigerim Nurlanovna, +7 701 234 56 78",
      "Accompanying teacher: Dana Bekova, 8 (702) 111-22-33",
      "Getting there: Bus 37 to the Koktem stop",
      "",
      "Bring: A notebook and a pen",
      "Clothing: Closed shoes",
      "Protective equipment: A gown is given on site",
      "Health restrictions: Not with an allergy to animal hair",
      "Risks and how they're reduced: Animals may scratch; gloves and the vet beside them",
      "",
      "⏳ Sign-up closes 20 September 2026, 18:00. Parents' consent by 21 September 2026, 18:00.",
    ].join("\n");
    expect(texts(teacher)).toEqual([previewIntro("School No. 12, Aitmatov Gymnasium"), details]);
    expect(teacher.buttons).toEqual(PREVIEW_BUTTONS);
    expect(await trials()).toEqual([]);
    const previewMessage = teacher.lastMessage.messageId;

    await teacher.tap("🚀 Publish");
    // A second tap on the same Publish (a double tap) stores nothing more.
    await teacher.tapData(trialPreviewData.pack({ choice: "publish" }), previewMessage);
    expect(teacher.lastAnswer).toBe(STALE);
    expect(await trials()).toHaveLength(1);
    await teacher.tapData(trialPreviewData.pack({ choice: "publish" }), previewMessage);
    const [stored] = await trials();
    expect(stored).toBeDefined();
    const id = stored!._id.toHexString();
    const card = teacher.messages.at(-1)!;
    expect([card.text]).toEqual([
      [
        "🚀 Published! Pupils of the chosen schools can find it in the catalogue now.",
        "",
        "🟢 published · 🪑 0/20",
        "",
        details,
        "",
        "🏫 Open to pupils of: School No. 12, Aitmatov Gymnasium",
        `🔗 A link for pupils, to forward: https://t.me/bagdar_test_bot?start=trial-${id}`,
      ].join("\n"),
    ]);
    expect(teacher.buttons).toEqual(PUBLISHED_CARD_BUTTONS);
    expect(teacher.replies).toEqual([]); // the extra taps sent nothing

    expect(stored).toMatchObject({
      kind: "trial",
      format: "in_person",
      title: "A day at the veterinary clinic",
      description: "You will help the vet examine a calf and a dog.",
      directions: ["R", "S"],
      host: { organisation: "Almaty Agrarian College", address: "Abay Ave 8, Almaty", transport: "Bus 37 to the Koktem stop" },
      mentor: { name: "Aigerim Nurlanovna", phone: "+7 701 234 56 78" },
      escort: { name: "Dana Bekova", phone: "8 (702) 111-22-33" },
      startsAt: new Date("2026-09-22T05:00:00Z"),
      endsAt: new Date("2026-09-22T08:00:00Z"),
      timezone: "Asia/Almaty",
      capacity: 20,
      seatsTaken: 0,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId, otherSchoolId],
      bring: "A notebook and a pen",
      clothing: "Closed shoes",
      ppe: "A gown is given on site",
      healthRestrictions: "Not with an allergy to animal hair",
      risks: "Animals may scratch; gloves and the vet beside them",
      signupDeadline: new Date("2026-09-20T13:00:00Z"),
      consentDeadline: new Date("2026-09-21T13:00:00Z"),
      status: "published",
      schoolId,
      createdBy: teacherId,
    });
    expect(stored!.host?.onlineLink).toBeUndefined();
    const audit = await t.deps.models.AuditLog.find({}).lean();
    expect(audit.map((e) => [e.action, String(e.entityId)])).toEqual([["trial.publish", id]]);

    // The dialog is over: text goes back to the ordinary handlers.
    await teacher.send("hello");
    expect(texts(teacher)).toEqual(["I didn't catch that. /help shows what I can do."]);
  });

  it("answers a wrong or bad answer at each step precisely, and asks the same step again", async () => {
    await teacher.command("menu");
    await teacher.tap("➕ New trial");
    expect(texts(teacher)).toEqual([INTRO, KIND_ASK]);
    const kindMessage = teacher.lastMessage.messageId;

    // Step 1: buttons only.
    await teacher.send("a career trial");
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, KIND_ASK]);
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, KIND_ASK]);
    await teacher.tapData("1:tnew-kind:party"); // forged
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("🛠 Career trial");
    expect(texts(teacher)).toEqual([FORMAT_ASK]);

    // Step 2: a button from step 1 is out of date, and so is a format button on the old message.
    await teacher.tapData(trialKindData.pack({ kind: "excursion" }), kindMessage);
    expect(teacher.lastAnswer).toBe(STALE);
    expect(teacher.replies).toEqual([]);
    await teacher.tapData(trialFormatData.pack({ format: "online" }), kindMessage);
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("🏫 In person");

    // Step 3: text only, within 120 characters.
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual([EXPECT_TEXT, TITLE_ASK]);
    await teacher.sendPhoto("A day at the clinic");
    expect(texts(teacher)).toEqual([EXPECT_TEXT, TITLE_ASK]);
    await teacher.send("x".repeat(5000));
    expect(texts(teacher)).toEqual(["That's 5,000 characters, and the limit here is 120. Please shorten it and send it again."]);
    await teacher.send("   ");
    expect(texts(teacher)).toEqual(["That's empty. Please send some text."]);
    await teacher.tapData(trialFormatData.pack({ format: "in_person" }));
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.send("A day at the veterinary clinic");

    // Step 4: up to 2000 characters.
    await teacher.send("y".repeat(2001));
    expect(texts(teacher)).toEqual(["That's 2,001 characters, and the limit here is 2,000. Please shorten it and send it again."]);
    await teacher.send("You will help the vet examine a calf and a dog.");

    // Step 5: at least one direction; text is not an answer.
    await teacher.tap("✅ Done");
    expect(teacher.lastAnswer).toBe("Choose at least one direction.");
    expect(teacher.replies).toEqual([]);
    await teacher.send("Maker");
    expect(texts(teacher)).toEqual([EXPECT_BUTTON, DIRECTIONS_ASK]);
    await teacher.tapData(trialDirectionData.pack({ letter: "R" }), kindMessage);
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("Maker");
    await teacher.tap("Helper");
    await teacher.tap("✅ Done");
    expect(texts(teacher)).toEqual([ORGANISATION_ASK]);
    await teacher.send("Almaty Agrarian College");
    await teacher.send("Abay Ave 8, Almaty");
    await teacher.tap("⏭ Skip");
    expect(texts(teacher)).toEqual([MENTOR_ASK]);
    await teacher.tapData(trialSkipData.pack({ field: "transport" })); // the Skip of the step before
    expect(teacher.lastAnswer).toBe(STALE);

    // Step 8: a name, then a phone that looks like one.
    await teacher.send("n".repeat(101));
    expect(texts(teacher)).toEqual(["That's 101 characters, and the limit here is 100. Please shorten it and send it again."]);
    await teacher.send("Aigerim Nurlanovna");
    const badPhone = "That doesn't look like a phone number. Please send 10 to 15 digits with the code, for example +7 701 234 56 78.";
    for (const phone of ["12345", "call me", "+7 701 234 56 78 90 12 34", "7012345678x"]) {
      await teacher.send(phone);
      expect(texts(teacher)).toEqual([badPhone]);
    }
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual([EXPECT_TEXT, mentorPhoneAsk("Aigerim Nurlanovna")]);
    await teacher.send("+7 701 234 56 78");
    await teacher.send("Dana Bekova");
    await teacher.send("+7 702 111 22 33");
    expect(texts(teacher)).toEqual([START_ASK]);

    // Step 10: a readable moment in the future, within a year.
    await teacher.send("next Tuesday");
    expect(texts(teacher)).toEqual(["I couldn't read that. Please send the date and time like this: 21.09 10:00"]);
    await teacher.send("31.09 10:00");
    expect(texts(teacher)).toEqual(["There's no such date. Please check the day and the month."]);
    await teacher.send("13.09 10:00");
    expect(texts(teacher)).toEqual(["That moment has already passed. Please send a date and time in the future."]);
    await teacher.send("14.09 13:59"); // today, a minute ago by the school's clock
    expect(texts(teacher)).toEqual(["That moment has already passed. Please send a date and time in the future."]);
    await teacher.send("01.10.2027 10:00");
    expect(texts(teacher)).toEqual(["That's more than a year ahead. Please choose a date within the next twelve months."]);
    await teacher.send("22.09 10:00");

    // Step 11: after the start, at most 14 days long.
    await teacher.send("09:00");
    expect(texts(teacher)).toEqual(["The end must come after the start (22.09 10:00). Please send a later time."]);
    await teacher.send("10:00");
    expect(texts(teacher)).toEqual(["The end must come after the start (22.09 10:00). Please send a later time."]);
    await teacher.send("25:00");
    expect(texts(teacher)).toEqual(["I couldn't read that. Please send the time like 13:00, or a date and time like 16.10 13:00."]);
    await teacher.send("10.10 13:00");
    expect(texts(teacher)).toEqual(["A trial can last at most 14 days. Please check the end date."]);
    await teacher.send("13:00");
    expect(texts(teacher)).toEqual([CAPACITY_ASK]);

    // Step 12: a whole number from 1 to 500.
    await teacher.send("0");
    expect(texts(teacher)).toEqual(["The number of places must be from 1 to 500."]);
    await teacher.send("501");
    expect(texts(teacher)).toEqual(["The number of places must be from 1 to 500."]);
    for (const typed of ["abc", "12.5", "-3", "twenty"]) {
      await teacher.send(typed);
      expect(texts(teacher)).toEqual(["Please send just a number from 1 to 500, for example 20."]);
    }
    await teacher.send("20");

    // Step 13: grades within 5–11.
    for (const typed of ["4-12", "11-8", "12", "eighth"]) {
      await teacher.send(typed);
      expect(texts(teacher)).toEqual(["Please send grades from 5 to 11: one grade, like 9, or a range, like 8-11."]);
    }
    await teacher.sendSticker();
    expect(texts(teacher)).toEqual(["Please tap a range or type it, for example 8-11.", GRADES_ASK]);
    await teacher.tapData("1:tnew-gr:6:8"); // not one of the offered ranges
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("8–11");

    // Step 14: at least one school, and only a known one.
    await teacher.tap("✅ School No. 12");
    await teacher.tap("✅ Done");
    expect(teacher.lastAnswer).toBe("Choose at least one school.");
    await teacher.tapData(trialSchoolData.pack({ school: new Types.ObjectId().toHexString() }));
    expect(teacher.lastAnswer).toBe(STALE);
    await teacher.tap("🏫 Only our school");
    expect(texts(teacher)).toEqual([BRING_ASK]);

    // Steps 15–19: optional, each within 1000 characters.
    await teacher.send("z".repeat(1001));
    expect(texts(teacher)).toEqual(["That's 1,001 characters, and the limit here is 1,000. Please shorten it and send it again."]);
    await teacher.sendPhoto();
    expect(texts(teacher)).toEqual(["Please send the answer as a text message, or tap “Skip”.", BRING_ASK]);
    await teacher.tap("⏭ Skip");
    await teacher.tap("⏭ Skip");
    await teacher.tap("⏭ Skip");
    await teacher.tap("⏭ Skip");
    await teacher.tap("⏭ Skip");
    expect(texts(teacher)).toEqual([deadlinesAsk("20.09 18:00", "21.09 18:00", "22.09 10:00")]);

    // Step 20: typed deadlines, in the future, before the start, consent not before sign-up.
    await teacher.send("22.09 11:00");
    expect(texts(teacher)).toEqual(["The deadline must be before the start (22.09 10:00)."]);
    await teacher.send("14.09 12:00");
    expect(texts(teacher)).toEqual(["That moment has already passed. The sign-up deadline must be in the future."]);
    await teacher.send("soon");
    expect(texts(teacher)).toEqual(["I couldn't read that. Please send the date and time like this: 20.09 18:00"]);
    await teacher.send("19.09 12:00");
    expect(texts(teacher)).toEqual([
      "Step 20 of 20\nAnd until when can parents give consent? Send a date and time between the sign-up deadline (19.09 12:00) and the start (22.09 10:00).",
    ]);
    expect(teacher.buttons).toEqual(["✅ Until 21.09 18:00"]);
    await teacher.send("18.09 12:00");
    expect(texts(teacher)).toEqual(["Parents' consent can't close before sign-up does (19.09 12:00). Please send a later date and time."]);
    await teacher.send("22.09 10:30");
    expect(texts(teacher)).toEqual(["The deadline must be before the start (22.09 10:00)."]);
    await teacher.send("21.09 09:00");
    expect(texts(teacher)[0]).toBe(previewIntro("School No. 12"));
    expect(await trials()).toEqual([]);

    await teacher.tap("💾 Save as draft");
    const [stored] = await trials();
    expect(stored).toMatchObject({
      status: "draft",
      title: "A day at the veterinary clinic",
      directions: ["R", "S"],
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      signupDeadline: new Date("2026-09-19T07:00:00Z"),
      consentDeadline: new Date("2026-09-21T04:00:00Z"),
    });
    for (const field of ["bring", "clothing", "ppe", "healthRestrictions", "risks"] as const) expect(stored![field]).toBeUndefined();
    expect(stored!.host?.transport).toBeUndefined();
  });

  it("asks an online trial for its link, checks it, and lets the escort be skipped", async () => {
    await teacher.tapData(menuData.pack({ action: "new-trial" }));
    await teacher.tap("🤝 Meet a professional");
    await teacher.tap("💻 Online");
    await teacher.send("Ask a software engineer");
    await teacher.send("An engineer tells how an app is made and answers your questions.");
    await teacher.tap("Explorer");
    await teacher.tap("✅ Done");
    await teacher.send("Kaspi Lab");
    expect(texts(teacher)).toEqual([LINK_ASK]);
    const badLink = "That doesn't look like a link. Please send the full address starting with https://, for example https://meet.google.com/abc-defg-hij";
    for (const link of ["meet google com", "ftp://files.example.kz/x", "https://localhost/room", "javascript:alert(1)"]) {
      await teacher.send(link);
      expect(texts(teacher)).toEqual([badLink]);
    }
    await teacher.send("https://meet.google.com/abc-defg-hij");
    expect(texts(teacher)).toEqual([MENTOR_ASK]); // no address and no transport online
    await teacher.send("Arman Seitkali");
    await teacher.send("+7 777 000 11 22");
    expect(texts(teacher)).toEqual([ESCORT_ASK]);
    expect(teacher.buttons).toEqual(["⏭ Skip"]);
    await teacher.tap("⏭ Skip");
    expect(texts(teacher)).toEqual([START_ASK]);
    await teacher.send("24.09 16:00");
    await teacher.send("17:00");
    await teacher.send("100");
    await teacher.tap("5–11");
    await teacher.tap("✅ Done");
    for (let i = 0; i < 5; i++) await teacher.tap("⏭ Skip");
    await teacher.tap("✅ Use these");
    expect(texts(teacher)).toEqual([
      previewIntro("School No. 12"),
      [
        "🤝 Meet a professional · online",
        "«Ask a software engineer»",
        "📅 24 September 2026, 16:00–17:00",
        "📍 Kaspi Lab, online",
        "🎓 grades 5–11",
        "🪑 places left: 100 of 100",
        "",
        "🧭 Directions: Explorer",
        "",
        "What you'll do:",
        "An engineer tells how an app is made and answers your questions.",
        "",
        "Mentor: Arman Seitkali, +7 777 000 11 22",
        "Link: https://meet.google.com/abc-defg-hij",
        "",
        "⏳ Sign-up closes 22 September 2026, 18:00. Parents' consent by 23 September 2026, 18:00.",
      ].join("\n"),
    ]);
    await teacher.tap("🚀 Publish");
    const [stored] = await trials();
    expect(stored).toMatchObject({ kind: "meeting", format: "online", host: { organisation: "Kaspi Lab", onlineLink: "https://meet.google.com/abc-defg-hij" }, status: "published" });
    expect(stored!.host?.address).toBeUndefined();
    expect(stored!.escort?.name).toBeUndefined();
  });

  it("changes a field from the preview, keeps another as it was, then publishes", async () => {
    await upToPreview();
    expect(texts(teacher)).toEqual([previewIntro("School No. 12, Aitmatov Gymnasium"), VET_DETAILS]);

    await teacher.tap("✏️ Change a field");
    expect(texts(teacher)).toEqual(["What would you like to change?"]);
    expect(teacher.buttons).toEqual([
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
      "↩️ Back to the preview",
    ]);
    await teacher.tap("Title");
    expect(texts(teacher)).toEqual([
      "What is it called? A short title for the catalogue, up to 120 characters. For example: A day at the veterinary clinic\n\nNow: A day at the veterinary clinic",
    ]);
    expect(teacher.buttons).toEqual(["↩️ Keep as it is"]);
    await teacher.send("A morning with a vet");
    expect(texts(teacher)).toEqual([previewIntro("School No. 12, Aitmatov Gymnasium"), VET_DETAILS.replace("«A day at the veterinary clinic»", "«A morning with a vet»")]);

    // Picking a field and keeping it changes nothing; "back" returns to the preview.
    await teacher.tap("✏️ Change a field");
    await teacher.tap("Places");
    expect(texts(teacher)).toEqual(["How many pupils can take part? Send a number from 1 to 500.\n\nNow: 20"]);
    await teacher.tap("↩️ Keep as it is");
    expect(texts(teacher)[1]).toContain("🪑 places left: 20 of 20");
    await teacher.tap("✏️ Change a field");
    await teacher.tap("↩️ Back to the preview");
    expect(texts(teacher)[0]).toBe(previewIntro("School No. 12, Aitmatov Gymnasium"));

    // An optional field can be cleared.
    await teacher.tap("✏️ Change a field");
    await teacher.tap("What to bring");
    expect(teacher.buttons).toEqual(["🧹 Leave empty", "↩️ Keep as it is"]);
    await teacher.tap("🧹 Leave empty");
    expect(texts(teacher)[1]).not.toContain("Bring:");

    // Moving the start keeps deadlines that still fit.
    await teacher.tap("✏️ Change a field");
    await teacher.tap("Date and time");
    expect(texts(teacher)).toEqual([
      "When does it start? Send the date and time by the school's clock, for example 21.09 10:00\n\nNow: 22.09 10:00–13:00",
    ]);
    await teacher.send("22.09 11:00");
    expect(texts(teacher)).toEqual(["When does it end? Send the time, for example 13:00, or a date and time if it ends on another day. It starts 22.09 11:00."]);
    await teacher.send("14:00");
    expect(texts(teacher)[1]).toContain("📅 22 September 2026, 11:00–14:00");

    await teacher.tap("🚀 Publish");
    const [stored] = await trials();
    expect(stored).toMatchObject({
      title: "A morning with a vet",
      capacity: 20,
      status: "published",
      startsAt: new Date("2026-09-22T06:00:00Z"),
      endsAt: new Date("2026-09-22T09:00:00Z"),
      signupDeadline: new Date("2026-09-20T13:00:00Z"),
    });
    expect(stored!.bring).toBeUndefined();
  });

  it("asks for new dates when the start passes while the teacher looks at the preview", async () => {
    await upToPreview();
    t.clock.set(new Date("2026-09-22T05:30:00Z"));
    await teacher.tap("🚀 Publish");
    expect(texts(teacher)).toEqual([
      "The start time has already passed. Please set new dates.",
      "When does it start? Send the date and time by the school's clock, for example 29.09 10:00\n\nNow: 22.09 10:00–13:00",
    ]);
    expect(await trials()).toEqual([]);
    await teacher.send("29.09 10:00");
    await teacher.send("13:00");
    expect(texts(teacher)).toEqual([
      "The deadlines no longer fit the new dates. Please set them again.",
      deadlinesAsk("27.09 18:00", "28.09 18:00", "29.09 10:00").replace("Step 20 of 20\n", ""),
    ]);
    await teacher.tap("✅ Use these");
    await teacher.tap("🚀 Publish");
    const [stored] = await trials();
    expect(stored).toMatchObject({
      status: "published",
      startsAt: new Date("2026-09-29T05:00:00Z"),
      signupDeadline: new Date("2026-09-27T13:00:00Z"),
      consentDeadline: new Date("2026-09-28T13:00:00Z"),
    });
  });

  it("saves a draft, which the card then publishes; a second tap changes nothing", async () => {
    await upToPreview();
    await teacher.tap("💾 Save as draft");
    const [draft] = await trials();
    expect(draft!.status).toBe("draft");
    expect(texts(teacher)).toEqual([
      [
        "💾 Saved as a draft. Pupils don't see it yet; tap “Publish” when it's ready.",
        "",
        "📝 draft · 🪑 0/20",
        "",
        VET_DETAILS,
        "",
        "🏫 Open to pupils of: School No. 12, Aitmatov Gymnasium",
      ].join("\n"),
    ]);
    expect(teacher.buttons).toEqual(DRAFT_CARD_BUTTONS);

    await teacher.tap("🚀 Publish");
    expect(teacher.replies).toEqual([]); // the card itself changes
    expect(teacher.lastText).toBe(
      [
        "🚀 Published! Pupils can find it in the catalogue now.",
        "",
        "🟢 published · 🪑 0/20",
        "",
        VET_DETAILS,
        "",
        "🏫 Open to pupils of: School No. 12, Aitmatov Gymnasium",
        `🔗 A link for pupils, to forward: https://t.me/bagdar_test_bot?start=trial-${draft!._id.toHexString()}`,
      ].join("\n"),
    );
    expect(teacher.buttons).toEqual(PUBLISHED_CARD_BUTTONS);
    expect((await trials())[0]!.status).toBe("published");

    // The old card's Publish, tapped again: refused, nothing changes.
    await teacher.tapData(`1:tmg-act:publish:${draft!._id.toHexString()}`);
    expect(texts(teacher)).toEqual(["This is already published or closed."]);
    const audit = await t.deps.models.AuditLog.find({}).sort({ at: 1, _id: 1 }).lean();
    expect(audit.map((e) => e.action)).toEqual(["trial.create", "trial.publish"]);
  });

  it("publishing a draft whose dates have passed says which date to fix", async () => {
    await upToPreview();
    await teacher.tap("💾 Save as draft");
    t.clock.set(new Date("2026-09-21T12:00:00Z"));
    await teacher.tap("🚀 Publish");
    expect(teacher.lastText.split("\n").slice(0, 3)).toEqual([
      "The sign-up deadline has already passed. Please set the deadlines again.",
      "Tap “✏️ Edit” to fix it, then publish.",
      "",
    ]);
    expect((await trials())[0]!.status).toBe("draft");
  });

  it("duplicates a trial: asks only for the new dates, then the same preview", async () => {
    await upToPreview();
    await teacher.tap("🚀 Publish");
    await teacher.tap("📄 Duplicate");
    expect(texts(teacher)).toEqual([
      "📄 A copy of «A day at the veterinary clinic». Everything is copied except the dates, so just send the new ones. Anything else can be changed in the preview.",
      "Step 1 of 3\nWhen does it start? Send the date and time by the school's clock, for example 21.09 10:00",
    ]);
    await teacher.send("06.10 10:00");
    expect(texts(teacher)).toEqual([endAsk("06.10 10:00", "Step 2 of 3")]);
    await teacher.send("13:00");
    expect(texts(teacher)).toEqual([deadlinesAsk("04.10 18:00", "05.10 18:00", "06.10 10:00", "04.10 18:00", "Step 3 of 3")]);
    await teacher.tap("✅ Use these");
    expect(texts(teacher)).toEqual([
      previewIntro("School No. 12, Aitmatov Gymnasium"),
      VET_DETAILS.replace("22 September 2026, 10:00–13:00", "6 October 2026, 10:00–13:00").replace(
        "Sign-up closes 20 September 2026, 18:00. Parents' consent by 21 September 2026, 18:00.",
        "Sign-up closes 4 October 2026, 18:00. Parents' consent by 5 October 2026, 18:00.",
      ),
    ]);
    await teacher.tap("🚀 Publish");
    const [original, copy] = await trials();
    expect(copy).toBeDefined();
    expect(copy!._id.equals(original!._id)).toBe(false);
    const same = ["kind", "format", "title", "description", "directions", "host", "mentor", "escort", "capacity", "minGrade", "maxGrade", "schoolIds", "bring", "healthRestrictions", "timezone", "schoolId"] as const;
    for (const field of same) expect(copy![field]).toEqual(original![field]);
    expect(copy).toMatchObject({
      status: "published",
      seatsTaken: 0,
      startsAt: new Date("2026-10-06T05:00:00Z"),
      endsAt: new Date("2026-10-06T08:00:00Z"),
      signupDeadline: new Date("2026-10-04T13:00:00Z"),
      consentDeadline: new Date("2026-10-05T13:00:00Z"),
    });
  });

  it("stores nothing when the teacher cancels, from the preview or with /cancel", async () => {
    await upToPreview();
    await teacher.tap("✖️ Cancel");
    expect(texts(teacher)).toEqual(["Cancelled; nothing was saved. /menu opens the menu."]);
    await teacher.tapData(trialPreviewData.pack({ choice: "publish" }));
    expect(teacher.lastAnswer).toBe(STALE); // the dialog is over: its buttons are out of date
    expect(await trials()).toEqual([]);

    await upToStart();
    await teacher.command("cancel");
    expect(texts(teacher)).toEqual(["Cancelled; nothing was saved. /menu opens the menu."]);
    expect(await trials()).toEqual([]);
  });

  it("speaks the teacher's language", async () => {
    await t.deps.models.User.updateOne({ _id: teacherId }, { $set: { locale: "kk" } });
    await teacher.tapData(menuData.pack({ action: "new-trial" }));
    expect(texts(teacher)).toEqual([
      "➕ Жаңа сынама. 20 қысқа сұрақ қоямын — шамамен бес минут кетеді. Сынаманың қалай көрінетінін қарап, «Жариялау» немесе «Жоба ретінде сақтау» батырмасын баспайынша ештеңе сақталмайды. Кез келген сәтте /cancel арқылы тоқтатуға болады.",
      "1/20-қадам\nБұл қандай іс-шара?",
    ]);
    expect(teacher.buttons).toEqual(["🛠 Кәсіби сынама", "🚌 Кәсіптік экскурсия", "🚪 Ашық есік күні", "🎨 Шебер сынып", "🤝 Маманмен кездесу"]);
  });

  it("lets only a teacher open the dialog", async () => {
    const pupil = t.user({ languageCode: "en" });
    await t.deps.models.User.create({ telegramId: pupil.id, locale: "en", roles: ["student"], firstName: "Aru", schoolId, grade: 9, classLetter: "А", status: "active", onboardedAt: NOW });
    await pupil.tapData(menuData.pack({ action: "new-trial" }));
    expect(texts(pupil)).toEqual([NOT_ALLOWED]);
    await pupil.send("A day at the veterinary clinic");
    expect(texts(pupil)).toEqual(["I didn't catch that. /help shows what I can do."]);
    expect(await trials()).toEqual([]);
  });
});
