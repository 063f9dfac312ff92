// Which barcode a product's label carries (docs/architecture.md "Labels"): its own barcode as EAN-13 or UPC-A when it
// is a valid one of those (the check digit is right), so a till or a supplier's scanner reads it as the retail code
// it is; otherwise Code 128 of the barcode, or of the SKU when it has none. Code 128 carries printable ASCII only, so
// a SKU with other characters (and no barcode) gets no barcode at all rather than one that scans as something else.
// Pure: the check-digit rules are unit-tested against published codes.
import { gs1CheckDigit } from "../products/product-code";

export type LabelSymbology = "ean13" | "upca" | "code128";

export interface BarcodeChoice {
  symbology: LabelSymbology;
  /** What the barcode encodes, exactly as stored. */
  text: string;
  /** Where the text came from. */
  source: "barcode" | "sku";
}

function validGs1(code: string, length: number): boolean {
  if (code.length !== length || !/^\d+$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === Number(code[length - 1]);
}

/** Thirteen digits whose last is the GS1 check digit of the first twelve. */
export function isValidEan13(code: string): boolean {
  return validGs1(code, 13);
}

/** Twelve digits whose last is the GS1 check digit of the first eleven. */
export function isValidUpcA(code: string): boolean {
  return validGs1(code, 12);
}

/** Printable ASCII (space to tilde): what Code 128 carries as text. */
function isCode128Text(text: string): boolean {
  return /^[\x20-\x7e]+$/.test(text);
}

/** The barcode a product's label carries, or null when neither its barcode nor its SKU can be one. */
export function chooseProductBarcode(product: { barcode: string | null; sku: string }): BarcodeChoice | null {
  const { barcode, sku } = product;
  if (barcode) {
    if (isValidEan13(barcode)) return { symbology: "ean13", text: barcode, source: "barcode" };
    if (isValidUpcA(barcode)) return { symbology: "upca", text: barcode, source: "barcode" };
    if (isCode128Text(barcode)) return { symbology: "code128", text: barcode, source: "barcode" };
  }
  return isCode128Text(sku) ? { symbology: "code128", text: sku, source: "sku" } : null;
}

export const SYMBOLOGY_NAMES: Record<LabelSymbology, string> = {
  ean13: "EAN-13",
  upca: "UPC-A",
  code128: "Code 128",
};
