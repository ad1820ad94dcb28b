import { createHash } from "node:crypto";
import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rosterCsvData, rosterEvidenceData, rosterMarkData, rosterOpenData, rosterPageData } from "../../src/bot/callback-data/roster.js";
import { trialOpenData } from "../../src/bot/callback-data/trials.js";
import { rosterFileName } from "../../src/bot/roster-csv.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const NOW = new Date("2026-09-14T09:00:00Z"); // Monday, 14:00 in Almaty
const STARTS = new Date("2026-09-24T05:00:00Z"); // 10:00 in Almaty
const ENDS = new Date("2026-09-24T08:00:00Z");

const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";
const BEFORE = { expect: "To bake bread", worries: "Nothing", interest: 4 };
const HASH = "a".repeat(64);

const CONSENT_HINT = "⏳ Parents answer the consent request in Bagdar, and their answers appear here straight away. Tap 🔄 Refresh to see the latest.";
const ATTENDANCE_HINT = "Mark who came: ✅ came, ❌ didn't come. A wrong tap can be corrected with the other button.";

describe("the teacher's roster", () => {
  let t: TestBot;
  let teacher: TestUser;
  let teacherId: Types.ObjectId;
  let schoolId: Types.ObjectId;
  let otherSchoolId: Types.ObjectId;
  let trialId: Types.ObjectId;
  let guardianId: Types.ObjectId;
  const pupils: Record<string, { user: TestUser; id: Types.ObjectId }> = {};

  const actor = async (id: Types.ObjectId) => t.deps.services.users.findById(id);
  const registration = async (name: string, trial = trialId) => (await t.deps.models.Registration.findOne({ trialId: trial, studentId: pupils[name]!.id }).lean())!;
  const regId = async (name: string, trial = trialId) => (await registration(name, trial))._id.toHexString();
  const auditCount = (action: string) => t.deps.models.AuditLog.countDocuments({ action });
  const open = (trial = trialId) => rosterOpenData.pack({ trial: trial.toHexString() });
  /** The trial-manage card's "📋 Roster" button, tapped on a message the teacher has (their menu). */
  async function openRoster(user = teacher, trial = trialId) {
    if (user.messages.length === 0) await user.command("menu");
    await user.tapData(open(trial));
  }

  async function pupil(firstName: string, lastName: string, grade: number, classLetter: string, school = schoolId) {
    const user = t.user({ languageCode: "en" });
    const doc = await t.deps.models.User.create({ telegramId: user.id, locale: "en", roles: ["student"], firstName, lastName, schoolId: school, grade, classLetter, status: "active", onboardedAt: NOW });
    pupils[firstName] = { user, id: doc._id };
    return doc._id;
  }

  async function trial(title: string, extra: Record<string, unknown> = {}) {
    const doc = await t.deps.models.Trial.create({
      kind: "trial",
      format: "in_person",
      title,
      host: { organisation: "Almaty College of Service", address: "Tole bi 155" },
      startsAt: STARTS,
      endsAt: ENDS,
      timezone: "Asia/Almaty",
      capacity: 3,
      minGrade: 7,
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

  const signUp = async (name: string, trial = trialId) => t.deps.services.registrations.signUp(await actor(pupils[name]!.id), trial, BEFORE);

  /** A parent's answer as the consent feature stores it; only a linked parent's answers count. */
  async function consent(name: string, fields: Record<string, unknown>) {
    await t.deps.models.Guardianship.updateOne({ guardianId, studentId: pupils[name]!.id }, { $setOnInsert: { inviteId: new Types.ObjectId() } }, { upsert: true });
    return t.deps.models.Consent.create({ studentId: pupils[name]!.id, guardianId, textVersion: "test@1", textHash: HASH, locale: "en", recordedAt: NOW, ...fields });
  }

  beforeEach(async () => {
    t = await createTestBot({ now: NOW, env: { ADMIN_TELEGRAM_IDS: "900001" } });
    teacher = t.user({ languageCode: "en" });
    schoolId = (await t.deps.models.School.create({ name: "School No. 12", region: "Almaty", timezone: "Asia/Almaty" }))._id;
    otherSchoolId = (await t.deps.models.School.create({ name: "Школа-гимназия №3", region: "Бишкек", timezone: "Asia/Bishkek" }))._id;
    teacherId = (await t.deps.models.User.create({ telegramId: teacher.id, locale: "en", roles: ["teacher"], teacherSchoolId: schoolId, firstName: "Yerlan", status: "active", onboardedAt: NOW }))._id;
    guardianId = (await t.deps.models.User.create({ telegramId: 777, locale: "en", roles: ["guardian"], firstName: "Gulnara", status: "active" }))._id;
  });
  afterEach(async () => {
    await t.close();
  });

  describe("a trial with three places and a waiting list", () => {
    beforeEach(async () => {
      trialId = await trial("Bread-baking trial");
      await pupil("Bekzat", "Omarov", 9, "Б");
      await pupil("Dana", "Kim", 10, "А");
      await pupil("Aru", "Saparova", 9, "А");
      await pupil("Erlan", "Nurlanov", 8, "В");
      await pupil("Farida", "Abenova", 9, "А");
      for (const name of ["Bekzat", "Dana", "Aru", "Erlan", "Farida"]) await signUp(name);
      // Bekzat's parent consented in the bot, with a health note, photos for the portfolio only.
      await consent("Bekzat", { kind: "participation", trialId, decision: "granted", healthNote: "Asthma, carries an inhaler" });
      await consent("Bekzat", { kind: "photo", decision: "granted", photoScope: "portfolio" });
      await t.deps.models.Registration.updateOne({ trialId, studentId: pupils.Bekzat!.id }, { $set: { status: "confirmed" } });
      await consent("Dana", { kind: "photo", decision: "granted", photoScope: "publish" });
      // Aru's parent said no to photos: the host must see it at a glance.
      await consent("Aru", { kind: "photo", decision: "refused" });
    });

    const HEADER = [
      "📋 Roster: «Bread-baking trial»",
      "📅 24 September 2026, 10:00–13:00",
      "🪑 Places taken: 3 of 3",
      "✅ Confirmed: 1 · ⏳ Awaiting consent: 2 · 🕒 Waiting list: 2",
      "⛔ One pupil must not be photographed or filmed. They are marked below.",
      "📁 One pupil's photos and video are for the portfolio only. Don't publish them anywhere.",
    ].join("\n");
    const BEKZAT = (status: string) =>
      ["1. Omarov Bekzat, 9Б", `   ${status}`, "   📝 Consent: given by a parent", "   📁 PORTFOLIO ONLY: photos and video of this pupil must not be published", "   🩺 Asthma, carries an inhaler"].join("\n");
    const DANA = ["2. Kim Dana, 10А", "   ⏳ waiting for a parent's consent", "   📝 Consent: not received yet", "   📷 Photos and video: allowed, may be published"].join("\n");
    const ARU = (status: string, consentState: string) => ["3. Saparova Aru, 9А", `   ${status}`, `   📝 Consent: ${consentState}`, "   ⛔ NO PHOTOS OR VIDEO of this pupil"].join("\n");
    const WAITING = ["🕒 Waiting list:", "1. Nurlanov Erlan, 8В", "2. Abenova Farida, 9А"].join("\n");

    it("shows every pupil with status, live consent, photo rule and health note, and the waiting list; no paper-consent buttons", async () => {
      await openRoster();
      expect(teacher.lastText).toBe(
        [HEADER, [BEKZAT("✅ confirmed"), DANA, ARU("⏳ waiting for a parent's consent", "not received yet")].join("\n\n"), WAITING, CONSENT_HINT].join("\n\n"),
      );
      expect(teacher.buttons).toEqual(["📄 CSV", "🔄 Refresh", "↩️ Back"]);
      const back = teacher.lastMessage.replyMarkup!;
      expect("inline_keyboard" in back && back.inline_keyboard.at(-1)![0]).toMatchObject({ callback_data: trialOpenData.pack({ trial: trialId.toHexString() }) });
      // ↩️ leads back to the trial's card.
      await teacher.tap("↩️ Back");
      expect(teacher.lastText).toContain("Bread-baking trial");
      const card = teacher.lastMessage.replyMarkup!;
      expect("inline_keyboard" in card && card.inline_keyboard.flat().some((b) => "callback_data" in b && b.callback_data === open())).toBe(true);
    });

    it("shows parents' answers as they come: agreement, a stricter photo answer, withdrawal; the old paper button is out of date", async () => {
      await openRoster();
      const aru = await regId("Aru");
      // An old roster's "✍️ Consent received" button: the paper path is gone.
      await teacher.tapData(`1:ro-c:${aru}:${trialId.toHexString()}:0`);
      expect(teacher.lastAnswer).toBe(STALE);
      expect((await registration("Aru")).status).toBe("pending_consent");

      const mom = await actor(guardianId);
      const shown = { text: "The consent text as shown", locale: "en" as const };
      await t.deps.services.consents.decideParticipation(mom, new Types.ObjectId(aru), "granted", shown);
      await t.deps.services.consents.decidePhoto(mom, pupils.Dana!.id, "portfolio", shown);
      await teacher.tap("🔄 Refresh");
      expect(teacher.lastText).toContain(["2. Saparova Aru, 9А", "   ✅ confirmed", "   📝 Consent: given by a parent", "   ⛔ NO PHOTOS OR VIDEO of this pupil"].join("\n"));
      expect(teacher.lastText).toContain(["3. Kim Dana, 10А", "   ⏳ waiting for a parent's consent", "   📝 Consent: not received yet", "   📁 PORTFOLIO ONLY: photos and video of this pupil must not be published"].join("\n"));
      expect(teacher.lastText).toContain("📁 Photos and video of 2 pupils are for the portfolio only. Don't publish them anywhere.");
      expect(teacher.lastText).toContain("✅ Confirmed: 2 · ⏳ Awaiting consent: 1 · 🕒 Waiting list: 2");

      // A withdrawal takes effect at once: Aru's place goes to the first in line, and the host sees why.
      await t.deps.services.consents.withdrawParticipation(mom, new Types.ObjectId(aru), shown);
      await teacher.tap("🔄 Refresh");
      expect(teacher.lastText).toContain(["4. Saparova Aru, 9А", "   ✖️ cancelled", "   📝 Consent: withdrawn by a parent"].join("\n"));
      expect(teacher.lastText).toContain("🕒 Waiting list:\n1. Abenova Farida, 9А");
      expect((await registration("Erlan")).status).toBe("pending_consent");
    });

    it("refuses attendance before the start and offers no buttons for it", async () => {
      await openRoster();
      expect(teacher.buttons.some((b) => b.startsWith("✅") || b === "❌")).toBe(false);
      await teacher.tapData(rosterMarkData.pack({ reg: await regId("Bekzat"), trial: trialId.toHexString(), mark: "a", page: 0 }));
      expect(teacher.lastAnswer).toBe("Attendance can be marked once the trial has started.");
      expect((await registration("Bekzat")).status).toBe("confirmed");
      expect(await auditCount("registration.attended")).toBe(0);
    });

    it("from the start on marks attendance in one tap per pupil, shows the mark, and a repeated tap changes nothing", async () => {
      await openRoster();
      await t.deps.services.consents.decideParticipation(await actor(guardianId), new Types.ObjectId(await regId("Aru")), "granted", { text: "Consent text", locale: "en" });
      t.clock.set(new Date(STARTS.getTime() + 10 * 60_000));
      await teacher.tap("🔄 Refresh");
      expect(teacher.lastText).toBe(
        [
          HEADER.replace("Confirmed: 1 · ⏳ Awaiting consent: 2", "Confirmed: 2 · ⏳ Awaiting consent: 1"),
          [BEKZAT("✅ confirmed"), ARU("✅ confirmed", "given by a parent").replace("3.", "2."), DANA.replace("2.", "3.")].join("\n\n"),
          WAITING,
          ATTENDANCE_HINT,
        ].join("\n\n"),
      );
      expect(teacher.buttons).toEqual(["✅ Omarov Bekzat", "❌", "✅ Saparova Aru", "❌", "📄 CSV", "🔄 Refresh", "↩️ Back"]);

      await teacher.tap("✅ Omarov Bekzat");
      expect(teacher.lastAnswer).toBe("✅ Marked as came.");
      expect((await registration("Bekzat")).status).toBe("attended");
      expect(teacher.lastText).toContain("1. Omarov Bekzat, 9Б\n   🏅 attended");

      const aru = await regId("Aru");
      await teacher.tapData(rosterMarkData.pack({ reg: aru, trial: trialId.toHexString(), mark: "n", page: 0 }));
      expect(teacher.lastAnswer).toBe("❌ Marked as didn't come.");
      expect(await registration("Aru")).toMatchObject({ status: "no_show", attended: false });
      expect(teacher.lastText).toContain("Saparova Aru, 9А\n   ➖ didn't come");

      // Tapping the same mark again: nothing written, the screen stays.
      await teacher.tap("✅ Omarov Bekzat");
      expect(teacher.lastAnswer).toBe("This is already marked.");
      expect(await auditCount("registration.attended")).toBe(1);
      // A wrong tap is corrected with the other button.
      await teacher.tapData(rosterMarkData.pack({ reg: await regId("Bekzat"), trial: trialId.toHexString(), mark: "n", page: 0 }));
      expect(await registration("Bekzat")).toMatchObject({ status: "no_show", attended: false });
      // A pupil still waiting for consent can't be marked.
      await teacher.tapData(rosterMarkData.pack({ reg: await regId("Dana"), trial: trialId.toHexString(), mark: "a", page: 0 }));
      expect(teacher.lastAnswer).toBe("Attendance is marked only for pupils whose participation is confirmed.");
      expect((await registration("Dana")).status).toBe("pending_consent");
    });

    it("sends the whole roster as a CSV document in the teacher's language", async () => {
      await openRoster();
      await teacher.tap("📄 CSV");
      const doc = teacher.lastMessage;
      expect(doc.kind).toBe("document");
      expect(doc.fileName).toBe("roster-2026-09-24-bread-baking-trial.csv");
      expect(doc.text).toBe("📄 Roster of «Bread-baking trial» (24.09 10:00), pupils: 5. Opens in Excel with Cyrillic intact.");
      const bytes = Buffer.from(doc.file!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.subarray(3).toString("utf8").split("\r\n")).toEqual([
        "№,Last name,First name,Class,School,Status,Consent,Photo/video,Health note,Attended",
        "1,Omarov,Bekzat,9Б,School No. 12,confirmed,given by a parent,\"for the portfolio only, not for publishing\",\"Asthma, carries an inhaler\",",
        "2,Kim,Dana,10А,School No. 12,waiting for a parent's consent,not received yet,\"allowed, may be published\",,",
        "3,Saparova,Aru,9А,School No. 12,waiting for a parent's consent,not received yet,not allowed,,",
        "4,Nurlanov,Erlan,8В,School No. 12,\"on the waiting list, place 1\",not received yet,\"no answer from a parent yet, so don't publish\",,",
        "5,Abenova,Farida,9А,School No. 12,\"on the waiting list, place 2\",not received yet,\"no answer from a parent yet, so don't publish\",,",
        "",
      ]);
    });

    it("writes the CSV's headers and values in the teacher's own language", async () => {
      await t.deps.models.User.updateOne({ _id: teacherId }, { $set: { locale: "ru" } });
      await openRoster();
      await teacher.tap("📄 CSV");
      const lines = Buffer.from(teacher.lastMessage.file!).subarray(3).toString("utf8").split("\r\n");
      expect(lines.slice(0, 2)).toEqual([
        "№,Фамилия,Имя,Класс,Школа,Статус,Согласие,Фото/видео,Заметка о здоровье,Присутствие",
        '1,Omarov,Bekzat,9Б,School No. 12,участие подтверждено,дано родителем,"только для портфолио, не публиковать","Asthma, carries an inhaler",',
      ]);
      expect(teacher.lastMessage.text).toBe("📄 Список участников «Bread-baking trial» (24.09 10:00), учеников: 5. Открывается в Excel, кириллица сохраняется.");
    });

    it("denies a teacher of another school, even with forged buttons, and pupils and parents", async () => {
      const stranger = t.user({ languageCode: "en" });
      await t.deps.models.User.create({ telegramId: stranger.id, locale: "en", roles: ["teacher"], teacherSchoolId: otherSchoolId, firstName: "Aigul", status: "active" });
      for (const data of [
        open(),
        rosterPageData.pack({ trial: trialId.toHexString(), page: 0 }),
        rosterCsvData.pack({ trial: trialId.toHexString() }),
        rosterEvidenceData.pack({ trial: trialId.toHexString() }),
      ]) {
        await stranger.tapData(data);
        expect(stranger.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
      }
      // The consent evidence is for admins: the trial's own teacher neither sees nor gets it.
      await openRoster();
      expect(teacher.buttons).not.toContain("🧾 Consent evidence (CSV)");
      await teacher.tapData(rosterEvidenceData.pack({ trial: trialId.toHexString() }));
      expect(teacher.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);

      const aruUser = pupils.Aru!.user;
      await aruUser.tapData(open());
      expect(aruUser.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
      await aruUser.tapData(rosterEvidenceData.pack({ trial: trialId.toHexString() }));
      expect(aruUser.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
      const parent = t.user({ languageCode: "en" });
      await t.deps.models.User.updateOne({ _id: guardianId }, { $set: { telegramId: parent.id } });
      t.clock.set(new Date(STARTS.getTime() + 60_000));
      await parent.tapData(rosterMarkData.pack({ reg: await regId("Bekzat"), trial: trialId.toHexString(), mark: "n", page: 0 }));
      expect(parent.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);

      expect((await registration("Aru")).status).toBe("pending_consent");
      expect((await registration("Bekzat")).status).toBe("confirmed");
      expect(t.telegram.callsOf("sendDocument")).toEqual([]);
    });

    it("refuses a registration of another school's trial behind our own trial's button", async () => {
      const otherTeacherId = (await t.deps.models.User.create({ telegramId: 424242, locale: "en", roles: ["teacher"], teacherSchoolId: otherSchoolId, status: "active" }))._id;
      const theirs = await trial("Their trial", { schoolId: otherSchoolId, schoolIds: [otherSchoolId], createdBy: otherTeacherId, startsAt: new Date("2026-09-25T05:00:00Z"), endsAt: new Date("2026-09-25T08:00:00Z") });
      await pupil("Zhanna", "Sultanova", 9, "А", otherSchoolId);
      await signUp("Zhanna", theirs);
      const forged = await regId("Zhanna", theirs);

      await t.deps.models.Registration.updateOne({ _id: new Types.ObjectId(forged) }, { $set: { status: "confirmed" } });
      t.clock.set(new Date("2026-09-25T06:00:00Z"));
      await teacher.tapData(rosterMarkData.pack({ reg: forged, trial: trialId.toHexString(), mark: "n", page: 0 }));
      expect(teacher.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
      expect((await registration("Zhanna", theirs)).status).toBe("confirmed");
      expect(await auditCount("registration.no-show")).toBe(0);
    });

    it("answers a tampered button as out of date, and lets an admin see any school's roster", async () => {
      await teacher.tapData(`${rosterMarkData.pack({ reg: await regId("Bekzat"), trial: trialId.toHexString(), mark: "a", page: 0 }).slice(0, -3)}x:0`);
      expect(teacher.lastAnswer).toBe(STALE);
      await teacher.tapData("1:ro-open:not-an-id");
      expect(teacher.lastAnswer).toBe(STALE);
      expect(teacher.replies).toEqual([]);

      const admin = t.user({ id: 900001, languageCode: "en" });
      await t.deps.models.User.create({ telegramId: 900001, locale: "en", roles: [], firstName: "Dana", status: "active" });
      await openRoster(admin);
      expect(admin.lastText.split("\n")[0]).toBe("📋 Roster: «Bread-baking trial»");
    });

    it("gives an admin the trial's consent evidence as a CSV: who, what, when on the school's clock, language, text version and hash", async () => {
      t.clock.set(new Date(NOW.getTime() + 5 * 60_000 + 7_000));
      await t.deps.services.consents.decideParticipation(await actor(guardianId), new Types.ObjectId(await regId("Dana")), "granted", { text: "Согласие на участие: Dana", locale: "ru" });
      const admin = t.user({ id: 900001, languageCode: "en" });
      await t.deps.models.User.create({ telegramId: 900001, locale: "en", roles: [], firstName: "Dana", status: "active" });
      await openRoster(admin);
      expect(admin.buttons).toEqual(["📄 CSV", "🔄 Refresh", "🧾 Consent evidence (CSV)", "↩️ Back"]);
      await admin.tap("🧾 Consent evidence (CSV)");
      const doc = admin.lastMessage;
      expect(doc.kind).toBe("document");
      expect(doc.fileName).toBe("consent-evidence-2026-09-24-bread-baking-trial.csv");
      expect(doc.text).toBe("🧾 Consent evidence for «Bread-baking trial» (24.09 10:00), records: 5. Each has the text version and the SHA-256 of the exact text the parent saw.");
      const bytes = Buffer.from(doc.file!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const hash = createHash("sha256").update("Согласие на участие: Dana", "utf8").digest("hex");
      expect(bytes.subarray(3).toString("utf8").split("\r\n")).toEqual([
        "Child,Class,Parent,Consent,Decision,Photo/video,Time (school's time zone),Language,Text version,SHA-256 of the text",
        `Aru Saparova,9А,Gulnara,photo and video,refused,,2026-09-14 14:00:00,en,test@1,${HASH}`,
        `Bekzat Omarov,9Б,Gulnara,participation,agreed,,2026-09-14 14:00:00,en,test@1,${HASH}`,
        `Bekzat Omarov,9Б,Gulnara,photo and video,agreed,"for the portfolio only, not for publishing",2026-09-14 14:00:00,en,test@1,${HASH}`,
        `Dana Kim,10А,Gulnara,photo and video,agreed,"allowed, may be published",2026-09-14 14:00:00,en,test@1,${HASH}`,
        `Dana Kim,10А,Gulnara,participation,agreed,,2026-09-14 14:05:07,ru,participation@1,${hash}`,
        "",
      ]);
    });
  });

  it("names each pupil's school when the trial has pupils from several, and keeps Cyrillic, quotes and line breaks intact in the CSV", async () => {
    trialId = await trial("Кондитер: торт за день", { schoolIds: [schoolId, otherSchoolId], capacity: 10 });
    await pupil("Аружан", "=HYPERLINK(\"http://x\",\"y\")", 9, "Б");
    await pupil("Айбек", "Токтогулов", 10, "А", otherSchoolId);
    for (const name of ["Аружан", "Айбек"]) await signUp(name);
    await consent("Айбек", { kind: "participation", trialId, decision: "granted", healthNote: 'Аллергия на орехи, "Зиртек" в рюкзаке,\nпить много воды' });
    await t.deps.models.Registration.updateOne({ trialId, studentId: pupils["Айбек"]!.id }, { $set: { status: "confirmed" } });

    await openRoster();
    expect(teacher.lastText).toContain("1. Токтогулов Айбек, 10А, Школа-гимназия №3\n");
    expect(teacher.lastText).toContain('2. =HYPERLINK("http://x","y") Аружан, 9Б, School No. 12\n');

    await teacher.tap("📄 CSV");
    expect(teacher.lastMessage.fileName).toBe("roster-2026-09-24-konditer-tort-za-den.csv");
    const bytes = Buffer.from(teacher.lastMessage.file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text).toBe(
      [
        "№,Last name,First name,Class,School,Status,Consent,Photo/video,Health note,Attended",
        '1,Токтогулов,Айбек,10А,Школа-гимназия №3,confirmed,given by a parent,"no answer from a parent yet, so don\'t publish","Аллергия на орехи, ""Зиртек"" в рюкзаке,\nпить много воды",',
        `2,"'=HYPERLINK(""http://x"",""y"")",Аружан,9Б,School No. 12,waiting for a parent's consent,not received yet,"no answer from a parent yet, so don't publish",,`,
        "",
      ].join("\r\n"),
    );
    // The only bare LF is the one inside the quoted health note.
    expect(text.split("\n").length - text.split("\r\n").length).toBe(1);
  });

  it("pages a long roster so every page fits in one Telegram message", async () => {
    trialId = await trial("Open day at the mine", { kind: "open_day", capacity: 40 });
    const names: string[] = [];
    for (let i = 1; i <= 20; i++) {
      const first = `Pupil${String(i).padStart(2, "0")}`;
      names.push(first);
      await pupil(first, `Long${String(i).padStart(2, "0")}`, 9, "А");
      await signUp(first);
      await consent(first, { kind: "participation", trialId, decision: "granted", healthNote: "x".repeat(500) });
      await t.deps.models.Registration.updateOne({ trialId, studentId: pupils[first]!.id }, { $set: { status: "confirmed" } });
    }
    await openRoster();
    const first = teacher.lastText;
    expect(first.length).toBeLessThanOrEqual(4096);
    expect(first).toMatch(/Page 1 of \d/);
    expect(first).toContain("1. Long01 Pupil01, 9А");
    expect(first).not.toContain("20. Long20");
    // A long note is cut on the screen; the CSV keeps it whole.
    expect(first).toContain(`🩺 ${"x".repeat(299)}…`);
    expect(teacher.buttons).toContain("▶️");
    expect(teacher.buttons).not.toContain("◀️");

    const seen = new Set<string>();
    let pages = 0;
    for (;;) {
      pages++;
      expect(teacher.lastText.length).toBeLessThanOrEqual(4096);
      for (const match of teacher.lastText.matchAll(/^\d+\. (Long\d+)/gm)) seen.add(match[1]!);
      if (!teacher.buttons.includes("▶️")) break;
      await teacher.tap("▶️");
    }
    expect(pages).toBeGreaterThan(1);
    expect(teacher.lastText).toContain(`Page ${pages} of ${pages}`);
    expect(teacher.buttons).toContain("◀️");
    expect(seen.size).toBe(20);

    await teacher.tap("📄 CSV");
    const csv = Buffer.from(teacher.lastMessage.file!).toString("utf8");
    expect(csv.split("\r\n")).toHaveLength(22);
    expect(csv).toContain(`,${"x".repeat(500)},`);
  });

  it("shows at most 15 pupils on a page", async () => {
    trialId = await trial("Open day at the mine", { kind: "open_day", capacity: 40 });
    for (let i = 1; i <= 17; i++) {
      await pupil(`Pupil${String(i).padStart(2, "0")}`, `Short${String(i).padStart(2, "0")}`, 9, "А");
      await signUp(`Pupil${String(i).padStart(2, "0")}`);
    }
    await openRoster();
    expect(teacher.lastText).toContain("15. Short15 Pupil15, 9А");
    expect(teacher.lastText).not.toContain("16. Short16");
    expect(teacher.lastText).toContain("Page 1 of 2");
    expect(teacher.buttons).toEqual(["▶️", "📄 CSV", "🔄 Refresh", "↩️ Back"]);
    await teacher.tap("▶️");
    expect(teacher.lastText).toContain("16. Short16 Pupil16, 9А");
    expect(teacher.lastText).toContain("17. Short17 Pupil17, 9А");
    expect(teacher.lastText).not.toContain("15. Short15");
    expect(teacher.buttons).toEqual(["◀️", "📄 CSV", "🔄 Refresh", "↩️ Back"]);
    // 🔄 keeps the page.
    await teacher.tap("🔄 Refresh");
    expect(teacher.lastText).toContain("Page 2 of 2");
  });

  it("says so when nobody has signed up, and still offers the CSV", async () => {
    trialId = await trial("Master class");
    await openRoster();
    expect(teacher.lastText).toBe(
      ["📋 Roster: «Master class»", "📅 24 September 2026, 10:00–13:00", "🪑 Places taken: 0 of 3"].join("\n") + "\n\nNobody has signed up yet.",
    );
    expect(teacher.buttons).toEqual(["📄 CSV", "🔄 Refresh", "↩️ Back"]);
  });

  it("builds a file name from the trial's local date and a Latin slug of any title", () => {
    const roster = (title: string) => ({ trial: { title, startsAt: new Date("2026-09-30T20:00:00Z"), timezone: "Asia/Almaty" } }) as Parameters<typeof rosterFileName>[0];
    expect(rosterFileName(roster("Бір күн наубайшы: нан зауыты"))).toBe("roster-2026-10-01-bir-kun-naubayshy-nan-zauyty.csv");
    expect(rosterFileName(roster("!!!"))).toBe("roster-2026-10-01-trial.csv");
  });
});
