// The ledger on real PostgreSQL: whatever happens, for every product × location on_hand equals the sum of its
// movements and nothing is negative, and every product's stored totals equal the sums over its stock rows
// (docs/architecture.md §5 "Stock totals"); concurrent changes are exact (no lost updates, no deadlocks); a refused
// change changes nothing; another company's ids are NOT_FOUND.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { applyStockMovements, type StockChange } from "../../lib/stock/apply-stock-movements";
import { MAX_QUANTITY } from "../../lib/stock/quantity";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { totalsMismatches } from "../factories/stock";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "ledger-a");
  b = await createCompanyFixture(system, "ledger-b");
});

afterAll(async () => {
  await system.$disconnect();
});

/** A fresh product with `stock` at a fresh location of company `fixture` (booked as an INITIAL movement). */
async function stockedProduct(fixture: CompanyFixture, stock: number, locations = 1) {
  const suffix = uniqueSuffix();
  const product = await system.product.create({
    data: { companyId: fixture.companyId, sku: `L-${suffix}`, name: `Ledger item ${suffix}`, costPrice: "1.25" },
    select: { id: true },
  });
  const locationIds: string[] = [];
  for (let i = 0; i < locations; i++) {
    const location = await system.location.create({
      data: { companyId: fixture.companyId, name: `Bin ${suffix}-${i}` },
      select: { id: true },
    });
    locationIds.push(location.id);
  }
  if (stock > 0) {
    await withTenantTx(fixture, (tx) =>
      applyStockMovements(tx, fixture.ctx, {
        changes: [{ productId: product.id, locationId: locationIds[0]!, quantity: stock, reason: "INITIAL" }],
        audit: { action: "stock.initial", entityType: "product", entityId: product.id },
      }),
    );
  }
  return { productId: product.id, locationIds };
}

async function level(productId: string, locationId: string) {
  return system.stockLevel.findFirst({ where: { productId, locationId }, select: { onHand: true, reserved: true } });
}

/** For every stock row of the product: on_hand equals the sum of its movements, and nothing is negative. */
async function expectLedgerHolds(productId: string) {
  const levels = await system.stockLevel.findMany({
    where: { productId },
    select: { locationId: true, onHand: true, reserved: true },
  });
  const sums = await system.stockMovement.groupBy({
    by: ["locationId"],
    where: { productId },
    _sum: { quantity: true },
  });
  const sumBy = new Map(sums.map((s) => [s.locationId, s._sum.quantity ?? 0]));
  for (const l of levels) {
    expect(l.onHand, `on_hand at ${l.locationId}`).toBe(sumBy.get(l.locationId) ?? 0);
    expect(l.onHand).toBeGreaterThanOrEqual(0);
    expect(l.reserved).toBeGreaterThanOrEqual(0);
  }
  for (const [locationId] of sumBy) expect(levels.map((l) => l.locationId)).toContain(locationId);
}

function move(fixture: CompanyFixture, changes: StockChange[], action = "stock.test") {
  return withTenantTx(fixture, (tx) =>
    applyStockMovements(tx, fixture.ctx, {
      changes,
      audit: { action, entityType: "product", entityId: changes[0]!.productId },
    }),
  );
}

describe("applyStockMovements", () => {
  it("books a change with its movement, balance, cost, audit row and batch", async () => {
    const { productId, locationIds } = await stockedProduct(a, 10);
    const [movement] = await move(a, [
      { productId, locationId: locationIds[0]!, quantity: -3, reason: "ADJUSTMENT", note: "Damaged" },
    ]);
    expect(movement).toMatchObject({ quantity: -3, balanceAfter: 7, reason: "ADJUSTMENT" });
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 7, reserved: 0 });
    const row = await system.stockMovement.findUniqueOrThrow({ where: { id: movement!.id } });
    expect(row).toMatchObject({ actorId: a.admin.id, note: "Damaged", companyId: a.companyId });
    expect(row.unitCost?.toString()).toBe("1.25");
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.test", entityId: productId },
    });
    expect(audit.after).toMatchObject({
      batchId: row.batchId,
      movementCount: 1,
      movements: [{ quantity: -3, balanceAfter: 7 }],
    });
    await expectLedgerHolds(productId);
  });

  it("refuses to go below zero, naming the product and what is available; nothing changes", async () => {
    const { productId, locationIds } = await stockedProduct(a, 4);
    const error = await move(a, [{ productId, locationId: locationIds[0]!, quantity: -5, reason: "ADJUSTMENT" }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      message: expect.stringMatching(/^Not enough Ledger item \S+ \(L-\S+\) at Bin \S+: 4 available, 5 needed\.$/),
    });
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 4, reserved: 0 });
    expect(await system.stockMovement.count({ where: { productId } })).toBe(1);
  });

  it("keeps reserved stock for approved orders unless the guard is on-hand only", async () => {
    const { productId, locationIds } = await stockedProduct(a, 10);
    await system.stockLevel.updateMany({ where: { productId }, data: { reserved: 6 } });
    const refused = await move(a, [
      { productId, locationId: locationIds[0]!, quantity: -5, reason: "ADJUSTMENT" },
    ]).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      message: expect.stringContaining("4 available (10 on hand, 6 reserved for approved orders), 5 needed"),
    });
    await move(a, [{ productId, locationId: locationIds[0]!, quantity: -8, reason: "STOCKTAKE", guard: "onHand" }]);
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 2, reserved: 6 });
  });

  it("lets stock arrive where reservations already exceed what is on hand", async () => {
    const { productId, locationIds } = await stockedProduct(a, 10, 2);
    await system.stockLevel.updateMany({ where: { productId, locationId: locationIds[0]! }, data: { reserved: 6 } });
    // A stocktake books the counted truth below the reservation: 2 on hand, 6 reserved.
    await move(a, [{ productId, locationId: locationIds[0]!, quantity: -8, reason: "STOCKTAKE", guard: "onHand" }]);
    await move(a, [{ productId, locationId: locationIds[0]!, quantity: 3, reason: "ADJUSTMENT" }]);
    await move(a, [{ productId, locationId: locationIds[1]!, quantity: 1, reason: "RECEIVED" }]);
    await move(a, [
      { productId, locationId: locationIds[1]!, quantity: -1, reason: "TRANSFER_OUT" },
      { productId, locationId: locationIds[0]!, quantity: 1, reason: "TRANSFER_IN" },
    ]);
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 6, reserved: 6 });
    // Leaving stock is still held to the reservation.
    await expect(
      move(a, [{ productId, locationId: locationIds[0]!, quantity: -1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({
      code: "INSUFFICIENT_STOCK",
    });
    await expectLedgerHolds(productId);
  });

  it("refuses a result above the largest quantity instead of overflowing, and changes nothing", async () => {
    const { productId, locationIds } = await stockedProduct(a, 0);
    await move(a, [{ productId, locationId: locationIds[0]!, quantity: MAX_QUANTITY, reason: "ADJUSTMENT" }]);
    await expect(
      move(a, [{ productId, locationId: locationIds[0]!, quantity: 1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("at most 1,000,000,000 is allowed"),
    });
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: MAX_QUANTITY, reserved: 0 });
  });

  it("is all or nothing across the changes of one operation", async () => {
    const { productId, locationIds } = await stockedProduct(a, 5, 2);
    const other = await stockedProduct(a, 1);
    const error = await move(a, [
      { productId, locationId: locationIds[0]!, quantity: -2, reason: "TRANSFER_OUT" },
      { productId, locationId: locationIds[1]!, quantity: 2, reason: "TRANSFER_IN" },
      { productId: other.productId, locationId: other.locationIds[0]!, quantity: -2, reason: "ADJUSTMENT" },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 5, reserved: 0 });
    expect(await level(productId, locationIds[1]!)).toBeNull();
    expect(
      await system.auditLog.count({ where: { companyId: a.companyId, entityId: productId, action: "stock.test" } }),
    ).toBe(0);
  });

  it("books an operation of hundreds of products in one go, announced in events small enough for NOTIFY", async () => {
    const suffix = uniqueSuffix();
    const count = 300;
    await system.product.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        companyId: a.companyId,
        sku: `BULK-${suffix}-${i}`,
        name: `Bulk ${suffix} ${i}`,
      })),
    });
    const products = await system.product.findMany({
      where: { companyId: a.companyId, sku: { startsWith: `BULK-${suffix}-` } },
      select: { id: true },
    });
    const movements = await move(
      a,
      products.map((p, i) => ({
        productId: p.id,
        locationId: a.locationId,
        quantity: i + 1,
        reason: "ADJUSTMENT" as const,
        note: `count ${i}`,
      })),
    );
    expect(movements).toHaveLength(count);
    const booked = await system.stockMovement.findMany({
      where: { productId: { in: products.map((p) => p.id) } },
      select: { quantity: true, balanceAfter: true, note: true, batchId: true },
    });
    expect(booked).toHaveLength(count);
    expect(new Set(booked.map((m) => m.batchId)).size).toBe(1);
    expect(booked.every((m) => m.quantity === m.balanceAfter && m.note === `count ${m.quantity - 1}`)).toBe(true);
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.test", entityId: products[0]!.id },
    });
    expect(audit.after).toMatchObject({ movementCount: count });
    expect(audit.after).not.toHaveProperty("movements");
  });

  it("refuses an archived location", async () => {
    const { productId, locationIds } = await stockedProduct(a, 5, 2);
    await system.location.update({ where: { id: locationIds[1]! }, data: { archivedAt: new Date() } });
    await expect(
      move(a, [{ productId, locationId: locationIds[1]!, quantity: 1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("company B acting on company A's product or location gets NOT_FOUND and changes nothing", async () => {
    const { productId, locationIds } = await stockedProduct(a, 5);
    await expect(
      move(b, [{ productId, locationId: locationIds[0]!, quantity: -1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      move(b, [{ productId: b.productId, locationId: locationIds[0]!, quantity: 1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      move(b, [{ productId, locationId: b.locationId, quantity: 1, reason: "ADJUSTMENT" }]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 5, reserved: 0 });
    expect(await system.stockLevel.count({ where: { productId, companyId: b.companyId } })).toBe(0);
  });
});

describe("under concurrency", () => {
  it("50 concurrent decrements of a product with stock 20: exactly 20 succeed, stock 0, 20 movements", async () => {
    const { productId, locationIds } = await stockedProduct(a, 20);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        move(a, [{ productId, locationId: locationIds[0]!, quantity: -1, reason: "SHIPPED" }]),
      ),
    );
    const failures = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(20);
    expect(failures.every((f) => f instanceof AppError && f.code === "INSUFFICIENT_STOCK")).toBe(true);
    expect(await level(productId, locationIds[0]!)).toEqual({ onHand: 0, reserved: 0 });
    expect(await system.stockMovement.count({ where: { productId, reason: "SHIPPED" } })).toBe(20);
    await expectLedgerHolds(productId);
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });

  it("transfers A→B and B→A of the same products at once never deadlock", async () => {
    const first = await stockedProduct(a, 100, 2);
    const [x, y] = first.locationIds as [string, string];
    await move(a, [{ productId: first.productId, locationId: y, quantity: 100, reason: "RECEIVED" }]);
    const second = await stockedProduct(a, 0);
    await move(a, [
      { productId: second.productId, locationId: x, quantity: 100, reason: "RECEIVED" },
      { productId: second.productId, locationId: y, quantity: 100, reason: "RECEIVED" },
    ]);
    const transfer = (from: string, to: string) =>
      move(a, [
        { productId: first.productId, locationId: from, quantity: -1, reason: "TRANSFER_OUT" },
        { productId: first.productId, locationId: to, quantity: 1, reason: "TRANSFER_IN" },
        { productId: second.productId, locationId: from, quantity: -1, reason: "TRANSFER_OUT" },
        { productId: second.productId, locationId: to, quantity: 1, reason: "TRANSFER_IN" },
      ]);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? transfer(x, y) : transfer(y, x))),
    );
    expect(
      outcomes.filter((o) => o.status === "rejected").map((o) => String((o as PromiseRejectedResult).reason)),
    ).toEqual([]);
    // 20 each way: everything is back where it started.
    expect(await level(first.productId, x)).toEqual({ onHand: 100, reserved: 0 });
    expect(await level(second.productId, y)).toEqual({ onHand: 100, reserved: 0 });
    await expectLedgerHolds(first.productId);
    await expectLedgerHolds(second.productId);
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });
});

describe("the ledger invariant", () => {
  it("holds after any sequence of changes and transfers, refused ones included", { timeout: 120_000 }, async () => {
    const { productId, locationIds } = await stockedProduct(a, 0, 3);
    const location = fc.integer({ min: 0, max: 2 });
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("change" as const),
        at: location,
        quantity: fc.integer({ min: -30, max: 30 }).filter((q) => q !== 0),
      }),
      fc.record({
        kind: fc.constant("transfer" as const),
        from: location,
        to: location,
        quantity: fc.integer({ min: 1, max: 20 }),
      }),
    );
    // The model: what on_hand must be, computed from the steps alone.
    const model = [0, 0, 0];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === "transfer" && s.from === s.to) continue;
          const changes: StockChange[] =
            s.kind === "change"
              ? [{ productId, locationId: locationIds[s.at]!, quantity: s.quantity, reason: "ADJUSTMENT" }]
              : [
                  { productId, locationId: locationIds[s.from]!, quantity: -s.quantity, reason: "TRANSFER_OUT" },
                  { productId, locationId: locationIds[s.to]!, quantity: s.quantity, reason: "TRANSFER_IN" },
                ];
          const allowed = changes.every((c) => model[locationIds.indexOf(c.locationId)]! + c.quantity >= 0);
          const result = await move(a, changes).then(
            () => "applied",
            (e: unknown) => (e instanceof AppError && e.code === "INSUFFICIENT_STOCK" ? "refused" : Promise.reject(e)),
          );
          expect(result).toBe(allowed ? "applied" : "refused");
          if (allowed) for (const c of changes) model[locationIds.indexOf(c.locationId)]! += c.quantity;
        }
        for (const [i, locationId] of locationIds.entries()) {
          expect((await level(productId, locationId))?.onHand ?? 0).toBe(model[i]);
        }
        await expectLedgerHolds(productId);
        expect(await totalsMismatches(system, a.companyId)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
