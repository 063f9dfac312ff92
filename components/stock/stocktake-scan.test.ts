// Counting by scanning (./stocktake-scan.ts): one more in the scanned product's box, never a silent overwrite.
import { describe, expect, it } from "vitest";
import { countedOneMore, stocktakeScan } from "./stocktake-scan";

const products = [
  { productId: "p1", sku: "TOO-0011", barcode: "2004000000112", name: "Tape measure 5 m" },
  { productId: "p2", sku: "PLU-0030", barcode: "036000291452", name: "Basin tap" },
];

describe("countedOneMore", () => {
  it("starts a blank box at 1 and adds one to a count", () => {
    expect(countedOneMore("")).toBe("1");
    expect(countedOneMore(" 7 ")).toBe("8");
  });

  it("leaves what is not a whole number to the person", () => {
    expect(countedOneMore("2.5")).toBeNull();
    expect(countedOneMore("-1")).toBeNull();
    expect(countedOneMore("ten")).toBeNull();
  });
});

describe("stocktakeScan", () => {
  it("adds one to the product with that barcode or SKU, in either retail spelling", () => {
    const boxes: Record<string, string> = { p1: "", p2: "4" };
    expect(stocktakeScan(products, "2004000000112", (id) => boxes[id]!)).toEqual({
      productId: "p1",
      value: "1",
      feedback: { tone: "success", message: "Tape measure 5 m: 1 counted." },
    });
    expect(stocktakeScan(products, "0036000291452", (id) => boxes[id]!)).toMatchObject({ productId: "p2", value: "5" });
    expect(stocktakeScan(products, "plu-0030", (id) => boxes[id]!)).toMatchObject({ productId: "p2", value: "5" });
  });

  it("says when no product on the page has the code, and changes nothing", () => {
    expect(stocktakeScan(products, "999", () => "")).toEqual({
      feedback: {
        tone: "warning",
        message: "No product on this page has the code “999”. Record this page's counts, then search for it.",
      },
    });
  });

  it("does not overwrite a box that holds something else", () => {
    expect(stocktakeScan(products, "TOO-0011", () => "abc")).toEqual({
      feedback: {
        tone: "warning",
        message: "Tape measure 5 m: its box does not hold a whole number. Correct it, then scan again.",
      },
    });
  });
});
