import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_BOM, escapeCsvCell, formatCsvRow, readCsvCell } from "./csv-cell";
import { parseCsv } from "./parse-csv";

describe("escapeCsvCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
  ])("neutralises a cell that could start a formula: %j → %j", (value, escaped) => {
    expect(escapeCsvCell(value)).toBe(escaped);
  });

  it("guards a value that already looks guarded, so its own ' survives the round trip", () => {
    expect(escapeCsvCell("'=x")).toBe("''=x");
    expect(escapeCsvCell("'-1")).toBe("''-1");
    expect(escapeCsvCell("'@a")).toBe("''@a");
    expect(readCsvCell(escapeCsvCell("'=x"))).toBe("'=x");
    expect(escapeCsvCell("'plain")).toBe("'plain");
  });

  it("leaves formula characters alone after the first position", () => {
    expect(escapeCsvCell("A-1")).toBe("A-1");
    expect(escapeCsvCell("x=1")).toBe("x=1");
    expect(escapeCsvCell(" =1")).toBe(" =1");
  });

  it("quotes commas, quotes and line breaks per RFC 4180, doubling quotes", () => {
    expect(escapeCsvCell("a,b")).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell("two\nlines")).toBe('"two\nlines"');
    expect(escapeCsvCell("crlf\r\nline")).toBe('"crlf\r\nline"');
    expect(escapeCsvCell("plain")).toBe("plain");
  });

  it("writes numbers as numbers (negative ones too) and nothing for null", () => {
    expect(escapeCsvCell(-3)).toBe("-3");
    expect(escapeCsvCell(12)).toBe("12");
    expect(escapeCsvCell(12n)).toBe("12");
    expect(escapeCsvCell(null)).toBe("");
    expect(escapeCsvCell(undefined)).toBe("");
    expect(() => escapeCsvCell(Number.NaN)).toThrow();
  });
});

describe("formatCsvRow", () => {
  it("joins escaped cells with commas and ends the record with CRLF", () => {
    expect(formatCsvRow(["A-1", "Bolt, M6", 5, null, "=2*3"])).toBe('A-1,"Bolt, M6",5,,\'=2*3\r\n');
  });
});

describe("readCsvCell", () => {
  it("drops the guard before a formula character and nothing else", () => {
    expect(readCsvCell("'=1+1")).toBe("=1+1");
    expect(readCsvCell("'-1")).toBe("-1");
    expect(readCsvCell("'quoted'")).toBe("'quoted'");
    expect(readCsvCell("O'Brien")).toBe("O'Brien");
  });
});

describe("round trip", () => {
  const tricky = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\rx",
    'a "quoted", value',
    "multi\nline",
    "crlf\r\nline",
    "ünïcødé ✓",
    "'already'",
    "'=x",
    "'+1",
    "''=y",
    "'\tz",
    " spaced ",
    "",
  ];

  function roundTrip(values: string[]): string[] {
    const file = CSV_BOM + formatCsvRow(values.map((_, i) => `c${i}`)) + formatCsvRow(values);
    const parsed = parseCsv(file);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    return parsed.rows[0]!.cells.map(readCsvCell);
  }

  it("gives back tricky values exactly", () => {
    expect(roundTrip(tricky)).toEqual(tricky);
  });

  it("gives back any text exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 6 }), (values) => {
        fc.pre(values.some((value) => value.trim() !== ""));
        expect(roundTrip(values)).toEqual(values);
      }),
    );
  });
});
