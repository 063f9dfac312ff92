// Stock for the locations and stock-operations tests: fresh products and locations in a company (unique names,
// so files run in parallel), stock booked through the ledger (so on_hand always equals the sum of movements),
// approved customer orders with their reservations, and snapshots to prove that a refused operation changed
// nothing.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { applyStockMovements } from "../../lib/stock/apply-stock-movements";
import { uniqueSuffix, type CompanyFixture } from "./company";

export async function createTestLocation(
  system: PrismaClient,
  companyId: string,
  options: { name?: string; archived?: boolean } = {},
): Promise<{ id: string; name: string }> {
  const name = options.name ?? `Bin ${uniqueSuffix()}`;
  return system.location.create({
    data: { companyId, name, archivedAt: options.archived ? new Date() : null },
    select: { id: true, name: true },
  });
}

export async function createTestProduct(
  system: PrismaClient,
  companyId: string,
  options: { name?: string; barcode?: string } = {},
): Promise<{ id: string; sku: string; name: string }> {
  const suffix = uniqueSuffix();
  return system.product.create({
    data: {
      companyId,
      sku: `ST-${suffix}`,
      name: options.name ?? `Stock item ${suffix}`,
      barcode: options.barcode,
      costPrice: "3.00",
    },
    select: { id: true, sku: true, name: true },
  });
}

/** Books `quantity` units into a location as received stock, through the ledger. */
export async function receiveStock(
  fixture: CompanyFixture,
  productId: string,
  locationId: string,
  quantity: number,
): Promise<void> {
  await withTenantTx(fixture, (tx) =>
    applyStockMovements(tx, fixture.ctx, {
      changes: [{ productId, locationId, quantity, reason: "RECEIVED" }],
      audit: { action: "stock.received", entityType: "product", entityId: productId },
    }),
  );
}

/** A fresh product with the given stock per fresh location: `stocked(fixture, [10, 0])` is two locations. */
export async function stockedProduct(system: PrismaClient, fixture: CompanyFixture, quantities: number[]) {
  const product = await createTestProduct(system, fixture.companyId);
  const locations: { id: string; name: string }[] = [];
  for (const quantity of quantities) {
    const location = await createTestLocation(system, fixture.companyId);
    if (quantity > 0) await receiveStock(fixture, product.id, location.id, quantity);
    locations.push(location);
  }
  return { product, locations };
}

/**
 * An approved customer order at a location with one line, and its reservation on the stock row, as approving
 * would leave them (orders are built in a later issue; the tables exist). Returns the order's id and number.
 */
export async function approvedCustomerOrder(
  system: PrismaClient,
  fixture: CompanyFixture,
  line: { productId: string; locationId: string; quantity: number },
): Promise<{ id: string; number: number }> {
  return system.$transaction(async (tx) => {
    const counter = await tx.orderRequestCounter.update({
      where: { companyId: fixture.companyId },
      data: { lastNumber: { increment: 1 } },
      select: { lastNumber: true },
    });
    const order = await tx.orderRequest.create({
      data: {
        companyId: fixture.companyId,
        number: counter.lastNumber,
        type: "CUSTOMER_ORDER",
        status: "APPROVED",
        version: 2,
        locationId: line.locationId,
        requesterId: fixture.admin.id,
        decidedById: fixture.admin.id,
        decidedAt: new Date(),
        clientRequestId: randomUUID(),
        payloadHash: "0".repeat(64),
        lines: { create: [{ productId: line.productId, quantity: line.quantity, unitPrice: 4 }] },
      },
      select: { id: true, number: true },
    });
    await tx.stockLevel.upsert({
      where: {
        companyId_productId_locationId: {
          companyId: fixture.companyId,
          productId: line.productId,
          locationId: line.locationId,
        },
      },
      create: {
        companyId: fixture.companyId,
        productId: line.productId,
        locationId: line.locationId,
        onHand: 0,
        reserved: line.quantity,
      },
      update: { reserved: { increment: line.quantity } },
    });
    return order;
  });
}

/** Everything a stock operation on these products could change, read without any scoping. */
export async function stockSnapshot(system: PrismaClient, companyId: string, productIds: string[]) {
  const [levels, movements, audit, locations] = await Promise.all([
    system.stockLevel.findMany({
      where: { companyId, productId: { in: productIds } },
      select: { productId: true, locationId: true, onHand: true, reserved: true },
      orderBy: [{ productId: "asc" }, { locationId: "asc" }],
    }),
    system.stockMovement.count({ where: { companyId, productId: { in: productIds } } }),
    system.auditLog.count({ where: { companyId } }),
    system.location.findMany({
      where: { companyId },
      select: { id: true, name: true, isDefault: true, archivedAt: true },
      orderBy: { id: "asc" },
    }),
  ]);
  return { levels, movements, audit, locations };
}

/** For every stock row of the product: on_hand equals the sum of its movements. */
export async function ledgerBalances(system: PrismaClient, productId: string) {
  const [levels, sums] = await Promise.all([
    system.stockLevel.findMany({ where: { productId }, select: { locationId: true, onHand: true } }),
    system.stockMovement.groupBy({ by: ["locationId"], where: { productId }, _sum: { quantity: true } }),
  ]);
  const sumBy = new Map(sums.map((s) => [s.locationId, s._sum.quantity ?? 0]));
  return levels.map((level) => ({
    locationId: level.locationId,
    onHand: level.onHand,
    movements: sumBy.get(level.locationId) ?? 0,
  }));
}
