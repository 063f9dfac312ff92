import { describe, expect, it } from "vitest";
import { cellOf, readHeader, widthProblem } from "./csv-columns";

const spec = {
  columns: ["sku", "name", "unit"] as const,
  required: ["sku", "name"] as const,
  ignored: ["total_on_hand"],
};

describe("readHeader", () => {
  it("matches names case-insensitively, in any order, skipping ignored columns", () => {
    const result = readHeader({ line: 1, cells: [" Name ", "Total_On_Hand", "SKU"] }, spec);
    expect(result).toEqual({ ok: true, columns: { positions: { name: 0, sku: 2 }, width: 3 } });
  });

  it("lists every problem: unknown, duplicate, unnamed and missing columns", () => {
    const result = readHeader({ line: 1, cells: ["sku", "Colour", "SKU", ""] }, spec);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          column: "Colour",
          message: 'Unknown column "Colour". The columns are: sku, name, unit (in any order).',
        },
        { line: 1, column: "SKU", message: 'The column "SKU" appears more than once.' },
        { line: 1, column: null, message: "Column 4 has no name. Name it, or delete the empty column." },
        {
          line: 1,
          column: "name",
          message: 'The column "name" is missing. The first line must name the columns, e.g. sku, name.',
        },
      ],
    });
  });
});

describe("cells", () => {
  const header = readHeader({ line: 1, cells: ["name", "sku"] }, spec);
  if (!header.ok) throw new Error("header");

  it("reads a column's cell with the formula guard undone, and undefined for a column the file lacks", () => {
    const row = { line: 2, cells: ["'=Bolt", " A-1 "] };
    expect(cellOf(row, header.columns, "name")).toBe("=Bolt");
    expect(cellOf(row, header.columns, "sku")).toBe(" A-1 ");
    expect(cellOf(row, header.columns, "unit")).toBeUndefined();
  });

  it("reports a row of the wrong width on its line", () => {
    expect(widthProblem({ line: 7, cells: ["a", "b"] }, 2)).toBeNull();
    expect(widthProblem({ line: 7, cells: ["a", "b", "c"] }, 2)).toEqual({
      line: 7,
      column: null,
      message:
        "This line has 3 values but the header has 2 columns. Put a value that contains a comma in double quotes.",
    });
  });
});
