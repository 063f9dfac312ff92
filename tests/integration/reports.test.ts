// The reports (docs/architecture.md §8 "Reports") on real PostgreSQL, from a ledger built by hand: the movements are
// booked through the ledger (so stock, totals and averages are its own) and then moved back in time, as the
// superuser with the append-only triggers off, to days in January 2026 in New York (UTC−5 then). Every expected
// figure is worked out from this scenario:
//
//   Widget (each, cost price 2.00)   Jan  5 10:00  +10 at North, received at 3.00          average 3
//                                    Jan 15 23:30  +30 at South, received at 5.00          (10×3 + 30×5)/40 = 4.5
//                                    Jan 20 10:00  −20 at South, shipped
//                                    today         +5 at North, received at 7.00           (20×4.5 + 5×7)/25 = 5
//   Crate (box, cost price 10.00)    Jan 10 10:00  +4 at North, an adjustment (no cost: no average ever)
//   Bolt (each, cost price 1.00)     Jan  3 10:00  +6 at North, an adjustment (no cost)
//                                    today         +2 at North, received at 8.00           (6×1 + 2×8)/8 = 2.75
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import { parseCsv } from "../../lib/csv/parse-csv";
import type { CsvDownload } from "../../lib/csv/csv-stream";
import type { PrismaClient } from "../../lib/db/client";
import { rebuildStockMovementDays } from "../../lib/dashboard/stock-movement-days";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { exportMovementsReport, getMovementsReport } from "../../lib/reports/movements-report";
import { DROPPED_LOCATION_MESSAGE, DROPPED_PRODUCT_MESSAGE } from "../../lib/reports/report-company";
import { groupCursorName, movementsQueryFromParams } from "../../lib/reports/report-params";
import { encodeTextCursor } from "../../lib/list/keyset-cursor";
import { exportSlowMovers, getSlowMovers } from "../../lib/reports/slow-movers";
import { exportValuation, getValuation, getValuationTotal } from "../../lib/reports/valuation";
import { applyStockMovements, type StockChange } from "../../lib/stock/apply-stock-movements";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { totalsMismatches } from "../factories/stock";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let staff: MemberFixture;
const ids = { widget: "", crate: "", bolt: "", north: "", south: "" };
const suffix = uniqueSuffix();

async function book(changes: StockChange[], at?: string): Promise<void> {
  const moved = await withTenantTx(a, (tx) =>
    applyStockMovements(tx, a.ctx, { changes, audit: { action: "stock.test", entityType: "product", entityId: null } }),
  );
  if (!at) return;
  // Back in time: the ledger refuses updates from everyone, so its triggers are switched off for this session only.
  await system.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRaw`
      UPDATE stock_movements SET created_at = (${at}::timestamp AT TIME ZONE 'America/New_York')
       WHERE id = ANY(${moved.map((m) => m.id)}::uuid[])`;
  });
}

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "reports-a");
  b = await createCompanyFixture(system, "reports-b");
  await system.company.update({
    where: { id: a.companyId },
    data: { timeZone: "America/New_York", rollupTimeZone: "America/New_York" },
  });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
  // The fixture's own product holds stock booked now: out of this scenario (its stock row goes, the totals follow).
  await system.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL session_replication_role = replica");
    await tx.$executeRaw`DELETE FROM stock_movements WHERE company_id = ${a.companyId}::uuid`;
  });
  await system.stockLevel.deleteMany({ where: { companyId: a.companyId } });
  const product = async (name: string, unit: string, costPrice: string) =>
    (
      await system.product.create({
        data: {
          companyId: a.companyId,
          sku: `${name.toUpperCase()}-${suffix}`,
          name: `${name} ${suffix}`,
          unit,
          costPrice,
        },
        select: { id: true },
      })
    ).id;
  ids.widget = await product("Widget", "each", "2.00");
  ids.crate = await product("Crate", "box", "10.00");
  ids.bolt = await product("Bolt", "each", "1.00");
  for (const name of ["North", "South"] as const) {
    const location = await system.location.create({
      data: { companyId: a.companyId, name: `${name} ${suffix}` },
      select: { id: true },
    });
    ids[name.toLowerCase() as "north" | "south"] = location.id;
  }
  const { widget, crate, bolt, north, south } = ids;
  await book([{ productId: bolt, locationId: north, quantity: 6, reason: "ADJUSTMENT" }], "2026-01-03 10:00");
  await book(
    [{ productId: widget, locationId: north, quantity: 10, reason: "RECEIVED", unitCost: "3.00" }],
    "2026-01-05 10:00",
  );
  await book([{ productId: crate, locationId: north, quantity: 4, reason: "ADJUSTMENT" }], "2026-01-10 10:00");
  await book(
    [{ productId: widget, locationId: south, quantity: 30, reason: "RECEIVED", unitCost: "5.00" }],
    "2026-01-15 23:30",
  );
  await book([{ productId: widget, locationId: south, quantity: -20, reason: "SHIPPED" }], "2026-01-20 10:00");
  await book([{ productId: widget, locationId: north, quantity: 5, reason: "RECEIVED", unitCost: "7.00" }]);
  await book([{ productId: bolt, locationId: north, quantity: 2, reason: "RECEIVED", unitCost: "8.00" }]);
  // The movements were moved back in time around the ledger: their day rollups are rebuilt from them, as the seed does.
  await rebuildStockMovementDays(system, a.companyId);
});

afterAll(async () => {
  await system.$disconnect();
});

/** The lines of a valuation as [product, quantity, unit cost, at current cost, value]. */
async function valuationLines(ctx: TenantContext, input: Record<string, unknown>) {
  const valuation = await getValuation(ctx, input);
  const { after: _after, ...filters } = input;
  return {
    total: await getValuationTotal(ctx, filters),
    lines: valuation.lines.map((l) => [l.name.split(" ")[0], l.quantity, l.unitCost, l.atCurrentCost, l.value]),
  };
}

async function csv(download: Promise<CsvDownload>): Promise<string[][]> {
  const parsed = parseCsv(await new Response((await download).stream).text());
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return [parsed.header.cells, ...parsed.rows.map((row) => row.cells)];
}

describe("stock valuation on a past day", () => {
  it("takes each product's quantity then and its moving average then, or today's cost price labelled", async () => {
    // End of Jan 14: Widget 10 at 3; Crate 4 and Bolt 6 had no receipt at a cost: today's cost prices.
    expect(await valuationLines(a.ctx, { date: "2026-01-14" })).toEqual({
      total: "76.00",
      lines: [
        ["Bolt", 6, "1.00", true, "6.00"],
        ["Crate", 4, "10.00", true, "40.00"],
        ["Widget", 10, "3.00", false, "30.00"],
      ],
    });
    // End of Jan 15 in New York takes the receipt at 23:30 there (04:30 on the 16th in UTC): 40 at 4.5.
    expect(await valuationLines(a.ctx, { date: "2026-01-15" })).toEqual({
      total: "226.00",
      lines: [
        ["Bolt", 6, "1.00", true, "6.00"],
        ["Crate", 4, "10.00", true, "40.00"],
        ["Widget", 40, "4.50", false, "180.00"],
      ],
    });
    // Jan 20: 20 left at the average, which stays 4.5.
    expect(await valuationLines(a.ctx, { date: "2026-01-20" })).toMatchObject({
      total: "136.00",
      lines: [
        ["Bolt", 6, "1.00", true, "6.00"],
        ["Crate", 4, "10.00", true, "40.00"],
        ["Widget", 20, "4.50", false, "90.00"],
      ],
    });
    // Today: Widget 25 at 5, Bolt 8 at 2.75, Crate still at its cost price.
    expect(await valuationLines(a.ctx, {})).toMatchObject({
      total: "187.00",
      lines: [
        ["Bolt", 8, "2.75", false, "22.00"],
        ["Crate", 4, "10.00", true, "40.00"],
        ["Widget", 25, "5.00", false, "125.00"],
      ],
    });
    // Nothing yet at the end of Jan 2.
    expect(await valuationLines(a.ctx, { date: "2026-01-02" })).toEqual({ total: "0.00", lines: [] });
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("values earlier days at the current cost price, which follows its edits", async () => {
    const edited = await system.product.update({ where: { id: ids.crate }, data: { costPrice: "12.50" } });
    try {
      // Crate 4 × 12.50 = 50 on Jan 14; the total follows: 6 + 50 + 30.
      expect(await valuationLines(a.ctx, { date: "2026-01-14" })).toMatchObject({
        total: "86.00",
        lines: [
          ["Bolt", 6, "1.00", true, "6.00"],
          ["Crate", 4, "12.50", true, "50.00"],
          ["Widget", 10, "3.00", false, "30.00"],
        ],
      });
    } finally {
      await system.product.update({ where: { id: edited.id }, data: { costPrice: "10.00" } });
    }
  });

  it("at one location, and in pages by name", async () => {
    // South at the end of Jan 15: the 30 received there at 5, valued at the product's average then, 4.5.
    expect(await valuationLines(a.ctx, { date: "2026-01-15", locationId: ids.south })).toEqual({
      total: "135.00",
      lines: [["Widget", 30, "4.50", false, "135.00"]],
    });
    // North at the end of Jan 20: Bolt 6 × 1 + Crate 4 × 10 + Widget 10 × 4.5 (the product's average) = 91.
    expect(await valuationLines(a.ctx, { date: "2026-01-20", locationId: ids.north })).toEqual({
      total: "91.00",
      lines: [
        ["Bolt", 6, "1.00", true, "6.00"],
        ["Crate", 4, "10.00", true, "40.00"],
        ["Widget", 10, "4.50", false, "45.00"],
      ],
    });
    const rows = await csv(exportValuation(a.ctx, { date: "2026-01-15" }, { pageSize: 1 }));
    expect(rows).toEqual([
      ["sku", "product", "unit", "quantity", "unit_cost", "cost_basis", "value"],
      [`BOLT-${suffix}`, `Bolt ${suffix}`, "each", "6", "1.00", "current cost", "6.00"],
      [`CRATE-${suffix}`, `Crate ${suffix}`, "box", "4", "10.00", "current cost", "40.00"],
      [`WIDGET-${suffix}`, `Widget ${suffix}`, "each", "40", "4.50", "moving average", "180.00"],
    ]);
  });

  it("refuses a day still to come", async () => {
    await expect(getValuation(a.ctx, { date: "2999-01-01" })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "VALIDATION" && Boolean(e.fieldErrors?.date),
    );
  });
});

describe("movements report", () => {
  const january = { from: "2026-01-01", to: "2026-01-31" };

  it("totals in and out per unit, never across units, with counts", async () => {
    const report = await getMovementsReport(a.ctx, january);
    expect(report.totals).toEqual({
      units: [
        { unit: "box", unitsIn: 4, unitsOut: 0 },
        { unit: "each", unitsIn: 46, unitsOut: 20 },
      ],
      movementsIn: 4,
      movementsOut: 1,
    });
    // Newest first, as booked.
    expect(report.rows.map((r) => [r.productName.split(" ")[0], r.quantity, r.reason])).toEqual([
      ["Widget", -20, "SHIPPED"],
      ["Widget", 30, "RECEIVED"],
      ["Crate", 4, "ADJUSTMENT"],
      ["Widget", 10, "RECEIVED"],
      ["Bolt", 6, "ADJUSTMENT"],
    ]);
    // Whole days in New York: to Jan 15 takes the receipt at 23:30 there.
    expect((await getMovementsReport(a.ctx, { from: "2026-01-01", to: "2026-01-15" })).totals.units).toEqual([
      { unit: "box", unitsIn: 4, unitsOut: 0 },
      { unit: "each", unitsIn: 46, unitsOut: 0 },
    ]);
    // Without a period: the last 30 days, which hold only today's two receipts.
    const recent = await getMovementsReport(a.ctx, {});
    expect(recent.to).toBe(recent.today);
    expect(recent.totals.units).toEqual([{ unit: "each", unitsIn: 7, unitsOut: 0 }]);
  });

  it("filters by product, location and reason", async () => {
    expect((await getMovementsReport(a.ctx, { ...january, reason: "RECEIVED" })).totals).toEqual({
      units: [{ unit: "each", unitsIn: 40, unitsOut: 0 }],
      movementsIn: 2,
      movementsOut: 0,
    });
    expect((await getMovementsReport(a.ctx, { ...january, locationId: ids.south })).totals.units).toEqual([
      { unit: "each", unitsIn: 30, unitsOut: 20 },
    ]);
    const widget = await getMovementsReport(a.ctx, { ...january, productId: ids.widget });
    expect(widget.product?.id).toBe(ids.widget);
    expect(widget.totals.units).toEqual([{ unit: "each", unitsIn: 40, unitsOut: 20 }]);
  });

  it("groups by reason, location and product, each group per unit", async () => {
    const byReason = await getMovementsReport(a.ctx, { ...january, groupBy: "reason" });
    expect(byReason.groups.map((g) => [g.label, g.units, g.movementsIn, g.movementsOut])).toEqual([
      [
        "Adjustment",
        [
          { unit: "box", unitsIn: 4, unitsOut: 0 },
          { unit: "each", unitsIn: 6, unitsOut: 0 },
        ],
        2,
        0,
      ],
      ["Received", [{ unit: "each", unitsIn: 40, unitsOut: 0 }], 2, 0],
      ["Shipped", [{ unit: "each", unitsIn: 0, unitsOut: 20 }], 0, 1],
    ]);
    const byLocation = await getMovementsReport(a.ctx, { ...january, groupBy: "location" });
    expect(byLocation.groups.map((g) => [g.label.split(" ")[0], g.units])).toEqual([
      [
        "North",
        [
          { unit: "box", unitsIn: 4, unitsOut: 0 },
          { unit: "each", unitsIn: 16, unitsOut: 0 },
        ],
      ],
      ["South", [{ unit: "each", unitsIn: 30, unitsOut: 20 }]],
    ]);
    // In pages by name: one group a page here through the CSV's paging.
    const rows = await csv(exportMovementsReport(a.ctx, { ...january, groupBy: "product" }, { pageSize: 1 }));
    expect(rows).toEqual([
      ["group", "detail", "unit", "units_in", "units_out", "movements_in", "movements_out"],
      [`Bolt ${suffix}`, `BOLT-${suffix}`, "each", "6", "0", "1", "0"],
      [`Crate ${suffix}`, `CRATE-${suffix}`, "box", "4", "0", "1", "0"],
      [`Widget ${suffix}`, `WIDGET-${suffix}`, "each", "40", "20", "2", "1"],
    ]);
  });

  it("pages the groups by reason, as by product or location: the cursor after a reason reads back", async () => {
    const labels: string[] = [];
    let after: string | undefined;
    do {
      const query = movementsQueryFromParams({ ...january, groupBy: "reason", ...(after && { after }) });
      // The page's link keeps the cursor, and the lib takes it.
      expect(query.after).toBe(after);
      const page = await getMovementsReport(a.ctx, query, { pageSize: 1 });
      labels.push(...page.groups.map((group) => group.label));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(labels).toEqual(["Adjustment", "Received", "Shipped"]);
    // Anything else in a reason cursor's place is still out of date.
    const forged = encodeTextCursor(groupCursorName("reason"), { keys: ["X"], id: "DROP" });
    await expect(getMovementsReport(a.ctx, { ...january, groupBy: "reason", after: forged })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "VALIDATION",
    );
  });

  it("exports the movements one per line", async () => {
    const rows = await csv(exportMovementsReport(a.ctx, { ...january, productId: ids.widget }, { pageSize: 2 }));
    expect(rows.map((r) => [r[0], r[5], r[6], r[7]])).toEqual([
      ["time_utc", "reason", "quantity", "balance_after"],
      ["2026-01-20T15:00:00.000Z", "SHIPPED", "-20", "10"],
      ["2026-01-16T04:30:00.000Z", "RECEIVED", "30", "30"],
      ["2026-01-05T15:00:00.000Z", "RECEIVED", "10", "10"],
    ]);
  });
});

describe("slow movers", () => {
  it("lists active products with stock that none has left in N days", async () => {
    // Widget last left on Jan 20 2026; Crate and Bolt never.
    const ninety = await getSlowMovers(a.ctx, {});
    expect(ninety.days).toBe(90);
    expect(ninety.products.map((p) => [p.name.split(" ")[0], p.onHand, p.value, p.atCurrentCost])).toEqual([
      ["Bolt", 8, "22.00", false],
      ["Crate", 4, "40.00", true],
      ["Widget", 25, "125.00", false],
    ]);
    expect(ninety.products[2]!.lastOut?.toISOString()).toBe("2026-01-20T15:00:00.000Z");
    expect(ninety.products[1]!.lastOut).toBeNull();
    // Over a longer window the Widget's shipment counts: it is no longer slow.
    const daysSince = Math.ceil((Date.now() - Date.parse("2026-01-20T15:00:00.000Z")) / 86_400_000);
    const longer = await getSlowMovers(a.ctx, { days: daysSince + 1 });
    expect(longer.products.map((p) => p.name.split(" ")[0])).toEqual(["Bolt", "Crate"]);
    const rows = await csv(exportSlowMovers(a.ctx, { days: daysSince + 1 }, { pageSize: 1 }));
    expect(rows.map((r) => [r[1], r[3], r[4], r[7], r[8]])).toEqual([
      ["product", "on_hand", "last_out_utc", "cost_basis", "value"],
      [`Bolt ${suffix}`, "8", "", "moving average", "22.00"],
      [`Crate ${suffix}`, "4", "", "current cost", "40.00"],
    ]);
  });
});

describe("who sees reports", () => {
  it("staff are refused", async () => {
    for (const call of [
      () => getValuation(staff.ctx, {}),
      () => getMovementsReport(staff.ctx, {}),
      () => getSlowMovers(staff.ctx, {}),
      () => exportValuation(staff.ctx, {}),
      () => getValuationTotal(staff.ctx, {}),
    ]) {
      await expect(call()).rejects.toSatisfy((e) => e instanceof AppError && e.code === "FORBIDDEN");
    }
  });

  it("company B's reports never include A's data", async () => {
    const valuation = await getValuation(b.ctx, { date: "2026-01-20" });
    expect(valuation.lines).toEqual([]);
    expect(await getValuationTotal(b.ctx, { date: "2026-01-20" })).toBe("0.00");
    expect(valuation.locationOptions.map((l) => l.id)).not.toContain(ids.north);
    const movements = await getMovementsReport(b.ctx, { from: "2026-01-01", to: "2026-01-31", groupBy: "product" });
    expect(movements.groups).toEqual([]);
    expect(movements.totals.units).toEqual([]);
    const slow = await getSlowMovers(b.ctx, {});
    expect(slow.products.map((p) => p.productId)).not.toEqual(expect.arrayContaining([ids.widget]));
  });

  it("a report page's filter naming A's product or location in B is dropped and said, showing B's own report", async () => {
    // B's fixture holds its one product: 10 received today at its one location.
    const own = { productIds: [b.productId], units: [{ unit: expect.any(String), unitsIn: 10, unitsOut: 0 }] };
    for (const filter of [{ productId: ids.widget }, { locationId: ids.south }]) {
      const movements = await getMovementsReport(b.ctx, filter);
      expect(movements.dropped).toEqual(["productId" in filter ? DROPPED_PRODUCT_MESSAGE : DROPPED_LOCATION_MESSAGE]);
      expect({ product: movements.product, location: movements.location }).toEqual({ product: null, location: null });
      expect(movements.rows.map((row) => row.productId)).toEqual(own.productIds);
      expect(movements.totals.units).toEqual(own.units);
    }
    const both = await getMovementsReport(b.ctx, { productId: ids.bolt, locationId: ids.north, groupBy: "product" });
    expect(both.dropped).toEqual([DROPPED_PRODUCT_MESSAGE, DROPPED_LOCATION_MESSAGE]);
    expect(both.groups.map((group) => group.id)).toEqual(own.productIds);

    const valuation = await getValuation(b.ctx, { locationId: ids.north });
    expect(valuation.dropped).toEqual([DROPPED_LOCATION_MESSAGE]);
    expect(valuation.location).toBeNull();
    expect(valuation.lines.map((line) => [line.productId, line.quantity])).toEqual([[b.productId, 10]]);

    // An id that is nobody's reads the same.
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await getMovementsReport(a.ctx, { productId: unknown })).dropped).toEqual([DROPPED_PRODUCT_MESSAGE]);
    expect((await getValuation(a.ctx, { locationId: unknown })).dropped).toEqual([DROPPED_LOCATION_MESSAGE]);
    // A's own filters are kept and drop nothing.
    const kept = await getMovementsReport(a.ctx, { productId: ids.widget, locationId: ids.north });
    expect({ dropped: kept.dropped, product: kept.product?.id, location: kept.location?.id }).toEqual({
      dropped: [],
      product: ids.widget,
      location: ids.north,
    });
  });

  it("a download or a total naming A's product or location in B is NOT_FOUND (never a wider file)", async () => {
    for (const call of [
      () => exportMovementsReport(b.ctx, { productId: ids.widget }),
      () => exportMovementsReport(b.ctx, { locationId: ids.south }),
      () => exportValuation(b.ctx, { locationId: ids.north }),
      () => getValuationTotal(b.ctx, { locationId: ids.north }),
    ]) {
      await expect(call()).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
    }
  });
});
