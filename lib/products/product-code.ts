// What a scanned or typed product code means (docs/architecture.md "Camera scanning"): one rule, shared by the
// three places that take a code — scan to open a product (./find-product-by-code.ts), the request form's search
// (lib/orders/find-order-products.ts) and the stocktake's counting (components/stock/stocktake-scan.ts, which
// matches the page's products in the browser). Pure: no server-only import.
//
// A code matches a product's barcode or SKU exactly, letter case aside (lib/products/product-keys.ts). A retail
// barcode has two spellings: a 12-digit UPC-A is the 13-digit EAN-13 with a leading 0, and a scanner may report
// either (it depends on which formats it decodes and on the label), so each stands for the other.
import { z } from "zod";
import { stripControlCharacters } from "../fields";

/** The longest code accepted: a product's barcode and SKU are at most 64 characters (prisma/schema.prisma). */
export const MAX_PRODUCT_CODE = 64;

/**
 * A scanned or typed code: trimmed, with control characters removed (a GS1 Code 128 carries an invisible group
 * separator, and a keyboard-wedge scanner may add a tab or a line end).
 */
export const productCodeSchema = z
  .string({ error: "Code: scan or type a barcode or SKU." })
  .transform((text) => normaliseProductCode(text))
  .pipe(
    z
      .string()
      .min(1, "Code: scan or type a barcode or SKU.")
      .max(MAX_PRODUCT_CODE, `Code: at most ${MAX_PRODUCT_CODE} characters — no barcode or SKU is longer.`),
  );

/** The code as it is looked up: control characters dropped, surrounding blanks trimmed. */
export function normaliseProductCode(text: string): string {
  return stripControlCharacters(text).trim();
}

/** The spellings a code is looked up by (itself first): a UPC-A and its EAN-13 form stand for each other. */
export function productCodeCandidates(code: string): string[] {
  const text = normaliseProductCode(code);
  if (/^\d{12}$/.test(text)) return [text, `0${text}`];
  if (/^0\d{12}$/.test(text)) return [text, text.slice(1)];
  return text ? [text] : [];
}

/**
 * Whether a product with this barcode and SKU is the one a code means: its barcode is one of the code's spellings,
 * or its SKU is the code, letter case aside. (The database compares lower-cased keys the same way.)
 */
export function productHasCode(product: { sku: string; barcode: string | null }, code: string): boolean {
  const candidates = productCodeCandidates(code).map((candidate) => candidate.toLowerCase());
  if (candidates.length === 0) return false;
  const barcode = product.barcode?.toLowerCase();
  return (barcode !== undefined && candidates.includes(barcode)) || product.sku.toLowerCase() === candidates[0];
}

/** The GS1 check digit of the 7, 11, 12 or 17 digits before it (EAN-8, UPC-A, EAN-13, SSCC). */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`Not digits: ${digits}`);
  let sum = 0;
  // From the right: the digit next to the check digit weighs 3, the next 1, and so on.
  for (let i = 0; i < digits.length; i += 1) {
    sum += Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A valid EAN-13 from its first 12 digits. */
export function ean13(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new Error(`An EAN-13 starts with 12 digits: ${first12}`);
  return `${first12}${gs1CheckDigit(first12)}`;
}
