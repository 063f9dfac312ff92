// The valuation total of a past day from the day rollups (lib/reports/valuation-query.ts valuationTotalSql) against
// the total from the ledger (ledgerValuationTotalSql, the definition), on real PostgreSQL. Each step below is booked
// through the ledger in real time, between two marks of the database clock; afterwards every timestamp of the
// company (created_at, crossed_until, cost_changed_at) is carried to the step's own day in New York, at noon plus its
// offset from the step's first mark — an order-preserving map, so what was applied after what, and which operation
// started before which, stay as they were — and the rollups are rebuilt from the moved ledger, as the seed does.
//
//   day 1   P +10 at N received at 3.00 (average 3)          Q +4 at N, an adjustment (no cost: never an average)
//   day 2   P +30 at S received at 5.00 ((10×3 + 30×5)/40 = 4.5)        R +6 at N, an adjustment
//   day 3   P −20 at S shipped                                Q 2 transferred N → S
//   day 4   Q's cost price 10.00 → 12.00                      R +2 at N received at 8.00 (first cost: (6×1 + 2×8)/8 = 2.75)
//   day 5   P −4 at S shipped — an operation that started on day 5 and committed only after day 6's receipt
//   day 6   P +5 at N received at 7.00 ((20×4.5 + 5×7)/25 = 5; then the late −4: 21 at 5)
//   day 7   R's cost price 1.00 → 1.50                        Q −1 at S shipped
//
// So at the end of (P at the average then; Q always, and R before day 4, at today's cost price: 12.00 and 1.50)
//   day 0   nothing                                          0
//   day 1   P 10×3 = 30, Q 4×12 = 48                         78
//   day 2   P 40×4.5 = 180, Q 48, R 6×1.5 = 9                237
//   day 3   P 20×4.5 = 90, Q 48, R 9                         147
//   day 4   P 90, Q 48, R 8×2.75 = 22                        160
//   day 5   P (21 − 5)×4.5 = 72 (the late −4 counts: created on day 5), Q 48, R 22      142
//   day 6   P 21×5 = 105, Q 48, R 22                         175
//   day 7   P 105, Q 3×12 = 36, R 22                         163
// Company B books its own ledger beside it; neither total sees the other's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildStockMovementDays } from "../../lib/dashboard/stock-movement-days";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { getValuationTotal } from "../../lib/reports/valuation";
import { ledgerValuationTotalSql, valuationTotalSql, valueChangeBackfillSql } from "../../lib/reports/valuation-query";
import { applyStockMovements, type StockChange } from "../../lib/stock/apply-stock-movements";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { totalsMismatches } from "../factories/stock";
import { superuserClient } from "../helpers/db";

const ZONE = "America/New_York";
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"];
const DAY_0 = "2026-02-28";
const EXPECTED_A: Record<string, string> = {
  [DAY_0]: "0.00",
  "2026-03-01": "78.00",
  "2026-03-02": "237.00",
  "2026-03-03": "147.00",
  "2026-03-04": "160.00",
  "2026-03-05": "142.00",
  "2026-03-06": "175.00",
  "2026-03-07": "163.00",
};

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
const suffix = uniqueSuffix();

interface Ledger {
  fixture: CompanyFixture;
  /** The database clock between the steps: step k (1-based) ran between marks[k − 1] and marks[k]. */
  marks: Date[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function mark(ledger: Ledger): Promise<void> {
  await sleep(5);
  const [row] = await system.$queryRaw<{ at: Date }[]>`SELECT clock_timestamp() AS at`;
  ledger.marks.push(row!.at);
  await sleep(5);
}

function book(fixture: CompanyFixture, changes: StockChange[]) {
  return withTenantTx(fixture, (tx) =>
    applyStockMovements(tx, fixture.ctx, {
      changes,
      audit: { action: "stock.test", entityType: "product", entityId: null },
    }),
  );
}

/** A company in New York without the fixture's own stock and movement (booked around the ledger). */
async function emptyCompany(label: string): Promise<Ledger> {
  const fixture = await createCompanyFixture(system, label);
  await system.company.update({ where: { id: fixture.companyId }, data: { timeZone: ZONE, rollupTimeZone: ZONE } });
  await system.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRaw`DELETE FROM stock_movements WHERE company_id = ${fixture.companyId}::uuid`;
  });
  await system.stockLevel.deleteMany({ where: { companyId: fixture.companyId } });
  return { fixture, marks: [] };
}

async function product(fixture: CompanyFixture, name: string, costPrice: string): Promise<string> {
  const row = await system.product.create({
    data: { companyId: fixture.companyId, sku: `${name}-${suffix}`, name: `${name} ${suffix}`, costPrice },
    select: { id: true },
  });
  return row.id;
}

async function location(fixture: CompanyFixture, name: string): Promise<string> {
  const row = await system.location.create({
    data: { companyId: fixture.companyId, name: `${name} ${suffix}` },
    select: { id: true },
  });
  return row.id;
}

/** Carries each timestamp of step k to DAYS[k − 1] at noon in New York plus its offset from the step's first mark. */
async function moveToDays({ fixture, marks }: Ledger): Promise<void> {
  const noon = await system.$queryRaw<{ at: Date }[]>`
    SELECT ((d::date + time '12:00') AT TIME ZONE ${ZONE}) AS at FROM unnest(${DAYS}::text[]) WITH ORDINALITY AS u(d, i)
     ORDER BY i`;
  const carry = (at: Date) => {
    const step = marks.findIndex((m, k) => k > 0 && at < m);
    if (step < 1) throw new Error(`${at.toISOString()} is outside the steps`);
    return new Date(noon[step - 1]!.at.getTime() + (at.getTime() - marks[step - 1]!.getTime()));
  };
  const movements = await system.$queryRaw<{ id: string; created_at: Date; crossed_until: string | null }[]>`
    SELECT id::text, created_at, crossed_until::text FROM stock_movements WHERE company_id = ${fixture.companyId}::uuid`;
  const costs = await system.$queryRaw<{ product_id: string; cost_changed_at: Date }[]>`
    SELECT product_id::text, cost_changed_at FROM product_stock_totals
     WHERE company_id = ${fixture.companyId}::uuid AND cost_changed_at IS NOT NULL`;
  await system.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    for (const m of movements) {
      const crossed =
        m.crossed_until === null || m.crossed_until === "infinity"
          ? m.crossed_until
          : carry(new Date(m.crossed_until)).toISOString();
      await tx.$executeRaw`
        UPDATE stock_movements SET created_at = ${carry(m.created_at)}, crossed_until = ${crossed}::timestamptz
         WHERE id = ${m.id}::uuid`;
    }
    for (const c of costs) {
      await tx.$executeRaw`
        UPDATE product_stock_totals SET cost_changed_at = ${carry(c.cost_changed_at)}
         WHERE company_id = ${fixture.companyId}::uuid AND product_id = ${c.product_id}::uuid`;
    }
  });
  await rebuildStockMovementDays(system, fixture.companyId);
}

/** The start of a day in New York, where the scenario's days are. */
const dayStart = (date: string) => new Date(`${date}T00:00:00-05:00`);

/** The two totals of a day as the app role: [from the rollups (null when they cannot answer), from the ledger]. */
async function totals(fixture: CompanyFixture, date: string, timeZone = ZONE): Promise<[string | null, string]> {
  return withTenantTx(fixture, async (tx) => {
    const day = { companyId: fixture.companyId, date, timeZone };
    const [fast] = await tx.$queryRaw<{ total: string }[]>(valuationTotalSql(day));
    const [exact] = await tx.$queryRaw<{ total: string }[]>(ledgerValuationTotalSql(day));
    return [fast?.total ?? null, exact!.total];
  });
}

beforeAll(async () => {
  system = superuserClient(4);
  const ledgerA = await emptyCompany("value-a");
  const ledgerB = await emptyCompany("value-b");
  a = ledgerA.fixture;
  b = ledgerB.fixture;
  const [p, q, r] = [await product(a, "P", "2.00"), await product(a, "Q", "10.00"), await product(a, "R", "1.00")];
  const [n, s] = [await location(a, "N"), await location(a, "S")];
  const [pb, nb] = [await product(b, "PB", "4.00"), await location(b, "NB")];

  await mark(ledgerA);
  await book(a, [
    { productId: p, locationId: n, quantity: 10, reason: "RECEIVED", unitCost: "3.00" },
    { productId: q, locationId: n, quantity: 4, reason: "ADJUSTMENT" },
  ]);
  await mark(ledgerA); // day 2
  await book(a, [{ productId: p, locationId: s, quantity: 30, reason: "RECEIVED", unitCost: "5.00" }]);
  await book(a, [{ productId: r, locationId: n, quantity: 6, reason: "ADJUSTMENT" }]);
  await mark(ledgerA); // day 3
  await book(a, [{ productId: p, locationId: s, quantity: -20, reason: "SHIPPED" }]);
  await book(a, [
    { productId: q, locationId: n, quantity: -2, reason: "TRANSFER_OUT" },
    { productId: q, locationId: s, quantity: 2, reason: "TRANSFER_IN" },
  ]);
  await mark(ledgerA); // day 4
  await system.product.update({ where: { id: q }, data: { costPrice: "12.00" } });
  await book(a, [{ productId: r, locationId: n, quantity: 2, reason: "RECEIVED", unitCost: "8.00" }]);
  await mark(ledgerA); // day 5: an operation starts, and commits after day 6's receipt
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let begun!: () => void;
  const started = new Promise<void>((resolve) => (begun = resolve));
  const late = withTenantTx(a, async (tx) => {
    await tx.$queryRaw`SELECT now()`;
    begun();
    await gate;
    return applyStockMovements(tx, a.ctx, {
      changes: [{ productId: p, locationId: s, quantity: -4, reason: "SHIPPED" }],
      audit: { action: "stock.test", entityType: "product", entityId: null },
    });
  });
  await started;
  await mark(ledgerA); // day 6
  await book(a, [{ productId: p, locationId: n, quantity: 5, reason: "RECEIVED", unitCost: "7.00" }]);
  release();
  await late;
  await mark(ledgerA); // day 7
  await system.product.update({ where: { id: r }, data: { costPrice: "1.50" } });
  await book(a, [{ productId: q, locationId: s, quantity: -1, reason: "SHIPPED" }]);
  await mark(ledgerA);
  await moveToDays(ledgerA);

  // B: PB +7 received at 2.00 on day 2, −3 shipped on day 5.
  await mark(ledgerB);
  await mark(ledgerB); // day 2
  await book(b, [{ productId: pb, locationId: nb, quantity: 7, reason: "RECEIVED", unitCost: "2.00" }]);
  await mark(ledgerB);
  await mark(ledgerB);
  await mark(ledgerB); // day 5
  await book(b, [{ productId: pb, locationId: nb, quantity: -3, reason: "SHIPPED" }]);
  await mark(ledgerB);
  await mark(ledgerB);
  await mark(ledgerB);
  await moveToDays(ledgerB);
}, 60_000);

afterAll(async () => {
  await system.$disconnect();
});

describe("the valuation total of a past day from the rollups", () => {
  it("the late operation crossed the receipt it committed after", async () => {
    const [late] = await system.$queryRaw<{ crossed: boolean }[]>`
      SELECT crossed_until > created_at AS crossed FROM stock_movements
       WHERE company_id = ${a.companyId}::uuid AND quantity = -4`;
    expect(late).toEqual({ crossed: true });
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("equals the total from the ledger on every day, and the scenario's figures", async () => {
    for (const date of [DAY_0, ...DAYS]) {
      expect({ date, totals: await totals(a, date) }).toEqual({
        date,
        totals: [EXPECTED_A[date], EXPECTED_A[date]],
      });
    }
  });

  it("getValuationTotal answers the same", async () => {
    for (const date of [DAY_0, "2026-03-02", "2026-03-05", "2026-03-07"]) {
      expect(await getValuationTotal(a.ctx, { date })).toBe(EXPECTED_A[date]);
    }
  });

  it("company B's totals are its own", async () => {
    // PB: 7 at 2.00 from day 2, 4 from day 5.
    expect(await totals(b, "2026-03-01")).toEqual(["0.00", "0.00"]);
    expect(await totals(b, "2026-03-03")).toEqual(["14.00", "14.00"]);
    expect(await totals(b, "2026-03-07")).toEqual(["8.00", "8.00"]);
  });

  it("movements without a value change (an older release's, from day 5 on) are valued from the ledger product by product; the totals stay equal", async () => {
    // What a rolling deploy leaves: the older release's movements carry no value_change, and its day totals count
    // none (a rebuild by this release sums the movements as they are).
    await system.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`
        UPDATE stock_movements SET value_change = NULL, crossed_until = NULL
         WHERE company_id = ${a.companyId}::uuid AND created_at >= ${dayStart("2026-03-05")}`;
    });
    await rebuildStockMovementDays(system, a.companyId);
    for (const date of [DAY_0, ...DAYS]) {
      expect({ date, totals: await totals(a, date) }).toEqual({
        date,
        totals: [EXPECTED_A[date], EXPECTED_A[date]],
      });
    }
    await system.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw(valueChangeBackfillSql(a.companyId));
    });
    await rebuildStockMovementDays(system, a.companyId);
    for (const date of [DAY_0, ...DAYS]) {
      expect({ date, totals: await totals(a, date) }).toEqual({
        date,
        totals: [EXPECTED_A[date], EXPECTED_A[date]],
      });
    }
  });

  it("rollups an older release rebuilt (no value changes summed) send the total to the ledger until this release rebuilds them", async () => {
    // The older release's rebuild: the next generation's day totals without value changes, made live.
    await system.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO stock_movement_day_totals (company_id, generation, day, shard, movements_in, movements_out)
        SELECT d.company_id, d.generation + 1, d.day, d.shard, d.movements_in, d.movements_out
          FROM stock_movement_day_totals d
          JOIN companies c ON c.id = d.company_id AND d.generation = c.rollup_generation
         WHERE d.company_id = ${a.companyId}::uuid`;
      await tx.$executeRaw`UPDATE companies SET rollup_generation = rollup_generation + 1 WHERE id = ${a.companyId}::uuid`;
    });
    expect(await totals(a, "2026-03-03")).toEqual([null, EXPECTED_A["2026-03-03"]]);
    expect(await getValuationTotal(a.ctx, { date: "2026-03-03" })).toBe(EXPECTED_A["2026-03-03"]);
    await rebuildStockMovementDays(system, a.companyId);
    expect(await totals(a, "2026-03-03")).toEqual([EXPECTED_A["2026-03-03"], EXPECTED_A["2026-03-03"]]);
  });

  it("receipts of one product committed out of order: both totals value it at the average of its last receipt then", async () => {
    // X (cost price 1.00): on day 1 a receipt of 10 at 4.00 starts, one of 10 at 2.00 starts after it and commits
    // first (average 2), then the first commits ((10×2 + 10×4)/20 = 3); on day 2, 5 are shipped.
    // End of day 1: 20 × 2.00 (the last receipt created by then left 2, as the report's lines say) = 40.
    // End of day 2: 15 × 3.00, the product's average now, as nothing moved since = 45.
    const ledger = await emptyCompany("value-c");
    const c = ledger.fixture;
    const [x, n] = [await product(c, "X", "1.00"), await location(c, "NC")];
    await mark(ledger);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const first = withTenantTx(c, async (tx) => {
      await tx.$queryRaw`SELECT now()`;
      begun();
      await gate;
      return applyStockMovements(tx, c.ctx, {
        changes: [{ productId: x, locationId: n, quantity: 10, reason: "RECEIVED", unitCost: "4.00" }],
        audit: { action: "stock.test", entityType: "product", entityId: null },
      });
    });
    await started;
    await sleep(5);
    await book(c, [{ productId: x, locationId: n, quantity: 10, reason: "RECEIVED", unitCost: "2.00" }]);
    release();
    await first;
    await mark(ledger); // day 2
    await book(c, [{ productId: x, locationId: n, quantity: -5, reason: "SHIPPED" }]);
    await mark(ledger);
    for (let day = 3; day <= DAYS.length; day += 1) await mark(ledger);
    await moveToDays(ledger);
    const expected = { "2026-03-01": "40.00", "2026-03-02": "45.00" };
    for (const [date, total] of Object.entries(expected)) {
      expect({ date, totals: await totals(c, date) }).toEqual({ date, totals: [total, total] });
    }
    // As a ledger written before crossed_until was kept: the migration's backfill, no mark.
    await system.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
      await tx.$executeRaw`UPDATE stock_movements SET crossed_until = NULL WHERE company_id = ${c.companyId}::uuid`;
      await tx.$executeRaw(valueChangeBackfillSql(c.companyId));
    });
    await rebuildStockMovementDays(system, c.companyId);
    for (const [date, total] of Object.entries(expected)) {
      expect({ date, totals: await totals(c, date) }).toEqual({ date, totals: [total, total] });
    }
  });

  it("a time-zone change answers from the ledger until the rollups are rebuilt in the new zone", async () => {
    const tokyo = "Asia/Tokyo";
    await system.company.update({ where: { id: a.companyId }, data: { timeZone: tokyo } });
    // Days in Tokyo end 14 hours before New York's: the end of Mar 5 there is before day 5's noon in New York.
    const [fast, exact] = await totals(a, "2026-03-05", tokyo);
    expect([fast, exact]).toEqual([null, EXPECTED_A["2026-03-04"]]);
    expect(await getValuationTotal(a.ctx, { date: "2026-03-05" })).toBe(EXPECTED_A["2026-03-04"]);
    await rebuildStockMovementDays(system, a.companyId);
    for (const date of [DAY_0, ...DAYS]) {
      const [rolled, ledger] = await totals(a, date, tokyo);
      expect({ date, rolled }).toEqual({ date, rolled: ledger });
    }
  });
});
