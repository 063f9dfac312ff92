// Where a scan to open leads: a location label's QR (a link to this app) opens its page; codes are looked up.
import { describe, expect, it } from "vitest";
import { scannedCodeHref } from "./scan-product-button";

const ORIGIN = "https://stock.example";

describe("scannedCodeHref", () => {
  it("opens a link to a page of this app at that page", () => {
    expect(scannedCodeHref(`${ORIGIN}/locations/0193a7c2-1111-7000-8000-000000000000/stocktake`, ORIGIN)).toBe(
      "/locations/0193a7c2-1111-7000-8000-000000000000/stocktake",
    );
  });

  it("looks up a barcode, and a link to another site as the text it is", () => {
    expect(scannedCodeHref("4006381333931", ORIGIN)).toBe("/products/lookup?code=4006381333931");
    expect(scannedCodeHref("https://evil.example/locations/x", ORIGIN)).toBe(
      `/products/lookup?${new URLSearchParams({ code: "https://evil.example/locations/x" })}`,
    );
  });
});
