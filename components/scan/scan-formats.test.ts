// When the browser's own detector is used (./scan-formats.ts).
import { describe, expect, it } from "vitest";
import { nativeFormats, REQUIRED_FORMATS, SCAN_FORMATS } from "./scan-formats";

describe("scan formats", () => {
  it("asks for EAN-13, UPC-A, Code 128 and QR at least, and the other retail and warehouse codes", () => {
    expect(SCAN_FORMATS).toEqual(
      expect.arrayContaining(["ean_13", "upc_a", "code_128", "qr_code", "ean_8", "upc_e", "code_39"]),
    );
    expect(SCAN_FORMATS).toEqual(expect.arrayContaining([...REQUIRED_FORMATS]));
  });

  it("uses a native detector that reads every required format, asking it only for formats it has", () => {
    const supported = ["aztec", "code_128", "ean_13", "itf", "qr_code", "upc_a", "ean_8"];
    expect(nativeFormats(supported)).toEqual(["ean_13", "ean_8", "upc_a", "code_128", "qr_code"]);
  });

  it("falls back to the WebAssembly decoder when a required format is missing or nothing is supported", () => {
    expect(nativeFormats(["ean_13", "upc_a", "code_128"])).toBeNull();
    expect(nativeFormats(["qr_code"])).toBeNull();
    expect(nativeFormats([])).toBeNull();
  });
});
