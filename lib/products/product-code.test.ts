// The code rule shared by scan to open, the request form and the stocktake (./product-code.ts).
import { describe, expect, it } from "vitest";
import {
  ean13,
  gs1CheckDigit,
  normaliseProductCode,
  productCodeCandidates,
  productCodeSchema,
  productHasCode,
} from "./product-code";

describe("normaliseProductCode", () => {
  it("drops the control characters scanners add (a GS1 group separator, a wedge's tab or line end) and trims", () => {
    expect(normaliseProductCode("\u001d0101234567890128\r\n")).toBe("0101234567890128");
    expect(normaliseProductCode("  FAS-0001\t")).toBe("FAS-0001");
    expect(normaliseProductCode(" \u0000 ")).toBe("");
  });
});

describe("productCodeCandidates", () => {
  it("looks a 12-digit UPC-A up as itself and as its EAN-13 spelling, and back", () => {
    expect(productCodeCandidates("036000291452")).toEqual(["036000291452", "0036000291452"]);
    expect(productCodeCandidates("0036000291452")).toEqual(["0036000291452", "036000291452"]);
  });

  it("takes any other code as it is: an EAN-13 not starting with 0, an EAN-8, a SKU", () => {
    expect(productCodeCandidates("4006381333931")).toEqual(["4006381333931"]);
    expect(productCodeCandidates("96385074")).toEqual(["96385074"]);
    expect(productCodeCandidates(" bolt-m8 ")).toEqual(["bolt-m8"]);
    expect(productCodeCandidates("   ")).toEqual([]);
  });
});

describe("productHasCode", () => {
  const product = { sku: "TOO-0011", barcode: "036000291452" };

  it("matches the barcode in either retail spelling and the SKU in any letter case", () => {
    expect(productHasCode(product, "036000291452")).toBe(true);
    expect(productHasCode(product, "0036000291452")).toBe(true);
    expect(productHasCode(product, "too-0011")).toBe(true);
    expect(productHasCode({ sku: "X", barcode: "AbC-1" }, "abc-1")).toBe(true);
  });

  it("matches nothing partial, nothing blank, and no barcode a product lacks", () => {
    expect(productHasCode(product, "03600029145")).toBe(false);
    expect(productHasCode(product, "TOO")).toBe(false);
    expect(productHasCode(product, "")).toBe(false);
    expect(productHasCode({ sku: "TOO-0011", barcode: null }, "036000291452")).toBe(false);
  });
});

describe("productCodeSchema", () => {
  it("keeps the normalised code and refuses blank or overlong codes with a message a person can act on", () => {
    expect(productCodeSchema.parse(" 4006381333931\n")).toBe("4006381333931");
    expect(productCodeSchema.safeParse("\t").error?.issues[0]?.message).toBe("Code: scan or type a barcode or SKU.");
    expect(productCodeSchema.safeParse("9".repeat(65)).error?.issues[0]?.message).toMatch(
      /^Code: at most 64 characters/,
    );
    expect(productCodeSchema.safeParse(42).success).toBe(false);
  });
});

describe("GS1 check digits", () => {
  it("computes those of published codes", () => {
    expect(gs1CheckDigit("400638133393")).toBe(1); // EAN-13 4006381333931
    expect(gs1CheckDigit("03600029145")).toBe(2); // UPC-A 036000291452
    expect(gs1CheckDigit("9638507")).toBe(4); // EAN-8 96385074
    expect(ean13("200400000011")).toBe("2004000000112");
  });

  it("refuses what is not 12 digits", () => {
    expect(() => ean13("20040000001")).toThrow();
    expect(() => ean13("20040000001x")).toThrow();
  });
});
