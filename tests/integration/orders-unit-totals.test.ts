// Quantities of different products are never added into one number (docs/architecture.md §5, issue 15 item 4): on
// real PostgreSQL, a request whose products come in different units is listed, shown and announced to its approvers
// with its quantities per unit, each unit as the product stores it, and keeps them right when it is edited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { updateOrderRequest } from "../../lib/orders/update-order-request";
import { createOrder, orderEmails, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let team: OrderTeam;

beforeAll(async () => {
  system = superuserClient(2);
  team = await orderTeam(system, "orders-units");
});

afterAll(async () => {
  await system.$disconnect();
});

describe("a request whose products come in different units", () => {
  it("lists, shows and announces its quantities per unit, never one number across units", async () => {
    const hammer = await pricedProduct(system, team.fixture, { name: "Claw hammer", unit: "each" });
    const gloves = await pricedProduct(system, team.fixture, { name: "Safety gloves", unit: "pair" });
    const level = await pricedProduct(system, team.fixture, { name: "Spirit level", unit: "each" });
    const screws = await pricedProduct(system, team.fixture, { name: "Wood screws", unit: "box" });
    // "Box" is another unit than "box": a unit is free text, compared as stored.
    const ties = await pricedProduct(system, team.fixture, { name: "Cable ties", unit: "Box" });
    const order = await createOrder(team.staff.ctx, {
      type: "RESTOCK",
      locationId: team.fixture.locationId,
      lines: [
        { productId: screws.id, quantity: 3 },
        { productId: hammer.id, quantity: 10 },
        { productId: gloves.id, quantity: 5 },
        { productId: level.id, quantity: 1200 },
        { productId: ties.id, quantity: 1 },
      ],
    });

    // The request's page lists its lines by product name, and totals each unit in the order the lines show it:
    // Cable ties 1 Box; Claw hammer 10 + Spirit level 1,200 each; Safety gloves 5 pair; Wood screws 3 box.
    const perUnit = [
      { unit: "Box", quantity: 1 },
      { unit: "each", quantity: 1210 },
      { unit: "pair", quantity: 5 },
      { unit: "box", quantity: 3 },
    ];
    const detail = await getOrderRequest(team.manager.ctx, { orderId: order.id });
    expect(detail.lines.map((line) => [line.name, line.quantity, line.unit])).toEqual([
      ["Cable ties", 1, "Box"],
      ["Claw hammer", 10, "each"],
      ["Safety gloves", 5, "pair"],
      ["Spirit level", 1200, "each"],
      ["Wood screws", 3, "box"],
    ]);
    expect(detail.unitTotals).toEqual(perUnit);

    // The list's row says the same, to the manager and to the staff member who made it.
    for (const ctx of [team.manager.ctx, team.staff.ctx]) {
      const list = await listOrderRequests(ctx, { number: order.number });
      expect(list.rows).toHaveLength(1);
      expect(list.rows[0]).toMatchObject({ id: order.id, lineCount: 5, unitTotals: perUnit });
    }

    // Each approver's email totals the units in the order the lines were typed, like its summary of them.
    const submitted = await orderEmails(system, team.fixture.companyId, "order-submitted", order.number);
    expect(submitted.map((email) => email.toAddress)).toEqual(
      [team.fixture.admin.email, team.manager.email, team.manager2.email].sort(),
    );
    for (const email of submitted) {
      expect(email.props).toMatchObject({ total: "3 box, 1,210 each, 5 pair and 1 Box" });
    }

    // Edited down to two units: the totals follow the lines (10 − 8 hammers, the gloves and ties gone).
    await updateOrderRequest(team.staff.ctx, {
      orderId: order.id,
      version: 1,
      type: "RESTOCK",
      locationId: team.fixture.locationId,
      lines: [
        { productId: hammer.id, quantity: 2 },
        { productId: level.id, quantity: 8 },
        { productId: screws.id, quantity: 3 },
      ],
    });
    const edited = [
      { unit: "each", quantity: 10 },
      { unit: "box", quantity: 3 },
    ];
    expect((await getOrderRequest(team.staff.ctx, { orderId: order.id })).unitTotals).toEqual(edited);
    const [row] = (await listOrderRequests(team.manager.ctx, { number: order.number })).rows;
    expect(row).toMatchObject({ id: order.id, lineCount: 3, unitTotals: edited });
  });

  it("gives a request in one unit one total", async () => {
    const gloves = await pricedProduct(system, team.fixture, { name: "Safety gloves", unit: "pair" });
    const goggles = await pricedProduct(system, team.fixture, { name: "Safety goggles", unit: "pair" });
    const order = await createOrder(team.staff.ctx, {
      locationId: team.fixture.locationId,
      lines: [
        { productId: gloves.id, quantity: 4 },
        { productId: goggles.id, quantity: 2 },
      ],
    });
    expect((await getOrderRequest(team.staff.ctx, { orderId: order.id })).unitTotals).toEqual([
      { unit: "pair", quantity: 6 },
    ]);
    const [row] = (await listOrderRequests(team.staff.ctx, { number: order.number })).rows;
    expect(row).toMatchObject({ lineCount: 2, unitTotals: [{ unit: "pair", quantity: 6 }] });
  });
});
