/**
 * CSV that Excel opens with Cyrillic intact: UTF-8 with a byte-order mark, CRLF line ends,
 * RFC 4180 quoting. A cell that would start a formula (= + - @, tab, CR) gets a leading
 * apostrophe, so a name typed as "=HYPERLINK(…)" stays text in the teacher's spreadsheet.
 */
const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | undefined | null)[])[]): Buffer {
  const body = rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
  return Buffer.from(`${BOM}${body}\r\n`, "utf8");
}
