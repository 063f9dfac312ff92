// The valuation report's SQL (docs/architecture.md §8 "Reports"): what each product held at the end of a day in the
// company's time zone, at the moving-average cost of then (§5 "Moving-average cost"), and the value of it all.
//   * quantity then = quantity now − what moved since: the movements after the day's end, summed (by product, or by
//     product × location), one index range per product; exact whatever order concurrent operations committed in;
//   * average then = the one the product's last receipt at a cost up to then left (one backward step of the partial
//     index stock_movements_average_cost_idx); none → today's cost price, and the line says so ("at current cost");
//   * the total over all locations = the value now (16 shard rows) less the day rollups' value changes after the day,
//     with the few products those do not telescope for valued from the ledger (valuationTotalSql, which says why it
//     is exact): a few ms whatever the day;
//   * the total from the ledger (at a location, or when the rollups cannot answer) = the value now (16 shard rows, or
//     with a location a pass over its stock rows) less, for each product that moved since, its value now and plus its
//     value then: exact, and what it reads grows with the movements since that day (bench/README.md "Reports").
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

/**
 * The value of all the stock (or a location's) at the day's end from the ledger; one row, `total` as decimal text
 * (cents). The definition, read for a location, when valuationTotalSql cannot answer, and by the tests as the oracle.
 */
export function ledgerValuationTotalSql(input: Omit<ValuationSqlInput, "after" | "limit">): Prisma.Sql {
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
      SELECT m.product_id, ${moved} AS moved
        FROM stock_movements m
       WHERE m.company_id = ${companyId}::uuid AND m.created_at >= ${end}
       GROUP BY m.product_id),
    changed AS (
      SELECT n.quantity * ${costNow} AS value_now,
             (n.quantity - d.moved)
               * coalesce(${averageThen(companyId, Prisma.sql`t.product_id`, end)}, t.cost_price) AS value_then
        FROM since d
        JOIN product_stock_totals t ON t.company_id = ${companyId}::uuid AND t.product_id = d.product_id
       CROSS JOIN LATERAL (SELECT ${quantityNow} AS quantity) n)
    SELECT round(${valueNow} - coalesce((SELECT sum(c.value_now - c.value_then) FROM changed c), 0), 2)::text AS total`;
}

/**
 * How long before a day's end an older release's movement (no value_change, no crossed_until) may have started and
 * still be applied after a movement created after it: far beyond any transaction's life (withTenantTx gives its
 * interactive transactions 15 s, lib/db/tenant.ts, in that release as in this one).
 */
const OLDER_WRITER_MARGIN = "1 hour";

/**
 * The value of all the stock at the day's end from the rollups, equal to ledgerValuationTotalSql's; one row, `total`
 * as decimal text (cents), or no row when the rollups cannot answer: their time zone is not the report's (a change
 * being rebuilt, docs/architecture.md §8 "Dashboard and rollups"), or their live generation was rebuilt by an older
 * release, which sums no value changes (companies.value_rollup_generation is this release's last rebuild). Why it
 * is exact, writing U(p) for a product's value at the moving average, on hand × (its average, or its cost price
 * without one), and V(p) for ledgerValuationTotalSql's value of it then, q then × (its average then, or today's cost
 * price without one):
 *   * the shards hold Σ U(p) now; each operation's value_change is U(p) after it less U(p) before it, read under the
 *     product's totals-row lock, so a product's changes, in the order operations took that lock, add up to U(p) now
 *     less U(p) at any point of that order — the cost price's edits aside, which change U(p) with no movement;
 *   * the day totals after D sum the value_change of the movements created after D's end (the rollup's days are the
 *     report's when the time zones match). When those are the last ones applied to the product (no earlier-created
 *     movement was applied after one of them: else stock_movements.crossed_until covers D's end) and its cost price
 *     has not changed since (else product_stock_totals.cost_changed_at, the clock time of the edit's row lock, is
 *     after D's end), U(p) now less their sum is U(p) when the movements up to D's end had been applied: the quantity
 *     then, at the average the last receipt at a cost up to then left, or at today's cost price — which is V(p);
 *   * an older release's movements (a rolling deploy) have no value_change, which its day totals do not count
 *     either: a product with one created after D's end — or within OLDER_WRITER_MARGIN before it, since such a
 *     movement crosses later ones unmarked — is valued from the ledger too; one before that is inside U(p) at D;
 *   * the other products are few: for each that moved since D's end (one that did not is at its value now in
 *     ledgerValuationTotalSql too), its value_change since then is added back, and U(p) now replaced by V(p), as
 *     ledgerValuationTotalSql works it out.
 * The movements written before migration 20261213080000 were given value changes walking each product's ledger in
 * created_at order, at today's cost price where no average was known (valueChangeBackfillSql), which keeps the same
 * sums. tests/integration/report-valuation-totals.test.ts holds the two queries equal in each case.
 */
export function valuationTotalSql(input: Omit<ValuationSqlInput, "after" | "limit" | "locationId">): Prisma.Sql {
  const { companyId, date, timeZone } = input;
  const end = endOf(date, timeZone);
  return Prisma.sql`
    WITH live AS (
      SELECT c.rollup_generation AS generation FROM companies c
       WHERE c.id = ${companyId}::uuid AND c.rollup_time_zone = ${timeZone}
         AND c.value_rollup_generation = c.rollup_generation),
    exceptions AS (
      SELECT t.product_id FROM product_stock_totals t
       WHERE t.company_id = ${companyId}::uuid AND t.cost_changed_at >= ${end}
      UNION
      SELECT m.product_id FROM stock_movements m
       WHERE m.company_id = ${companyId}::uuid AND m.crossed_until >= ${end} AND m.created_at < ${end}
      UNION
      SELECT u.product_id FROM stock_movements u
       WHERE u.company_id = ${companyId}::uuid AND u.value_change IS NULL
         AND u.created_at >= ${end} - ${OLDER_WRITER_MARGIN}::interval),
    corrections AS (
      SELECT d.value_change - t.average_value
             + (t.on_hand - d.moved)
               * coalesce(${averageThen(companyId, Prisma.sql`t.product_id`, end)}, t.cost_price) AS correction
        FROM exceptions x
        JOIN product_stock_totals t ON t.company_id = ${companyId}::uuid AND t.product_id = x.product_id
       CROSS JOIN LATERAL (
         SELECT count(*) AS movements, coalesce(sum(m.quantity), 0) AS moved,
                coalesce(sum(m.value_change), 0) AS value_change
           FROM stock_movements m
          WHERE m.company_id = ${companyId}::uuid AND m.product_id = x.product_id AND m.created_at >= ${end}) d
       -- One that has not moved since is at its value now, as in ledgerValuationTotalSql.
       WHERE d.movements > 0)
    SELECT round((SELECT coalesce(sum(v.average_value), 0) FROM stock_value_shards v WHERE v.company_id = ${companyId}::uuid)
                 - (SELECT coalesce(sum(d.value_change), 0) FROM stock_movement_day_totals d
                     WHERE d.company_id = ${companyId}::uuid AND d.generation = live.generation
                       AND d.day > ${date}::date)
                 + (SELECT coalesce(sum(c.correction), 0) FROM corrections c), 2)::text AS total
      FROM live`;
}

/**
 * Every movement's value_change of a company (or all companies), walking each product's ledger in created_at order
 * from its value now backwards: the value after each movement is the quantity then (on hand now less what moved
 * after it) × the average of the product's last receipt at a cost up to it (its current average on its last
 * movement), or × today's cost price; a movement's change is that less the value after the one before it. What
 * migration 20261213080000_report_totals wrote out for the movements before it (there for every company), and the
 * benchmark for its ledger written around the app. Run it as a role that may update the ledger with its append-only
 * trigger off; then rebuild the rollups (lib/dashboard/stock-movement-days.ts) to sum it per day.
 */
export function valueChangeBackfillSql(companyId: string): Prisma.Sql {
  return Prisma.sql`
    WITH walked AS (
      SELECT m.id, m.company_id, m.product_id, m.created_at, m.rollup_seq, m.quantity, m.average_cost,
             t.cost_price, t.average_cost AS average_now,
             t.on_hand - sum(m.quantity) OVER product + sum(m.quantity) OVER walk AS on_hand_after,
             count(m.average_cost) OVER walk AS receipts,
             row_number() OVER walk = count(*) OVER product AS last
        FROM stock_movements m
        JOIN product_stock_totals t ON t.company_id = m.company_id AND t.product_id = m.product_id
       WHERE m.company_id = ${companyId}::uuid
      WINDOW product AS (PARTITION BY m.company_id, m.product_id),
             walk AS (PARTITION BY m.company_id, m.product_id ORDER BY m.created_at, m.rollup_seq NULLS FIRST, m.id
                      ROWS UNBOUNDED PRECEDING)
    ), valued AS (
      SELECT w.id, w.company_id, w.product_id, w.created_at, w.rollup_seq, w.quantity, w.cost_price, w.on_hand_after,
             w.on_hand_after * coalesce(CASE WHEN w.last THEN w.average_now
                                             ELSE first_value(w.average_cost) OVER receipt END, w.cost_price) AS value_after
        FROM walked w
      WINDOW receipt AS (PARTITION BY w.company_id, w.product_id, w.receipts
                         ORDER BY w.created_at, w.rollup_seq NULLS FIRST, w.id)
    ), changed AS (
      SELECT v.id,
             v.value_after - coalesce(lag(v.value_after) OVER (PARTITION BY v.company_id, v.product_id
                                                                ORDER BY v.created_at, v.rollup_seq NULLS FIRST, v.id),
                                      (v.on_hand_after - v.quantity) * v.cost_price) AS value_change
        FROM valued v
    )
    UPDATE stock_movements m SET value_change = c.value_change FROM changed c WHERE m.id = c.id`;
}
