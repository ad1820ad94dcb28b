/**
 * Report tables as an .xlsx workbook (exceljs): one worksheet per table, a bold frozen header,
 * columns sized to their content, numbers kept as numbers.
 */
import ExcelJS from "exceljs";
import type { ReportTable } from "./report-table.js";

const MAX_COLUMN_WIDTH = 60;

/** A worksheet name Excel accepts: ≤ 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Sheet";
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  return candidate;
}

export async function toXlsx(tables: readonly ReportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Bagdar";
  const taken = new Set<string>();
  for (const table of tables) {
    const name = sheetName(table.name, taken);
    taken.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow([...table.header]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => cell ?? ""));
    sheet.columns.forEach((column, i) => {
      const widest = Math.max(...[table.header[i] ?? "", ...table.rows.map((row) => row[i] ?? "")].map((cell) => String(cell).length));
      column.width = Math.min(MAX_COLUMN_WIDTH, Math.max(8, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
