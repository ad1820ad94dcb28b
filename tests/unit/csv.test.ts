import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../src/domain/csv.js";

describe("toCsv", () => {
  it("starts with a UTF-8 byte-order mark, so Excel reads Cyrillic", () => {
    const bytes = toCsv([["Аты", "Сынып"]]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8")).toBe("\uFEFFАты,Сынып\r\n");
  });

  it("ends every line with CRLF and joins cells with commas", () => {
    const text = toCsv([
      ["Фамилия", "Имя", "Класс"],
      ["Сапарова", "Аружан", "9Б"],
      ["Токтогулов", "Бакыт", "10А"],
    ]).toString("utf8");
    expect(text).toBe("\uFEFFФамилия,Имя,Класс\r\nСапарова,Аружан,9Б\r\nТоктогулов,Бакыт,10А\r\n");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("leaves empty cells empty", () => {
    expect(toCsv([["a", undefined, null, "", "b"]]).toString("utf8")).toBe("\uFEFFa,,,,b\r\n");
  });

  it("keeps a multi-line cell in one record", () => {
    const text = toCsv([["Астма\nингалятор с собой", "ok"]]).toString("utf8");
    expect(text).toBe('\uFEFF"Астма\nингалятор с собой",ok\r\n');
  });
});

describe("csvCell", () => {
  it.each([
    ["a comma", "Иванов, Иван", '"Иванов, Иван"'],
    ["a semicolon (Excel's separator in these locales)", "9А; 9Б", '"9А; 9Б"'],
    ["a quote", 'Школа "Болашак"', '"Школа ""Болашак"""'],
    ["a newline", "строка 1\nстрока 2", '"строка 1\nстрока 2"'],
    ["a carriage return", "a\rb", '"a\rb"'],
    ["a leading space", " 9А", '" 9А"'],
    ["a trailing space", "9А ", '"9А "'],
  ])("quotes a cell with %s", (_what, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("leaves a plain cell as it is", () => {
    expect(csvCell("Аружан")).toBe("Аружан");
    expect(csvCell("9Б")).toBe("9Б");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("")).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
  });

  it.each([
    ["=", "=HYPERLINK(\"http://x\")", '"\'=HYPERLINK(""http://x"")"'],
    ["=", "=1+2", "'=1+2"],
    ["+", "+77012345678", "'+77012345678"],
    ["-", "-2+3", "'-2+3"],
    ["@", "@SUM(A1)", "'@SUM(A1)"],
    ["a tab", "\t=1", "'\t=1"],
    ["a carriage return", "\r=1", '"\'\r=1"'],
  ])("keeps a text starting with %s from becoming a formula", (_what, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("guards a formula that also needs quoting", () => {
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  it("writes numbers as they are, negative ones too", () => {
    expect(csvCell(9)).toBe("9");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(4.5)).toBe("4.5");
    expect(csvCell(0)).toBe("0");
    expect(toCsv([[1, -2, "-2"]]).toString("utf8")).toBe("\uFEFF1,-2,'-2\r\n");
  });
});
