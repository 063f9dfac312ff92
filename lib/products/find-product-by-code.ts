// Scan to open a product (docs/architecture.md "Camera scanning"): the company's products whose barcode or SKU is
// exactly the scanned or typed code, letter case aside, a UPC-A and its EAN-13 spelling alike (./product-code.ts).
// Archived products count (a label on the shelf still opens its product); active ones come first, then barcode
// matches before SKU matches. Usually one; more where one product's barcode is another's SKU, where two barcodes are
// the UPC-A and EAN-13 spellings of one code, or where rows flagged as duplicates share it in another letter case —
// each says which of its codes matched, so the page can say why.
// Another company's product is never found: its code is simply unknown here.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productCodeCandidates, productCodeSchema } from "./product-code";
import { keyMatches } from "./product-keys";

export const findProductByCodeSchema = z.object({ code: productCodeSchema }).strict();

export interface ProductByCode {
  id: string;
  sku: string;
  name: string;
  archived: boolean;
  /** Which of the product's codes is the one looked up. */
  matchedBy: "barcode" | "sku";
  /** The matched code as the product spells it. */
  matchedCode: string;
}

export interface ProductCodeLookup {
  /** The code as it was looked up (trimmed, control characters dropped). */
  code: string;
  /** At most a few; empty when no product of the company has this code. */
  products: ProductByCode[];
}

export async function findProductByCode(ctx: TenantContext, input: unknown): Promise<ProductCodeLookup> {
  const { code } = parseInput(findProductByCodeSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  const products = await withTenantTx(ctx, (tx) => productsWithCode(tx, ctx, code));
  return { code, products };
}

/**
 * The lookup itself, in the caller's transaction: also what a stocktake's scan counts by
 * (lib/stocktakes/find-stocktake-product.ts). `code` is normalised already (productCodeSchema).
 */
export function productsWithCode(tx: TenantTx, ctx: TenantContext, code: string): Promise<ProductByCode[]> {
  return tx.$queryRaw<ProductByCode[]>`
      SELECT p.id::text, p.sku, p.name, p.archived,
             CASE WHEN ${keyMatches("barcode", productCodeCandidates(code))} THEN 'barcode' ELSE 'sku' END AS "matchedBy",
             CASE WHEN ${keyMatches("barcode", productCodeCandidates(code))} THEN p.barcode ELSE p.sku END AS "matchedCode"
        FROM products p
       WHERE p.company_id = ${ctx.companyId}::uuid
         AND (${keyMatches("barcode", productCodeCandidates(code))} OR ${keyMatches("sku", [code])})
       ORDER BY p.archived, (${keyMatches("barcode", productCodeCandidates(code))}) IS TRUE DESC, p.id
       LIMIT 5`;
}
