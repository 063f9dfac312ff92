// The barcode detector the scanner uses (docs/architecture.md "Camera scanning"): the browser's own
// BarcodeDetector when it reads every required format, else the `barcode-detector` polyfill on zxing-wasm, whose
// JavaScript and WebAssembly are fetched only now — when a scanner opens — and only from the app's own origin
// (./zxing-detector.ts).
import { nativeFormats, SCAN_FORMATS } from "./scan-formats";

export interface DetectedCode {
  rawValue: string;
  format: string;
}

/** What the scanner needs of a detector: the codes in the current frame of a video. */
export interface CodeDetector {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}

/** The Barcode Detection API's constructor, where the browser has one (not in TypeScript's DOM types yet). */
interface BarcodeDetectorConstructor {
  new (options?: { formats?: string[] }): CodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

export async function loadDetector(): Promise<CodeDetector> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (Native) {
    const formats = nativeFormats(await Native.getSupportedFormats().catch(() => []));
    if (formats) return new Native({ formats });
  }
  const { createZxingDetector } = await import("./zxing-detector");
  return createZxingDetector([...SCAN_FORMATS]);
}
