// Low stock (issue "Inventory", part 7), defined once: a product is low when its reorder point is above zero and
// the stock it is judged by — its total on hand over all locations (its product_stock_totals row, docs/architecture.md
// §5 "Stock totals"), or with a location in view its on hand there — is at or below that point. A product with no
// stock rows at all has 0 on hand in total (and is low if it has a reorder point); at a location it is judged only
// where it has a stock row (it is stocked there).
// The product list's "low stock" filter, its badges and the dashboard's count all use the SQL below.
// Not marked server-only: the product-list benchmark (plain Node, bench/products-list.ts) runs the same SQL.
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { locationIdSchema } from "../fields";
import { z } from "zod";

/**
 * The rule, over SQL expressions for the stock on hand and the reorder point (of a row `p` of products, say).
 * NULL on hand (no stock row at the location in view) is never low.
 */
export function lowStockCondition(
  onHand: Prisma.Sql,
  reorderPoint: Prisma.Sql = Prisma.sql`p.reorder_point`,
): Prisma.Sql {
  return Prisma.sql`(${reorderPoint} > 0 AND ${onHand} <= ${reorderPoint})`;
}

export const countLowStockSchema = z.object({ locationId: locationIdSchema.optional() }).strict();

/**
 * How many active products are low — over all locations (their stored totals row, which carries copies of the
 * reorder point and archived state: counted from the partial index product_stock_totals_low_idx, whose predicate
 * this is), or at one location (products stocked there whose on hand there is at or below their reorder point: the
 * location's stock rows hash-joined to the active products with a reorder point, read from the partial index
 * products_reorder_point_idx alone, whose predicate is this condition's `reorder_point > 0` with NOT archived).
 * Archived products are not counted: nobody reorders them. bench/products-list.ts times this SQL.
 */
export function lowStockCountSql(companyId: string, locationId?: string): Prisma.Sql {
  return locationId
    ? Prisma.sql`
        SELECT count(*)::int AS count
          FROM products p
          JOIN stock_levels l ON l.company_id = ${companyId}::uuid AND l.product_id = p.id AND l.location_id = ${locationId}::uuid
         WHERE p.company_id = ${companyId}::uuid AND NOT p.archived AND ${lowStockCondition(Prisma.sql`l.on_hand`)}`
    : Prisma.sql`
        SELECT count(*)::int AS count
          FROM product_stock_totals t
         WHERE t.company_id = ${companyId}::uuid AND NOT t.archived
           AND ${lowStockCondition(Prisma.sql`t.on_hand`, Prisma.sql`t.reorder_point`)}`;
}

/** How many active products are low (lowStockCountSql), for a person who may view stock. */
export async function countLowStock(ctx: TenantContext, input: unknown): Promise<number> {
  const { locationId } = parseInput(countLowStockSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const [row] = await tx.$queryRaw<{ count: number }[]>(lowStockCountSql(ctx.companyId, locationId));
    return row?.count ?? 0;
  });
}
