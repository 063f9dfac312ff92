// The barcode formats the scanner reads, and when the browser's own BarcodeDetector is good enough to use
// (docs/architecture.md "Camera scanning"). Pure: the names are the Barcode Detection API's.

/** Everything the scanner asks a detector for: retail barcodes, warehouse Code 128/39, and QR (location labels). */
export const SCAN_FORMATS = ["ean_13", "ean_8", "upc_a", "upc_e", "code_128", "code_39", "qr_code"] as const;

export type ScanFormat = (typeof SCAN_FORMATS)[number];

/** What a native detector must read for the app to rely on it; otherwise the WebAssembly decoder is used. */
export const REQUIRED_FORMATS: readonly ScanFormat[] = ["ean_13", "upc_a", "code_128", "qr_code"];

/**
 * The formats to ask the browser's own detector for, or null when it lacks one of the required ones (then the
 * WebAssembly decoder, which reads them all, is used instead).
 */
export function nativeFormats(supported: readonly string[]): ScanFormat[] | null {
  if (!REQUIRED_FORMATS.every((format) => supported.includes(format))) return null;
  return SCAN_FORMATS.filter((format) => supported.includes(format));
}
