// The dashboard's SQL, one builder per figure, each reading what stays small as the company grows:
//   * stock summary — the company's 16 value shards and the low products' partial index (the ledger is not read);
//   * requests by status — a count per status on the (company_id, status, created_at, id) index;
//   * movements per day — counts from the day totals (stock_movement_day_totals): at most 16 rows a day, whatever the
//     ledger;
//     both rollups are read in the company's live generation (a rebuild writes the next one beside it);
//   * top movers — the per-product day rows with units out (stock_movement_days), a range of days of the partial
//     index stock_movement_days_units_out_idx, which holds only those rows and the columns the sum needs (an
//     index-only scan): at most days × products-sending-out rows, however long the ledger;
//   * oldest pending requests — the first rows of the status index.
// Not marked server-only: bench/dashboard.ts times the same SQL as the app role.
import { Prisma } from "../db/generated/client";
import { lowStockCountSql } from "../stock/low-stock";
import { knownNameSql } from "../users/known-name-sql";
import { liveGeneration } from "./stock-movement-days";

export interface StockSummaryRow {
  /** Decimal sums as text ("1234.50"): on hand × the product's cost price, and × its sale price. */
  cost_value: string;
  sale_value: string;
  /** Active products at or below their reorder point (lib/stock/low-stock.ts). */
  low_stock: number;
}

/**
 * The stock's value at cost and at sale price (on hand × today's prices, archived products included: their stock is
 * still on the shelves) and the low-stock count (archived products excluded: nobody reorders them). The values are the
 * sums of the company's 16 value shards (stock_value_shards), the count is lowStockCountSql's read of the low
 * products' partial index: docs/architecture.md §5 "Stock totals".
 */
export function stockSummarySql(companyId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(v.cost_value, 0)::text AS cost_value, coalesce(v.sale_value, 0)::text AS sale_value, l.count AS low_stock
      FROM (SELECT sum(s.cost_value) AS cost_value, sum(s.sale_value) AS sale_value
              FROM stock_value_shards s
             WHERE s.company_id = ${companyId}::uuid) v,
           (${lowStockCountSql(companyId)}) l`;
}

export interface RequestCountRow {
  status: string;
  count: number;
}

/** Requests per status: the company's, or (`requesterId`) one person's own. */
export function requestCountsSql(companyId: string, requesterId: string | null): Prisma.Sql {
  return Prisma.sql`
    SELECT o.status::text AS status, count(*)::int AS count
      FROM order_requests o
     WHERE o.company_id = ${companyId}::uuid
       ${requesterId ? Prisma.sql`AND o.requester_id = ${requesterId}::uuid` : Prisma.empty}
     GROUP BY o.status`;
}

export interface MovementDayRow {
  day: string;
  movements_in: bigint;
  movements_out: bigint;
}

/** Movements in and out on every day from `from` to `to` (company calendar days, "YYYY-MM-DD"), zeros included. */
export function movementsByDaySql(companyId: string, from: string, to: string): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(g.at, 'YYYY-MM-DD') AS day,
           coalesce(t.movements_in, 0)::bigint AS movements_in,
           coalesce(t.movements_out, 0)::bigint AS movements_out
      FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS g(at)
      LEFT JOIN (
        SELECT r.day, sum(r.movements_in) AS movements_in, sum(r.movements_out) AS movements_out
          FROM stock_movement_day_totals r
         WHERE r.company_id = ${companyId}::uuid AND r.generation = ${liveGeneration(companyId)}
           AND r.day BETWEEN ${from}::date AND ${to}::date
         GROUP BY r.day) t ON t.day = g.at::date
     ORDER BY g.at`;
}

export interface TopMoverRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  archived: boolean;
  units_out: bigint;
}

/**
 * The products that sent out the most units from `from` to `to`, at most `limit`, most first (a tie at the cut is
 * decided by product id, one on the list by name). Products that sent out nothing are not listed: only day rows
 * with units out are read, from the partial index whose predicate is `units_out > 0` (migration
 * 20261211010000_top_movers_index; bench/README.md, "Dashboard").
 */
export function topMoversSql(companyId: string, from: string, to: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT p.id::text, p.sku, p.name, p.unit, p.archived, t.units_out
      FROM (
        SELECT r.product_id, sum(r.units_out)::bigint AS units_out
          FROM stock_movement_days r
         WHERE r.company_id = ${companyId}::uuid AND r.generation = ${liveGeneration(companyId)}
           AND r.day BETWEEN ${from}::date AND ${to}::date AND r.units_out > 0
         GROUP BY r.product_id
         ORDER BY sum(r.units_out) DESC, r.product_id
         LIMIT ${limit}) t
      JOIN products p ON p.company_id = ${companyId}::uuid AND p.id = t.product_id
     ORDER BY t.units_out DESC, p.name, p.id`;
}

export interface PendingRequestRow {
  id: string;
  number: number;
  type: string;
  created_at: Date;
  requester_name: string;
  location_name: string;
  line_count: number;
}

/** The requests waiting longest for a decision: the company's, or (`requesterId`) one person's own. */
export function oldestPendingSql(companyId: string, requesterId: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id::text, o.number, o.type::text AS type, o.created_at,
           ${knownNameSql(Prisma.sql`o.company_id`, Prisma.sql`o.requester_id`, Prisma.sql`u.name`)} AS requester_name,
           l.name AS location_name,
           (SELECT count(*)::int FROM order_lines ol WHERE ol.company_id = o.company_id AND ol.order_id = o.id) AS line_count
      FROM order_requests o
      JOIN users u ON u.id = o.requester_id
      JOIN locations l ON l.company_id = o.company_id AND l.id = o.location_id
     WHERE o.company_id = ${companyId}::uuid AND o.status = 'PENDING'
       ${requesterId ? Prisma.sql`AND o.requester_id = ${requesterId}::uuid` : Prisma.empty}
     ORDER BY o.created_at, o.id
     LIMIT ${limit}`;
}
