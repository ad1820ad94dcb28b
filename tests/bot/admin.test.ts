import { Types } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminConfirmData, adminHomeData, adminSchoolData, adminTeacherData, adminZoneData } from "../../src/bot/callback-data/admin.js";
import { menuData } from "../../src/bot/callback-data/menu.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import type { TestUser } from "../support/test-user.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";

const NAME_ASK = "New school, step 1 of 4. Send the school's full name, for example: Abai Secondary School No. 5";
const REGION_ASK = "Step 2 of 4. Send the district and region, for example: Karasay district, Almaty region";
const ZONE_ASK = "Step 3 of 4. Choose the school's time zone: trial times and reminders will be shown in it.";
const ZONE_BUTTONS = [
  "Almaty, Astana (UTC+5)",
  "Kostanay (UTC+5)",
  "Kyzylorda (UTC+5)",
  "Aktobe (UTC+5)",
  "Aktau, Mangystau (UTC+5)",
  "Oral, West Kazakhstan (UTC+5)",
  "Kyrgyzstan, Bishkek (UTC+6)",
];
const NAME_INVALID = "The name should be 2 to 120 characters long. Please send the school's name again.";
const REGION_INVALID = "The district and region should be 2 to 80 characters long. Please send them again.";
const EXPECT_TEXT = "Please send your answer as a text message.";
const EXPECT_BUTTON = "Please choose one of the buttons below.";
const SCHOOL_BUTTONS = (teachers: number) => ["✉️ Invite a teacher", `👩‍🏫 Teachers (${teachers})`, "✏️ Rename", "⬅️ All schools"];

const preview = (name: string, region: string, zone: string) =>
  `Step 4 of 4. Check the details:\nName: ${name}\nDistrict, region: ${region}\nTime zone: ${zone}\n\nSave the school?`;
const card = (name: string, region: string, zone: string, teachers: number) =>
  `🏫 ${name}\nDistrict, region: ${region}\nTime zone: ${zone}\nTeachers in Bagdar: ${teachers}`;

describe("/admin for district coordinators", () => {
  let t: TestBot;
  let admin: TestUser;
  let adminId: Types.ObjectId;

  /** A stored user who has chosen a language and nothing else. */
  async function storedUser(person: TestUser, locale: "kk" | "ru" | "ky" | "en" = "en", extra: Record<string, unknown> = {}) {
    const doc = await t.deps.models.User.create({ telegramId: person.id, locale, roles: [], status: "active", ...extra });
    return doc._id;
  }

  const school = (name: string, region: string, timezone = "Asia/Almaty") => t.deps.models.School.create({ name, region, timezone });
  const schoolCount = () => t.deps.models.School.countDocuments({});
  const auditActions = async () => (await t.deps.models.AuditLog.find({}).sort({ at: 1, _id: 1 }).lean()).map((e) => e.action);

  beforeEach(async () => {
    // Test users get ids 100001, 100002, … in creation order: the first one is the configured admin.
    t = await createTestBot({ env: { ADMIN_TELEGRAM_IDS: "100001" } });
    admin = t.user({ languageCode: "en" });
    adminId = await storedUser(admin);
  });
  afterEach(async () => {
    await t.close();
  });

  describe("home", () => {
    it("lists every school with region and time zone, each a button, then 'Add a school'", async () => {
      await school("School No. 12", "Ili district, Almaty region");
      await school("Aitmatov Gymnasium", "Alamedin district, Chui region", "Asia/Bishkek");
      await school("Lyceum 3", "Aktobe city", "Asia/Aqtobe");
      await admin.command("admin");
      expect(admin.replies).toHaveLength(1);
      expect(admin.lastText).toBe(
        [
          "Schools: 3. Tap a school to open it.",
          "",
          "1. Aitmatov Gymnasium — Alamedin district, Chui region, Kyrgyzstan, Bishkek (UTC+6)",
          "2. Lyceum 3 — Aktobe city, Aktobe (UTC+5)",
          "3. School No. 12 — Ili district, Almaty region, Almaty, Astana (UTC+5)",
        ].join("\n"),
      );
      expect(admin.buttons).toEqual(["1. Aitmatov Gymnasium", "2. Lyceum 3", "3. School No. 12", "➕ Add a school", "⬅️ Main menu"]);
    });

    it("opens from the main menu's admin button too", async () => {
      await school("School No. 12", "Ili district, Almaty region");
      await admin.tapData(menuData.pack({ action: "admin" }));
      expect(admin.lastText).toBe("Schools: 1. Tap a school to open it.\n\n1. School No. 12 — Ili district, Almaty region, Almaty, Astana (UTC+5)");
      expect(admin.buttons).toEqual(["1. School No. 12", "➕ Add a school", "⬅️ Main menu"]);
    });

    it("invites the admin to add the first school when there is none", async () => {
      await admin.command("admin");
      expect(admin.lastText).toBe("There are no schools yet. Add the first one.");
      expect(admin.buttons).toEqual(["➕ Add a school", "⬅️ Main menu"]);
    });

    it("pages a long list, eight schools at a time", async () => {
      for (let i = 1; i <= 10; i++) await school(`School ${String(i).padStart(2, "0")}`, "Region");
      await admin.command("admin");
      expect(admin.lastText.split("\n").at(-1)).toBe("Page 1 of 2");
      expect(admin.buttons).toEqual([...Array.from({ length: 8 }, (_, i) => `${i + 1}. School 0${i + 1}`), "▶️", "➕ Add a school", "⬅️ Main menu"]);
      await admin.tap("▶️");
      expect(admin.replies).toEqual([]); // the same message turns the page
      expect(admin.lastText).toBe(
        [
          "Schools: 10. Tap a school to open it.",
          "",
          "9. School 09 — Region, Almaty, Astana (UTC+5)",
          "10. School 10 — Region, Almaty, Astana (UTC+5)",
          "",
          "Page 2 of 2",
        ].join("\n"),
      );
      expect(admin.buttons).toEqual(["9. School 09", "10. School 10", "◀️", "➕ Add a school", "⬅️ Main menu"]);
    });

    it("speaks the admin's language", async () => {
      await t.deps.models.User.updateOne({ _id: adminId }, { $set: { locale: "ru" } });
      await school("СОШ № 5 имени Абая", "Карасайский район, Алматинская область", "Asia/Oral");
      await admin.command("admin");
      expect(admin.lastText).toBe(
        "Всего школ: 1. Выберите школу, чтобы открыть её.\n\n1. СОШ № 5 имени Абая — Карасайский район, Алматинская область, Уральск, ЗКО (UTC+5)",
      );
      expect(admin.buttons).toEqual(["1. СОШ № 5 имени Абая", "➕ Добавить школу", "⬅️ Главное меню"]);
      await admin.tap("1. СОШ № 5 имени Абая");
      expect(admin.lastText).toBe(
        "🏫 СОШ № 5 имени Абая\nРайон, область: Карасайский район, Алматинская область\nЧасовой пояс: Уральск, ЗКО (UTC+5)\nПедагогов в Багдаре: 0",
      );
      expect(admin.buttons).toEqual(["✉️ Пригласить педагога", "👩‍🏫 Педагоги (0)", "✏️ Переименовать", "⬅️ Все школы"]);
    });

    it("opens a school and comes back to the list", async () => {
      await school("School No. 12", "Ili district, Almaty region");
      await admin.command("admin");
      await admin.tap("1. School No. 12");
      expect(admin.lastText).toBe(card("School No. 12", "Ili district, Almaty region", "Almaty, Astana (UTC+5)", 0));
      expect(admin.buttons).toEqual(SCHOOL_BUTTONS(0));
      await admin.tap("⬅️ All schools");
      expect(admin.lastText).toBe("Schools: 1. Tap a school to open it.\n\n1. School No. 12 — Ili district, Almaty region, Almaty, Astana (UTC+5)");
    });

    it("answers a malformed admin button as out of date", async () => {
      await admin.tapData("1:adm-s:open:not-an-id");
      expect(admin.lastAnswer).toBe(STALE);
      await admin.tapData("1:adm:list:-1");
      expect(admin.lastAnswer).toBe(STALE);
      expect(admin.replies).toEqual([]);
    });
  });

  describe("adding a school", () => {
    it("asks name, region and time zone, previews, and stores only on Save", async () => {
      await admin.command("admin");
      await admin.tap("➕ Add a school");
      expect(admin.lastText).toBe(NAME_ASK);

      await admin.send("  Abai   Secondary School No. 5 ");
      expect(admin.lastText).toBe(REGION_ASK);
      await admin.send("Karasay district, Almaty region");
      expect(admin.lastText).toBe(ZONE_ASK);
      expect(admin.buttons).toEqual(ZONE_BUTTONS);
      await admin.tap("Aktobe (UTC+5)");
      expect(admin.replies.map((m) => m.text)).toEqual([preview("Abai Secondary School No. 5", "Karasay district, Almaty region", "Aktobe (UTC+5)")]);
      expect(admin.buttons).toEqual(["✅ Save", "✖️ Cancel"]);
      expect(await schoolCount()).toBe(0);

      await admin.tap("✅ Save");
      expect(admin.replies).toHaveLength(1);
      expect(admin.lastText).toBe(`✅ School added.\n\n${card("Abai Secondary School No. 5", "Karasay district, Almaty region", "Aktobe (UTC+5)", 0)}`);
      expect(admin.buttons).toEqual(SCHOOL_BUTTONS(0));

      const stored = await t.deps.models.School.find({}).lean();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ name: "Abai Secondary School No. 5", region: "Karasay district, Almaty region", timezone: "Asia/Aqtobe" });
      const audit = await t.deps.models.AuditLog.find({}).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "school.created", entity: "school", actorId: adminId, entityId: stored[0]!._id });

      // The dialog is over: the new school is on the list, and text goes back to the ordinary handlers.
      await admin.command("admin");
      expect(admin.buttons[0]).toBe("1. Abai Secondary School No. 5");
    });

    it("re-asks each step after a sticker, a photo, a too long or too short text, and stores nothing until Save", async () => {
      await admin.command("admin");
      await admin.tap("➕ Add a school");

      // Step 1: the name.
      await admin.sendSticker();
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_TEXT, NAME_ASK]);
      await admin.sendPhoto("School 5");
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_TEXT, NAME_ASK]);
      await admin.send("x".repeat(5000));
      expect(admin.replies.map((m) => m.text)).toEqual([NAME_INVALID]);
      await admin.send("x".repeat(121));
      expect(admin.replies.map((m) => m.text)).toEqual([NAME_INVALID]);
      await admin.send("  A  ");
      expect(admin.replies.map((m) => m.text)).toEqual([NAME_INVALID]);
      await admin.tapData(adminZoneData.pack({ zone: "almaty" })); // a button from another step
      expect(admin.lastAnswer).toBe(STALE);
      expect(admin.replies).toEqual([]);
      await admin.send("x".repeat(120));
      expect(admin.lastText).toBe(REGION_ASK);

      // Step 2: the region.
      await admin.sendVoice();
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_TEXT, REGION_ASK]);
      await admin.send("r".repeat(5000));
      expect(admin.replies.map((m) => m.text)).toEqual([REGION_INVALID]);
      await admin.send("r".repeat(81));
      expect(admin.replies.map((m) => m.text)).toEqual([REGION_INVALID]);
      await admin.send("Alamedin district, Chui region");
      expect(admin.lastText).toBe(ZONE_ASK);

      // Step 3: the time zone, buttons only.
      await admin.send("Bishkek");
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, ZONE_ASK]);
      expect(admin.buttons).toEqual(ZONE_BUTTONS);
      await admin.sendSticker();
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, ZONE_ASK]);
      await admin.send("y".repeat(5000));
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, ZONE_ASK]);
      await admin.tapData("1:adm-tz:moscow"); // not a zone we offer
      expect(admin.lastAnswer).toBe(STALE);
      expect(admin.replies).toEqual([]);
      await admin.tap("Kyrgyzstan, Bishkek (UTC+6)");
      const expectedPreview = preview("x".repeat(120), "Alamedin district, Chui region", "Kyrgyzstan, Bishkek (UTC+6)");
      expect(admin.lastText).toBe(expectedPreview);

      // Step 4: the preview, buttons only.
      await admin.send("yes");
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, expectedPreview]);
      expect(admin.buttons).toEqual(["✅ Save", "✖️ Cancel"]);
      await admin.sendPhoto();
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, expectedPreview]);
      expect(await schoolCount()).toBe(0);

      await admin.tap("✅ Save");
      const stored = await t.deps.models.School.find({}).lean();
      expect(stored.map((s) => [s.name, s.region, s.timezone])).toEqual([["x".repeat(120), "Alamedin district, Chui region", "Asia/Bishkek"]]);
    });

    it("stores nothing when the admin cancels at the preview", async () => {
      await admin.command("admin");
      await admin.tap("➕ Add a school");
      await admin.send("Lyceum 7");
      await admin.send("Oral city");
      await admin.tap("Oral, West Kazakhstan (UTC+5)");
      await admin.tap("✖️ Cancel");
      expect(admin.lastText).toBe("Cancelled, nothing was saved.");
      expect(admin.buttons).toEqual(["⬅️ All schools"]);
      expect(await schoolCount()).toBe(0);
      expect(await auditActions()).toEqual([]);
      // An old Save button of the finished dialog does nothing.
      await admin.tapData(adminConfirmData.pack({ choice: "save" }));
      expect(admin.lastAnswer).toBe(STALE);
      expect(await schoolCount()).toBe(0);
    });

    it("leaves the dialog on /cancel with nothing stored", async () => {
      await admin.command("admin");
      await admin.tap("➕ Add a school");
      await admin.send("Lyceum 7");
      await admin.command("cancel");
      expect(admin.lastText).toBe(t.bot.i18n.t("en", "cancel-done"));
      await admin.send("Oral city"); // no longer an answer to the dialog
      expect(admin.lastText).not.toBe(ZONE_ASK);
      expect(await schoolCount()).toBe(0);
    });
  });

  describe("renaming a school", () => {
    it("asks the new name, confirms, stores it and writes the audit log", async () => {
      const stored = await school("School No. 12", "Ili district, Almaty region");
      await admin.command("admin");
      await admin.tap("1. School No. 12");
      await admin.tap("✏️ Rename");
      expect(admin.lastText).toBe("Current name: School No. 12\nSend the school's new name.");
      await admin.sendSticker();
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_TEXT, "Current name: School No. 12\nSend the school's new name."]);
      await admin.send("Z");
      expect(admin.lastText).toBe(NAME_INVALID);
      await admin.send("n".repeat(5000));
      expect(admin.lastText).toBe(NAME_INVALID);
      await admin.send("Abai School-Lyceum No. 12");
      expect(admin.lastText).toBe("Rename the school?\nWas: School No. 12\nWill be: Abai School-Lyceum No. 12");
      expect(admin.buttons).toEqual(["✅ Save", "✖️ Cancel"]);
      await admin.send("ok");
      expect(admin.replies.map((m) => m.text)).toEqual([EXPECT_BUTTON, "Rename the school?\nWas: School No. 12\nWill be: Abai School-Lyceum No. 12"]);
      expect((await t.deps.models.School.findById(stored._id).lean())?.name).toBe("School No. 12");

      await admin.tap("✅ Save");
      expect(admin.lastText).toBe(`✅ The name has been changed.\n\n${card("Abai School-Lyceum No. 12", "Ili district, Almaty region", "Almaty, Astana (UTC+5)", 0)}`);
      expect((await t.deps.models.School.findById(stored._id).lean())?.name).toBe("Abai School-Lyceum No. 12");
      const audit = await t.deps.models.AuditLog.find({}).lean();
      expect(audit.map((e) => [e.action, String(e.actorId), String(e.entityId)])).toEqual([["school.renamed", String(adminId), String(stored._id)]]);
    });

    it("keeps the old name when the admin cancels", async () => {
      const stored = await school("School No. 12", "Ili district");
      await admin.command("admin");
      await admin.tap("1. School No. 12");
      await admin.tap("✏️ Rename");
      await admin.send("Another name");
      await admin.tap("✖️ Cancel");
      expect(admin.lastText).toBe("Cancelled, nothing was saved.");
      expect((await t.deps.models.School.findById(stored._id).lean())?.name).toBe("School No. 12");
      expect(await auditActions()).toEqual([]);
    });
  });

  describe("teacher invites", () => {
    it("sends a forwardable message with the deep link, the code and the expiry, and stores a 7-day teacher invite", async () => {
      const stored = await school("School <No. 12> & Co", "Ili district", "Asia/Almaty");
      await admin.command("admin");
      await admin.tap("1. School <No. 12> & Co");
      await admin.tap("✉️ Invite a teacher");

      expect(admin.replies).toHaveLength(2);
      expect(admin.replies[0]!.text).toBe(
        "The invitation is ready: School <No. 12> & Co. Forward the next message to the teacher. The link works once and is valid for 7 days.",
      );
      const forward = admin.replies[1]!;
      const code = /\?start=inv_([A-Za-z0-9_-]+)/.exec(forward.text)?.[1];
      expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(forward.parseMode).toBe("HTML");
      expect(forward.text).toBe(
        [
          "Hello! You are invited to Bagdar, the career guidance bot, as a career guidance teacher. School: School &lt;No. 12&gt; &amp; Co.",
          "",
          "To join, open the link:",
          `https://t.me/bagdar_test_bot?start=inv_${code}`,
          "",
          `If the link doesn't open, send this code to @bagdar_test_bot: <code>${code}</code>`,
          "",
          // 2026-09-14 09:00 UTC + 7 days = 21 September, 14:00 in Almaty.
          "The invitation works once and is valid until 21 September 2026.",
        ].join("\n"),
      );

      const invites = await t.deps.models.Invite.find({}).lean();
      expect(invites).toHaveLength(1);
      expect(invites[0]).toMatchObject({ code, kind: "teacher", createdBy: adminId });
      expect(String(invites[0]!.schoolId)).toBe(String(stored._id));
      expect(invites[0]!.expiresAt.getTime()).toBe(t.clock.now().getTime() + 7 * DAY_MS);
      expect(invites[0]!.usedAt ?? undefined).toBeUndefined();
      const audit = await t.deps.models.AuditLog.find({}).lean();
      expect(audit.map((e) => [e.action, String(e.actorId), String(e.entityId), e.details])).toEqual([
        ["invite.created", String(adminId), String(invites[0]!._id), { kind: "teacher" }],
      ]);

      // Each tap makes a fresh single-use code.
      await admin.tapData(adminSchoolData.pack({ action: "invite", school: stored._id.toHexString() }));
      const codes = (await t.deps.models.Invite.find({}).lean()).map((i) => i.code);
      expect(new Set(codes).size).toBe(2);
    });

    it("dates the expiry in the admin's language", async () => {
      await t.deps.models.User.updateOne({ _id: adminId }, { $set: { locale: "kk" } });
      const stored = await school("№5 мектеп", "Қарасай ауданы");
      await admin.tapData(adminSchoolData.pack({ action: "invite", school: stored._id.toHexString() }));
      expect(admin.replies[0]!.text).toBe(
        "Шақыру дайын: №5 мектеп. Келесі хабарламаны педагогке қайта жіберіңіз. Сілтеме бір рет қана жұмыс істейді және 7 күн жарамды.",
      );
      expect(admin.lastText.split("\n").at(-1)).toBe(
        `Шақыру бір рет қана қолданылады, жарамдылық мерзімі — ${new Intl.DateTimeFormat("kk", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Almaty" }).format(new Date("2026-09-21T09:00:00Z"))}.`,
      );
    });
  });

  describe("teachers", () => {
    async function seedTeachers() {
      const mine = await school("School No. 12", "Ili district");
      const other = await school("Lyceum 3", "Aktobe city", "Asia/Aqtobe");
      const teacherPerson = t.user({ languageCode: "kk" });
      const teacherId = await storedUser(teacherPerson, "kk", {
        roles: ["teacher", "guardian"],
        teacherSchoolId: mine._id,
        firstName: "Aigerim",
        lastName: "Sadykova",
      });
      const unnamedPerson = t.user();
      const unnamedId = await storedUser(unnamedPerson, "kk", { roles: ["teacher"], teacherSchoolId: mine._id });
      const elsewhere = t.user();
      const elsewhereId = await storedUser(elsewhere, "ru", { roles: ["teacher"], teacherSchoolId: other._id, firstName: "Bolat" });
      return { mine, other, teacherPerson, teacherId, unnamedPerson, unnamedId, elsewhereId };
    }

    it("lists the school's teachers and revokes one after a confirmation", async () => {
      const { mine, teacherId, unnamedPerson, unnamedId, elsewhereId } = await seedTeachers();
      await admin.command("admin");
      await admin.tap("2. School No. 12");
      expect(admin.lastText).toBe(card("School No. 12", "Ili district", "Almaty, Astana (UTC+5)", 2));
      await admin.tap("👩‍🏫 Teachers (2)");
      const unnamed = `No name (Telegram ID ${unnamedPerson.id})`;
      expect(admin.lastText).toBe(`Teachers — School No. 12:\n• Aigerim Sadykova\n• ${unnamed}`);
      expect(admin.buttons).toEqual(["✖️ Revoke access: Aigerim Sadykova", `✖️ Revoke access: ${unnamed}`, "⬅️ Back to the school"]);

      await admin.tap("✖️ Revoke access: Aigerim Sadykova");
      expect(admin.lastText).toBe(
        "Aigerim Sadykova will no longer be a teacher (School No. 12) and will lose access to the school's trials, rosters and reports. You can invite them again at any time.\n\nRevoke teacher access?",
      );
      expect(admin.buttons).toEqual(["Yes, revoke", "Cancel"]);
      await admin.tap("Cancel");
      expect(admin.lastText).toBe(`Teachers — School No. 12:\n• Aigerim Sadykova\n• ${unnamed}`);
      expect((await t.deps.models.User.findById(teacherId).lean())?.roles).toEqual(["teacher", "guardian"]);

      await admin.tap("✖️ Revoke access: Aigerim Sadykova");
      await admin.tap("Yes, revoke");
      expect(admin.lastText).toBe(`Done: Aigerim Sadykova is no longer a teacher (School No. 12).\n\nTeachers — School No. 12:\n• ${unnamed}`);
      expect(admin.buttons).toEqual([`✖️ Revoke access: ${unnamed}`, "⬅️ Back to the school"]);

      const revoked = await t.deps.models.User.findById(teacherId).lean();
      expect(revoked?.roles).toEqual(["guardian"]); // other roles stay
      expect(revoked?.teacherSchoolId).toBeUndefined();
      expect((await t.deps.models.User.findById(unnamedId).lean())?.roles).toEqual(["teacher"]);
      expect((await t.deps.models.User.findById(elsewhereId).lean())?.roles).toEqual(["teacher"]);
      const audit = await t.deps.models.AuditLog.find({}).lean();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "role.revoked", entity: "user", actorId: adminId, entityId: teacherId });
      expect(audit[0]!.details).toEqual({ role: "teacher", schoolId: mine._id });

      // The former teacher is told, through the outbox, in their own language at send time.
      const notices = await t.deps.models.Notification.find({ kind: "role-revoked" }).lean();
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        chatId: revoked!.telegramId,
        payload: { key: "admin-teacher-revoked-notice", params: { school: "School No. 12" } },
        status: "pending",
        urgent: false,
      });
      expect(notices[0]!.userId.equals(teacherId)).toBe(true);

      // The old "Yes" again: nothing left to revoke, nothing changes.
      await admin.tapData(adminTeacherData.pack({ action: "revoke", user: teacherId.toHexString() }));
      expect(admin.lastAnswer).toBe("This person is no longer a teacher. Nothing was changed.");
      expect(await auditActions()).toEqual(["role.revoked"]);
      expect(await t.deps.models.Notification.countDocuments({ kind: "role-revoked" })).toBe(1);

      await admin.tap("⬅️ Back to the school");
      expect(admin.lastText).toBe(card("School No. 12", "Ili district", "Almaty, Astana (UTC+5)", 1));
    });

    it("says so when a school has no teachers yet", async () => {
      await school("School No. 12", "Ili district");
      await admin.command("admin");
      await admin.tap("1. School No. 12");
      await admin.tap("👩‍🏫 Teachers (0)");
      expect(admin.lastText).toBe("School No. 12: no teachers in Bagdar yet. To add one, tap “Invite a teacher” on the school's screen.");
      expect(admin.buttons).toEqual(["⬅️ Back to the school"]);
    });
  });

  describe("someone who is not an admin", () => {
    it("is refused /admin, with or without a stored account", async () => {
      const stranger = t.user({ languageCode: "en" });
      await stranger.command("admin");
      expect(stranger.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);

      const teacher = t.user({ languageCode: "ru" });
      await storedUser(teacher, "ru", { roles: ["teacher", "student"] });
      await teacher.command("admin");
      expect(teacher.replies.map((m) => m.text)).toEqual(["Извините, это вам недоступно."]);
    });

    it("changes nothing with forged admin buttons", async () => {
      const stored = await school("School No. 12", "Ili district");
      const schoolHex = stored._id.toHexString();
      const teacherPerson = t.user();
      const teacherId = await storedUser(teacherPerson, "en", { roles: ["teacher"], teacherSchoolId: stored._id, firstName: "Aigerim" });
      const intruder = t.user({ languageCode: "en" });
      await storedUser(intruder, "en", { roles: ["student"] });

      const forged = [
        adminHomeData.pack({ action: "list", page: 0 }),
        adminHomeData.pack({ action: "add", page: 0 }),
        adminSchoolData.pack({ action: "open", school: schoolHex }),
        adminSchoolData.pack({ action: "teachers", school: schoolHex }),
        adminSchoolData.pack({ action: "rename", school: schoolHex }),
        adminSchoolData.pack({ action: "invite", school: schoolHex }),
        adminTeacherData.pack({ action: "ask", user: teacherId.toHexString() }),
        adminTeacherData.pack({ action: "revoke", user: teacherId.toHexString() }),
      ];
      for (const data of forged) {
        await intruder.tapData(data);
        expect(intruder.replies.map((m) => m.text), data).toEqual([NOT_ALLOWED]);
      }
      // No dialog was opened: a name typed now is not taken as a school name.
      await intruder.send("Evil School");
      expect(intruder.lastText).not.toBe(REGION_ASK);
      for (const data of [adminZoneData.pack({ zone: "almaty" }), adminConfirmData.pack({ choice: "save" })]) {
        await intruder.tapData(data);
        expect(intruder.lastAnswer).toBe(STALE);
      }

      expect(await t.deps.models.School.find({}).lean()).toMatchObject([{ name: "School No. 12" }]);
      expect(await t.deps.models.Invite.countDocuments({})).toBe(0);
      const teacher = await t.deps.models.User.findById(teacherId).lean();
      expect(teacher?.roles).toEqual(["teacher"]);
      expect(String(teacher?.teacherSchoolId)).toBe(schoolHex);
      expect(await t.deps.models.AuditLog.countDocuments({})).toBe(0);
      expect(t.telegram.callsOf("sendMessage").filter((c) => c.payload.chat_id === intruder.id).map((c) => c.payload.text)).not.toContain(
        expect.stringContaining("inv_"),
      );
    });
  });

  it("checks the admin role again at Save: a role withdrawn mid-dialog stores nothing", async () => {
    const coordinator = t.user({ languageCode: "en" });
    const coordinatorId = await storedUser(coordinator, "en", { roles: ["admin"] });
    await coordinator.command("admin");
    await coordinator.tap("➕ Add a school");
    await coordinator.send("Lyceum 7");
    await coordinator.send("Oral city");
    await coordinator.tap("Oral, West Kazakhstan (UTC+5)");
    await t.deps.models.User.updateOne({ _id: coordinatorId }, { $pull: { roles: "admin" } });
    await coordinator.tap("✅ Save");
    expect(coordinator.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
    expect(await schoolCount()).toBe(0);
    expect(await auditActions()).toEqual([]);
  });

  it("refuses a forged button for a school that does not exist", async () => {
    await admin.tapData(adminSchoolData.pack({ action: "invite", school: new Types.ObjectId().toHexString() }));
    expect(admin.lastText).toBe("This school is no longer on the list.");
    expect(admin.buttons).toEqual(["⬅️ All schools"]);
    expect(await t.deps.models.Invite.countDocuments({})).toBe(0);
  });
});
