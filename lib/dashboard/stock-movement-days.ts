// The dashboard's daily rollups of the ledger: per company, day and product the units that came in and went out
// (stock_movement_days, for the top movers), and the same per company and day in 16 shards (stock_movement_day_totals,
// for the chart). The one definition of the roll-up, used by the ledger as it appends movements
// (lib/stock/apply-stock-movements.ts), by a rebuild from the ledger (the demo seed, benchmarks, tests) and — written
// out again in SQL — by the migrations' backfills.
//   * in: the sum of positive movements (opening stock, receipts, positive adjustments and stocktake differences);
//   * out: the sum of negative movements, as a positive number (shipments, negative adjustments and differences);
//   * transfers between the company's locations are neither: stock that changes bins has not come or gone;
//   * the day is the company's calendar day of the movement's created_at, in the company's time zone at the time
//     it is rolled up. Changing a company's time zone leaves earlier days as they were (a rebuild re-buckets them).
// Not marked server-only: the demo seed and the benchmarks run it outside Next.
import { Prisma } from "../db/generated/client";
import { allowLongWork } from "../db/role-timeouts";

/** Movements between locations of one company: not stock coming in or going out. */
export const TRANSFER_REASONS = ["TRANSFER_IN", "TRANSFER_OUT"] as const;

/** A product's shard of the day totals: the last byte of its id (random in a UUIDv7) modulo 16. */
const shardOf = (productId: Prisma.Sql) => Prisma.sql`(get_byte(uuid_send(${productId}), 15) % 16)`;

/** `moved` with the company's calendar day of each movement, transfers left out. */
function movementDaysOf(companyId: string, moved: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT m.product_id, m.quantity,
           (m.created_at AT TIME ZONE (SELECT c.time_zone FROM companies c WHERE c.id = ${companyId}::uuid))::date AS day
      FROM ${moved} m
     WHERE m.reason::text <> ALL (${[...TRANSFER_REASONS]}::text[]))`;
}

const unitsIn = Prisma.sql`coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0)`;
const unitsOut = Prisma.sql`coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0)`;

/**
 * Adds `moved` — movements of company `companyId`, a relation with columns (product_id, quantity, reason,
 * created_at) — to the per-product day rows: one set-based upsert. Rows are written in (product, day) order, so two
 * operations on the same products take the row locks in one order (no deadlocks).
 */
export function upsertMovementDaysSql(companyId: string, moved: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO stock_movement_days AS d (company_id, day, product_id, units_in, units_out)
    SELECT ${companyId}::uuid, m.day, m.product_id, ${unitsIn}, ${unitsOut}
      FROM ${movementDaysOf(companyId, moved)} m
     GROUP BY m.product_id, m.day
     ORDER BY m.product_id, m.day
    ON CONFLICT (company_id, day, product_id)
    DO UPDATE SET units_in = d.units_in + excluded.units_in, units_out = d.units_out + excluded.units_out`;
}

/**
 * Adds `moved` (as above) to the company's day totals, in (shard, day) order. Run it as a statement of its own after
 * upsertMovementDaysSql: within one statement PostgreSQL does not order the writes of two upserts, and the lock
 * order is what keeps concurrent operations from deadlocking.
 */
export function upsertDayTotalsSql(companyId: string, moved: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO stock_movement_day_totals AS t (company_id, day, shard, units_in, units_out)
    SELECT ${companyId}::uuid, m.day, ${shardOf(Prisma.sql`m.product_id`)} AS shard, ${unitsIn}, ${unitsOut}
      FROM ${movementDaysOf(companyId, moved)} m
     GROUP BY shard, m.day
     ORDER BY shard, m.day
    ON CONFLICT (company_id, day, shard)
    DO UPDATE SET units_in = t.units_in + excluded.units_in, units_out = t.units_out + excluded.units_out`;
}

/** A rebuild reads the company's whole ledger (a million movements in bench/dashboard.ts): minutes, not seconds. */
const REBUILD_TIMEOUT_MS = 10 * 60_000;

type RawWriter = { $executeRaw: Prisma.TransactionClient["$executeRaw"] };

/**
 * Rolls up a company's whole ledger again, replacing its day rows and day totals. Run it inside a transaction (the
 * demo seed's, or one of its own), as a role that may delete them (the system client: the app role may not); the
 * transaction's statement limit is raised for it (allowLongWork).
 * Returns the number of per-product day rows written.
 */
export async function rebuildStockMovementDays(db: RawWriter, companyId: string): Promise<number> {
  const ledger = Prisma.sql`(SELECT product_id, quantity, reason, created_at FROM stock_movements WHERE company_id = ${companyId}::uuid)`;
  await allowLongWork(db, REBUILD_TIMEOUT_MS);
  await db.$executeRaw`DELETE FROM stock_movement_days WHERE company_id = ${companyId}::uuid`;
  await db.$executeRaw`DELETE FROM stock_movement_day_totals WHERE company_id = ${companyId}::uuid`;
  const rows = await db.$executeRaw(upsertMovementDaysSql(companyId, ledger));
  await db.$executeRaw(upsertDayTotalsSql(companyId, ledger));
  return rows;
}
