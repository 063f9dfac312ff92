// "Short for approved orders" (issue 11, item 9): a stocktake may count fewer than approved orders reserve — it books
// the count, no CHECK refuses it — and the product page, the product list, the dashboard and the request page all
// show that state with its numbers; fulfilling an order that cannot ship is refused with the reason; stock received
// clears it. Every number expected below is worked out from the scenario.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { formatMoment } from "../../lib/format-moment";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { getProduct } from "../../lib/products/get-product";
import { listProducts } from "../../lib/products/list-products";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { approvedOrder, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient(3);
});

afterAll(async () => {
  await system.$disconnect();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a stocktake that counts fewer than approved orders reserve", () => {
  const TZ = "Europe/Berlin";
  let team: OrderTeam;
  let other: OrderTeam;

  beforeAll(async () => {
    [team, other] = await Promise.all([orderTeam(system, "short", { timeZone: TZ }), orderTeam(system, "short-other")]);
  });

  it("is shown on the product, the product list, the dashboard and the request, and explains the refused fulfilment", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const location = await system.location.findUniqueOrThrow({ where: { id: main }, select: { name: true } });
    const widget = await pricedProduct(system, fixture, { stock: { [main]: 10 } });
    // Two approved orders reserve 6 + 3 = 9 of the 10 ...
    const big = await approvedOrder(staff.ctx, manager.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: main,
      lines: [{ productId: widget.id, quantity: 6 }],
    });
    const small = await approvedOrder(staff.ctx, manager.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: main,
      lines: [{ productId: widget.id, quantity: 3 }],
    });
    // ... and the count finds 4: booked (a count is the truth), 9 − 4 = 5 short.
    await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: main,
      counts: [{ productId: widget.id, counted: 4 }],
    });
    const count = await system.stockMovement.findFirstOrThrow({
      where: { productId: widget.id, reason: "STOCKTAKE" },
      select: { createdAt: true, quantity: true },
    });
    expect(count.quantity).toBe(-6);
    const countedAt = formatMoment(count.createdAt, TZ);

    const product = await getProduct(manager.ctx, { id: widget.id });
    expect(product.stock).toMatchObject({ onHand: 4, reserved: 9, available: 0, short: true });
    expect(product.stock.locations).toEqual([expect.objectContaining({ locationId: main, onHand: 4, shortBy: 5 })]);

    const list = await listProducts(manager.ctx, { stock: "short" });
    expect(list.rows.map((row) => row.id)).toEqual([widget.id]);

    const dashboard = await getDashboard(staff.ctx, {});
    expect(dashboard.shortForApproved).toEqual({
      count: 1,
      products: [{ id: widget.id, sku: widget.sku, name: widget.name, shortBy: 5 }],
    });

    // The 6 cannot ship from 4; the 3 still can.
    const bigView = await getOrderRequest(manager.ctx, { orderId: big.id });
    expect(bigView.lines[0]!.shortForApproved).toEqual({
      canShip: false,
      text:
        `Short for approved orders at ${location.name}: only 4 on hand, 6 needed: ship the 4 on hand and keep the ` +
        `rest on backorder, or wait until stock is received or recounted. A stocktake on ${countedAt} found fewer ` +
        `than approved orders reserve (9 reserved).`,
    });
    const smallView = await getOrderRequest(manager.ctx, { orderId: small.id });
    expect(smallView.lines[0]!.shortForApproved).toMatchObject({ canShip: true });

    const refused = await failure(fulfilOrderRequest(manager.ctx, { orderId: big.id, version: big.version }));
    expect(refused.code).toBe("INSUFFICIENT_STOCK");
    expect(refused.message).toBe(
      `Only 4 ${widget.name} (${widget.sku}) on hand at ${location.name}, 6 needed: a stocktake on ${countedAt} ` +
        `found fewer than approved orders reserve (9 reserved). Receive or recount the stock, then fulfil, or fulfil ` +
        `the 4 on hand now and keep the rest on backorder.`,
    );
    expect(await system.stockLevel.findFirstOrThrow({ where: { productId: widget.id } })).toMatchObject({
      onHand: 4,
      reserved: 9,
    });

    // Another company sees none of it.
    expect((await getDashboard(other.manager.ctx, {})).shortForApproved).toEqual({ count: 0, products: [] });
    expect((await listProducts(other.manager.ctx, { stock: "short" })).rows).toEqual([]);
    expect((await failure(getOrderRequest(other.manager.ctx, { orderId: big.id }))).code).toBe("NOT_FOUND");

    // Receiving 5 covers the reservations (4 + 5 = 9): the state clears everywhere and the order ships.
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: widget.id,
      locationId: main,
      mode: "change",
      quantity: 5,
      reason: "Found in the back",
    });
    expect((await getProduct(manager.ctx, { id: widget.id })).stock).toMatchObject({ onHand: 9, short: false });
    expect((await listProducts(manager.ctx, { stock: "short" })).rows).toEqual([]);
    expect((await getDashboard(staff.ctx, {})).shortForApproved).toEqual({ count: 0, products: [] });
    expect((await getOrderRequest(manager.ctx, { orderId: big.id })).lines[0]!.shortForApproved).toBeNull();
    await expect(fulfilOrderRequest(manager.ctx, { orderId: big.id, version: big.version })).resolves.toMatchObject({
      status: "FULFILLED",
    });
  });
});
