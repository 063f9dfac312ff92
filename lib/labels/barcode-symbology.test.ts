// The check-digit rules against published codes (GS1's and Wikipedia's worked examples, a book's ISBN-13, a
// retail UPC), each with every wrong check digit refused, and which barcode a label carries.
import { describe, expect, it } from "vitest";
import { chooseProductBarcode, isValidEan13, isValidUpcA } from "./barcode-symbology";

const EAN13 = ["4006381333931", "5901234123457", "9780306406157", "4012345678901"];
const UPCA = ["036000291452", "012345678905", "042100005264"];

/** The same code with each other check digit. */
const wrongCheckDigits = (code: string) =>
  Array.from({ length: 10 }, (_, digit) => `${code.slice(0, -1)}${digit}`).filter((other) => other !== code);

describe("EAN-13", () => {
  it.each(EAN13)("accepts %s", (code) => expect(isValidEan13(code)).toBe(true));
  it.each(EAN13)("refuses %s with any other check digit", (code) => {
    for (const wrong of wrongCheckDigits(code)) expect(isValidEan13(wrong)).toBe(false);
  });
  it("refuses other lengths and non-digits", () => {
    for (const code of [
      "400638133393",
      "40063813339310",
      "400638133393A",
      " 4006381333931",
      "",
      "４００６３８１３３３９３１",
    ]) {
      expect(isValidEan13(code)).toBe(false);
    }
  });
  it("refuses a UPC-A (twelve digits)", () => expect(isValidEan13("036000291452")).toBe(false));
});

describe("UPC-A", () => {
  it.each(UPCA)("accepts %s", (code) => expect(isValidUpcA(code)).toBe(true));
  it.each(UPCA)("refuses %s with any other check digit", (code) => {
    for (const wrong of wrongCheckDigits(code)) expect(isValidUpcA(wrong)).toBe(false);
  });
  it("is an EAN-13 with a leading zero", () => {
    for (const code of UPCA) expect(isValidEan13(`0${code}`)).toBe(true);
  });
  it("refuses other lengths", () => expect(isValidUpcA("03600029145")).toBe(false));
});

describe("chooseProductBarcode", () => {
  it("prints a valid EAN-13 or UPC-A as that symbology", () => {
    expect(chooseProductBarcode({ barcode: "4006381333931", sku: "A-1" })).toEqual({
      symbology: "ean13",
      text: "4006381333931",
      source: "barcode",
    });
    expect(chooseProductBarcode({ barcode: "036000291452", sku: "A-1" })).toEqual({
      symbology: "upca",
      text: "036000291452",
      source: "barcode",
    });
  });

  it("prints thirteen or twelve digits with a wrong check digit as Code 128, as typed", () => {
    expect(chooseProductBarcode({ barcode: "4006381333932", sku: "A-1" })).toEqual({
      symbology: "code128",
      text: "4006381333932",
      source: "barcode",
    });
    expect(chooseProductBarcode({ barcode: "036000291453", sku: "A-1" })?.symbology).toBe("code128");
  });

  it("prints any other barcode as Code 128", () => {
    expect(chooseProductBarcode({ barcode: "BOX-12.a_b", sku: "A-1" })).toEqual({
      symbology: "code128",
      text: "BOX-12.a_b",
      source: "barcode",
    });
  });

  it("falls back to the SKU without a barcode, or with one Code 128 cannot carry", () => {
    expect(chooseProductBarcode({ barcode: null, sku: "WID 01/b" })).toEqual({
      symbology: "code128",
      text: "WID 01/b",
      source: "sku",
    });
    expect(chooseProductBarcode({ barcode: "Grüße", sku: "G-1" })).toEqual({
      symbology: "code128",
      text: "G-1",
      source: "sku",
    });
  });

  it("gives no barcode when neither can be one", () => {
    expect(chooseProductBarcode({ barcode: null, sku: "Käse-1" })).toBeNull();
  });
});
