// The product picker of the adjust and transfer pages: active products matching a search by name, SKU or barcode,
// with their total on hand, one page at a time.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productSearchCondition } from "../products/product-search";
import { pageNumberSchema, searchTextSchema, STOCK_PAGE_SIZE } from "./stock-fields";

export const searchStockProductsSchema = z.object({ search: searchTextSchema, page: pageNumberSchema }).strict();

export interface StockProductMatch {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  onHand: number;
}

export async function searchStockProducts(
  ctx: TenantContext,
  input: unknown,
): Promise<{ products: StockProductMatch[]; page: number; hasNextPage: boolean }> {
  const { search, page } = parseInput(searchStockProductsSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  if (!search) return { products: [], page, hasNextPage: false };
  const rows = await withTenantTx(ctx, async (tx) => {
    const matching = await productSearchCondition(tx, search);
    return tx.$queryRaw<{ id: string; sku: string; name: string; unit: string; on_hand: bigint }[]>`
      SELECT p.id::text, p.sku, p.name, p.unit,
             (SELECT coalesce(sum(s.on_hand), 0) FROM stock_levels s WHERE s.company_id = p.company_id AND s.product_id = p.id)::bigint AS on_hand
        FROM products p
       WHERE p.company_id = ${ctx.companyId}::uuid AND NOT p.archived AND ${matching}
       ORDER BY lower(p.name), p.sku, p.id
       LIMIT ${STOCK_PAGE_SIZE + 1} OFFSET ${(page - 1) * STOCK_PAGE_SIZE}`;
  });
  return {
    products: rows.slice(0, STOCK_PAGE_SIZE).map((row) => ({
      productId: row.id,
      sku: row.sku,
      name: row.name,
      unit: row.unit,
      onHand: Number(row.on_hand),
    })),
    page,
    hasNextPage: rows.length > STOCK_PAGE_SIZE,
  };
}
