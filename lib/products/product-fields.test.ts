import { describe, expect, it } from "vitest";
import { productFieldsSchema } from "./product-fields";

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
});
