import ExcelJS from "exceljs";
import { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  reportsClassChartData,
  reportsClassData,
  reportsDistrictData,
  reportsDistrictExportData,
  reportsExportData,
  reportsSchoolData,
  reportsTrialChartData,
  reportsTrialData,
} from "../../src/bot/callback-data/reports.js";
import { trialOpenData } from "../../src/bot/callback-data/trials.js";
import { classScreen, SCREEN_BUDGET, trialsScreen } from "../../src/bot/keyboards/reports.js";
import type { ClassReport, SchoolReport } from "../../src/services/reports.js";
import type { SentMessage } from "../support/fake-telegram.js";
import { createTestBot, type TestBot } from "../support/harness.js";
import { seedReportFixture, type ReportFixture } from "../support/report-fixture.js";
import { buttonsOf, type TestUser } from "../support/test-user.js";

const NOT_ALLOWED = "Sorry, that isn't available to you.";
const STALE = "This button is out of date. Send /start to get a fresh one.";
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Every pupil of the fixture, first and last names: none may reach an admin's district view. */
const PUPIL_NAMES = [
  "Аружан", "Абенова", "Бекзат", "Байжанов", "Данияр", "Жумабаев", "Ерлан", "Касымов", "Гульнара", "Омарова", "Жанар", "Искакова",
  "Айгерим", "Нурланова", "Мадина", "Серикова", "Тимур", "Ахметов", "Зарина", "Блокова", "Нурлан", "Бекенов", "Асель", "Дауренова",
];

const SCHOOL_A_SCREEN = [
  "📊 Гимназия №1 · school year 2026/2027",
  "",
  "👥 Pupils in grades 7–11: 8",
  "🛠 With at least one trial: 5 (63%)",
  "🤝 With four or more contacts with the world of work: 2 (25%)",
  "⭐ Average rating of trials: 4 (target: 4 of 5)",
  "",
  "🧭 Interest types (from the questionnaire):",
  "• Maker: 2",
  "• Creator: 1",
  "• Helper: 1",
  "• Organiser: 1",
  "• Keeper of order: 1",
  "• No questionnaire yet: 2",
  "",
  "🔍 Pupils are interested in these, but no trial offers them: Organiser, Keeper of order",
  "📝 Reflections still to write: 6",
  "",
  "Tap a class to see its pupils. The button shows how many have a trial.",
].join("\n");
const SCHOOL_A_BUTTONS = ["8А · 3/4", "9Б · 2/3", "10А · 0/1", "🎟 Trials", "📈 Charts", "📄 Exports", "🏠 Menu"];

/** A minimal RFC 4180 reader: quoted fields may hold commas. */
function parseCsv(bytes: Uint8Array): string[][] {
  const text = Buffer.from(bytes).toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && body[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function parseXlsx(bytes: Uint8Array): Promise<{ name: string; rows: unknown[][] }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => ({ name: sheet.name, rows: sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1)) }));
}

/** The newest message with buttons: the screen, edited in place, even after a photo was sent below it. */
function screen(user: TestUser): SentMessage {
  const found = [...user.messages].reverse().find((m) => m.replyMarkup);
  if (!found) throw new Error("no screen");
  return found;
}

function expectPng(message: SentMessage): void {
  expect(message.kind).toBe("photo");
  expect([...message.file!.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(message.file!.length).toBeGreaterThan(5_000);
}

describe("reports in the bot", () => {
  let t: TestBot;
  let f: ReportFixture;
  const tg: Record<"teacherA" | "teacherB" | "admin" | "pupil", number> = { teacherA: 0, teacherB: 0, admin: 0, pupil: 0 };
  const userOf = (who: keyof typeof tg) => t.user({ id: tg[who], languageCode: "en" });
  const hex = (id: Types.ObjectId) => id.toHexString();

  beforeAll(async () => {
    t = await createTestBot();
    f = await seedReportFixture(t.deps.models, t.clock);
    await t.deps.models.User.updateMany({}, { $set: { locale: "en" } });
    const telegramId = async (id: Types.ObjectId) => (await t.deps.models.User.findById(id).lean())!.telegramId;
    tg.teacherA = await telegramId(f.teachers.a);
    tg.teacherB = await telegramId(f.teachers.b);
    tg.admin = await telegramId(f.admin);
    tg.pupil = await telegramId(f.pupils.a1);
  });
  afterAll(async () => {
    await t.close();
  });

  describe("a teacher of school A", () => {
    let teacher: TestUser;
    beforeAll(() => {
      teacher = userOf("teacherA");
    });

    it("opens the school report from the main menu, with the year's figures", async () => {
      await teacher.command("menu");
      expect(teacher.buttons).toEqual(["🗂 School trials", "➕ New trial", "📣 Broadcast", "📋 My broadcasts", "📊 Reports", "🌐 Language", "🔒 My data"]);
      await teacher.tap("📊 Reports");
      expect(teacher.replies.map((m) => m.text)).toEqual([SCHOOL_A_SCREEN]);
      expect(teacher.buttons).toEqual(SCHOOL_A_BUTTONS);
    });

    it("opens it with /reports too", async () => {
      await teacher.command("reports");
      expect(teacher.lastText).toBe(SCHOOL_A_SCREEN);
    });

    it("shows a class: targets, interest types, and who still owes a reflection for which trial", async () => {
      await teacher.command("reports");
      const schoolMessage = teacher.lastMessage.messageId;
      await teacher.tap("8А · 3/4");
      expect(teacher.replies).toEqual([]); // the same message, edited in place
      expect(teacher.lastMessage.messageId).toBe(schoolMessage);
      expect(teacher.lastText).toBe(
        [
          "📊 Class 8А · Гимназия №1 · 2026/2027",
          "",
          "👥 Pupils in grades 7–11: 4",
          "🛠 With at least one trial: 3 (75%)",
          "🤝 With four or more contacts with the world of work: 1 (25%)",
          "⭐ Average rating of trials: 4.4 (target: 4 of 5)",
          "",
          "🧭 Interest types (from the questionnaire):",
          "• Maker: 2",
          "• Organiser: 1",
          "• No questionnaire yet: 1",
          "",
          "🔍 Pupils are interested in these, but no trial offers them: Organiser",
          "",
          "📝 Reflections still to write (3):",
          "• Байжанов Бекзат: «Экскурсия на ГЭС», «День открытых дверей»",
          "• Жумабаев Данияр: «Сварщик»",
        ].join("\n"),
      );
      expect(teacher.buttons).toEqual(["📈 Interest chart", "↩️ Back", "🏠 Menu"]);

      await teacher.tap("📈 Interest chart");
      expect(teacher.replies).toHaveLength(1);
      expectPng(teacher.replies[0]!);
      expect(teacher.replies[0]!.text).toBe("Interest types · 8А");

      await teacher.tap("↩️ Back");
      expect(screen(teacher).text).toBe(SCHOOL_A_SCREEN);
      expect(screen(teacher).messageId).toBe(schoolMessage);
    });

    it("lists the year's trials, its own and those opened to it, and opens a trial's report", async () => {
      await teacher.command("reports");
      await teacher.tap("🎟 Trials");
      expect(teacher.lastText).toBe(
        [
          "🎟 Trials of 2026/2027: 6",
          "",
          "1. 🛠 «Сварщик» · 15.10 09:00",
          "    came 6 of 9 signed up",
          "2. 🚌 «Экскурсия на ГЭС» · 10.11 09:00",
          "    came 4 of 5 signed up",
          "3. 🚪 «День открытых дверей» · 20.01 10:00",
          "    came 5 of 6 signed up",
          "4. 🎨 «Мастер-класс по дизайну» · 10.02 11:00",
          "    came 3 of 4 signed up",
          "5. 🛠 «Повар» · 15.03 08:00",
          "    came 2 of 2 signed up",
          "6. 🤝 «Встреча с врачом» · 01.04 10:00",
          "    came 0 of 7 signed up",
        ].join("\n"),
      );
      await teacher.tap("1. Сварщик");
      expect(teacher.lastText).toBe(
        [
          "🛠 «Сварщик»",
          "📅 15 October 2026, 09:00–12:00",
          "✔️ finished",
          "",
          "📝 Signed up: 9 (places: 10)",
          "✅ With consent: 7",
          "🙋 Came: 6 · didn't come: 1",
          "⏳ Consent awaited: 0 · refused: 1 · expired: 0",
          "🕒 On the waiting list: 0",
          "",
          "💭 Reflections written: 4 of 6",
          "📈 Interest (1–5): 2 → 3 (answered before and after: 3)",
          "👍 Liked it: 75% (yes 3 · no 1 · can't say 0)",
          "🎯 Would choose the profession: 25% (yes 1 · no 2 · can't say 1)",
          "💡 Found it useful: 50% (yes 2 · no 1 · can't say 1)",
          "⭐ Average rating: 3.5 of 5",
        ].join("\n"),
      );
      expect(teacher.buttons).toEqual(["📈 Before → after chart", "↩️ Back", "🏠 Menu"]);

      await teacher.tap("📈 Before → after chart");
      expect(teacher.replies).toHaveLength(1);
      expectPng(teacher.replies[0]!);
      expect(teacher.replies[0]!.text).toBe("Interest before → after · Сварщик");

      // A trial school B opened to school A is in A's report too.
      await teacher.tap("↩️ Back");
      await teacher.tap("4. Мастер-класс по дизайну");
      expect(screen(teacher).text).toContain("📝 Signed up: 4 (places: 12)\n✅ With consent: 4\n🙋 Came: 3 · didn't come: 1");
    });

    it("shows empty figures as a dash, never NaN", async () => {
      await teacher.tapData(reportsTrialData.pack({ trial: hex(f.trials.meeting), back: "0" }));
      expect(teacher.lastText).toContain("📈 Interest before → after: — (no one has answered both times yet)");
      expect(teacher.lastText).toContain("👍 Liked it: — (yes 0 · no 0 · can't say 0)");
      expect(teacher.lastText).toContain("⭐ Average rating: — of 5");
      expect(teacher.lastText).not.toContain("NaN");
    });

    it("reaches a trial's report from the trial's card, and goes back to the card", async () => {
      await teacher.command("menu");
      await teacher.tapData(trialOpenData.pack({ trial: hex(f.trials.welding) }));
      expect(teacher.buttons.slice(0, 2)).toEqual(["👥 Roster", "📊 Report"]);
      await teacher.tap("📊 Report");
      expect(teacher.lastText.split("\n")[0]).toBe("🛠 «Сварщик»");
      await teacher.tap("↩️ Back");
      expect(teacher.buttons.slice(0, 2)).toEqual(["👥 Roster", "📊 Report"]);
    });

    it("sends the charts as pictures: targets per class, interest types, interest before → after", async () => {
      await teacher.command("reports");
      await teacher.tap("📈 Charts");
      expect(teacher.replies.map((m) => m.text)).toEqual([
        "Yearly targets · Гимназия №1 · 2026/2027",
        "Interest types · Гимназия №1",
        "Interest before → after · Гимназия №1",
      ]);
      expect(teacher.replies.map((m) => m.fileName)).toEqual(["targets-2026-2027.png", "interests-2026-2027.png", "before-after-2026-2027.png"]);
      teacher.replies.forEach(expectPng);
    });

    it("exports the trial journal, the class table and the pupils as CSV and as .xlsx", async () => {
      await teacher.command("reports");
      await teacher.tap("📄 Exports");
      expect(teacher.lastText).toBe("📄 Exports · Гимназия №1 · 2026/2027. CSV opens in Excel; XLSX is an Excel workbook.");
      expect(teacher.buttons).toEqual([
        "📄 Trial journal · CSV",
        "📗 Trial journal · XLSX",
        "📄 Classes · CSV",
        "📗 Classes · XLSX",
        "📄 Pupils · CSV",
        "📗 Pupils · XLSX",
        "↩️ Back",
        "🏠 Menu",
      ]);

      await teacher.tap("📄 Trial journal · CSV");
      let sent = teacher.replies[0]!;
      expect(sent.kind).toBe("document");
      expect(sent.fileName).toBe("journal-2026-2027.csv");
      expect(sent.text).toBe("📄 Trial journal · Гимназия №1 · 2026/2027 · rows: 6");
      const journal = parseCsv(sent.file!);
      expect(journal[0]!.slice(0, 4)).toEqual(["Date", "Time", "Duration, h", "Title"]);
      expect(journal[1]!.slice(0, 4)).toEqual(["15.10.2026", "09:00–12:00", "3", "Сварщик"]);
      expect(journal[1]![journal[0]!.indexOf("Attended")]).toBe("6");
      expect(journal.map((row) => row[3])).toEqual(["Title", "Сварщик", "Экскурсия на ГЭС", "День открытых дверей", "Мастер-класс по дизайну", "Повар", "Встреча с врачом"]);

      await teacher.tap("📗 Trial journal · XLSX");
      sent = teacher.replies[0]!;
      expect(sent.fileName).toBe("journal-2026-2027.xlsx");
      const [journalSheet] = await parseXlsx(sent.file!);
      expect(journalSheet!.name).toBe("Trial journal");
      expect(journalSheet!.rows[1]!.slice(0, 4)).toEqual(["15.10.2026", "09:00–12:00", 3, "Сварщик"]);

      await teacher.tap("📄 Classes · CSV");
      sent = teacher.replies[0]!;
      expect(sent.fileName).toBe("classes-2026-2027.csv");
      expect(parseCsv(sent.file!)).toEqual([
        ["Class", "Pupils", "With a trial", "With a trial, %", "With 4+ contacts", "With 4+ contacts, %", "Not reflected", "Average rating (1–5)"],
        ["8А", "4", "3", "75", "1", "25", "3", "4.4"],
        ["9Б", "3", "2", "67", "1", "33", "3", "3.5"],
        ["10А", "1", "0", "0", "0", "0", "0", ""],
        ["Whole school", "8", "5", "63", "2", "25", "6", "4"],
      ]);

      await teacher.tap("📗 Classes · XLSX");
      sent = teacher.replies[0]!;
      expect(sent.fileName).toBe("classes-2026-2027.xlsx");
      const [classSheet] = await parseXlsx(sent.file!);
      expect(classSheet!.rows[1]).toEqual(["8А", 4, 3, 75, 1, 25, 3, 4.4]);

      await teacher.tap("📄 Pupils · CSV");
      sent = teacher.replies[0]!;
      expect(sent.fileName).toBe("pupils-2026-2027.csv");
      const pupils = parseCsv(sent.file!);
      expect(pupils).toHaveLength(9); // the header and the eight pupils of grades 7–11
      expect(pupils[1]!.slice(0, 7)).toEqual(["Абенова", "Аружан", "8А", "1", "4", "yes", "yes"]);

      await teacher.tap("📗 Pupils · XLSX");
      sent = teacher.replies[0]!;
      expect(sent.fileName).toBe("pupils-2026-2027.xlsx");
      const [pupilSheet] = await parseXlsx(sent.file!);
      expect(pupilSheet!.rows.slice(1).map((row) => row[0])).toEqual(pupils.slice(1).map((row) => row[0]));
    });
  });

  describe("a teacher of school B", () => {
    it("sees only school B", async () => {
      const teacher = userOf("teacherB");
      await teacher.command("reports");
      expect(teacher.lastText.split("\n")[0]).toBe("📊 Лицей №2 · school year 2026/2027");
      expect(teacher.buttons).toEqual(["8А · 1/1", "9А · 1/1", "🎟 Trials", "📈 Charts", "📄 Exports", "🏠 Menu"]);
    });

    it("gets nothing of school A through forged buttons: class, chart, trial, exports", async () => {
      const teacher = userOf("teacherB");
      await teacher.command("reports");
      const before = teacher.messages.length;
      const a = hex(f.schools.a);
      const forged = [
        reportsSchoolData.pack({ school: a }),
        reportsClassData.pack({ school: a, grade: 8, letter: "А" }),
        reportsClassChartData.pack({ school: a, grade: 8, letter: "А" }),
        reportsTrialData.pack({ trial: hex(f.trials.welding), back: "0" }),
        reportsTrialChartData.pack({ trial: hex(f.trials.welding) }),
        reportsExportData.pack({ school: a, table: "pupils", format: "csv" }),
        reportsExportData.pack({ school: a, table: "journal", format: "xlsx" }),
      ];
      for (const data of forged) {
        await teacher.tapData(data);
        expect(teacher.replies.map((m) => [m.kind, m.text])).toEqual([["text", NOT_ALLOWED]]);
      }
      const seen = teacher.messages.slice(before - 1);
      expect(seen.filter((m) => m.kind !== "text")).toEqual([]);
      for (const name of PUPIL_NAMES.slice(0, 20)) for (const m of seen) expect(m.text).not.toContain(name);
      expect(seen[0]!.text.split("\n")[0]).toBe("📊 Лицей №2 · school year 2026/2027"); // the screen was never replaced
    });
  });

  describe("the district coordinator", () => {
    const DISTRICT_SCREEN = [
      "🗺 District · school year 2026/2027",
      "",
      "🏫 Schools: 2",
      "👥 Pupils in grades 7–11: 10",
      "🛠 With at least one trial: 7 (70%)",
      "🤝 With four or more contacts with the world of work: 2 (20%)",
      "⭐ Average rating of trials: 3.9 (target: 4 of 5)",
      "",
      "🧭 Directions short of trials:",
      "• Organiser: pupils' interest 1 (13%), places 0 (0%)",
      "• Keeper of order: pupils' interest 2 (25%), places 5 (5%)",
      "",
      "⚠️ Schools below target: 2",
      "• Лицей №2: with a trial 100% · with 4+ contacts 0% · rating 3.5",
      "• Гимназия №1: with a trial 63% · with 4+ contacts 25% · rating 4",
    ].join("\n");

    it("sees the district in counts and shares, its charts and exports, and never a pupil's name", async () => {
      const admin = userOf("admin");
      const start = admin.messages.length;
      await admin.command("menu");
      expect(admin.buttons).toEqual(["📊 Reports", "⚙️ Administration", "🌐 Language", "🔒 My data"]);
      await admin.tap("📊 Reports");
      expect(admin.lastText).toBe(DISTRICT_SCREEN);
      expect(admin.buttons).toEqual(["📈 Charts", "📄 Exports", "🏠 Menu"]);

      await admin.tap("📈 Charts");
      expect(admin.replies.map((m) => [m.text, m.fileName])).toEqual([["Yearly targets by school · 2026/2027", "district-targets-2026-2027.png"]]);
      expectPng(admin.replies[0]!);

      await admin.tap("📄 Exports");
      expect(screen(admin).text).toBe("📄 District exports · 2026/2027. Counts and shares only, no pupils' names.");
      expect(screen(admin).replyMarkup && buttonsOf(screen(admin)).map((b) => b.text)).toEqual(["📄 Schools · CSV", "📄 Directions · CSV", "📗 Schools and directions · XLSX", "↩️ Back", "🏠 Menu"]);

      await admin.tap("📄 Schools · CSV");
      expect(admin.replies[0]!.fileName).toBe("district-schools-2026-2027.csv");
      expect(admin.replies[0]!.text).toBe("📄 Schools · district · 2026/2027");
      const schools = parseCsv(admin.replies[0]!.file!);
      expect(schools[0]![0]).toBe("School");
      expect(schools.slice(1).map((row) => row.slice(0, 6)).sort()).toEqual([
        ["Гимназия №1", "8", "5", "63", "2", "25"],
        ["Лицей №2", "2", "2", "100", "0", "0"],
      ]);

      await admin.tap("📄 Directions · CSV");
      expect(admin.replies[0]!.fileName).toBe("district-sectors-2026-2027.csv");
      const sectors = parseCsv(admin.replies[0]!.file!);
      expect(sectors).toHaveLength(7);
      expect(sectors.find((row) => row[0] === "Organiser")).toEqual(["Organiser", "1", "13", "0", "0", "yes"]);

      await admin.tap("📗 Schools and directions · XLSX");
      expect(admin.replies[0]!.fileName).toBe("district-2026-2027.xlsx");
      const book = await parseXlsx(admin.replies[0]!.file!);
      expect(book.map((s) => s.name)).toEqual(["Schools", "Directions"]);
      expect(book[1]!.rows).toHaveLength(7);

      // Nothing the coordinator received names a pupil: texts, captions, CSV and workbook cells.
      const received = admin.messages.slice(start);
      const contents: string[] = received.map((m) => m.text);
      for (const m of received.filter((m) => m.kind === "document")) {
        if (m.fileName!.endsWith(".csv")) contents.push(Buffer.from(m.file!).toString("utf8"));
        else contents.push(JSON.stringify(await parseXlsx(m.file!)));
      }
      for (const name of PUPIL_NAMES) for (const content of contents) expect(content).not.toContain(name);
    });

    it("gets a choice of school or district when also a teacher", async () => {
      await t.deps.models.User.updateOne({ _id: f.admin }, { $set: { roles: ["admin", "teacher"], teacherSchoolId: f.schools.a } });
      try {
        const admin = userOf("admin");
        await admin.command("reports");
        expect(admin.lastText).toBe("📊 Reports. Which would you like to see?");
        expect(admin.buttons).toEqual(["🏫 My school", "🗺 The district", "🏠 Menu"]);
        await admin.tap("🗺 The district");
        expect(admin.lastText).toBe(DISTRICT_SCREEN);
        expect(admin.buttons).toEqual(["📈 Charts", "📄 Exports", "↩️ Back", "🏠 Menu"]);
        await admin.tap("↩️ Back");
        await admin.tap("🏫 My school");
        expect(admin.lastText).toBe(SCHOOL_A_SCREEN);
        expect(admin.buttons).toEqual([...SCHOOL_A_BUTTONS.slice(0, -1), "↩️ Back", "🏠 Menu"]);
      } finally {
        await t.deps.models.User.updateOne({ _id: f.admin }, { $set: { roles: ["admin"] }, $unset: { teacherSchoolId: 1 } });
      }
    });
  });

  describe("bad input", () => {
    it("a pupil gets nothing of a report, from the command or a forged button", async () => {
      const pupil = userOf("pupil");
      await pupil.command("reports");
      expect(pupil.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
      for (const data of [
        reportsSchoolData.pack({ school: hex(f.schools.a) }),
        reportsClassData.pack({ school: hex(f.schools.a), grade: 8, letter: "А" }),
        reportsTrialData.pack({ trial: hex(f.trials.welding), back: "m" }),
        reportsExportData.pack({ school: hex(f.schools.a), table: "pupils", format: "xlsx" }),
        reportsDistrictData.pack({}),
        reportsDistrictExportData.pack({ table: "all", format: "xlsx" }),
      ]) {
        await pupil.tapData(data);
        expect(pupil.replies.map((m) => [m.kind, m.text])).toEqual([["text", NOT_ALLOWED]]);
      }
    });

    it("a teacher cannot open the district view", async () => {
      const teacher = userOf("teacherA");
      await teacher.tapData(reportsDistrictData.pack({}));
      expect(teacher.replies.map((m) => m.text)).toEqual([NOT_ALLOWED]);
    });

    it("a malformed or unknown button is answered and shows nothing", async () => {
      const teacher = userOf("teacherA");
      await teacher.command("reports");
      for (const data of ["1:rp-c:zz:8:А", `1:rp-c:${hex(f.schools.a)}:99:А`, `1:rp-t:${hex(f.trials.welding)}:x`, "1:rp-dxf:all:csv", `0:rp-s:${hex(f.schools.a)}`.slice(1)]) {
        await teacher.tapData(data);
        expect(teacher.replies).toEqual([]);
        expect(teacher.lastAnswer).toBe(STALE);
      }
      expect(teacher.lastText).toBe(SCHOOL_A_SCREEN);
      await teacher.tapData(reportsTrialData.pack({ trial: hex(new Types.ObjectId()), back: "0" }));
      expect(teacher.replies.map((m) => m.text)).toEqual(["That's no longer there. /menu shows what's current."]);
    });
  });

  it.each(["kk", "ru", "ky"] as const)("reads in %s with every text found and numbers written the local way", async (locale) => {
    await t.deps.models.User.updateMany({ _id: { $in: [f.teachers.a, f.admin] } }, { $set: { locale } });
    try {
      const teacher = userOf("teacherA");
      const admin = userOf("admin");
      const texts: string[] = [];
      await teacher.command("reports");
      texts.push(teacher.lastText);
      await teacher.tapData(reportsClassData.pack({ school: hex(f.schools.a), grade: 8, letter: "А" }));
      texts.push(screen(teacher).text);
      await teacher.tapData(reportsTrialData.pack({ trial: hex(f.trials.welding), back: "0" }));
      texts.push(screen(teacher).text);
      await admin.command("reports");
      texts.push(admin.lastText);
      for (const text of texts) {
        expect(text).not.toMatch(/reports-|riasec-|NaN|undefined|\{/);
      }
      expect(texts[1]).toContain("4,4"); // 8А's average rating, with a decimal comma
    } finally {
      await t.deps.models.User.updateMany({ _id: { $in: [f.teachers.a, f.admin] } }, { $set: { locale: "en" } });
    }
  });

  it("pages a long list of trials", () => {
    const base = { kind: "trial", format: "in_person", status: "completed", timezone: "Asia/Almaty", organisation: "", capacity: 10, registered: 2, confirmed: 2, attended: 1, noShow: 1, waitlisted: 0, cancelled: 0, consentPending: 0, consentRefused: 0, consentExpired: 0, reflections: 0, interest: { pupils: 0, before: null, after: null }, liked: { yes: 0, no: 0, unsure: 0 }, wouldChoose: { yes: 0, no: 0, unsure: 0 }, useful: { yes: 0, no: 0, unsure: 0 }, averageRating: null } as const;
    const trials = Array.from({ length: 10 }, (_, i) => ({ ...base, trialId: new Types.ObjectId(), title: `Trial ${i + 1}`, startsAt: new Date(Date.UTC(2026, 9, i + 1, 4)), endsAt: new Date(Date.UTC(2026, 9, i + 1, 6)) }));
    const report = { schoolId: new Types.ObjectId(), year: "2026/2027", trials } as unknown as SchoolReport;
    const reading = { t: (key: string, vars?: Record<string, string | number>) => `${key}${vars ? JSON.stringify(vars) : ""}`, locale: "en" as const, both: false };
    const first = trialsScreen(report, 0, reading);
    const labels = (s: { keyboard: { inline_keyboard: { text: string }[][] } }) => s.keyboard.inline_keyboard.flat().map((b) => b.text);
    expect(labels(first)).toEqual(["1. Trial 1", "2. Trial 2", "3. Trial 3", "4. Trial 4", "5. Trial 5", "6. Trial 6", "7. Trial 7", "8. Trial 8", "reports-btn-next", "reports-btn-back", "menu-home"]);
    expect(first.text).toContain('reports-page{"page":1,"pages":2}');
    const second = trialsScreen(report, 1, reading);
    expect(labels(second)).toEqual(["9. Trial 9", "10. Trial 10", "reports-btn-prev", "reports-btn-back", "menu-home"]);
    expect(trialsScreen(report, 99, reading).text).toBe(second.text); // a page that no longer exists shows the last one
  });

  it("keeps a long class screen under Telegram's limit, naming the rest as a count", () => {
    const members = Array.from({ length: 60 }, (_, i) => ({
      studentId: new Types.ObjectId(),
      firstName: `Имя${i}`,
      lastName: `Фамилия-очень-длинная-${i}`,
      grade: 9,
      classLetter: "А",
      trials: 1,
      contacts: 1,
      trialMet: true,
      contactsMet: false,
      reflected: 0,
      notReflected: 5,
      notReflectedTitles: Array.from({ length: 5 }, (_, j) => `Очень длинное название профессиональной пробы номер ${j}`),
      interestType: null,
    }));
    const report: ClassReport = {
      schoolId: new Types.ObjectId(),
      schoolName: "Школа",
      year: "2026/2027",
      grade: 9,
      classLetter: "А",
      pupils: 60,
      withTrial: 60,
      withContacts: 0,
      notReflected: 300,
      averageRating: null,
      interests: { counts: { R: 0, I: 0, A: 0, S: 0, E: 0, C: 0 }, noResult: 60 },
      uncovered: [],
      members,
    };
    const { text } = classScreen(report, { t: (key, vars) => `${key}${vars ? JSON.stringify(vars) : ""}`, locale: "en", both: false });
    expect(text.length).toBeLessThanOrEqual(SCREEN_BUDGET);
    const shown = text.split("\n").filter((line) => line.startsWith("reports-not-reflected-line")).length;
    expect(shown).toBeGreaterThan(5);
    expect(text.split("\n").at(-1)).toBe(`reports-more{"count":${60 - shown}}`); // the rest, as a count
    expect(text).toContain('reports-more{\\"count\\":2}'); // a pupil's titles beyond three, as a count
  });
});
