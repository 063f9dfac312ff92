// Low stock, defined once (issue 15, item 3; docs/architecture.md §5 "Low stock"). A product is low
//   * in total: its reorder point is above zero and its total on hand over all locations (its product_stock_totals
//     row, §5 "Stock totals") is at or below it; or
//   * at a location: that location sets its own reorder point for it (stock_levels.reorder_point) and its on hand
//     there is at or below that point ("low here").
// A location is never judged by the product's point: that point is about the total. The totals row counts the
// product's locations that are low here (low_locations, kept by the stock_levels trigger), so "low" is one condition
// on one row. The dashboard's count, the product list's filter and badges, the product page, the reorder page and
// the low-stock alerts all use the SQL below. Archived products are never low: nobody reorders them.
// Not marked server-only: the product-list benchmark (plain Node, bench/products-list.ts) runs the same SQL.
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { locationIdSchema } from "../fields";
import { z } from "zod";

/** The product's own point on a total on hand (SQL expressions): above zero, and the stock at or below it. */
export function lowInTotalCondition(onHand: Prisma.Sql, reorderPoint: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${reorderPoint} > 0 AND ${onHand} <= ${reorderPoint})`;
}

/**
 * A stock row `alias` of stock_levels at or below its location's own reorder point, whatever its product: the partial
 * index stock_levels_low_idx's predicate. Not "low" by itself: a reader that starts from it leaves archived products
 * out where it joins them (the reorder page); everyone else asks lowHereCondition.
 */
export function atLocationPointCondition(alias = "l"): Prisma.Sql {
  const row = Prisma.raw(alias);
  return Prisma.sql`(${row}.reorder_point IS NOT NULL AND ${row}.on_hand <= ${row}.reorder_point)`;
}

/**
 * "Low here": a stock row `alias` at or below its location's own reorder point, of a product that is not archived
 * (`archived`: that product's archived column, from its products or totals row).
 */
export function lowHereCondition(alias: string, archived: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${atLocationPointCondition(alias)} AND NOT ${archived})`;
}

/**
 * A product's totals row `alias` (product_stock_totals) is low, in total or at some location. Written as the partial
 * index product_stock_totals_low_idx's predicate (which adds NOT archived), so the planner uses it.
 */
export function lowTotalsCondition(alias = "t"): Prisma.Sql {
  const row = Prisma.raw(alias);
  return Prisma.sql`(${lowInTotalCondition(Prisma.sql`${row}.on_hand`, Prisma.sql`${row}.reorder_point`)} OR ${row}.low_locations > 0)`;
}

export const countLowStockSchema = z.object({ locationId: locationIdSchema.optional() }).strict();

/**
 * How many active products are low — anywhere (their totals rows, read from the partial index
 * product_stock_totals_low_idx alone), or at one location (its stock rows at or below their own point, from the
 * partial index stock_levels_low_idx, joined to the active products). bench/products-list.ts times this SQL.
 */
export function lowStockCountSql(companyId: string, locationId?: string): Prisma.Sql {
  return locationId
    ? Prisma.sql`
        SELECT count(*)::int AS count
          FROM stock_levels l
          JOIN products p ON p.company_id = ${companyId}::uuid AND p.id = l.product_id
         WHERE l.company_id = ${companyId}::uuid AND l.location_id = ${locationId}::uuid
           AND ${lowHereCondition("l", Prisma.sql`p.archived`)}`
    : Prisma.sql`
        SELECT count(*)::int AS count
          FROM product_stock_totals t
         WHERE t.company_id = ${companyId}::uuid AND NOT t.archived AND ${lowTotalsCondition("t")}`;
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
