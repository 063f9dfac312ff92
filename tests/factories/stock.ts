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
        lines: {
          create: [
            { productId: line.productId, quantity: line.quantity, approvedQuantity: line.quantity, unitPrice: 4 },
          ],
        },
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

/**
 * Every product of the company whose stored totals row (product_stock_totals, docs/architecture.md §5 "Stock totals")
 * is missing or differs from its definition: on hand and reserved the sums over the product's stock rows (0 without
 * any), how many of them are at or below their own location reorder point, the copied columns the product's own,
 * and the values on hand × the product's cost and sale prices — and
 * every value shard of the company (stock_value_shards) that differs from the sum of its products' values. Empty
 * when the totals hold.
 */
export async function totalsMismatches(system: PrismaClient, companyId: string) {
  return system.$queryRaw<{ sku: string; stored: unknown; expected: unknown }[]>`
    WITH expected AS (
      SELECT p.id, p.sku,
             jsonb_build_object(
               'on_hand', coalesce(s.on_hand, 0), 'reserved', coalesce(s.reserved, 0),
               'low_locations', coalesce(s.low_locations, 0), 'cost_price', p.cost_price, 'sale_price', p.sale_price, 'reorder_point', p.reorder_point,
               'archived', p.archived,
               'cost_value', coalesce(s.on_hand, 0) * p.cost_price, 'sale_value', coalesce(s.on_hand, 0) * p.sale_price,
               -- The moving average is the one the product's last receipt at a cost left in the ledger.
               'average_cost', a.average_cost,
               'average_value', coalesce(s.on_hand, 0) * coalesce(a.average_cost, p.cost_price)
             ) AS totals
        FROM products p
        LEFT JOIN (SELECT product_id, sum(on_hand) AS on_hand, sum(reserved) AS reserved,
                          count(*) FILTER (WHERE reorder_point IS NOT NULL AND on_hand <= reorder_point) AS low_locations
                     FROM stock_levels WHERE company_id = ${companyId}::uuid GROUP BY product_id) s
          ON s.product_id = p.id
        LEFT JOIN (SELECT DISTINCT ON (product_id) product_id, average_cost
                     FROM stock_movements
                    WHERE company_id = ${companyId}::uuid AND average_cost IS NOT NULL
                    ORDER BY product_id, rollup_seq DESC) a
          ON a.product_id = p.id
       WHERE p.company_id = ${companyId}::uuid
    ), stored AS (
      SELECT t.product_id AS id,
             jsonb_build_object(
               'on_hand', t.on_hand, 'reserved', t.reserved, 'low_locations', t.low_locations,
               'cost_price', t.cost_price, 'sale_price', t.sale_price,
               'reorder_point', t.reorder_point, 'archived', t.archived, 'cost_value', t.cost_value,
               'sale_value', t.sale_value, 'average_cost', t.average_cost, 'average_value', t.average_value
             ) AS totals
        FROM product_stock_totals t
       WHERE t.company_id = ${companyId}::uuid
    )
    SELECT e.sku, s.totals AS stored, e.totals AS expected
      FROM expected e
      FULL JOIN stored s ON s.id = e.id
     WHERE s.totals IS DISTINCT FROM e.totals
    UNION ALL
    -- The company's value shards: each the sum of its products' values (a shard without a row holds nothing).
    SELECT '(value shard ' || x.shard || ')' AS sku,
           jsonb_build_object('cost_value', coalesce(v.cost_value, 0), 'sale_value', coalesce(v.sale_value, 0),
                              'average_value', coalesce(v.average_value, 0)) AS stored,
           jsonb_build_object('cost_value', coalesce(x.cost_value, 0), 'sale_value', coalesce(x.sale_value, 0),
                              'average_value', coalesce(x.average_value, 0)) AS expected
      FROM (SELECT shard, sum(coalesce(s.on_hand, 0) * p.cost_price) AS cost_value,
                   sum(coalesce(s.on_hand, 0) * p.sale_price) AS sale_value,
                   sum(coalesce(s.on_hand, 0) * coalesce(t.average_cost, p.cost_price)) AS average_value
              FROM generate_series(0, 15) AS shard
              LEFT JOIN products p
                ON p.company_id = ${companyId}::uuid AND get_byte(uuid_send(p.id), 15) % 16 = shard
              LEFT JOIN product_stock_totals t ON t.company_id = p.company_id AND t.product_id = p.id
              LEFT JOIN (SELECT product_id, sum(on_hand) AS on_hand
                           FROM stock_levels WHERE company_id = ${companyId}::uuid GROUP BY product_id) s
                ON s.product_id = p.id
             GROUP BY shard) x
      LEFT JOIN stock_value_shards v ON v.company_id = ${companyId}::uuid AND v.shard = x.shard
     WHERE coalesce(v.cost_value, 0) <> coalesce(x.cost_value, 0) OR coalesce(v.sale_value, 0) <> coalesce(x.sale_value, 0)
        OR coalesce(v.average_value, 0) <> coalesce(x.average_value, 0)
     ORDER BY sku`;
}
