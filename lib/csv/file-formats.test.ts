import { describe, expect, it } from "vitest";
import { exportFileName, importFileSchema, importRefusal, sortProblems } from "./file-formats";

describe("exportFileName", () => {
  it("dates the file in the company's time zone", () => {
    const lateUtc = new Date("2026-03-01T23:30:00Z");
    expect(exportFileName("products", "northwind", "UTC", lateUtc)).toBe("products-northwind-2026-03-01.csv");
    expect(exportFileName("stock", "northwind", "Asia/Tokyo", lateUtc)).toBe("stock-northwind-2026-03-02.csv");
  });
});

describe("importRefusal", () => {
  it("names the first problem's line and column and counts the rest", () => {
    const refusal = importRefusal([
      { line: 4, column: "barcode", message: "Barcode X is taken." },
      { line: 9, column: null, message: "Too wide." },
      { line: 12, column: "sku", message: "Enter the SKU." },
    ]);
    expect(refusal).toMatchObject({
      code: "VALIDATION",
      message: "Nothing was imported: line 4, barcode: Barcode X is taken. (and 2 more problems) Check the file again.",
    });
    expect(importRefusal([{ line: null, column: null, message: "The file is empty." }]).message).toBe(
      "Nothing was imported: The file is empty. Check the file again.",
    );
  });
});

describe("sortProblems", () => {
  it("puts problems with the whole file first, then by line", () => {
    expect(
      sortProblems([
        { line: 5, column: null, message: "b" },
        { line: null, column: null, message: "file" },
        { line: 2, column: null, message: "a" },
      ]).map((p) => p.message),
    ).toEqual(["file", "a", "b"]);
  });
});

describe("importFileSchema", () => {
  it("takes a file name, text or bytes, a mode and (to commit) an operation id, and nothing else", () => {
    const operationId = "6F9619FF-8B86-4D11-B42D-00C04FC964FF";
    expect(
      importFileSchema.safeParse({ fileName: " a.csv ", content: new Uint8Array([65]), mode: "commit", operationId })
        .data,
    ).toEqual({
      fileName: "a.csv",
      content: new Uint8Array([65]),
      mode: "commit",
      operationId: operationId.toLowerCase(),
    });
    // A commit without its operation id could be booked twice: refused.
    expect(importFileSchema.safeParse({ fileName: "a.csv", content: "x", mode: "commit" }).success).toBe(false);
    expect(
      importFileSchema.safeParse({ fileName: "a.csv", content: "x", mode: "preview", companyId: "other" }).success,
    ).toBe(false);
    expect(importFileSchema.safeParse({ fileName: "", content: "x", mode: "preview" }).success).toBe(false);
    expect(importFileSchema.safeParse({ fileName: "a.csv", content: "x", mode: "apply" }).success).toBe(false);
  });
});
