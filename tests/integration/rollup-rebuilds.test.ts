// The dashboard's rollups stay exact while time zones change and rebuilds run (issue 11, item 9): both rollups of one
// movement land on one day whatever happens between their statements; a rebuild racing stock writes counts every
// movement once; a change of time zone re-buckets the history in the background without holding stock writes for
// more than the swap, and a rebuild that dies is picked up again. The interleavings are made deterministic with
// barriers: an advisory lock the test holds, waited on by a trigger (or by the rebuild itself).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCompanySettings } from "../../lib/companies/get-company-settings";
import { updateCompanySettings } from "../../lib/companies/update-company-settings";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { rebuildStockMovementDays } from "../../lib/dashboard/stock-movement-days";
import type { PrismaClient } from "../../lib/db/client";
import { runDueRollupRebuilds } from "../../lib/jobs/rollup-rebuilds";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { superuserClient, superuserPool, systemClient } from "../helpers/db";

// Fixtures are arranged as the superuser; rebuilds run as the system role, as in production.
let system: PrismaClient;
let systemRole: PrismaClient;
let owner: pg.Pool;

/** The advisory lock key a barrier trigger waits on: the test holds it to stop a statement in its tracks. */
const BARRIER = 911_009;

beforeAll(async () => {
  system = superuserClient(4);
  systemRole = systemClient(2);
  owner = superuserPool(3);
  // Triggers that wait for BARRIER, only for the companies (and the place) listed in a table of the test's own, so
  // other test files running at the same time pass through: "rollup" as a per-product day row is written, "swap" as
  // a rebuild flips the company's live generation (holding the rollup lock).
  await owner.query(`
    CREATE TABLE IF NOT EXISTS test_rollup_barrier (company_id uuid PRIMARY KEY, at text NOT NULL);
    GRANT SELECT ON test_rollup_barrier TO PUBLIC;
    CREATE OR REPLACE FUNCTION test_rollup_barrier() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_rollup_barrier b
                  WHERE b.company_id = (to_jsonb(NEW) ->> TG_ARGV[1])::uuid AND b.at = TG_ARGV[0]) THEN
        PERFORM pg_advisory_xact_lock(${BARRIER});
      END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS test_rollup_barrier ON stock_movement_days;
    CREATE TRIGGER test_rollup_barrier AFTER INSERT OR UPDATE ON stock_movement_days
      FOR EACH ROW EXECUTE FUNCTION test_rollup_barrier('rollup', 'company_id');
    DROP TRIGGER IF EXISTS test_rollup_barrier ON companies;
    CREATE TRIGGER test_rollup_barrier AFTER UPDATE ON companies
      FOR EACH ROW WHEN (OLD.rollup_generation IS DISTINCT FROM NEW.rollup_generation)
      EXECUTE FUNCTION test_rollup_barrier('swap', 'id');`);
});

afterAll(async () => {
  await owner.query(`DROP TRIGGER IF EXISTS test_rollup_barrier ON stock_movement_days;
                     DROP TRIGGER IF EXISTS test_rollup_barrier ON companies;
                     DROP FUNCTION IF EXISTS test_rollup_barrier(); DROP TABLE IF EXISTS test_rollup_barrier;`);
  await Promise.all([system.$disconnect(), systemRole.$disconnect(), owner.end()]);
});

/** Holds an advisory lock on its own connection until `release` is called. */
async function hold(key: string): Promise<{ release: () => Promise<void> }> {
  const client = await owner.connect();
  await client.query("BEGIN");
  await client.query(`SELECT pg_advisory_xact_lock(${key})`);
  return {
    release: async () => {
      await client.query("COMMIT");
      client.release();
    },
  };
}

/** Resolves once some session waits for the advisory lock `key` (an SQL bigint expression). */
async function someoneWaitsFor(key: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await owner.query(
      `SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = (${key})::bigint`,
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Nobody waited for advisory lock ${key}`);
}

const rollupLock = (companyId: string) => `hashtextextended('stockflow.rollups:${companyId}', 0)`;
const rebuildLock = (companyId: string) => `hashtextextended('stockflow.rollup-rebuild:${companyId}', 0)`;

/**
 * The company's rollup rows of its live generation: "day product" → [in, out], and "day" → [in, out] summed over
 * the shards. Rows of any other generation must not be there either, once a rebuild is over: `others` counts them.
 */
async function rollups(companyId: string) {
  const { rollupGeneration: generation } = await system.company.findUniqueOrThrow({ where: { id: companyId } });
  const days = await system.stockMovementDay.findMany({ where: { companyId, generation } });
  const totals = await system.stockMovementDayTotal.findMany({ where: { companyId, generation } });
  const byProduct: Record<string, [number, number]> = {};
  for (const r of days) {
    byProduct[`${r.day.toISOString().slice(0, 10)} ${r.productId}`] = [Number(r.unitsIn), Number(r.unitsOut)];
  }
  const byDay: Record<string, [number, number]> = {};
  for (const r of totals) {
    const day = r.day.toISOString().slice(0, 10);
    const [i, o] = byDay[day] ?? [0, 0];
    byDay[day] = [i + Number(r.movementsIn), o + Number(r.movementsOut)];
  }
  const others =
    (await system.stockMovementDay.count({ where: { companyId, generation: { not: generation } } })) +
    (await system.stockMovementDayTotal.count({ where: { companyId, generation: { not: generation } } }));
  return { byProduct, byDay, others };
}

/** A calendar day in a time zone, "YYYY-MM-DD". */
const dayIn = (timeZone: string, at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);

// UTC+14 and UTC−11: 25 hours apart, so every instant falls on different calendar days in the two.
const EAST = "Pacific/Kiritimati";
const WEST = "Pacific/Pago_Pago";

async function changeTimeZone(team: OrderTeam, timeZone: string): Promise<void> {
  const current = await getCompanySettings(team.fixture.ctx);
  await updateCompanySettings(team.fixture.ctx, { ...current, timeZone });
}

/**
 * Rollups as expected, built up movement by movement: per product and day the units in or out, per day the number of
 * movements in or out.
 */
class Expected {
  byProduct: Record<string, [number, number]> = {};
  byDay: Record<string, [number, number]> = {};
  add(day: string, productId: string, quantity: number): this {
    const [i, o] = this.byProduct[`${day} ${productId}`] ?? [0, 0];
    this.byProduct[`${day} ${productId}`] = quantity > 0 ? [i + quantity, o] : [i, o - quantity];
    const [di, dout] = this.byDay[day] ?? [0, 0];
    this.byDay[day] = quantity > 0 ? [di + 1, dout] : [di, dout + 1];
    return this;
  }
}

/**
 * A company in `timeZone` with a product without stock. Its fixture's opening stock (10 units of its own product,
 * booked as the company was made) is in the rollups, in `timeZone`: `expected` starts with it.
 */
async function quietCompany(label: string, timeZone: string) {
  const team = await orderTeam(system, label, { timeZone });
  const companyId = team.fixture.companyId;
  // The factory rolled the opening stock up on its UTC day: re-bucket it in the company's zone.
  await rebuildStockMovementDays(systemRole, companyId);
  const opening = await system.stockMovement.findFirstOrThrow({ where: { companyId }, select: { createdAt: true } });
  const product = await pricedProduct(system, team.fixture, { stock: {} });
  const expected = (zone: string) => new Expected().add(dayIn(zone, opening.createdAt), team.fixture.productId, 10);
  return { team, product, expected };
}

const adjust = (team: OrderTeam, productId: string, quantity: number) =>
  adjustStock(team.manager.ctx, {
    operationId: randomUUID(),
    productId,
    locationId: team.fixture.locationId,
    mode: "change",
    quantity,
    reason: "Rollup test",
  });

describe("one movement's two rollups", () => {
  it("land on the same day when the time zone changes between their statements", async () => {
    const { team, product, expected } = await quietCompany("roll-split", EAST);
    const companyId = team.fixture.companyId;
    await owner.query(`INSERT INTO test_rollup_barrier VALUES ($1, 'rollup')`, [companyId]);
    const barrier = await hold(String(BARRIER));
    // The adjustment stops right after its per-product day row (the first rollup statement) ...
    const adjusted = adjust(team, product.id, 7);
    await someoneWaitsFor(String(BARRIER));
    // ... the admin moves the company to the other side of the date line, and only then it goes on.
    await changeTimeZone(team, WEST);
    await barrier.release();
    await adjusted;
    await owner.query(`DELETE FROM test_rollup_barrier WHERE company_id = $1`, [companyId]);

    const movement = await system.stockMovement.findFirstOrThrow({
      where: { companyId, productId: product.id },
      select: { createdAt: true },
    });
    // Both rollups in the zone the rollups were kept in when the movement was booked: the new zone reaches them
    // with the background rebuild, all at once.
    const { byProduct, byDay } = expected(EAST).add(dayIn(EAST, movement.createdAt), product.id, 7);
    expect(await rollups(companyId)).toEqual({ byProduct, byDay, others: 0 });
  });
});

describe("a rebuild while stock moves", () => {
  it("counts a movement booked during the rebuild exactly once", async () => {
    const { team, product, expected } = await quietCompany("roll-race", "UTC");
    const companyId = team.fixture.companyId;
    await adjust(team, product.id, 10);
    const later = await pricedProduct(system, team.fixture, { stock: {} });
    // The rebuild stops in its swap; an adjustment of another product comes in meanwhile.
    await owner.query(`INSERT INTO test_rollup_barrier VALUES ($1, 'swap')`, [companyId]);
    const barrier = await hold(String(BARRIER));
    const rebuilt = rebuildStockMovementDays(systemRole, companyId);
    await someoneWaitsFor(String(BARRIER));
    const adjusted = adjust(team, later.id, 5);
    // It either gets through (nothing holds it) or waits for the rebuild's swap: either way, then let the rebuild go.
    await Promise.race([adjusted, someoneWaitsFor(rollupLock(companyId))]);
    await barrier.release();
    await Promise.all([rebuilt, adjusted]);
    await owner.query(`DELETE FROM test_rollup_barrier WHERE company_id = $1`, [companyId]);

    const at = async (productId: string) =>
      dayIn("UTC", (await system.stockMovement.findFirstOrThrow({ where: { companyId, productId } })).createdAt);
    const { byProduct, byDay } = expected("UTC")
      .add(await at(product.id), product.id, 10)
      .add(await at(later.id), later.id, 5);
    expect(await rollups(companyId)).toEqual({ byProduct, byDay, others: 0 });
  });
});

describe("a change of time zone", () => {
  /** Movements on two past days at 20:00 UTC: the next calendar day at UTC+14. */
  async function companyWithHistory(label: string) {
    const { team, product, expected } = await quietCompany(label, "UTC");
    const companyId = team.fixture.companyId;
    const at = (day: string) => new Date(`${day}T20:00:00.000Z`);
    await system.stockLevel.create({
      data: { companyId, productId: product.id, locationId: team.fixture.locationId, onHand: 12 },
    });
    await system.stockMovement.createMany({
      data: [
        { day: "2026-11-01", quantity: 20, balanceAfter: 20 },
        { day: "2026-11-02", quantity: -8, balanceAfter: 12 },
      ].map((m) => ({
        companyId,
        productId: product.id,
        locationId: team.fixture.locationId,
        quantity: m.quantity,
        balanceAfter: m.balanceAfter,
        reason: m.quantity > 0 ? ("RECEIVED" as const) : ("ADJUSTMENT" as const),
        createdAt: at(m.day),
      })),
    });
    // The opening stock's day row and these two.
    expect(await rebuildStockMovementDays(systemRole, companyId)).toEqual({ timeZone: "UTC", dayRows: 3 });
    const history = (zone: string, next: number) =>
      expected(zone)
        .add(`2026-11-0${1 + next}`, product.id, 20)
        .add(`2026-11-0${2 + next}`, product.id, -8);
    return { team, product, companyId, history };
  }

  it("re-buckets the history in the background: stock moves meanwhile, the dashboard never mixes the two", async () => {
    const { team, product, companyId, history } = await companyWithHistory("roll-tz");
    await changeTimeZone(team, EAST);
    // Until the job runs, the dashboard shows the old zone's days, unchanged.
    expect((await getDashboard(team.manager.ctx, { days: 30 })).timeZone).toBe("UTC");
    expect(await rollups(companyId)).toEqual({ ...history("UTC", 0), others: 0 });

    // The job takes its watermark and then stops before building aside (the test holds the rebuild's own lock) ...
    const paused = await hold(rebuildLock(companyId));
    const job = runDueRollupRebuilds();
    await someoneWaitsFor(rebuildLock(companyId));
    // ... while a stock write goes through unhindered (after the watermark: the swap must add it).
    await adjust(team, product.id, 3);
    // The swap is stopped as it flips the generation (holding the rollup lock): a stock write waits for it ...
    await owner.query(`INSERT INTO test_rollup_barrier VALUES ($1, 'swap')`, [companyId]);
    const swap = await hold(String(BARRIER));
    await paused.release();
    await someoneWaitsFor(String(BARRIER));
    const during = adjust(team, product.id, 4);
    await someoneWaitsFor(rollupLock(companyId));
    // ... and a reader sees the old zone's rows, the first adjustment included, nothing twice.
    const now = new Date();
    const oldToday = dayIn("UTC", now);
    const shown = await getDashboard(team.manager.ctx, { days: 90 });
    expect(shown.timeZone).toBe("UTC");
    const busy = shown.movements.filter((d) => d.movementsIn + d.movementsOut > 0);
    const old = history("UTC", 0).add(oldToday, product.id, 3);
    expect(busy).toEqual(
      Object.entries(old.byDay)
        .filter(([day]) => day >= shown.from)
        .sort()
        .map(([day, [movementsIn, movementsOut]]) => ({ day, movementsIn, movementsOut })),
    );
    await swap.release();
    expect(await job).toContain(companyId);
    await during;
    await owner.query(`DELETE FROM test_rollup_barrier WHERE company_id = $1`, [companyId]);

    // Everything in the new zone: the history a day later, today's 3 + 4 on the company's new today, once each.
    const newToday = dayIn(EAST, now);
    expect(await rollups(companyId)).toEqual({
      ...history(EAST, 1).add(newToday, product.id, 3).add(newToday, product.id, 4),
      others: 0,
    });
    const company = await system.company.findUniqueOrThrow({ where: { id: companyId } });
    expect(company.rollupTimeZone).toBe(EAST);
    expect((await getDashboard(team.manager.ctx, { days: 30 })).timeZone).toBe(EAST);
    // Done: the next sweep has nothing to do for it.
    expect(await runDueRollupRebuilds()).not.toContain(companyId);
  });

  it("is picked up again when the rebuild dies in its swap, leaving the old rows as they were", async () => {
    const { team, companyId, history } = await companyWithHistory("roll-die");
    await changeTimeZone(team, EAST);
    await owner.query(`INSERT INTO test_rollup_barrier VALUES ($1, 'swap')`, [companyId]);
    const swap = await hold(String(BARRIER));
    const job = rebuildStockMovementDays(systemRole, companyId, { onlyIfDue: true });
    await someoneWaitsFor(String(BARRIER));
    // The process dies mid-swap: its connection goes away.
    await owner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = ${BARRIER}`,
    );
    await expect(job).rejects.toThrow();
    await swap.release();
    await owner.query(`DELETE FROM test_rollup_barrier WHERE company_id = $1`, [companyId]);
    expect(await rollups(companyId)).toEqual({ ...history("UTC", 0), others: 0 });

    expect(await runDueRollupRebuilds()).toContain(companyId);
    expect(await rollups(companyId)).toEqual({ ...history(EAST, 1), others: 0 });
  });
});
