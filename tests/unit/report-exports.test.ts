import ExcelJS from "exceljs";
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/bot/i18n.js";
import { classKpiTable, districtSchoolsTable, journalTable, pupilsTable, sectorsTable, type Translate } from "../../src/bot/report-exports.js";
import { LOCALES, type Locale } from "../../src/db/models/user.js";
import { tableToCsv, type ReportCell, type ReportTable } from "../../src/domain/report-table.js";
import { toXlsx } from "../../src/domain/xlsx.js";
import type { DistrictReport, PupilKpi, SchoolReport, TrialReport } from "../../src/services/reports.js";

const i18n = createI18n("kk");
const tr = (locale: Locale): Translate => (key, params) => i18n.t(locale, key, params);
const ru = tr("ru");
const kk = tr("kk");

const noTri = { yes: 0, no: 0, unsure: 0 };

const bakery: TrialReport = {
  trialId: new Types.ObjectId(),
  title: "Пекарь, кондитер",
  kind: "trial",
  format: "in_person",
  status: "completed",
  // 10:00–12:30 in Almaty (UTC+5).
  startsAt: new Date("2026-11-27T05:00:00Z"),
  endsAt: new Date("2026-11-27T07:30:00Z"),
  timezone: "Asia/Almaty",
  organisation: "Нан зауыты",
  capacity: 10,
  registered: 12,
  confirmed: 9,
  attended: 8,
  noShow: 1,
  waitlisted: 2,
  cancelled: 1,
  consentPending: 0,
  consentRefused: 1,
  consentExpired: 0,
  reflections: 6,
  interest: { pupils: 5, before: 3.2, after: 4.1 },
  liked: { yes: 4, no: 1, unsure: 1 },
  wouldChoose: { yes: 2, no: 2, unsure: 2 },
  useful: { yes: 5, no: 1, unsure: 0 },
  averageRating: 4.3,
};

const visit: TrialReport = {
  ...bakery,
  trialId: new Types.ObjectId(),
  title: "=HYPERLINK(\"x\")",
  kind: "excursion",
  format: "online",
  status: "published",
  // 10:00–11:00 in Bishkek (UTC+6).
  startsAt: new Date("2026-12-01T04:00:00Z"),
  endsAt: new Date("2026-12-01T05:00:00Z"),
  timezone: "Asia/Bishkek",
  organisation: "",
  capacity: 20,
  registered: 0,
  confirmed: 0,
  attended: 0,
  noShow: 0,
  waitlisted: 0,
  cancelled: 0,
  consentRefused: 0,
  reflections: 0,
  interest: { pupils: 0, before: null, after: null },
  liked: noTri,
  wouldChoose: noTri,
  useful: noTri,
  averageRating: null,
};

const school: SchoolReport = {
  schoolId: new Types.ObjectId(),
  schoolName: "№ 12 мектеп",
  timezone: "Asia/Almaty",
  year: "2026/2027",
  yearStart: new Date("2026-08-31T19:00:00Z"),
  yearEnd: new Date("2027-08-31T19:00:00Z"),
  pupils: 30,
  withTrial: 25,
  withContacts: 15,
  averageRating: 4.4,
  classes: [
    { grade: 7, classLetter: "А", pupils: 20, withTrial: 15, withContacts: 5, notReflected: 3, averageRating: 4.5 },
    { grade: 9, classLetter: "Б", pupils: 10, withTrial: 10, withContacts: 10, notReflected: 1, averageRating: null },
  ],
  interests: { counts: { R: 1, I: 0, A: 0, S: 2, E: 0, C: 0 }, noResult: 27 },
  uncovered: ["S"],
  trials: [bakery, visit],
};

const pupils: PupilKpi[] = [
  {
    studentId: new Types.ObjectId(),
    firstName: "Аружан",
    lastName: "Ахметова",
    grade: 7,
    classLetter: "А",
    trials: 1,
    contacts: 4,
    trialMet: true,
    contactsMet: true,
    reflected: 3,
    notReflected: 2,
    notReflectedTitles: ["Пекарь", "Сварщик"],
    interestType: "S",
  },
  {
    studentId: new Types.ObjectId(),
    firstName: "Тимур",
    lastName: "Ким",
    grade: 9,
    classLetter: "Б",
    trials: 0,
    contacts: 1,
    trialMet: false,
    contactsMet: false,
    reflected: 0,
    notReflected: 0,
    notReflectedTitles: [],
    interestType: null,
  },
];

const district: DistrictReport = {
  year: "2026/2027",
  pupils: 30,
  withTrial: 25,
  withContacts: 15,
  averageRating: 4.4,
  schools: [
    { schoolId: school.schoolId, schoolName: "№ 12 мектеп", pupils: 30, withTrial: 25, withContacts: 15, trials: 4, averageRating: 4.4, below: true, gap: 0.5 },
    { schoolId: new Types.ObjectId(), schoolName: "Школа-гимназия № 3", pupils: 0, withTrial: 0, withContacts: 0, trials: 0, averageRating: null, below: false, gap: 1 },
  ],
  sectors: [
    { direction: "R", demand: 10, supply: 0, demandShare: 0.4, supplyShare: 0, underRepresented: true },
    { direction: "S", demand: 15, supply: 30, demandShare: 0.6, supplyShare: 1, underRepresented: false },
  ],
  belowTarget: [],
};

/** RFC 4180 as tableToCsv writes it: BOM, CRLF, quoted cells with doubled quotes. */
function parseCsv(buffer: Buffer): string[][] {
  const text = buffer.toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

/** The same table as CSV text cells: numbers as written, null empty, a formula-like text guarded. */
function asCsvCells(table: ReportTable): string[][] {
  const cell = (c: ReportCell) => (c === null ? "" : typeof c === "string" && /^[=+\-@]/.test(c) ? `'${c}` : String(c));
  return [[...table.header], ...table.rows.map((r) => r.map(cell))];
}

async function readXlsx(tables: ReportTable[]): Promise<{ name: string; values: unknown[][] }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await toXlsx(tables)) as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => ({ name: sheet.name, values: sheet.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1)) }));
}

/** Checks CSV and xlsx both read back to exactly these header and rows (null cells come back empty). */
async function expectRoundTrip(table: ReportTable, header: string[], rows: ReportCell[][]): Promise<void> {
  expect(table.header).toEqual(header);
  expect(table.rows).toEqual(rows);
  expect(parseCsv(tableToCsv(table))).toEqual(asCsvCells(table));
  const [sheet] = await readXlsx([table]);
  expect(sheet!.name).toBe(table.name);
  expect(sheet!.values).toEqual([header, ...rows.map((r) => r.map((c) => c ?? ""))]);
}

describe("report exports", () => {
  it("write the trial journal in Russian: the trial's own clock, kinds and formats translated, shares in %", async () => {
    const table = journalTable([bakery, visit], ru);
    expect(table.name).toBe("Журнал проб");
    await expectRoundTrip(
      table,
      [
        "Дата",
        "Время",
        "Длительность, ч",
        "Название",
        "Вид",
        "Формат",
        "Организация",
        "Мест",
        "Записались",
        "С согласием",
        "Пришли",
        "Не пришли",
        "Согласие ждём",
        "Согласие: отказ",
        "Согласие: срок истёк",
        "Рефлексий",
        "Интерес до пробы (1–5)",
        "Интерес после пробы (1–5)",
        "Понравилось, %",
        "Выбрали бы профессию, %",
        "Было полезно, %",
        "Средняя оценка (1–5)",
      ],
      [
        ["27.11.2026", "10:00–12:30", 2.5, "Пекарь, кондитер", "Профессиональная проба", "очно", "Нан зауыты", 10, 12, 9, 8, 1, 0, 1, 0, 6, 3.2, 4.1, 67, 33, 83, 4.3],
        ["01.12.2026", "10:00–11:00", 1, "=HYPERLINK(\"x\")", "Профэкскурсия", "онлайн", null, 20, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null],
      ],
    );
    // The CSV keeps a title that looks like a formula as text.
    expect(tableToCsv(table).toString("utf8")).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it("write the trial journal in Kazakh", async () => {
    const table = journalTable([bakery], kk);
    expect(table.name).toBe("Сынамалар журналы");
    expect(table.header.slice(0, 6)).toEqual(["Күні", "Уақыты", "Ұзақтығы, сағ", "Атауы", "Түрі", "Форматы"]);
    expect(table.header.slice(-4)).toEqual(["Ұнағандар, %", "Осы кәсіпті таңдайтындар, %", "Пайдалы деп санағандар, %", "Орташа баға (1–5)"]);
    await expectRoundTrip(table, [...table.header], [
      ["27.11.2026", "10:00–12:30", 2.5, "Пекарь, кондитер", "Кәсіби сынама", "күндізгі (орнында)", "Нан зауыты", 10, 12, 9, 8, 1, 0, 1, 0, 6, 3.2, 4.1, 67, 33, 83, 4.3],
    ]);
  });

  it("write the class KPI table with a whole-school line", async () => {
    await expectRoundTrip(
      classKpiTable(school, ru),
      ["Класс", "Учеников", "С пробой", "С пробой, %", "С 4+ контактами", "С 4+ контактами, %", "Без рефлексии", "Средняя оценка (1–5)"],
      [
        ["7А", 20, 15, 75, 5, 25, 3, 4.5],
        ["9Б", 10, 10, 100, 10, 100, 1, null],
        ["Вся школа", 30, 25, 83, 15, 50, 4, 4.4],
      ],
    );
    await expectRoundTrip(
      classKpiTable(school, kk),
      ["Сынып", "Оқушы саны", "Сынамадан өткендер", "Сынамадан өткендер, %", "4+ байланысы барлар", "4+ байланысы барлар, %", "Рефлексиясыз", "Орташа баға (1–5)"],
      [
        ["7А", 20, 15, 75, 5, 25, 3, 4.5],
        ["9Б", 10, 10, 100, 10, 100, 1, null],
        ["Бүкіл мектеп", 30, 25, 83, 15, 50, 4, 4.4],
      ],
    );
  });

  it("write the per-pupil summary with yes/no, the interest type's name and the trials to reflect on", async () => {
    await expectRoundTrip(
      pupilsTable(pupils, ru),
      ["Фамилия", "Имя", "Класс", "Проб", "Контактов с миром труда", "Цель по пробам", "Цель по контактам", "С рефлексией", "Без рефлексии", "Тип интересов", "Ждут рефлексии"],
      [
        ["Ахметова", "Аружан", "7А", 1, 4, "да", "да", 3, 2, "Помощник", "Пекарь; Сварщик"],
        ["Ким", "Тимур", "9Б", 0, 1, "нет", "нет", 0, 0, null, null],
      ],
    );
    const table = pupilsTable(pupils, kk);
    expect(table.header).toEqual(["Тегі", "Аты", "Сынып", "Сынамалар", "Еңбек әлемімен байланыстар", "Сынама мақсаты орындалды", "Байланыс мақсаты орындалды", "Рефлексиясы барлар", "Рефлексиясыз", "Қызығушылық түрі", "Рефлексия күтетін сынамалар"]);
    expect(table.rows.map((r) => [r[5], r[6], r[9]])).toEqual([
      ["иә", "иә", "Жанашыр"],
      ["жоқ", "жоқ", null],
    ]);
  });

  it("write the district tables with counts and shares only", async () => {
    await expectRoundTrip(
      districtSchoolsTable(district, ru),
      ["Школа", "Учеников", "С пробой", "С пробой, %", "С 4+ контактами", "С 4+ контактами, %", "Проб школы", "Средняя оценка (1–5)", "Ниже цели"],
      [
        ["№ 12 мектеп", 30, 25, 83, 15, 50, 4, 4.4, "да"],
        ["Школа-гимназия № 3", 0, 0, null, 0, null, 0, null, "нет"],
      ],
    );
    await expectRoundTrip(
      sectorsTable(district, kk),
      ["Бағыт", "Оқушылар қызығушылығы", "Оқушылар қызығушылығы, %", "Сынамалардағы орын", "Сынамалардағы орын, %", "Сынама жетіспейді"],
      [
        ["Шебер", 10, 40, 0, 0, "иә"],
        ["Жанашыр", 15, 60, 30, 100, "жоқ"],
      ],
    );
  });

  it("never put a pupil's name into the district tables, even when the report object carries one", async () => {
    // A careless service might leave pupils on the objects; the tables take only the declared figures.
    const leaky = {
      ...district,
      pupilsList: pupils,
      schools: district.schools.map((s) => ({ ...s, members: pupils })),
      sectors: district.sectors.map((s) => ({ ...s, pupils })),
    } as DistrictReport;
    const tables = [districtSchoolsTable(leaky, ru), sectorsTable(leaky, ru)];
    const text = tables.map((t) => tableToCsv(t).toString("utf8")).join("\n");
    const sheets = JSON.stringify(await readXlsx(tables));
    for (const name of pupils.flatMap((p) => [p.firstName, p.lastName])) {
      expect(text).not.toContain(name);
      expect(sheets).not.toContain(name);
    }
    for (const table of tables) expect(table.header).not.toContain(ru("export-col-last-name"));
  });

  it.each(LOCALES)("%s: every header, sheet name and enumeration is translated; sheet names fit Excel", async (locale) => {
    const t = tr(locale);
    const tables = [journalTable([bakery, visit], t), classKpiTable(school, t), pupilsTable(pupils, t), districtSchoolsTable(district, t), sectorsTable(district, t)];
    for (const table of tables) {
      expect(table.name.length).toBeLessThanOrEqual(31);
      expect(table.name).not.toMatch(/[[\]:*?/\\]/);
      for (const cell of [...table.header, ...table.rows.flat()]) {
        if (typeof cell === "string") expect(cell).not.toMatch(/^(export|trial-kind|trial-format|riasec-scale)-/);
      }
      expect(new Set(table.header).size).toBe(table.header.length);
    }
    // All five in one workbook: distinct, unshortened sheet names.
    expect((await readXlsx(tables)).map((s) => s.name)).toEqual(tables.map((t) => t.name));
  });
});
