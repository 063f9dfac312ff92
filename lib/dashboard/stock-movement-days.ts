// The dashboard's daily rollups of the ledger: per company, day and product the units that came in and went out
// (stock_movement_days, for the top movers: one product's units add up), and per company and day in 16 shards the
// number of movements in and out (stock_movement_day_totals, for the chart: units of different products do not add
// up, counts do) and the sum of their value changes (for the valuation total of a past day, lib/reports). The one definition of the roll-up, used by the ledger as it appends movements
// (lib/stock/apply-stock-movements.ts), by a rebuild from the ledger (the demo seed, benchmarks, tests) and — written
// out again in SQL — by the migrations' backfills.
//   * in: the positive movements (opening stock, receipts, positive adjustments and stocktake differences): per
//     product and day their units summed, per day (and shard) the movements counted;
//   * out: the negative movements (shipments, negative adjustments and differences): per product and day their units
//     summed as a positive number, per day (and shard) the movements counted;
//   * transfers between the company's locations are neither: stock that changes bins has not come or gone;
//   * the day is the company's calendar day of the movement's created_at, in the time zone the rollups are bucketed in
//     (companies.rollup_time_zone), read once per operation under the company's rollup lock (lockRollups) and passed
//     to both statements. A change of the company's time zone re-buckets the history in the background
//     (rebuildStockMovementDays, driven by lib/jobs/rollup-rebuilds.ts) and then moves rollup_time_zone along.
// Not marked server-only: the demo seed and the benchmarks run it outside Next.
import { Prisma, type PrismaClient } from "../db/generated/client";
import { allowLongWork } from "../db/role-timeouts";

/** Movements between locations of one company: not stock coming in or going out. */
export const TRANSFER_REASONS = ["TRANSFER_IN", "TRANSFER_OUT"] as const;

/** A product's shard of the day totals: the last byte of its id (random in a UUIDv7) modulo 16. */
const shardOf = (productId: Prisma.Sql) => Prisma.sql`(get_byte(uuid_send(${productId}), 15) % 16)`;

/** `moved` with each movement's calendar day in `timeZone`, transfers left out. */
function movementDaysOf(timeZone: string, moved: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT m.product_id, m.quantity, (m.created_at AT TIME ZONE ${timeZone}::text)::date AS day
      FROM ${moved} m
     WHERE m.reason::text <> ALL (${[...TRANSFER_REASONS]}::text[]))`;
}

const unitsIn = Prisma.sql`coalesce(sum(m.quantity) FILTER (WHERE m.quantity > 0), 0)`;
const unitsOut = Prisma.sql`coalesce(-sum(m.quantity) FILTER (WHERE m.quantity < 0), 0)`;

/** Where a company's rollups are written: its generation of rows, bucketed in a time zone. */
export interface RollupTarget {
  companyId: string;
  timeZone: string;
  generation: number;
}

/** The company's live generation of rollup rows, for readers (one value per statement, from its snapshot). */
export const liveGeneration = (companyId: string) =>
  Prisma.sql`(SELECT c.rollup_generation FROM companies c WHERE c.id = ${companyId}::uuid)`;

/** The transaction-scoped advisory lock guarding a company's rollups: shared by stock writes, exclusive in a rebuild. */
export const rollupLockKey = (companyId: string) =>
  Prisma.sql`hashtextextended(${`stockflow.rollups:${companyId}`}, 0)`;

/**
 * Takes the company's rollup lock in shared mode (stock writes do not wait for each other; a rebuild's watermark and
 * swap wait for them) and then — in a statement of its own, so that its snapshot follows the lock — reads the live
 * generation and the time zone it is bucketed in. Call it once per operation, before its movements are written
 * (their rollup_seq is drawn under this lock), and pass the target to both rollup statements.
 */
export async function lockRollups(db: RawReader, companyId: string): Promise<RollupTarget> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock_shared(${rollupLockKey(companyId)})`;
  const [company] = await db.$queryRaw<{ rollup_time_zone: string; rollup_generation: number }[]>`
    SELECT rollup_time_zone, rollup_generation FROM companies WHERE id = ${companyId}::uuid`;
  if (!company) throw new Error(`No company ${companyId}`);
  return { companyId, timeZone: company.rollup_time_zone, generation: company.rollup_generation };
}

/**
 * Adds `moved` — movements of the target's company, a relation with columns (product_id, quantity, reason,
 * created_at) — to the per-product day rows: one set-based upsert. Rows are written in (product, day) order, so two
 * operations on the same products take the row locks in one order (no deadlocks).
 */
export function upsertMovementDaysSql(target: RollupTarget, moved: Prisma.Sql): Prisma.Sql {
  const { companyId, timeZone, generation } = target;
  return Prisma.sql`
    INSERT INTO stock_movement_days AS d (company_id, generation, day, product_id, units_in, units_out)
    SELECT ${companyId}::uuid, ${generation}::int, m.day, m.product_id, ${unitsIn}, ${unitsOut}
      FROM ${movementDaysOf(timeZone, moved)} m
     GROUP BY m.product_id, m.day
     ORDER BY m.product_id, m.day
    ON CONFLICT (company_id, generation, day, product_id)
    DO UPDATE SET units_in = d.units_in + excluded.units_in, units_out = d.units_out + excluded.units_out`;
}

/**
 * Adds `moved` (as above, with value_change as well) to the company's day totals, in (shard, day) order: the counts
 * leave transfers out, the value change (lib/reports/valuation-query.ts) takes every movement in. Run it as a
 * statement of its own after upsertMovementDaysSql: within one statement PostgreSQL does not order the writes of two
 * upserts, and the lock order is what keeps concurrent operations from deadlocking.
 */
export function upsertDayTotalsSql(target: RollupTarget, moved: Prisma.Sql): Prisma.Sql {
  const { companyId, timeZone, generation } = target;
  const counted = Prisma.sql`m.reason::text <> ALL (${[...TRANSFER_REASONS]}::text[])`;
  return Prisma.sql`
    INSERT INTO stock_movement_day_totals AS t
      (company_id, generation, day, shard, movements_in, movements_out, value_change)
    SELECT ${companyId}::uuid, ${generation}::int, (m.created_at AT TIME ZONE ${timeZone}::text)::date AS day,
           ${shardOf(Prisma.sql`m.product_id`)} AS shard,
           count(*) FILTER (WHERE ${counted} AND m.quantity > 0), count(*) FILTER (WHERE ${counted} AND m.quantity < 0),
           coalesce(sum(m.value_change), 0)
      FROM ${moved} m
     GROUP BY shard, day
    HAVING count(*) FILTER (WHERE ${counted}) > 0 OR coalesce(sum(m.value_change), 0) <> 0
     ORDER BY shard, day
    ON CONFLICT (company_id, generation, day, shard)
    DO UPDATE SET movements_in = t.movements_in + excluded.movements_in,
                  movements_out = t.movements_out + excluded.movements_out,
                  value_change = t.value_change + excluded.value_change`;
}

/** A rebuild reads the whole ledger of a company: far longer than a request's transaction (bench/README.md). */
const REBUILD_TIMEOUT_MS = 10 * 60_000;

type RawReader = Pick<Prisma.TransactionClient, "$executeRaw" | "$queryRaw">;

export interface RollupRebuild {
  /** The time zone the company's rollups are now bucketed in. */
  timeZone: string;
  /** Per-product day rows of the new generation. */
  dayRows: number;
}

/**
 * Rolls up a company's whole ledger again, in its current time zone, while stock keeps moving (docs/architecture.md,
 * "Rollups"), as a role that may delete rollup rows (the system role). The new rows are the company's next
 * generation, written beside the live one, which readers and stock writes keep using until the flip:
 *   1. watermark — a short transaction takes the company's rollup lock exclusively, so no stock write is in flight,
 *      and draws a rollup_seq: every movement at or below it has committed, every later one will be above it;
 *   2. aside — the ledger up to the watermark is rolled up into the next generation, stock writes going on meanwhile
 *      (they keep the live generation up to date, in the old time zone: the dashboard shows that);
 *   3. swap — the rollup lock again, exclusively (waiting for the stock writes in flight, holding off new ones for
 *      the swap only): the movements after the watermark are added to the next generation, and rollup_generation and
 *      rollup_time_zone flipped, in one commit. Readers see the old generation or the new, never a mix;
 *   4. the old generation is deleted, outside the lock.
 * Dying before the commit leaves everything as it was (2 and 3 are one transaction), and a company whose time_zone
 * differs from its rollup_time_zone is still due (lib/jobs/rollup-rebuilds.ts picks it up again); rows of a
 * generation before the live one are deleted by the next rebuild if step 4 died. `onlyIfDue`: do nothing (null) unless
 * the time zone changed — what the background job asks, so that processes sweeping at once do the work once. Two
 * rebuilds of one company run one after the other.
 */
export async function rebuildStockMovementDays(
  db: PrismaClient,
  companyId: string,
  options: { onlyIfDue?: boolean } = {},
): Promise<RollupRebuild | null> {
  const [mark] = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${rollupLockKey(companyId)})`;
    return tx.$queryRaw<{ watermark: bigint }[]>`
      SELECT nextval('stock_movements_rollup_seq_seq') AS watermark FROM companies WHERE id = ${companyId}::uuid`;
  });
  if (!mark) throw new Error(`No company ${companyId}`);
  const { watermark } = mark;

  const rebuilt = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stockflow.rollup-rebuild:${companyId}`}, 0))`;
      await allowLongWork(tx, REBUILD_TIMEOUT_MS);
      const [company] = await tx.$queryRaw<
        { time_zone: string; rollup_time_zone: string; rollup_generation: number }[]
      >`
        SELECT time_zone, rollup_time_zone, rollup_generation FROM companies WHERE id = ${companyId}::uuid`;
      if (!company) throw new Error(`No company ${companyId}`);
      if (options.onlyIfDue && company.time_zone === company.rollup_time_zone) return null;
      const live = company.rollup_generation;
      await deleteGenerationsBefore(tx, companyId, live);
      const next: RollupTarget = { companyId, timeZone: company.time_zone, generation: live + 1 };
      const ledger = (seq: Prisma.Sql) => Prisma.sql`(
        SELECT product_id, quantity, reason, value_change, created_at FROM stock_movements
         WHERE company_id = ${companyId}::uuid AND ${seq})`;

      const beforeMark = ledger(Prisma.sql`(rollup_seq IS NULL OR rollup_seq <= ${watermark})`);
      await tx.$executeRaw(upsertMovementDaysSql(next, beforeMark));
      // The chart's counts need the ledger itself (the day rows hold sums): a second pass over it.
      await tx.$executeRaw(upsertDayTotalsSql(next, beforeMark));

      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${rollupLockKey(companyId)})`;
      const afterMark = ledger(Prisma.sql`rollup_seq > ${watermark}`);
      await tx.$executeRaw(upsertMovementDaysSql(next, afterMark));
      await tx.$executeRaw(upsertDayTotalsSql(next, afterMark));
      await tx.$executeRaw`
        UPDATE companies SET rollup_time_zone = ${next.timeZone}, rollup_generation = ${next.generation},
                             value_rollup_generation = ${next.generation}
         WHERE id = ${companyId}::uuid`;
      return next;
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 10_000 },
  );
  if (!rebuilt) return null;
  return db.$transaction(
    async (tx) => {
      await deleteGenerationsBefore(tx, companyId, rebuilt.generation);
      const [count] = await tx.$queryRaw<{ rows: number }[]>`
        SELECT count(*)::int AS rows FROM stock_movement_days
         WHERE company_id = ${companyId}::uuid AND generation = ${rebuilt.generation}`;
      return { timeZone: rebuilt.timeZone, dayRows: count!.rows };
    },
    { timeout: REBUILD_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/**
 * Deletes the company's rollup rows of the generations before `live`: no reader or writer uses them. Only older
 * ones: by the time this runs, a later rebuild may have made a newer generation live.
 */
async function deleteGenerationsBefore(db: RawReader, companyId: string, live: number): Promise<void> {
  await db.$executeRaw`DELETE FROM stock_movement_days WHERE company_id = ${companyId}::uuid AND generation < ${live}`;
  await db.$executeRaw`DELETE FROM stock_movement_day_totals WHERE company_id = ${companyId}::uuid AND generation < ${live}`;
}
