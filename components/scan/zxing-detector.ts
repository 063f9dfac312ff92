// The WebAssembly barcode decoder, imported on demand by ./detector.ts so neither this module nor zxing-wasm is in
// any page's first load. Its .wasm comes from the app's own origin, never zxing-wasm's default CDN: postinstall and
// every build copy it to public/ under its version (scripts/copy-scanner-wasm.mjs), and locateFile below points
// there, so a new zxing-wasm is a new URL and a cached old file is never paired with new JavaScript.
import { BarcodeDetector, prepareZXingModule, ZXING_WASM_VERSION } from "barcode-detector/ponyfill";
import type { CodeDetector } from "./detector";
import type { ScanFormat } from "./scan-formats";

/** Where the app serves zxing-wasm's reader (the copy script writes public/ + this path). */
export const zxingWasmPath = (version: string) => `/vendor/zxing-wasm/${version}/zxing_reader.wasm`;

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) =>
      path.endsWith(".wasm") ? new URL(zxingWasmPath(ZXING_WASM_VERSION), location.origin).href : prefix + path,
  },
});

export function createZxingDetector(formats: ScanFormat[]): CodeDetector {
  return new BarcodeDetector({ formats });
}
