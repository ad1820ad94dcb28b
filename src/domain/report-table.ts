/**
 * A report export as one table: the same rows go to CSV (UTF-8 with BOM, `toCsv`) and to a
 * worksheet of an .xlsx workbook (`toXlsx`). Numbers stay numbers so Excel can sum them.
 */
import { toCsv } from "./csv.js";

export type ReportCell = string | number | null;

export interface ReportTable {
  /** The worksheet's name (≤ 31 characters, no []:*?/\) and the file's base name. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly ReportCell[])[];
}

export function tableToCsv(table: ReportTable): Buffer {
  return toCsv([table.header, ...table.rows]);
}
