// Low-stock alerts (issue "Email", part 3) on real PostgreSQL: stock leaving that takes a product low (its total on
// hand from above its reorder point to at or below it, or its stock at a location below that location's own point)
// emails the company's managers and admins (not staff, not another
// company's people), once per product per day in the company's time zone; staying low, stock arriving or moving
// between locations sends nothing; the company setting and each person's preference turn it off; one stocktake
// taking several products low sends one email per person listing them all.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { updateNotificationPreferences } from "../../lib/notifications/update-notification-preferences";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { transferStock } from "../../lib/stock/transfer-stock";
import { createOrder, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { createTestLocation } from "../factories/stock";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let t: OrderTeam;
let other: OrderTeam;

beforeAll(async () => {
  system = superuserClient(4);
  t = await orderTeam(system, "low-alerts", { timeZone: "Pacific/Auckland" });
  other = await orderTeam(system, "low-alerts-b");
});

afterAll(async () => {
  await system.$disconnect();
});

/** A fresh product with `onHand` at the company's default location and the given reorder point. */
async function productAt(team: OrderTeam, onHand: number, reorderPoint: number) {
  const product = await pricedProduct(system, team.fixture, { stock: { [team.fixture.locationId]: onHand } });
  await system.product.update({ where: { id: product.id }, data: { reorderPoint } });
  return product;
}

/** The low-stock emails that name this product, by recipient. */
async function alertsFor(productName: string) {
  const rows = await system.emailOutbox.findMany({
    where: { template: "low-stock", props: { path: ["products"], string_contains: productName } },
    select: { companyId: true, toAddress: true, props: true },
    orderBy: { toAddress: "asc" },
  });
  return rows;
}

const change = (team: OrderTeam, productId: string, quantity: number) =>
  adjustStock(team.manager.ctx, {
    operationId: randomUUID(),
    productId,
    locationId: team.fixture.locationId,
    mode: "change",
    quantity: String(quantity),
    reason: "Counted again",
  });

const managersOf = (team: OrderTeam) => [team.fixture.admin.email, team.manager.email, team.manager2.email].sort();

describe("crossing the reorder point", () => {
  it("emails each manager and admin once a day, when stock leaving takes the product to or below it", async () => {
    const product = await productAt(t, 10, 5);

    await change(t, product.id, -4); // 10 → 6: still above 5
    expect(await alertsFor(product.name)).toEqual([]);

    await change(t, product.id, -2); // 6 → 4: crossed
    const alerts = await alertsFor(product.name);
    expect(alerts.map((a) => a.toAddress)).toEqual(managersOf(t));
    expect(alerts.every((a) => a.companyId === t.fixture.companyId)).toBe(true);
    expect(alerts[0]!.props).toMatchObject({
      productCount: 1,
      firstProductName: product.name,
      products: `${product.name} (${product.sku}): 4 on hand, reorder point 5`,
      moreCount: 0,
      productsUrl: expect.stringMatching(new RegExp(`/products/${product.id}$`)),
    });
    // The day is the company's (Pacific/Auckland), claimed once.
    const [claimed] = await system.$queryRaw<{ day: string; today: string }[]>`
      SELECT day::text, (now() AT TIME ZONE 'Pacific/Auckland')::date::text AS today
        FROM low_stock_alerts WHERE product_id = ${product.id}::uuid`;
    expect(claimed!.day).toBe(claimed!.today);

    await change(t, product.id, -1); // 4 → 3: already low, nothing new
    await change(t, product.id, 10); // 3 → 13: arriving never alerts
    await change(t, product.id, -10); // 13 → 3: crossed again, but today's alert went out
    expect(await alertsFor(product.name)).toHaveLength(3);
  });

  it("a fulfilment that ships the stock alerts like any other stock leaving", async () => {
    const product = await productAt(t, 8, 5);
    const order = await createOrder(t.staff.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 4 }],
    });
    await approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 });
    expect(await alertsFor(product.name)).toEqual([]);
    await fulfilOrderRequest(t.manager.ctx, { orderId: order.id, version: 2 });
    expect((await alertsFor(product.name)).map((a) => a.toAddress)).toEqual(managersOf(t));
  });

  it("moving stock between locations changes no total, so it never alerts", async () => {
    const product = await productAt(t, 6, 5);
    const spare = await createTestLocation(system, t.fixture.companyId);
    await transferStock(t.manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: t.fixture.locationId,
      toLocationId: spare.id,
      quantity: "6",
      note: null,
    });
    expect(await alertsFor(product.name)).toEqual([]);
  });

  it("a move between locations that takes one location below its own point alerts, naming the location", async () => {
    // No product point: only the spare location's own point (4) can make it low.
    const product = await productAt(t, 10, 0);
    const spare = await createTestLocation(system, t.fixture.companyId);
    await setLocationReorderPoint(t.manager.ctx, { productId: product.id, locationId: spare.id, reorderPoint: 4 });
    const move = (from: string, to: string, quantity: number) =>
      transferStock(t.manager.ctx, {
        operationId: randomUUID(),
        productId: product.id,
        fromLocationId: from,
        toLocationId: to,
        quantity: String(quantity),
        note: null,
      });
    // Setting the point on an empty shelf is no stock leaving: no alert. 8 arrive there (8 > 4), then 3 leave (5 > 4).
    await move(t.fixture.locationId, spare.id, 8);
    await move(spare.id, t.fixture.locationId, 3);
    expect(await alertsFor(product.name)).toEqual([]);
    // 5 → 2 at the spare location: crossed its point, though the total (10) did not change.
    await move(spare.id, t.fixture.locationId, 3);
    const alerts = await alertsFor(product.name);
    expect(alerts.map((a) => a.toAddress)).toEqual(managersOf(t));
    const { name } = await system.location.findUniqueOrThrow({ where: { id: spare.id }, select: { name: true } });
    expect(alerts[0]!.props).toMatchObject({
      products: `${product.name} (${product.sku}): 2 on hand at ${name}, reorder point there 4`,
    });
  });

  it("the product's own point is never applied to one location: a location below it alone does not alert", async () => {
    const product = await productAt(t, 10, 5);
    const spare = await createTestLocation(system, t.fixture.companyId);
    await transferStock(t.manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: t.fixture.locationId,
      toLocationId: spare.id,
      quantity: "8",
      note: null,
    });
    // 2 left at the default location (below the product's 5), 10 in total: not low.
    expect(await alertsFor(product.name)).toEqual([]);
  });

  it("one stocktake taking several products low sends one email per person, listing them all", async () => {
    const first = await productAt(t, 20, 10);
    const second = await productAt(t, 20, 10);
    await recordStocktake(t.manager.ctx, {
      operationId: randomUUID(),
      locationId: t.fixture.locationId,
      counts: [
        { productId: first.id, counted: "3" },
        { productId: second.id, counted: "0" },
      ],
    });
    const alerts = await alertsFor(first.name);
    expect(alerts.map((a) => a.toAddress)).toEqual(managersOf(t));
    const [sorted1, sorted2] = [first, second].sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()));
    const line = (p: { name: string; sku: string }) =>
      `${p.name} (${p.sku}): ${p === first ? 3 : 0} on hand, reorder point 10`;
    expect(alerts[0]!.props).toMatchObject({
      productCount: 2,
      firstProductName: sorted1!.name,
      products: `${line(sorted1!)}\n${line(sorted2!)}`,
      productsUrl: expect.stringMatching(/\/products\?stock=low$/),
    });
    expect(await alertsFor(second.name)).toHaveLength(3);
  });
});

describe("who is told", () => {
  it("nobody when the company turned alerts off, and the day is not used up", async () => {
    const team = await orderTeam(system, "low-alerts-off");
    await system.company.update({ where: { id: team.fixture.companyId }, data: { lowStockAlerts: false } });
    const product = await productAt(team, 10, 5);
    await change(team, product.id, -6);
    expect(await alertsFor(product.name)).toEqual([]);
    expect(await system.lowStockAlert.count({ where: { productId: product.id } })).toBe(0);
  });

  it("not a manager who turned low-stock emails off; the others still are", async () => {
    const team = await orderTeam(system, "low-alerts-pref");
    await updateNotificationPreferences(team.manager2.ctx, { preferences: { "stock.low": false } });
    const product = await productAt(team, 10, 5);
    await change(team, product.id, -6);
    expect((await alertsFor(product.name)).map((a) => a.toAddress)).toEqual(
      [team.fixture.admin.email, team.manager.email].sort(),
    );
  });

  it("never another company's people", async () => {
    const product = await productAt(other, 10, 5);
    await change(other, product.id, -6);
    const alerts = await alertsFor(product.name);
    expect(alerts.map((a) => a.toAddress)).toEqual(managersOf(other));
    expect(alerts.every((a) => a.companyId === other.fixture.companyId)).toBe(true);
  });

  it("nobody when the change is refused: the alert is part of the change's transaction", async () => {
    const product = await productAt(t, 6, 5);
    await expect(change(t, product.id, -7)).rejects.toMatchObject({ code: "INSUFFICIENT_STOCK" });
    expect(await alertsFor(product.name)).toEqual([]);
    expect(await system.lowStockAlert.count({ where: { productId: product.id } })).toBe(0);
  });
});
