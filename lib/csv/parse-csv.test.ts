import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";

function rowsOf(content: string | Uint8Array) {
  const parsed = parseCsv(content);
  if (!parsed.ok) throw new Error(`unexpected problem: ${parsed.problem.message}`);
  return parsed;
}

describe("parseCsv", () => {
  it("gives each record the line it starts on", () => {
    const parsed = rowsOf("sku,name\nA-1,Bolt\nA-2,Nut\n");
    expect(parsed.header).toEqual({ line: 1, cells: ["sku", "name"] });
    expect(parsed.rows).toEqual([
      { line: 2, cells: ["A-1", "Bolt"] },
      { line: 3, cells: ["A-2", "Nut"] },
    ]);
  });

  it("keeps the right line numbers after quoted line breaks (LF and CRLF) and blank lines", () => {
    const content = 'sku,description\r\nA-1,"first\r\nsecond\r\nthird"\r\n\r\nA-2,"one\ntwo"\nA-3,plain\r\n';
    expect(rowsOf(content).rows).toEqual([
      { line: 2, cells: ["A-1", "first\r\nsecond\r\nthird"] },
      { line: 6, cells: ["A-2", "one\ntwo"] },
      { line: 8, cells: ["A-3", "plain"] },
    ]);
  });

  it("reads a byte order mark and CRLF line ends, as Excel writes them", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("SKU,Name\r\nA-1,Bolt\r\n")]);
    const parsed = rowsOf(bytes);
    expect(parsed.header.cells).toEqual(["SKU", "Name"]);
    expect(parsed.rows).toEqual([{ line: 2, cells: ["A-1", "Bolt"] }]);
  });

  it("reads quoted commas, doubled quotes and a last line without a line end", () => {
    expect(rowsOf('sku,name\nA-1,"Bolt, M6 ""long"""').rows).toEqual([{ line: 2, cells: ["A-1", 'Bolt, M6 "long"'] }]);
  });

  it("skips rows whose cells are all blank and keeps rows of another width for the caller to report", () => {
    expect(rowsOf("sku,name\nA-1,Bolt\n,\n , \nA-2\n").rows).toEqual([
      { line: 2, cells: ["A-1", "Bolt"] },
      { line: 5, cells: ["A-2"] },
    ]);
  });

  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('sku,name\r\nA-1,"two\r\nlines"\r\nA-2,"open\r\nA-3,x\r\n')).toEqual({
      ok: false,
      problem: { line: 4, column: null, message: expect.stringContaining("never closed") },
    });
  });

  it("refuses a stray quote inside a value, naming its line", () => {
    expect(parseCsv('sku,name\nA-1,Bolt\nA-2,12" nail\n')).toEqual({
      ok: false,
      problem: { line: 3, column: null, message: expect.stringContaining("double quote") },
    });
  });

  it("refuses files over the size or row limit with a clear message", () => {
    expect(parseCsv("sku\n" + "A\n".repeat(40), { maxBytes: 50, maxRows: 100 })).toEqual({
      ok: false,
      problem: {
        line: null,
        column: null,
        message: expect.stringMatching(/^The file is .* MB; an import takes at most .* MB\./),
      },
    });
    expect(parseCsv("sku\n" + "A\n".repeat(11), { maxBytes: 1000, maxRows: 10 })).toEqual({
      ok: false,
      problem: {
        line: null,
        column: null,
        message: "The file has 11 rows; an import takes at most 10. Split it into smaller files.",
      },
    });
    expect(parseCsv("sku\n" + "A\n".repeat(10), { maxBytes: 1000, maxRows: 10 }).ok).toBe(true);
  });

  it("refuses text that is not UTF-8, an empty file and a header without rows", () => {
    expect(parseCsv(new Uint8Array([...Buffer.from("sku,name\nA-1,Caf"), 0xe9, 0x0a]))).toMatchObject({
      ok: false,
      problem: { message: expect.stringContaining("not UTF-8") },
    });
    expect(parseCsv("")).toMatchObject({ ok: false, problem: { message: expect.stringContaining("empty") } });
    expect(parseCsv("\uFEFF\r\n")).toMatchObject({ ok: false, problem: { message: expect.stringContaining("empty") } });
    expect(parseCsv("sku,name\r\n")).toMatchObject({
      ok: false,
      problem: { message: "The file has a header line but no rows below it." },
    });
  });
});
