// The slow movers' SQL (docs/architecture.md §8 "Reports"): active products with stock on hand from which no stock
// has left in the last N days — no shipment, no negative adjustment or stocktake difference; a transfer between the
// company's locations is not stock leaving (as for the dashboard's rollups). Keyset pages by name; for each, when
// stock last left and when it last moved at all, one backward step each of the ledger's (product, time) index.
// Not marked server-only: the benchmark runs it outside Next.
import { Prisma } from "../db/generated/client";
import { TRANSFER_REASONS } from "../dashboard/stock-movement-days";
import type { TextCursor } from "../list/keyset-cursor";

export interface SlowMoverSqlRow {
  product_id: string;
  name: string;
  sku: string;
  unit: string;
  on_hand: string;
  unit_cost: string;
  at_current_cost: boolean;
  value: string;
  last_out: Date | null;
  last_movement: Date | null;
}

export function slowMoversSql(
  companyId: string,
  days: number,
  after: TextCursor | undefined,
  limit: number,
): Prisma.Sql {
  const cursor = after ? Prisma.sql`AND (p.name, p.id) > (${after.keys[0]!}, ${after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    SELECT p.id::text AS product_id, p.name, p.sku, p.unit, t.on_hand::text AS on_hand,
           coalesce(t.average_cost, t.cost_price)::text AS unit_cost, t.average_cost IS NULL AS at_current_cost,
           round(t.average_value, 2)::text AS value, lo.created_at AS last_out, lm.created_at AS last_movement
      FROM products p
      JOIN product_stock_totals t ON t.company_id = p.company_id AND t.product_id = p.id
      LEFT JOIN LATERAL (
        SELECT m.created_at FROM stock_movements m
         WHERE m.company_id = ${companyId}::uuid AND m.product_id = p.id AND m.quantity < 0
           AND m.reason::text <> ALL (${[...TRANSFER_REASONS]}::text[])
         ORDER BY m.created_at DESC
         LIMIT 1) lo ON true
      LEFT JOIN LATERAL (
        SELECT m.created_at FROM stock_movements m
         WHERE m.company_id = ${companyId}::uuid AND m.product_id = p.id
         ORDER BY m.created_at DESC
         LIMIT 1) lm ON true
     WHERE p.company_id = ${companyId}::uuid AND NOT p.archived AND t.on_hand > 0
       AND (lo.created_at IS NULL OR lo.created_at < now() - ${days} * interval '1 day') ${cursor}
     ORDER BY p.name, p.id
     LIMIT ${limit}`;
}
