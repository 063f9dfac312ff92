// Counting by scanning in a stocktake (docs/architecture.md "Camera scanning"): each scan of a product on the page
// adds one to its count box. The boxes stay the form's own uncontrolled fields, so what is submitted, refused and
// echoed back is exactly what the boxes show, scanned or typed. Pure.
import { productHasCode } from "@/lib/products/product-code";
import type { ScanFeedback } from "@/components/scan/scanner-dialog";

/** The box's text after one more is counted; null when it holds something that is not a count (left for the person). */
export function countedOneMore(current: string): string | null {
  const text = current.trim();
  if (text === "") return "1";
  if (!/^\d+$/.test(text)) return null;
  return String(Number(text) + 1);
}

interface CountableProduct {
  productId: string;
  sku: string;
  barcode: string | null;
  name: string;
}

/**
 * A scan in the stocktake: which product's box to set to what, and what to tell the person. `boxOf` reads a box's
 * current text; nothing is written here.
 */
export function stocktakeScan(
  products: readonly CountableProduct[],
  code: string,
  boxOf: (productId: string) => string,
): { productId: string; value: string; feedback: ScanFeedback } | { feedback: ScanFeedback } {
  const product = products.find((candidate) => productHasCode(candidate, code));
  if (!product) {
    return {
      feedback: {
        tone: "warning",
        message: `No product on this page has the code “${code}”. Record this page's counts, then search for it.`,
      },
    };
  }
  const value = countedOneMore(boxOf(product.productId));
  if (value === null) {
    return {
      feedback: {
        tone: "warning",
        message: `${product.name}: its box does not hold a whole number. Correct it, then scan again.`,
      },
    };
  }
  return {
    productId: product.productId,
    value,
    feedback: { tone: "success", message: `${product.name}: ${value} counted.` },
  };
}
