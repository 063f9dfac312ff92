// The product picker of the adjust and transfer pages: active products matching a search by name, SKU or barcode,
// with their total on hand, one keyset page at a time (lib/stock/product-name-keyset.ts).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import {
  afterProductName,
  decodeProductNameCursor,
  encodeProductNameCursor,
  productNameOrder,
  SORT_NAME,
} from "./product-name-keyset";
import { productSearchCondition } from "../products/product-search";
import { pageLimitSchema, searchTextSchema } from "./stock-fields";

/** A picker cursor from a URL or a caller, or null for one the picker did not make. */
export const decodePickerCursor = decodeProductNameCursor("stock-picker");

export const searchStockProductsSchema = z
  .object({ search: searchTextSchema, ...cursorTextShape, limit: pageLimitSchema })
  .strict()
  .transform(decodeCursors(decodePickerCursor));

export interface StockProductMatch {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  onHand: number;
}

export interface StockProductMatches {
  products: StockProductMatch[];
  nextCursor: string | null;
  previousCursor: string | null;
}

export async function searchStockProducts(ctx: TenantContext, input: unknown): Promise<StockProductMatches> {
  const { search, after, before, limit } = parseInput(searchStockProductsSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  if (!search) return { products: [], nextCursor: null, previousCursor: null };
  // The search is a filter for the app role (bench/README.md, "Product list"), so the matches are sorted; the
  // cursor keeps a page from depending on how many came before it.
  const read = await withTenantTx(ctx, async (tx) => {
    const matching = await productSearchCondition(tx, search);
    return tx.$queryRaw<{ id: string; sku: string; name: string; sort_name: string; unit: string; on_hand: bigint }[]>`
      SELECT p.id::text, p.sku, p.name, ${SORT_NAME}, p.unit,
             (SELECT coalesce(sum(s.on_hand), 0) FROM stock_levels s WHERE s.company_id = p.company_id AND s.product_id = p.id)::bigint AS on_hand
        FROM products p
       WHERE p.company_id = ${ctx.companyId}::uuid AND NOT p.archived AND ${matching}
         AND ${afterProductName({ after, before })}
       ${productNameOrder(before)}
       LIMIT ${limit + 1}`;
  });
  const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
    encodeProductNameCursor("stock-picker", row),
  );
  return {
    products: page.rows.map((row) => ({
      productId: row.id,
      sku: row.sku,
      name: row.name,
      unit: row.unit,
      onHand: Number(row.on_hand),
    })),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
  };
}
