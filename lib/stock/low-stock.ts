// Low stock (issue "Inventory", part 7), defined once: a product is low when its reorder point is above zero and
// the stock it is judged by — its total on hand over all locations, or with a location in view its on hand
// there — is at or below that point. A product with no stock rows at all has 0 on hand in total (and is low if
// it has a reorder point); at a location it is judged only where it has a stock row (it is stocked there).
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

/**
 * Every product's total on hand and reserved over all locations, as a relation `(product_id, on_hand, reserved)`
 * of the company's stock rows: one pass over them, for work that judges all products at once (the count,
 * sorting or filtering a whole catalogue by stock). A product without stock rows is absent: use coalesce(…, 0).
 */
export function stockTotalsByProduct(companyId: string): Prisma.Sql {
  return Prisma.sql`(
    SELECT s.product_id, sum(s.on_hand)::bigint AS on_hand, sum(s.reserved)::bigint AS reserved
      FROM stock_levels s
     WHERE s.company_id = ${companyId}::uuid
     GROUP BY s.product_id)`;
}

/**
 * One product's total on hand and reserved over all locations, as a LATERAL relation `(on_hand, reserved)` for
 * the product whose id is `productId` (NULL sums when it has no stock rows: use coalesce(…, 0)). For work that
 * judges products one at a time in an index's order and stops after a page.
 */
export function stockTotalsOfProduct(companyId: string, productId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LATERAL (
    SELECT sum(s.on_hand)::bigint AS on_hand, sum(s.reserved)::bigint AS reserved
      FROM stock_levels s
     WHERE s.company_id = ${companyId}::uuid AND s.product_id = ${productId})`;
}

export const countLowStockSchema = z.object({ locationId: locationIdSchema.optional() }).strict();

/**
 * How many active products are low — over all locations, or at one location (products stocked there whose
 * on hand there is at or below their reorder point). Archived products are not counted: nobody reorders them.
 */
export async function countLowStock(ctx: TenantContext, input: unknown): Promise<number> {
  const { locationId } = parseInput(countLowStockSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  const companyId = ctx.companyId;
  return withTenantTx(ctx, async (tx) => {
    const [row] = locationId
      ? await tx.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count
            FROM products p
            JOIN stock_levels l ON l.company_id = ${companyId}::uuid AND l.product_id = p.id AND l.location_id = ${locationId}::uuid
           WHERE p.company_id = ${companyId}::uuid AND NOT p.archived AND ${lowStockCondition(Prisma.sql`l.on_hand`)}`
      : await tx.$queryRaw<{ count: number }[]>`
          SELECT count(*)::int AS count
            FROM products p
            LEFT JOIN ${stockTotalsByProduct(companyId)} t ON t.product_id = p.id
           WHERE p.company_id = ${companyId}::uuid AND NOT p.archived AND ${lowStockCondition(Prisma.sql`coalesce(t.on_hand, 0)`)}`;
    return row?.count ?? 0;
  });
}
