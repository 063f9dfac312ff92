// The moving-average cost the ledger keeps (docs/architecture.md §5 "Moving-average cost"), on real PostgreSQL: per
// product over all its locations, a receipt at a cost moves it to (stock before × average + quantity × cost) / stock
// after, rounded to four decimals; every other movement leaves it; a product without one counts its stock at today's
// cost price; a refused operation changes nothing; concurrent receipts end where serial ones do. The averages
// expected here are worked out by hand from the scenario.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { applyStockMovements, type StockChange } from "../../lib/stock/apply-stock-movements";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { fulfilledOrder, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { totalsMismatches } from "../factories/stock";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let team: OrderTeam;

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "average-a");
  team = await orderTeam(system, "average-orders");
});

afterAll(async () => {
  await system.$disconnect();
});

async function product(costPrice: string, locations: number) {
  const suffix = uniqueSuffix();
  const created = await system.product.create({
    data: { companyId: a.companyId, sku: `AV-${suffix}`, name: `Average item ${suffix}`, costPrice },
    select: { id: true },
  });
  const locationIds: string[] = [];
  for (let i = 0; i < locations; i++) {
    const location = await system.location.create({
      data: { companyId: a.companyId, name: `Average bin ${suffix}-${i}` },
      select: { id: true },
    });
    locationIds.push(location.id);
  }
  return { productId: created.id, locationIds };
}

function move(changes: StockChange[]) {
  return withTenantTx(a, (tx) =>
    applyStockMovements(tx, a.ctx, { changes, audit: { action: "stock.test", entityType: "product", entityId: null } }),
  );
}

async function average(productId: string) {
  const totals = await system.productStockTotal.findFirstOrThrow({
    where: { productId },
    select: { onHand: true, averageCost: true, averageValue: true },
  });
  return {
    onHand: Number(totals.onHand),
    averageCost: totals.averageCost?.toFixed(4) ?? null,
    averageValue: totals.averageValue.toFixed(4),
  };
}

/**
 * The ledger's averages in the order it recorded them (an operation's movements by quantity): receipts at a cost carry
 * one, every other movement none.
 */
async function ledgerAverages(productId: string) {
  const rows = await system.stockMovement.findMany({
    where: { productId },
    orderBy: { rollupSeq: "asc" },
    select: { batchId: true, rollupSeq: true, quantity: true, unitCost: true, averageCost: true },
  });
  const batchStart = new Map<string | null, bigint>();
  for (const row of rows) if (!batchStart.has(row.batchId)) batchStart.set(row.batchId, row.rollupSeq!);
  const start = (row: (typeof rows)[number]) => batchStart.get(row.batchId)!;
  rows.sort((x, y) => (start(x) === start(y) ? x.quantity - y.quantity : start(x) < start(y) ? -1 : 1));
  return rows.map((row) => ({
    quantity: row.quantity,
    unitCost: row.unitCost?.toFixed(2) ?? null,
    averageCost: row.averageCost?.toFixed(4) ?? null,
  }));
}

describe("the moving-average cost", () => {
  it("follows receipts at a cost over all locations, and nothing else", async () => {
    const { productId, locationIds } = await product("2.00", 2);
    const [first, second] = locationIds as [string, string];
    // Nothing yet: no average, and the value is at today's cost price.
    expect(await average(productId)).toEqual({ onHand: 0, averageCost: null, averageValue: "0.0000" });

    // 10 at 3.00 into an empty product: the average is 3.
    await move([{ productId, locationId: first, quantity: 10, reason: "RECEIVED", unitCost: "3.00" }]);
    expect(await average(productId)).toEqual({ onHand: 10, averageCost: "3.0000", averageValue: "30.0000" });
    // 30 at 5.00 at the other location: (10 × 3 + 30 × 5) / 40 = 180 / 40 = 4.5.
    await move([{ productId, locationId: second, quantity: 30, reason: "RECEIVED", unitCost: "5.00" }]);
    expect(await average(productId)).toEqual({ onHand: 40, averageCost: "4.5000", averageValue: "180.0000" });
    // 20 leave and 5 move between locations: stock goes at the average, which stays.
    await move([{ productId, locationId: second, quantity: -20, reason: "SHIPPED" }]);
    await move([
      { productId, locationId: second, quantity: -5, reason: "TRANSFER_OUT" },
      { productId, locationId: first, quantity: 5, reason: "TRANSFER_IN" },
    ]);
    expect(await average(productId)).toEqual({ onHand: 20, averageCost: "4.5000", averageValue: "90.0000" });
    // 5 at 7.00: (20 × 4.5 + 5 × 7) / 25 = 125 / 25 = 5.
    await move([{ productId, locationId: first, quantity: 5, reason: "RECEIVED", unitCost: "7.00" }]);
    // 5 found without a cost (an adjustment): the average stays 5.
    await move([{ productId, locationId: second, quantity: 5, reason: "ADJUSTMENT" }]);
    expect(await average(productId)).toEqual({ onHand: 30, averageCost: "5.0000", averageValue: "150.0000" });
    // 3 at 1.00: (30 × 5 + 3 × 1) / 33 = 153 / 33 = 4.636363… → 4.6364; the value is 33 × 4.6364 = 153.0012.
    await move([{ productId, locationId: second, quantity: 3, reason: "RECEIVED", unitCost: "1.00" }]);
    expect(await average(productId)).toEqual({ onHand: 33, averageCost: "4.6364", averageValue: "153.0012" });

    expect(await ledgerAverages(productId)).toEqual([
      { quantity: 10, unitCost: "3.00", averageCost: "3.0000" },
      { quantity: 30, unitCost: "5.00", averageCost: "4.5000" },
      // Movements without a cost record today's cost price, and no average.
      { quantity: -20, unitCost: "2.00", averageCost: null },
      { quantity: -5, unitCost: "2.00", averageCost: null },
      { quantity: 5, unitCost: "2.00", averageCost: null },
      { quantity: 5, unitCost: "7.00", averageCost: "5.0000" },
      { quantity: 5, unitCost: "2.00", averageCost: null },
      { quantity: 3, unitCost: "1.00", averageCost: "4.6364" },
    ]);
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("counts stock that came without a cost at today's cost price when the first cost arrives", async () => {
    const { productId, locationIds } = await product("2.00", 1);
    await move([{ productId, locationId: locationIds[0]!, quantity: 10, reason: "ADJUSTMENT" }]);
    expect(await average(productId)).toEqual({ onHand: 10, averageCost: null, averageValue: "20.0000" });
    // A cost price edit revalues stock without an average.
    await system.product.update({ where: { id: productId }, data: { costPrice: "2.50" } });
    expect(await average(productId)).toEqual({ onHand: 10, averageCost: null, averageValue: "25.0000" });
    // (10 × 2.50 + 10 × 4.00) / 20 = 65 / 20 = 3.25.
    await move([{ productId, locationId: locationIds[0]!, quantity: 10, reason: "RECEIVED", unitCost: "4.00" }]);
    expect(await average(productId)).toEqual({ onHand: 20, averageCost: "3.2500", averageValue: "65.0000" });
    // Now an edit of the cost price leaves the value at the average.
    await system.product.update({ where: { id: productId }, data: { costPrice: "9.00" } });
    expect(await average(productId)).toEqual({ onHand: 20, averageCost: "3.2500", averageValue: "65.0000" });
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("a refused operation changes no average", async () => {
    const { productId, locationIds } = await product("2.00", 1);
    await move([{ productId, locationId: locationIds[0]!, quantity: 10, reason: "RECEIVED", unitCost: "3.00" }]);
    const other = await product("1.00", 0);
    const before = await ledgerAverages(productId);
    // The receipt at 100.00 comes with a shipment of a product that has nothing: the whole operation is refused.
    const refused = move([
      { productId, locationId: locationIds[0]!, quantity: 10, reason: "RECEIVED", unitCost: "100.00" },
      { productId: other.productId, locationId: locationIds[0]!, quantity: -1, reason: "SHIPPED" },
    ]);
    await expect(refused).rejects.toSatisfy((e) => e instanceof AppError && e.code === "INSUFFICIENT_STOCK");
    expect(await average(productId)).toEqual({ onHand: 10, averageCost: "3.0000", averageValue: "30.0000" });
    expect(await ledgerAverages(productId)).toEqual(before);
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("concurrent receipts end at the average serial ones give", async () => {
    // Eight receipts of 10 at 0.42 × k (k = 1…8) into an empty product, each at its own location, all at once.
    // Whatever order they commit in, each average is the mean of the costs received so far, a multiple of 0.42
    // divided by at most 8, which four decimals hold exactly: so serial receipts in any order give the same
    // averages as the mean of the first n, and the last is 0.42 × 4.5 = 1.89.
    const { productId, locationIds } = await product("9.99", 8);
    const costs = locationIds.map((_, k) => (0.42 * (k + 1)).toFixed(2));
    const outcomes = await Promise.allSettled(
      locationIds.map((locationId, k) =>
        move([{ productId, locationId, quantity: 10, reason: "RECEIVED", unitCost: costs[k]! }]),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    expect(await average(productId)).toEqual({ onHand: 80, averageCost: "1.8900", averageValue: "151.2000" });
    // In the order the ledger recorded them, each receipt's average is the mean of the costs received up to it.
    const recorded = await ledgerAverages(productId);
    let sum = 0;
    recorded.forEach((row, n) => {
      sum += Number(row.unitCost);
      expect(row.averageCost).toBe((sum / (n + 1)).toFixed(4));
    });
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("a restock arrives at its line's price", async () => {
    const { fixture, manager, staff } = team;
    // Cost price 7.25 when the request is made: its line carries 7.25.
    const item = await pricedProduct(system, fixture, { costPrice: "7.25", stock: { [fixture.locationId]: 10 } });
    // The 10 already there came without a cost (no average yet).
    expect(await average(item.id)).toMatchObject({ averageCost: null });
    await fulfilledOrder(staff.ctx, manager.ctx, {
      type: "RESTOCK",
      locationId: fixture.locationId,
      lines: [{ productId: item.id, quantity: 6 }],
    });
    // A later cost price edit changes nothing received: (10 × 7.25 + 6 × 7.25) / 16 = 7.25.
    await system.product.update({ where: { id: item.id }, data: { costPrice: "8.00" } });
    expect(await average(item.id)).toEqual({ onHand: 16, averageCost: "7.2500", averageValue: "116.0000" });
    expect(await totalsMismatches(system, fixture.companyId)).toEqual([]);
  });
});
