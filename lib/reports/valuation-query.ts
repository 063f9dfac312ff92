// The valuation report's SQL (docs/architecture.md §8 "Reports"): what each product held at the end of a day in the
// company's time zone, at the moving-average cost of then (§5 "Moving-average cost"), and the value of it all.
//   * quantity then = quantity now − what moved since: the movements after the day's end, summed (by product, or by
//     product × location), one index range per product; exact whatever order concurrent operations committed in;
//   * average then = the one the product's last receipt at a cost up to then left (one backward step of the partial
//     index stock_movements_average_cost_idx); none → today's cost price, and the line says so ("at current cost");
//   * the total = the value now (16 shard rows, or with a location a pass over its stock rows) less, for each product
//     that moved since, its value now and plus its value then: exact, and what it reads grows with the movements since
//     that day, not with the catalogue (bench/README.md "Reports").
// Not marked server-only: the benchmark runs it outside Next.
import { Prisma } from "../db/generated/client";
import type { TextCursor } from "../list/keyset-cursor";

export interface ValuationSqlInput {
  companyId: string;
  /** The day, "2026-12-13", and the company's time zone: its end is the instant valued. */
  date: string;
  timeZone: string;
  locationId?: string;
  after?: TextCursor;
  limit: number;
}

const endOf = (date: string, timeZone: string) =>
  Prisma.sql`((${date}::date + 1)::timestamp AT TIME ZONE ${timeZone}::text)`;

/** The product's average cost at `end`: the last receipt at a cost before it (NULL: none yet). */
const averageThen = (companyId: string, productId: Prisma.Sql, end: Prisma.Sql) => Prisma.sql`(
  SELECT a.average_cost FROM stock_movements a
   WHERE a.company_id = ${companyId}::uuid AND a.product_id = ${productId} AND a.average_cost IS NOT NULL
     AND a.created_at < ${end}
   ORDER BY a.created_at DESC, a.rollup_seq DESC
   LIMIT 1)`;

export interface ValuationSqlRow {
  product_id: string;
  name: string;
  sku: string;
  unit: string;
  archived: boolean;
  quantity: string;
  average_cost: string | null;
  unit_cost: string;
  value: string;
}

/** One page of products by name (keyset), those with stock at the day's end only. */
export function valuationPageSql(input: ValuationSqlInput): Prisma.Sql {
  const { companyId, locationId, after, limit } = input;
  const end = endOf(input.date, input.timeZone);
  const nowQuantity = locationId ? Prisma.sql`s.on_hand::bigint` : Prisma.sql`t.on_hand`;
  const atLocation = locationId
    ? Prisma.sql`JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id
                  AND s.location_id = ${locationId}::uuid`
    : Prisma.empty;
  const movedAtLocation = locationId ? Prisma.sql`AND m.location_id = ${locationId}::uuid` : Prisma.empty;
  const cursor = after ? Prisma.sql`AND (p.name, p.id) > (${after.keys[0]!}, ${after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    SELECT p.id::text AS product_id, p.name, p.sku, p.unit, p.archived, q.quantity::text AS quantity,
           a.average_cost::text AS average_cost, coalesce(a.average_cost, t.cost_price)::text AS unit_cost,
           round(q.quantity * coalesce(a.average_cost, t.cost_price), 2)::text AS value
      FROM products p
      JOIN product_stock_totals t ON t.company_id = p.company_id AND t.product_id = p.id
      ${atLocation}
     CROSS JOIN LATERAL (
       SELECT ${nowQuantity} - coalesce((SELECT sum(m.quantity) FROM stock_movements m
                                          WHERE m.company_id = ${companyId}::uuid AND m.product_id = p.id
                                            ${movedAtLocation} AND m.created_at >= ${end}), 0) AS quantity) q
     CROSS JOIN LATERAL (SELECT ${averageThen(companyId, Prisma.sql`p.id`, end)} AS average_cost) a
     WHERE p.company_id = ${companyId}::uuid AND q.quantity > 0 ${cursor}
     ORDER BY p.name, p.id
     LIMIT ${limit}`;
}

/** The value of all the stock (or a location's) at the day's end; one row, `total` as decimal text (cents). */
export function valuationTotalSql(input: Omit<ValuationSqlInput, "after" | "limit">): Prisma.Sql {
  const { companyId, locationId } = input;
  const end = endOf(input.date, input.timeZone);
  const costNow = Prisma.sql`coalesce(t.average_cost, t.cost_price)`;
  // The value now, and each product's quantity now, over the company or at the location.
  const valueNow = locationId
    ? Prisma.sql`(SELECT coalesce(sum(s.on_hand * ${costNow}), 0)
                    FROM stock_levels s
                    JOIN product_stock_totals t ON t.company_id = s.company_id AND t.product_id = s.product_id
                   WHERE s.company_id = ${companyId}::uuid AND s.location_id = ${locationId}::uuid)`
    : Prisma.sql`(SELECT coalesce(sum(v.average_value), 0) FROM stock_value_shards v
                   WHERE v.company_id = ${companyId}::uuid)`;
  const quantityNow = locationId
    ? Prisma.sql`coalesce((SELECT s.on_hand FROM stock_levels s WHERE s.company_id = ${companyId}::uuid
                             AND s.product_id = t.product_id AND s.location_id = ${locationId}::uuid), 0)`
    : Prisma.sql`t.on_hand`;
  // Every product that moved since, anywhere: a receipt at a cost elsewhere changes the average of the stock here too.
  const moved = locationId
    ? Prisma.sql`coalesce(sum(m.quantity) FILTER (WHERE m.location_id = ${locationId}::uuid), 0)`
    : Prisma.sql`sum(m.quantity)`;
  return Prisma.sql`
    WITH since AS (
      SELECT m.product_id, ${moved} AS moved, bool_or(m.average_cost IS NOT NULL) AS costed
        FROM stock_movements m
       WHERE m.company_id = ${companyId}::uuid AND m.created_at >= ${end}
       GROUP BY m.product_id),
    changed AS (
      SELECT n.quantity * ${costNow} AS value_now,
             (n.quantity - d.moved)
               * CASE WHEN d.costed THEN coalesce(${averageThen(companyId, Prisma.sql`t.product_id`, end)}, t.cost_price)
                      ELSE ${costNow} END AS value_then
        FROM since d
        JOIN product_stock_totals t ON t.company_id = ${companyId}::uuid AND t.product_id = d.product_id
       CROSS JOIN LATERAL (SELECT ${quantityNow} AS quantity) n)
    SELECT round(${valueNow} - coalesce((SELECT sum(c.value_now - c.value_then) FROM changed c), 0), 2)::text AS total`;
}
