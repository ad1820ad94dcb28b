import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { tableToCsv, type ReportTable } from "../../src/domain/report-table.js";
import { sheetName, toXlsx } from "../../src/domain/xlsx.js";

const journal: ReportTable = {
  name: "Журнал: проб/2026",
  header: ["Күні", "Сынама", "Қатысты", "Орташа баға"],
  rows: [
    ["27.11.2026", "Бір күн наубайшы", 5, 4.5],
    ["28.11.2026", "=HYPERLINK(\"x\")", 0, null],
  ],
};

describe("report tables", () => {
  it("write CSV with a BOM, CRLF and the formula guard", () => {
    const csv = tableToCsv(journal).toString("utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe("\uFEFFКүні,Сынама,Қатысты,Орташа баға\r\n27.11.2026,Бір күн наубайшы,5,4.5\r\n28.11.2026,\"'=HYPERLINK(\"\"x\"\")\",0,\r\n");
  });

  it("write an .xlsx workbook that reads back with the same cells, numbers as numbers", async () => {
    const buffer = await toXlsx([journal, { name: "Журнал: проб/2026", header: ["A"], rows: [[1]] }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Журнал  проб 2026", "Журнал  проб 2026 2"]);
    const sheet = book.worksheets[0]!;
    const values = sheet.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values).toEqual([
      ["Күні", "Сынама", "Қатысты", "Орташа баға"],
      ["27.11.2026", "Бір күн наубайшы", 5, 4.5],
      ["28.11.2026", "=HYPERLINK(\"x\")", 0, ""],
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it("name worksheets the way Excel accepts", () => {
    expect(sheetName("a".repeat(40), new Set())).toHaveLength(31);
    expect(sheetName("[x]", new Set())).toBe("x");
    expect(sheetName("", new Set())).toBe("Sheet");
    expect(sheetName("Sheet", new Set(["sheet"]))).toBe("Sheet 2");
  });
});
