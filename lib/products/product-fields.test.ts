import { describe, expect, it } from "vitest";
import { productFieldsSchema, reorderLevelsProblem } from "./product-fields";

const errorsOf = (input: unknown) => {
  const result = productFieldsSchema.safeParse(input);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("productFieldsSchema", () => {
  it("normalises a valid product: trimmed text, blank optionals as null, defaults filled", () => {
    expect(
      productFieldsSchema.parse({ sku: " W-1 ", name: " Widget ", category: "", barcode: " ", costPrice: "2.5" }),
    ).toEqual({
      sku: "W-1",
      name: "Widget",
      description: null,
      category: null,
      unit: "each",
      barcode: null,
      costPrice: "2.5",
      salePrice: "0",
      reorderPoint: 0,
      packSize: null,
      reorderQuantity: null,
      targetLevel: null,
    });
  });

  it("names each bad field", () => {
    expect(
      errorsOf({
        sku: "",
        name: "x".repeat(201),
        costPrice: "-1",
        salePrice: "1.234",
        reorderPoint: "1.5",
        barcode: "12 34",
      }),
    ).toEqual({
      sku: "Enter the SKU.",
      name: "Use at most 200 characters.",
      costPrice: "Cost price: enter an amount like 12.50 (0 or more, at most two decimals).",
      salePrice: "Sale price: enter an amount like 12.50 (0 or more, at most two decimals).",
      reorderPoint: "Reorder point: enter a whole number (no decimals or letters).",
      barcode: "A barcode is letters, digits, dots, dashes or underscores.",
    });
  });

  it("refuses unknown keys such as companyId, and names spanning lines", () => {
    expect(productFieldsSchema.safeParse({ sku: "A", name: "B", companyId: "x" }).success).toBe(false);
    expect(errorsOf({ sku: "A", name: "Line\nBreak" }).name).toBe("Use a single line without control characters.");
  });

  it("keeps a description's line breaks and tabs but refuses its other control characters, NUL among them", () => {
    expect(productFieldsSchema.parse({ sku: "A", name: "B", description: "Line one\r\nLine\ttwo" }).description).toBe(
      "Line one\r\nLine\ttwo",
    );
    for (const description of ["Bad\u0000byte", "Bell\u0007", "Esc\u001b[31m", "Next\u0085line", "Del\u007f"]) {
      expect(errorsOf({ sku: "A", name: "B", description })).toEqual({
        description: "Use plain text without control characters.",
      });
    }
  });

  it("takes a pack size of 2 to 100,000 as typed or sent, and a blank one as none", () => {
    const packOf = (packSize: unknown) => productFieldsSchema.parse({ sku: "A", name: "B", packSize }).packSize;
    expect(packOf("25")).toBe(25);
    expect(packOf(" 2 ")).toBe(2);
    expect(packOf("100000")).toBe(100_000);
    expect(packOf(12)).toBe(12);
    for (const none of ["", "   ", null, undefined]) expect(packOf(none)).toBeNull();
    expect(productFieldsSchema.parse({ sku: "A", name: "B" }).packSize).toBeNull();
  });

  it("refuses any other pack size with a message that says what to type", () => {
    const message = "Pack size: a whole number from 2 to 100,000, or leave it empty.";
    for (const packSize of ["1", "0", "-5", "100001", "2.5", "1e3", "25 pcs", "0x10", 1, 2.5, 100_001, NaN, true]) {
      expect(errorsOf({ sku: "A", name: "B", packSize })).toEqual({ packSize: message });
    }
  });

  it("takes a reorder quantity of 1 to 1,000,000 and a target level up to 1,000,000,000, blank as none", () => {
    const parse = (input: Record<string, unknown>) => productFieldsSchema.parse({ sku: "A", name: "B", ...input });
    expect(parse({ reorderQuantity: " 24 ", targetLevel: "1000000000" })).toMatchObject({
      reorderQuantity: 24,
      targetLevel: 1_000_000_000,
    });
    expect(parse({ reorderQuantity: "", targetLevel: null })).toMatchObject({
      reorderQuantity: null,
      targetLevel: null,
    });
    for (const reorderQuantity of ["0", "1000001", "2.5", "ten"]) {
      expect(errorsOf({ sku: "A", name: "B", reorderQuantity })).toEqual({
        reorderQuantity: "Reorder quantity: a whole number from 1 to 1,000,000, or leave it empty.",
      });
    }
    expect(errorsOf({ sku: "A", name: "B", targetLevel: "1000000001" })).toEqual({
      targetLevel: "Target level: a whole number from 1 to 1,000,000,000, or leave it empty.",
    });
  });
});

describe("reorderLevelsProblem", () => {
  it("wants a target level above the reorder point, or none", () => {
    expect(reorderLevelsProblem({ reorderPoint: 10, targetLevel: 11 })).toBeNull();
    expect(reorderLevelsProblem({ reorderPoint: 10, targetLevel: null })).toBeNull();
    expect(reorderLevelsProblem({ reorderPoint: 0, targetLevel: 1 })).toBeNull();
    expect(reorderLevelsProblem({ reorderPoint: 1500, targetLevel: 1500 })).toBe(
      "Target level: enter a number above the reorder point (1,500), or leave it empty.",
    );
  });
});
