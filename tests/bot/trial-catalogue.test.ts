import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cancelSignUpData, cataloguePageData, signUpData, trialCardData } from "../../src/bot/callback-data/catalogue.js";
import { tryScaleData } from "../../src/bot/callback-data/questionnaire.js";
import { riasec } from "../../src/content/instruments/riasec.js";
import type { Role } from "../../src/db/models/user.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty

const NOT_ALLOWED = "Sorry, that isn't available to you.";
const NOT_FOUND = "That's no longer there. /menu shows what's current.";
const STALE = "This button is out of date. Send /start to get a fresh one.";

const EMPTY = [
  "There's nothing open for sign-up right now. Your career guidance teacher publishes the trials — as soon as there's one for your class, it will show up here.",
  "",
  "Meanwhile, take the interest questionnaire: it will help you see which trials suit you best.",
].join("\n");

/** 10:00–13:00 in Almaty on a September day of 2026. */
const day = (d: number, hour = 5) => new Date(Date.UTC(2026, 8, d, hour, 0));

/** A catalogue entry as the list shows it (the default trial's place, grades and size). */
function entry(n: number, title: string, date: string, options: { left?: number; marks?: string[]; kind?: string; place?: string; grades?: string } = {}): string {
  return [
    `${n}. ${options.kind ?? "🛠 Career trial · in person"}`,
    `«${title}»`,
    `📅 ${date}, 10:00–13:00`,
    `📍 ${options.place ?? "Almaty Polytechnic College, 12 Abay Ave"}`,
    `🎓 grades ${options.grades ?? "8–11"}`,
    `🪑 places left: ${options.left ?? 20} of 20`,
    ...(options.marks ?? []),
  ].join("\n");
}

function card(title: string, lines: { left?: number; capacity?: number; notes?: string[] } = {}): string {
  return [
    [
      "🛠 Career trial · in person",
      `«${title}»`,
      "📅 24 September 2026, 10:00–13:00",
      "📍 Almaty Polytechnic College, 12 Abay Ave",
      "🎓 grades 8–11",
      `🪑 places left: ${lines.left ?? 20} of ${lines.capacity ?? 20}`,
    ].join("\n"),
    "🧭 Directions: Maker",
    "What you'll do:\nWeld a simple frame with a mentor and learn how a welding post is set up.",
    "Mentor: Yerlan Sadykov, +7 701 234 56 78\nAccompanying teacher: Dana Akhmetova, +7 702 000 11 22\nGetting there: school bus from the main entrance at 09:15",
    "Bring: a notebook and a pen\nClothing: closed shoes, long sleeves\nProtective equipment: the college gives masks and gloves",
    "⏳ Sign-up closes 22 September 2026, 18:00. Parents' consent by 23 September 2026, 18:00.",
    ...(lines.notes && lines.notes.length > 0 ? [lines.notes.join("\n")] : []),
  ].join("\n\n");
}

describe("pupil's trial catalogue, card and My trials", () => {
  let t: TestBot;
  let pupil: TestUser;
  let pupilId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let teacherId: Types.ObjectId;

  async function trial(title: string, extra: Record<string, unknown> = {}): Promise<Types.ObjectId> {
    const startsAt = (extra.startsAt as Date | undefined) ?? day(24);
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      description: "Weld a simple frame with a mentor and learn how a welding post is set up.",
      directions: ["R"],
      host: { organisation: "Almaty Polytechnic College", address: "12 Abay Ave", transport: "school bus from the main entrance at 09:15" },
      mentor: { name: "Yerlan Sadykov", phone: "+7 701 234 56 78" },
      escort: { name: "Dana Akhmetova", phone: "+7 702 000 11 22" },
      bring: "a notebook and a pen",
      clothing: "closed shoes, long sleeves",
      ppe: "the college gives masks and gloves",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 60 * 60 * 1000),
      timezone: "Asia/Almaty",
      capacity: 20,
      minGrade: 8,
      maxGrade: 11,
      schoolIds: [schoolId],
      status: "published",
      signupDeadline: new Date(startsAt.getTime() - 40 * 60 * 60 * 1000), // two days before, 18:00
      consentDeadline: new Date(startsAt.getTime() - 16 * 60 * 60 * 1000), // the day before, 18:00
      seatsTaken: 0,
      createdBy: teacherId,
      schoolId,
      ...extra,
    });
    return doc._id;
  }

  async function person(roles: Role[], extra: Record<string, unknown> = {}): Promise<{ user: TestUser; id: Types.ObjectId }> {
    const user = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "en", roles, firstName: "Someone", onboardedAt: NOW, ...extra });
    return { user, id: doc._id };
  }

  /** A registration stored directly, with the seat counted as the service would. */
  async function register(trialId: Types.ObjectId, studentId: Types.ObjectId, status: "pending_consent" | "confirmed" | "waitlisted", waitlistedAt?: Date) {
    const doc = await t.deps.models.Registration.create({ trialId, studentId, status, statusChangedAt: NOW, ...(waitlistedAt ? { waitlistedAt } : {}) });
    if (status !== "waitlisted") await t.deps.models.Trial.updateOne({ _id: trialId }, { $inc: { seatsTaken: 1 } });
    return doc._id;
  }

  async function interests(top: string[], completedAt = NOW) {
    await t.deps.models.QuestionnaireResult.create({ studentId: pupilId, instrument: `riasec@${riasec.version}`, top, startedAt: completedAt, completedAt, locale: "en" });
  }

  const registrations = () => t.deps.models.Registration.find({}).sort({ _id: 1 }).lean();
  const seatsOf = async (id: Types.ObjectId) => (await t.deps.models.Trial.findById(id).lean())!.seatsTaken;

  beforeEach(async () => {
    t = await createTestBot({ now: NOW });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await t.deps.models.School.create({ name: "Aitmatov Gymnasium", region: "Chui", timezone: "Asia/Bishkek" }))._id;
    teacherId = (await person(["teacher"], { teacherSchoolId: schoolId })).id;
    ({ user: pupil, id: pupilId } = await person(["student"], { firstName: "Aru", lastName: "Serikova", schoolId, grade: 9, classLetter: "A" }));
  });
  afterEach(async () => {
    await t.close();
  });

  describe("catalogue", () => {
    it("shows only upcoming published trials open to the pupil's school and grade with sign-up still open", async () => {
      await trial("Welding basics");
      await trial("Senior lab", { minGrade: 10 });
      await trial("Another school's trial", { schoolIds: [otherSchoolId] });
      await trial("Closed sign-up", { startsAt: day(16), signupDeadline: day(14, 8) }); // closed an hour ago
      await trial("Draft trial", { status: "draft" });
      await trial("Cancelled trial", { status: "cancelled" });
      await trial("Last week", { startsAt: day(10), signupDeadline: day(8), consentDeadline: day(9) });
      // Open to both schools, online, and without a stored deadline: sign-up is open until the start.
      await trial("University open day", {
        kind: "open_day",
        format: "online",
        startsAt: day(18),
        host: { organisation: "KazNU", onlineLink: "https://meet.example.kz/open-day" },
        schoolIds: [otherSchoolId, schoolId],
        signupDeadline: undefined,
        consentDeadline: undefined,
        minGrade: 9,
        maxGrade: 9,
      });

      await pupil.command("trials");
      expect(pupil.replies).toHaveLength(1);
      expect(pupil.lastText).toBe(
        [
          "🔎 Trials you can sign up for: 2",
          entry(1, "University open day", "18 September 2026", { kind: "🚪 Open day · online", place: "KazNU, online", grades: "9" }),
          entry(2, "Welding basics", "24 September 2026"),
        ].join("\n\n"),
      );
      expect(pupil.buttons).toEqual(["1. University open day", "2. Welding basics", "🏠 Menu"]);
    });

    it("puts trials matching the newest interest result first, then the soonest, and marks them and the pupil's own sign-ups", async () => {
      const welding = await trial("Welding", { startsAt: day(17) });
      await trial("Accounting day", { startsAt: day(16), directions: ["C"] });
      await trial("Pottery", { startsAt: day(28), directions: ["A", "R"] });
      const animation = await trial("Animation studio", { startsAt: day(21), directions: ["A"] });
      await trial("Lab day", { startsAt: day(25), directions: ["I", "C"] });
      await interests(["C", "S", "E"], new Date("2026-09-01T09:00:00Z")); // an older result: not the one that counts
      await interests(["A", "R", "I"]);
      const other = await person(["student"], { schoolId, grade: 9 });
      await register(welding, pupilId, "pending_consent");
      await register(animation, other.id, "confirmed");
      await register(animation, pupilId, "waitlisted", NOW);

      await pupil.tapData("1:menu:trials");
      const fits = "★ fits your interests";
      expect(pupil.lastText).toBe(
        [
          "🔎 Trials you can sign up for: 5",
          entry(1, "Animation studio", "21 September 2026", { left: 19, marks: [fits, "🕒 you're on the waiting list"] }),
          entry(2, "Pottery", "28 September 2026", { marks: [fits] }),
          entry(3, "Welding", "17 September 2026", { left: 19, marks: [fits, "✅ you're signed up"] }),
          entry(4, "Lab day", "25 September 2026", { marks: [fits] }),
          entry(5, "Accounting day", "16 September 2026"),
        ].join("\n\n"),
      );
      expect(pupil.buttons).toEqual(["1. Animation studio", "2. Pottery", "3. Welding", "4. Lab day", "5. Accounting day", "🏠 Menu"]);
    });

    it("without a result, lists by date only, with no marks", async () => {
      await trial("Later", { startsAt: day(25) });
      await trial("Sooner", { startsAt: day(19), directions: ["A"] });
      await pupil.command("trials");
      expect(pupil.lastText).toBe(["🔎 Trials you can sign up for: 2", entry(1, "Sooner", "19 September 2026"), entry(2, "Later", "25 September 2026")].join("\n\n"));
    });

    it("says where trials come from when there are none, and offers the questionnaire", async () => {
      await trial("Senior lab", { minGrade: 10 });
      await pupil.command("trials");
      expect(pupil.lastText).toBe(EMPTY);
      expect(pupil.buttons).toEqual(["📝 Take the questionnaire", "🏠 Menu"]);
      await pupil.tap("📝 Take the questionnaire");
      expect(pupil.lastText).toBe(
        "Two short questionnaires will help you see what draws you most. There are no right or wrong answers — answer the way you feel.",
      );
    });

    it("pages through a long list five at a time, in place", async () => {
      for (let i = 0; i < 7; i++) await trial(`Trial ${i + 1}`, { startsAt: day(16 + i) });
      await pupil.command("trials");
      const list = pupil.lastMessage.messageId;
      expect(pupil.lastText).toBe(
        [
          "🔎 Trials you can sign up for: 7",
          ...[1, 2, 3, 4, 5].map((n) => entry(n, `Trial ${n}`, `${15 + n} September 2026`)),
          "Page 1 of 2",
        ].join("\n\n"),
      );
      expect(pupil.buttons).toEqual(["1. Trial 1", "2. Trial 2", "3. Trial 3", "4. Trial 4", "5. Trial 5", "Next ▶︎", "🏠 Menu"]);

      await pupil.tap("Next ▶︎");
      expect(pupil.replies).toEqual([]); // the same message, edited
      expect(pupil.lastMessage.messageId).toBe(list);
      expect(pupil.lastText).toBe(
        ["🔎 Trials you can sign up for: 7", entry(6, "Trial 6", "21 September 2026"), entry(7, "Trial 7", "22 September 2026"), "Page 2 of 2"].join("\n\n"),
      );
      expect(pupil.buttons).toEqual(["6. Trial 6", "7. Trial 7", "◀︎ Previous", "🏠 Menu"]);

      // A card opened from page 2 leads back to page 2.
      await pupil.tap("7. Trial 7");
      expect(pupil.buttons).toEqual(["✍️ Sign up", "⬅️ All trials"]);
      await pupil.tap("⬅️ All trials");
      expect(pupil.lastText.endsWith("Page 2 of 2")).toBe(true);

      await pupil.tap("◀︎ Previous");
      expect(pupil.lastText.endsWith("Page 1 of 2")).toBe(true);

      // A page beyond the end (the list got shorter) shows the last one; a forged page is stale.
      await pupil.tapData(cataloguePageData.pack({ page: 9 }));
      expect(pupil.lastText.endsWith("Page 2 of 2")).toBe(true);
      await pupil.tapData("1:cat-page:x");
      expect(pupil.lastAnswer).toBe(STALE);
    });

    it("is for pupils: a parent gets a refusal, a teacher gets the school's trials", async () => {
      await trial("Welding basics");
      const parent = await person(["guardian"]);
      await parent.user.command("trials");
      expect(parent.user.lastText).toBe(NOT_ALLOWED);
      await parent.user.tapData(cataloguePageData.pack({ page: 0 }));
      expect(parent.user.lastText).toBe(NOT_ALLOWED);
      await parent.user.command("mytrials");
      expect(parent.user.lastText).toBe(NOT_ALLOWED);
      const teacher = await person(["teacher"], { teacherSchoolId: schoolId });
      await teacher.user.command("trials");
      expect(teacher.user.lastText.startsWith("🗂 Your school's trials\n\n1. 🛠 «Welding basics» · 24.09 10:00")).toBe(true);
      // A pupil with no school or class yet cannot browse either.
      const unfinished = await person(["student"]);
      await unfinished.user.command("trials");
      expect(unfinished.user.lastText).toBe(NOT_ALLOWED);
    });
  });

  describe("card", () => {
    it("shows everything about the trial with a sign-up button, and goes back to the list", async () => {
      await trial("Welding basics");
      await pupil.command("trials");
      await pupil.tap("1. Welding basics");
      expect(pupil.replies).toEqual([]);
      expect(pupil.lastText).toBe(card("Welding basics"));
      expect(pupil.buttons).toEqual(["✍️ Sign up", "⬅️ All trials"]);
      await pupil.tap("⬅️ All trials");
      expect(pupil.lastText).toBe(["🔎 Trials you can sign up for: 1", entry(1, "Welding basics", "24 September 2026")].join("\n\n"));
    });

    it("marks a match, and offers the waiting list when the trial is full", async () => {
      const full = await trial("Welding basics", { capacity: 1 });
      await interests(["R", "I", "A"]);
      const other = await person(["student"], { schoolId, grade: 9 });
      await register(full, other.id, "pending_consent");
      await pupil.command("trials");
      await pupil.tapData(trialCardData.pack({ trial: full.toHexString(), back: "c", page: 0 }));
      expect(pupil.lastText).toBe(
        card("Welding basics", {
          left: 0,
          capacity: 1,
          notes: [
            "★ This one fits your interests.",
            "All the places are taken, but you can join the waiting list: if someone drops out, their place goes to the next in line.",
          ],
        }),
      );
      expect(pupil.buttons).toEqual(["🕒 Join the waiting list", "⬅️ All trials"]);
    });

    it("explains what keeps the pupil from signing up instead of offering the button", async () => {
      const senior = await trial("Welding basics", { minGrade: 10 });
      await pupil.command("start", `trial-${senior.toHexString()}`);
      expect(pupil.lastText).toBe(
        card("Welding basics", { notes: ["This one is for other grades. The catalogue shows the trials for yours."] }).replace("grades 8–11", "grades 10–11"),
      );
      expect(pupil.buttons).toEqual(["⬅️ All trials"]);
      await pupil.tapData(signUpData.pack({ trial: senior.toHexString() }));
      expect(pupil.lastText).toBe("This one is for other grades. The catalogue shows the trials for yours.");
      expect(await registrations()).toEqual([]);
    });

    it("keeps another school's trials and drafts out of reach, even by a forged button", async () => {
      const elsewhere = await trial("Another school's trial", { schoolIds: [otherSchoolId] });
      const draft = await trial("Draft trial", { status: "draft" });
      for (const id of [elsewhere, draft, new Types.ObjectId()]) {
        await pupil.tapData(trialCardData.pack({ trial: id.toHexString(), back: "c", page: 0 }));
        expect(pupil.lastText).toBe(NOT_FOUND);
      }
      await pupil.tapData(`1:cat-open:${"z".repeat(24)}:c:0`);
      expect(pupil.lastAnswer).toBe(STALE);
    });

    it("is for pupils: a parent or teacher tapping a pupil's button is refused", async () => {
      const id = await trial("Welding basics");
      const parent = await person(["guardian"]);
      const teacher = await person(["teacher"], { teacherSchoolId: schoolId });
      for (const someone of [parent.user, teacher.user]) {
        await someone.tapData(trialCardData.pack({ trial: id.toHexString(), back: "c", page: 0 }));
        expect(someone.lastText).toBe(NOT_ALLOWED);
        await someone.tapData(signUpData.pack({ trial: id.toHexString() }));
        expect(someone.lastText).toBe(NOT_ALLOWED);
      }
      expect(await registrations()).toEqual([]);
    });
  });

  describe("deep link /start trial-<id>", () => {
    it("opens the card for a returning pupil", async () => {
      const id = await trial("Welding basics");
      await pupil.command("start", `trial-${id.toHexString()}`);
      expect(pupil.replies).toHaveLength(1);
      expect(pupil.lastText).toBe(card("Welding basics"));
      expect(pupil.buttons).toEqual(["✍️ Sign up", "⬅️ All trials"]);
    });

    it("answers an unknown trial clearly, and a malformed link opens the menu", async () => {
      await pupil.command("start", `trial-${new Types.ObjectId().toHexString()}`);
      expect(pupil.lastText).toBe(NOT_FOUND);
      await pupil.command("start", "trial-nonsense");
      expect(pupil.lastText.startsWith("🏠 Main menu")).toBe(true);
    });

    it("onboards a newcomer first and says to open the link again", async () => {
      const id = await trial("Welding basics");
      const newcomer = t.user({ languageCode: "en" });
      await newcomer.command("start", `trial-${id.toHexString()}`);
      expect(newcomer.replies.map((m) => m.text)).toEqual([
        "This link opens a trial. First, let's get you set up in Bagdar — it only takes a minute. Then open the link again.",
        "Hello! I'm Bagdar, a bot that helps you choose a career. I'll help you discover your interests, sign up for professional trials and think them over afterwards.\n\nChoose your language:",
      ]);
    });
  });

  describe("questionnaire directions", () => {
    it("offer matching upcoming trials as buttons that open the card", async () => {
      await trial("Welding basics");
      await trial("Animation studio", { directions: ["A"] });
      await trial("Senior workshop", { minGrade: 10 });
      await trial("Open workshop", { startsAt: day(20), signupDeadline: undefined, consentDeadline: undefined });
      await pupil.tapData(tryScaleData.pack({ instrument: "riasec", scale: "R" }));
      const direction = pupil.lastMessage;
      expect(direction.text.endsWith("Upcoming trials:\n• Open workshop — 20 September 2026\n• Welding basics — 24 September 2026")).toBe(true);
      expect(pupil.buttons).toEqual(["🎟 Open workshop · 20.09 10:00", "🎟 Welding basics · 24.09 10:00", "🏠 Menu"]);

      await pupil.tap("🎟 Welding basics · 24.09 10:00");
      expect(pupil.replies).toHaveLength(1); // a new message: the direction stays on screen
      expect(pupil.messages.find((m) => m.messageId === direction.messageId)!.text).toBe(direction.text);
      expect(pupil.lastText).toBe(card("Welding basics"));
      expect(pupil.buttons).toEqual(["✍️ Sign up", "⬅️ All trials"]);
    });
  });

  describe("My trials", () => {
    it("lists sign-ups with status and waiting-list place; a button per active one", async () => {
      const welding = await trial("Welding basics", { startsAt: day(17) });
      const animation = await trial("Animation studio", { startsAt: day(21), capacity: 1 });
      const pottery = await trial("Pottery", { startsAt: day(25) });
      const others = [await person(["student"], { schoolId, grade: 9 }), await person(["student"], { schoolId, grade: 9 })];
      await register(welding, pupilId, "confirmed");
      await register(animation, others[0]!.id, "confirmed");
      await register(animation, others[1]!.id, "waitlisted", new Date(NOW.getTime() - 60_000));
      await register(animation, pupilId, "waitlisted", NOW);
      await t.deps.models.Registration.create({ trialId: pottery, studentId: pupilId, status: "cancelled", statusChangedAt: NOW });

      await pupil.command("mytrials");
      expect(pupil.lastText).toBe(
        [
          "🎟 Your trials",
          "1. 🛠 Career trial\n«Welding basics»\n📅 17 September 2026, 10:00–13:00\n✅ confirmed",
          "2. 🛠 Career trial\n«Animation studio»\n📅 21 September 2026, 10:00–13:00\n🕒 on the waiting list — number 2 in line",
          "3. 🛠 Career trial\n«Pottery»\n📅 25 September 2026, 10:00–13:00\n✖️ cancelled",
        ].join("\n\n"),
      );
      expect(pupil.buttons).toEqual(["1. Welding basics", "2. Animation studio", "🔎 Find a trial", "🏠 Menu"]);

      await pupil.tap("2. Animation studio");
      expect(pupil.lastText.endsWith("Your sign-up: 🕒 on the waiting list\nYou're number 2 on the waiting list.")).toBe(true);
      expect(pupil.buttons).toEqual(["✖️ Cancel my sign-up", "⬅️ My trials"]);
      await pupil.tap("⬅️ My trials");
      expect(pupil.lastText.startsWith("🎟 Your trials\n\n1. 🛠 Career trial")).toBe(true);
    });

    it("says so when there are none", async () => {
      await pupil.tapData("1:menu:my-trials");
      expect(pupil.lastText).toBe("You haven't signed up for any trials yet. Have a look at the catalogue — something might catch your eye!");
      expect(pupil.buttons).toEqual(["🔎 Find a trial", "🏠 Menu"]);
    });

    it("cancels after a confirmation, and the place goes to the first pupil waiting, who is told", async () => {
      const id = await trial("Welding basics", { capacity: 1 });
      const registrationId = await register(id, pupilId, "pending_consent");
      const waiting = await person(["student"], { schoolId, grade: 9 });
      const waitingRegistration = await register(id, waiting.id, "waitlisted", NOW);

      await pupil.command("mytrials");
      await pupil.tap("1. Welding basics");
      expect(pupil.lastText).toBe(card("Welding basics", { left: 0, capacity: 1, notes: ["Your sign-up: ⏳ waiting for a parent's consent"] }));
      await pupil.tap("✖️ Cancel my sign-up");
      expect(pupil.lastText).toBe('Cancel your sign-up for "Welding basics" (24 September 2026, 10:00–13:00)? Your place will go to the next person in line.');
      expect(pupil.buttons).toEqual(["Yes, cancel", "Keep it"]);

      // "Keep it" changes nothing and goes back to the card.
      await pupil.tap("Keep it");
      expect(pupil.buttons).toEqual(["✖️ Cancel my sign-up", "⬅️ My trials"]);
      expect((await t.deps.models.Registration.findById(registrationId).lean())!.status).toBe("pending_consent");

      await pupil.tap("✖️ Cancel my sign-up");
      await pupil.tap("Yes, cancel");
      expect(pupil.lastText).toBe('Your sign-up for "Welding basics" is cancelled. Your place goes to the next person in line.');
      expect(pupil.buttons).toEqual(["🎟 My trials", "🔎 Find a trial"]);
      expect((await t.deps.models.Registration.findById(registrationId).lean())!.status).toBe("cancelled");
      expect((await t.deps.models.Registration.findById(waitingRegistration).lean())!.status).toBe("pending_consent");
      expect(await seatsOf(id)).toBe(1);
      const notes = await t.deps.models.Notification.find({}).lean();
      expect(notes.map((n) => ({ chatId: n.chatId, kind: n.kind, status: n.status, key: (n.payload as { key?: string }).key }))).toEqual([
        { chatId: waiting.user.id, kind: "trial-promoted", status: "pending", key: "trial-promoted-pupil" },
        // No parent is linked to the pupil who moved up yet: they are asked to invite one.
        { chatId: waiting.user.id, kind: "consent-no-guardian", status: "pending", key: "consent-no-guardian" },
      ]);

      // A second tap on "Yes, cancel" changes nothing more.
      await pupil.tapData(cancelSignUpData.pack({ action: "yes", registration: registrationId.toHexString() }));
      expect(pupil.lastText).toBe("This registration is no longer active.");
      expect((await t.deps.models.Registration.findById(waitingRegistration).lean())!.status).toBe("pending_consent");
      expect(await t.deps.models.Notification.countDocuments({})).toBe(2);

      // The card offers signing up again: the trial is full now, so the waiting list.
      await pupil.command("start", `trial-${id.toHexString()}`);
      expect(pupil.buttons).toEqual(["🕒 Join the waiting list", "⬅️ All trials"]);
    });

    it("leaving the waiting list says so, and frees no seat", async () => {
      const id = await trial("Welding basics", { capacity: 1 });
      const other = await person(["student"], { schoolId, grade: 9 });
      await register(id, other.id, "confirmed");
      await register(id, pupilId, "waitlisted", NOW);
      await pupil.command("mytrials");
      await pupil.tap("1. Welding basics");
      await pupil.tap("✖️ Cancel my sign-up");
      expect(pupil.lastText).toBe('Leave the waiting list for "Welding basics" (24 September 2026, 10:00–13:00)?');
      await pupil.tap("Yes, cancel");
      expect(pupil.lastText).toBe('You\'ve left the waiting list for "Welding basics".');
      expect(await seatsOf(id)).toBe(1);
      expect((await registrations()).map((r) => r.status)).toEqual(["confirmed", "cancelled"]);
    });

    it("once the trial has started there is no cancel button, and a forged one is refused", async () => {
      const id = await trial("Welding basics", { startsAt: day(15) });
      const registrationId = await register(id, pupilId, "confirmed");
      t.clock.set(day(15, 6)); // an hour in
      await pupil.command("mytrials");
      await pupil.tap("1. Welding basics");
      expect(pupil.buttons).toEqual(["⬅️ My trials"]);
      for (const action of ["ask", "yes"] as const) {
        await pupil.tapData(cancelSignUpData.pack({ action, registration: registrationId.toHexString() }));
        expect(pupil.lastText).toBe("This has already started: it can no longer be changed, and sign-ups can't be cancelled.");
      }
      expect((await registrations()).map((r) => r.status)).toEqual(["confirmed"]);
      expect(await seatsOf(id)).toBe(1);
    });

    it("a pupil cannot cancel someone else's sign-up with a forged button, nor can a teacher from here", async () => {
      const id = await trial("Welding basics");
      const other = await person(["student"], { schoolId, grade: 9 });
      const theirs = await register(id, other.id, "pending_consent");
      for (const action of ["ask", "yes"] as const) {
        await pupil.tapData(cancelSignUpData.pack({ action, registration: theirs.toHexString() }));
        expect(pupil.lastText).toBe(NOT_FOUND);
      }
      const teacher = await person(["teacher"], { teacherSchoolId: schoolId });
      await teacher.user.tapData(cancelSignUpData.pack({ action: "yes", registration: theirs.toHexString() }));
      expect(teacher.user.lastText).toBe(NOT_ALLOWED);
      await pupil.tapData(`1:cat-cx:no:${theirs.toHexString()}`);
      expect(pupil.lastAnswer).toBe(STALE);
      expect((await registrations()).map((r) => r.status)).toEqual(["pending_consent"]);
      expect(await seatsOf(id)).toBe(1);
    });
  });
});
