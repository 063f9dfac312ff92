// Order requests (docs/architecture.md §5–§7) on real PostgreSQL, through the domain functions the pages call: a customer order
// and a restock from creation to fulfilment with the stock, ledger, audit and outbox checked at every step; every
// refusal (validation, stale version, state machine, short stock, another person's or another company's request)
// changes nothing; exactly-once creation; the list with its filters, day boundaries in the company's time zone and
// keyset pages; the request page's lines, timeline and actions; finding a request in another of one's companies;
// the product picker.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../lib/auth/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { findOrderProducts } from "../../lib/orders/find-order-products";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { getOrderRequest, TIMELINE_LIMIT } from "../../lib/orders/get-order-request";
import { getProduct, type MovementRow } from "../../lib/products/get-product";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { locateOrderRequest } from "../../lib/orders/locate-order-request";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { updateOrderRequest } from "../../lib/orders/update-order-request";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import {
  approvedOrder,
  createOrder,
  fulfilledOrder,
  orderAudit,
  orderEmails,
  orderInput,
  orderRow,
  orderSnapshot,
  orderTeam,
  pricedProduct,
  requestNumber,
  stockAt,
  type OrderTeam,
} from "../factories/orders";
import { createTestLocation, ledgerBalances } from "../factories/stock";
import { addMember, addMembership } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
/** Company A: most tests make their requests here, each with fresh products. */
let t: OrderTeam;
/** Company B: the other tenant. */
let other: OrderTeam;

beforeAll(async () => {
  system = superuserClient(6);
  [t, other] = await Promise.all([orderTeam(system, "orders-a"), orderTeam(system, "orders-b")]);
});

afterAll(async () => {
  await system.$disconnect();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

async function expectLedgerHolds(productId: string) {
  const rows = await ledgerBalances(system, productId);
  for (const row of rows) expect(row.onHand, `on_hand at ${row.locationId}`).toBe(row.movements);
}

const byProduct = <T extends { productId: string }>(rows: T[]) =>
  [...rows].sort((x, y) => (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));

const linesOf = async (orderId: string) =>
  (await orderRow(system, orderId)).lines.map((l) => ({
    productId: l.productId,
    quantity: l.quantity,
    unitPrice: l.unitPrice.toFixed(2),
  }));

const movementsOfOrder = (orderId: string) =>
  system.stockMovement.findMany({
    where: { orderId },
    select: { productId: true, locationId: true, quantity: true, balanceAfter: true, reason: true, actorId: true },
    orderBy: { productId: "asc" },
  });

const counterOf = async (companyId: string) =>
  (await system.orderRequestCounter.findUniqueOrThrow({ where: { companyId }, select: { lastNumber: true } }))
    .lastNumber;

describe("the lifecycle of a customer order", () => {
  it("created pending with sale prices, approved with a reservation, fulfilled through the ledger", async () => {
    const life = await orderTeam(system, "orders-life");
    const { fixture, manager, manager2, staff, staff2 } = life;
    const companyId = fixture.companyId;
    const locationId = fixture.locationId;
    // People who must not be told about the new request: an inactive membership, a switched-off account, and
    // someone who manages another company but is staff here.
    const inactiveManager = await addMember(system, companyId, { role: "MANAGER", active: false });
    const disabledAdmin = await addMember(system, companyId, { role: "ADMIN" });
    await system.user.update({ where: { id: disabledAdmin.userId }, data: { active: false } });
    const dual = await addMember(system, other.fixture.companyId, { role: "MANAGER" });
    await addMembership(system, companyId, dual.userId, "STAFF");

    const p1 = await pricedProduct(system, fixture, {
      salePrice: "12.50",
      costPrice: "8.00",
      stock: { [locationId]: 10 },
    });
    const p2 = await pricedProduct(system, fixture, {
      salePrice: "3.99",
      costPrice: "1.00",
      stock: { [locationId]: 20 },
    });
    // Another approved order already holds 2 of p1: approving and fulfilling this one must leave those alone.
    await approvedOrder(manager2.ctx, manager.ctx, { locationId, lines: [{ productId: p1.id, quantity: 2 }] });
    expect(await stockAt(system, p1.id, locationId)).toEqual({ onHand: 10, reserved: 2 });

    // Create.
    const lastNumber = await counterOf(companyId);
    const startedAt = Date.now();
    const created = await createOrderRequest(
      staff.ctx,
      orderInput({
        locationId,
        lines: [
          { productId: p1.id, quantity: 3 },
          { productId: p2.id, quantity: "5" },
        ],
        reference: "PO-7",
        note: "For the Friday delivery",
      }),
    );
    expect(created).toEqual({ id: expect.any(String), number: lastNumber + 1, created: true });
    const orderId = created.id;
    const number = requestNumber(lastNumber + 1);
    expect(await orderRow(system, orderId)).toMatchObject({
      companyId,
      number: lastNumber + 1,
      type: "CUSTOMER_ORDER",
      status: "PENDING",
      version: 1,
      locationId,
      requesterId: staff.userId,
      reference: "PO-7",
      note: "For the Friday delivery",
      decidedById: null,
      decidedAt: null,
      fulfilledById: null,
      cancelledById: null,
    });
    expect(await linesOf(orderId)).toEqual(
      byProduct([
        { productId: p1.id, quantity: 3, unitPrice: "12.50" },
        { productId: p2.id, quantity: 5, unitPrice: "3.99" },
      ]),
    );
    expect(await orderAudit(system, orderId)).toEqual([
      expect.objectContaining({
        action: "order.created",
        actorId: staff.userId,
        after: expect.objectContaining({ status: "PENDING", version: 1 }),
      }),
    ]);
    const submitted = await orderEmails(system, companyId, "order-submitted", lastNumber + 1);
    expect(submitted.map((e) => e.toAddress)).toEqual([fixture.admin.email, manager.email, manager2.email].sort());
    for (const email of submitted) {
      expect(email.props).toMatchObject({
        requestNumber: number,
        requesterName: staff.name,
        requestType: "CUSTOMER_ORDER",
      });
    }
    const bystanders = [
      staff.email,
      staff2.email,
      inactiveManager.email,
      disabledAdmin.email,
      dual.email,
      other.fixture.admin.email,
      other.manager.email,
      other.manager2.email,
    ];
    expect(
      await system.emailOutbox.count({
        where: {
          template: { startsWith: "order-" },
          toAddress: { in: bystanders },
          createdAt: { gte: new Date(startedAt - 1000) },
        },
      }),
    ).toBe(0);
    // Creating reserves nothing and moves nothing.
    expect(await stockAt(system, p1.id, locationId)).toEqual({ onHand: 10, reserved: 2 });
    expect(await stockAt(system, p2.id, locationId)).toEqual({ onHand: 20, reserved: 0 });

    // Approve: each line's quantity is reserved at the location, nothing leaves.
    const approved = await approveOrderRequest(manager.ctx, { orderId, version: 1 });
    expect(approved).toEqual({ id: orderId, number: lastNumber + 1, status: "APPROVED", version: 2 });
    expect(await stockAt(system, p1.id, locationId)).toEqual({ onHand: 10, reserved: 2 + 3 });
    expect(await stockAt(system, p2.id, locationId)).toEqual({ onHand: 20, reserved: 5 });
    const afterApproval = await orderRow(system, orderId);
    expect(afterApproval).toMatchObject({ status: "APPROVED", version: 2, decidedById: manager.userId });
    expect(afterApproval.decidedAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(afterApproval.decidedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const approvalAudit = (await orderAudit(system, orderId))[1];
    expect(approvalAudit).toMatchObject({
      action: "order.approved",
      actorId: manager.userId,
      before: { status: "PENDING", version: 1 },
      after: { status: "APPROVED", version: 2 },
    });
    expect(await orderEmails(system, companyId, "order-status", lastNumber + 1)).toEqual([
      {
        toAddress: staff.email,
        props: expect.objectContaining({ requestNumber: number, status: "APPROVED", actorName: manager.name }),
      },
    ]);
    expect(await system.stockMovement.count({ where: { orderId } })).toBe(0);

    // Fulfil: the stock leaves through the ledger and the reservation goes with it.
    const fulfilled = await fulfilOrderRequest(manager2.ctx, { orderId, version: 2 });
    expect(fulfilled).toEqual({ id: orderId, number: lastNumber + 1, status: "FULFILLED", version: 3 });
    expect(await stockAt(system, p1.id, locationId)).toEqual({ onHand: 10 - 3, reserved: 2 });
    expect(await stockAt(system, p2.id, locationId)).toEqual({ onHand: 20 - 5, reserved: 0 });
    expect(await movementsOfOrder(orderId)).toEqual(
      byProduct([
        { productId: p1.id, locationId, quantity: -3, balanceAfter: 7, reason: "SHIPPED", actorId: manager2.userId },
        { productId: p2.id, locationId, quantity: -5, balanceAfter: 15, reason: "SHIPPED", actorId: manager2.userId },
      ]),
    );
    await expectLedgerHolds(p1.id);
    await expectLedgerHolds(p2.id);
    const afterFulfilment = await orderRow(system, orderId);
    expect(afterFulfilment).toMatchObject({
      status: "FULFILLED",
      version: 3,
      decidedById: manager.userId,
      fulfilledById: manager2.userId,
    });
    expect(afterFulfilment.fulfilledAt).toBeInstanceOf(Date);
    const audit = await orderAudit(system, orderId);
    expect(audit.map((a) => a.action)).toEqual(["order.created", "order.approved", "order.fulfilled"]);
    expect(audit[2]).toMatchObject({
      actorId: manager2.userId,
      before: { status: "APPROVED", version: 2 },
      after: { status: "FULFILLED", version: 3 },
    });
    expect((await orderEmails(system, companyId, "order-status", lastNumber + 1)).map((e) => e.props)).toEqual([
      expect.objectContaining({ status: "APPROVED" }),
      expect.objectContaining({ status: "FULFILLED", actorName: manager2.name }),
    ]);

    // The request's page tells the same story.
    const detail = await getOrderRequest(staff.ctx, { orderId });
    expect(detail.timeline.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorName])).toEqual([
      ["create", null, "PENDING", staff.name],
      ["approve", "PENDING", "APPROVED", manager.name],
      ["fulfil", "APPROVED", "FULFILLED", manager2.name],
    ]);
    expect(detail.actions).toEqual([]);
    // The history names people as they were: the approver's later rename does not rewrite it.
    await system.user.update({ where: { id: manager.userId }, data: { name: "Renamed Manager" } });
    expect((await getOrderRequest(staff.ctx, { orderId })).timeline.map((e) => e.actorName)).toEqual([
      staff.name,
      manager.name,
      manager2.name,
    ]);
    await system.user.update({ where: { id: manager.userId }, data: { name: manager.name } });

    // The product's ledger names the request: a link for the requester and managers, only the number for other staff.
    const shipment = (movements: MovementRow[]) => movements.find((m) => m.reason === "SHIPPED")?.order;
    const order = { id: orderId, number: lastNumber + 1 };
    expect(shipment((await getProduct(staff.ctx, { id: p1.id })).movements.rows)).toEqual({ ...order, visible: true });
    expect(shipment((await getProduct(manager.ctx, { id: p1.id })).movements.rows)).toEqual({
      ...order,
      visible: true,
    });
    expect(shipment((await getProduct(staff2.ctx, { id: p1.id })).movements.rows)).toEqual({
      ...order,
      visible: false,
    });
  });

  it("the submitted email skips a manager who made the request, and goes to every other manager and admin", async () => {
    const team = await orderTeam(system, "orders-mail");
    const product = await pricedProduct(system, team.fixture);
    const order = await createOrder(team.manager.ctx, {
      locationId: team.fixture.locationId,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const submitted = await orderEmails(system, team.fixture.companyId, "order-submitted", order.number);
    expect(submitted.map((e) => e.toAddress)).toEqual([team.fixture.admin.email, team.manager2.email].sort());
  });
});

describe("the lifecycle of a restock", () => {
  it("approving reserves nothing; fulfilling receives the stock, creating the stock row when there was none", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const fresh = await pricedProduct(system, t.fixture, { salePrice: "20.00", costPrice: "7.25" });
    const stocked = await pricedProduct(system, t.fixture, {
      salePrice: "2.00",
      costPrice: "1.10",
      stock: { [location.id]: 4 },
    });
    const order = await createOrder(t.staff.ctx, {
      type: "RESTOCK",
      locationId: location.id,
      lines: [
        { productId: fresh.id, quantity: 6 },
        { productId: stocked.id, quantity: 3 },
      ],
    });
    // A restock is priced at cost.
    expect(await linesOf(order.id)).toEqual(
      byProduct([
        { productId: fresh.id, quantity: 6, unitPrice: "7.25" },
        { productId: stocked.id, quantity: 3, unitPrice: "1.10" },
      ]),
    );

    await expect(approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 })).resolves.toMatchObject({
      status: "APPROVED",
      version: 2,
    });
    expect(await system.stockLevel.count({ where: { productId: fresh.id } })).toBe(0);
    expect(await stockAt(system, stocked.id, location.id)).toEqual({ onHand: 4, reserved: 0 });

    await expect(fulfilOrderRequest(t.manager.ctx, { orderId: order.id, version: 2 })).resolves.toMatchObject({
      status: "FULFILLED",
      version: 3,
    });
    expect(await stockAt(system, fresh.id, location.id)).toEqual({ onHand: 6, reserved: 0 });
    expect(await stockAt(system, stocked.id, location.id)).toEqual({ onHand: 4 + 3, reserved: 0 });
    expect(await movementsOfOrder(order.id)).toEqual(
      byProduct([
        {
          productId: fresh.id,
          locationId: location.id,
          quantity: 6,
          balanceAfter: 6,
          reason: "RECEIVED",
          actorId: t.manager.userId,
        },
        {
          productId: stocked.id,
          locationId: location.id,
          quantity: 3,
          balanceAfter: 7,
          reason: "RECEIVED",
          actorId: t.manager.userId,
        },
      ]),
    );
    await expectLedgerHolds(fresh.id);
    await expectLedgerHolds(stocked.id);
    expect((await orderRow(system, order.id)).status).toBe("FULFILLED");
  });
});

describe("deciding", () => {
  it("rejecting needs a note of at least 3 characters, and stores it", async () => {
    const product = await pricedProduct(system, t.fixture);
    const order = await createOrder(t.staff.ctx, {
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    for (const note of [undefined, "", "   ", "no"]) {
      const error = await refusal(rejectOrderRequest(t.manager.ctx, { orderId: order.id, version: 1, note }));
      expect(error.code, JSON.stringify(note)).toBe("VALIDATION");
      expect(error.fieldErrors?.note, JSON.stringify(note)).toEqual([expect.stringMatching(/^Note: /)]);
    }
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);

    await expect(
      rejectOrderRequest(t.manager.ctx, { orderId: order.id, version: 1, note: "  Out of budget this quarter " }),
    ).resolves.toEqual({ id: order.id, number: order.number, status: "REJECTED", version: 2 });
    expect(await orderRow(system, order.id)).toMatchObject({
      status: "REJECTED",
      version: 2,
      decidedById: t.manager.userId,
      decisionNote: "Out of budget this quarter",
    });
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.rejected",
      before: { status: "PENDING", version: 1 },
      after: { status: "REJECTED", version: 2, note: "Out of budget this quarter" },
    });
    expect(await orderEmails(system, t.fixture.companyId, "order-status", order.number)).toEqual([
      {
        toAddress: t.staff.email,
        props: expect.objectContaining({ status: "REJECTED", note: "Out of budget this quarter" }),
      },
    ]);
  });

  it("with “require a second person” on, a manager cannot approve their own request but another can; off, they can", async () => {
    const team = await orderTeam(system, "orders-second", { requireSecondApprover: true });
    const product = await pricedProduct(system, team.fixture);
    const draft = {
      type: "RESTOCK" as const,
      locationId: team.fixture.locationId,
      lines: [{ productId: product.id, quantity: 2 }],
    };
    const own = await createOrder(team.manager.ctx, draft);
    const before = await orderSnapshot(system, team.fixture.companyId, [own.id], [product.id]);
    const error = await refusal(approveOrderRequest(team.manager.ctx, { orderId: own.id, version: 1 }));
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.message).toMatch(/second person/);
    expect(await orderSnapshot(system, team.fixture.companyId, [own.id], [product.id])).toEqual(before);
    // The page does not offer it either.
    expect((await getOrderRequest(team.manager.ctx, { orderId: own.id })).actions).toEqual([
      "reject",
      "cancel",
      "edit",
    ]);

    await expect(approveOrderRequest(team.manager2.ctx, { orderId: own.id, version: 1 })).resolves.toMatchObject({
      status: "APPROVED",
      version: 2,
    });
    expect((await orderRow(system, own.id)).decidedById).toBe(team.manager2.userId);

    await system.company.update({ where: { id: team.fixture.companyId }, data: { requireSecondApprover: false } });
    const again = await createOrder(team.manager.ctx, draft);
    await expect(approveOrderRequest(team.manager.ctx, { orderId: again.id, version: 1 })).resolves.toMatchObject({
      status: "APPROVED",
      version: 2,
    });
    expect((await orderRow(system, again.id)).decidedById).toBe(team.manager.userId);
  });

  it("approving a customer order when a product is short is INSUFFICIENT_STOCK naming it, and changes nothing", async () => {
    const locationId = t.fixture.locationId;
    const plenty = await pricedProduct(system, t.fixture, { stock: { [locationId]: 50 } });
    const scarce = await pricedProduct(system, t.fixture, { stock: { [locationId]: 5 } });
    // 2 of the 5 are held by another approved order: 3 are available, 4 are asked for.
    await approvedOrder(t.staff2.ctx, t.manager.ctx, { locationId, lines: [{ productId: scarce.id, quantity: 2 }] });
    const order = await createOrder(t.staff.ctx, {
      locationId,
      lines: [
        { productId: plenty.id, quantity: 1 },
        { productId: scarce.id, quantity: 4 },
      ],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [plenty.id, scarce.id]);
    const error = await refusal(approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 }));
    expect(error.code).toBe("INSUFFICIENT_STOCK");
    expect(error.message).toContain(scarce.name);
    expect(error.message).toContain(scarce.sku);
    expect(error.message).not.toContain(plenty.sku);
    expect(error.message).toMatch(/\b3 available\b/);
    expect(error.message).toMatch(/\b4 needed\b/);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [plenty.id, scarce.id])).toEqual(before);
    expect(await stockAt(system, plenty.id, locationId)).toEqual({ onHand: 50, reserved: 0 });
    expect(await stockAt(system, scarce.id, locationId)).toEqual({ onHand: 5, reserved: 2 });
  });
});

describe("fulfilling with too little stock", () => {
  it("after a stocktake counted less than the order needs: INSUFFICIENT_STOCK naming the product, nothing changes", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const order = await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 6 }],
    });
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 10, reserved: 6 });
    const counted = await recordStocktake(t.manager.ctx, {
      operationId: randomUUID(),
      locationId: location.id,
      counts: [{ productId: product.id, counted: 4 }],
    });
    expect(counted.uncoveredOrders.map((o) => o.orderId)).toEqual([order.id]);
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 4, reserved: 6 });

    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    const error = await refusal(fulfilOrderRequest(t.manager.ctx, { orderId: order.id, version: order.version }));
    expect(error.code).toBe("INSUFFICIENT_STOCK");
    expect(error.message).toContain(product.name);
    expect(error.message).toContain(product.sku);
    expect(error.message).toMatch(/\b6 needed\b/);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);
    expect((await orderRow(system, order.id)).status).toBe("APPROVED");
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 4, reserved: 6 });
    expect(await system.stockMovement.count({ where: { orderId: order.id } })).toBe(0);
    await expectLedgerHolds(product.id);
  });

  it("one short line fails the whole fulfilment: no line moves", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const enough = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const short = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const order = await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [
        { productId: enough.id, quantity: 3 },
        { productId: short.id, quantity: 8 },
      ],
    });
    await recordStocktake(t.manager.ctx, {
      operationId: randomUUID(),
      locationId: location.id,
      counts: [{ productId: short.id, counted: 5 }],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [enough.id, short.id]);
    const error = await refusal(fulfilOrderRequest(t.manager.ctx, { orderId: order.id, version: order.version }));
    expect(error.code).toBe("INSUFFICIENT_STOCK");
    expect(error.message).toContain(short.sku);
    expect(error.message).not.toContain(enough.sku);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [enough.id, short.id])).toEqual(before);
    expect(await stockAt(system, enough.id, location.id)).toEqual({ onHand: 10, reserved: 3 });
    expect(await stockAt(system, short.id, location.id)).toEqual({ onHand: 5, reserved: 8 });
    expect(await system.stockMovement.count({ where: { orderId: order.id } })).toBe(0);
  });
});

describe("cancelling", () => {
  it("the requester cancels their own pending request; other staff cannot even see it", async () => {
    const product = await pricedProduct(system, t.fixture);
    const order = await createOrder(t.staff.ctx, {
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id]);
    expect(await refusal(cancelOrderRequest(t.staff2.ctx, { orderId: order.id, version: 1 }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id])).toEqual(before);

    await expect(cancelOrderRequest(t.staff.ctx, { orderId: order.id, version: 1 })).resolves.toEqual({
      id: order.id,
      number: order.number,
      status: "CANCELLED",
      version: 2,
    });
    expect(await orderRow(system, order.id)).toMatchObject({
      status: "CANCELLED",
      version: 2,
      cancelledById: t.staff.userId,
    });
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.cancelled",
      actorId: t.staff.userId,
      before: { status: "PENDING", version: 1 },
      after: { status: "CANCELLED", version: 2 },
    });
    // Nobody emails the requester about their own action.
    expect(await orderEmails(system, t.fixture.companyId, "order-status", order.number)).toEqual([]);
  });

  it("a manager cancelling an approved customer order releases its reservation; its staff requester may not", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const order = await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 4 }],
    });
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 10, reserved: 4 });

    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    const error = await refusal(cancelOrderRequest(t.staff.ctx, { orderId: order.id, version: order.version }));
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.message).toMatch(/only a manager or admin can/i);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);

    await expect(
      cancelOrderRequest(t.manager2.ctx, { orderId: order.id, version: order.version, note: "Customer withdrew" }),
    ).resolves.toMatchObject({ status: "CANCELLED", version: order.version + 1 });
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 10, reserved: 0 });
    expect(await system.stockMovement.count({ where: { orderId: order.id } })).toBe(0);
    expect(await orderRow(system, order.id)).toMatchObject({ status: "CANCELLED", cancelledById: t.manager2.userId });
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.cancelled",
      before: { status: "APPROVED", version: 2 },
      after: { status: "CANCELLED", version: 3, note: "Customer withdrew" },
    });
    expect(
      (await orderEmails(system, t.fixture.companyId, "order-status", order.number)).map((e) => [
        e.toAddress,
        (e.props as { status: string }).status,
      ]),
    ).toEqual([
      [t.staff.email, "APPROVED"],
      [t.staff.email, "CANCELLED"],
    ]);
    await expectLedgerHolds(product.id);
  });

  it("staff cannot approve, reject or fulfil, not even their own request", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 5 } });
    const pending = await createOrder(t.staff.ctx, {
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const approved = await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [pending.id, approved.id], [product.id]);
    const attempts = [
      () => approveOrderRequest(t.staff.ctx, { orderId: pending.id, version: 1 }),
      () => rejectOrderRequest(t.staff.ctx, { orderId: pending.id, version: 1, note: "Changed my mind" }),
      () => fulfilOrderRequest(t.staff.ctx, { orderId: approved.id, version: approved.version }),
    ];
    for (const attempt of attempts) expect(await refusal(attempt())).toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await orderSnapshot(system, t.fixture.companyId, [pending.id, approved.id], [product.id])).toEqual(before);
  });

  it("fulfilled, rejected and cancelled requests refuse every event", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const draft = { locationId: location.id, lines: [{ productId: product.id, quantity: 1 }] };
    const fulfilled = await fulfilledOrder(t.staff.ctx, t.manager.ctx, draft);
    const rejectedOrder = await createOrder(t.staff.ctx, draft);
    const rejected = await rejectOrderRequest(t.manager.ctx, {
      orderId: rejectedOrder.id,
      version: 1,
      note: "Not needed",
    });
    const cancelledOrder = await approvedOrder(t.staff.ctx, t.manager.ctx, draft);
    const cancelled = await cancelOrderRequest(t.manager.ctx, {
      orderId: cancelledOrder.id,
      version: cancelledOrder.version,
    });
    const finals = [
      { id: fulfilled.id, version: fulfilled.version, status: "FULFILLED" },
      { id: rejected.id, version: rejected.version, status: "REJECTED" },
      { id: cancelled.id, version: cancelled.version, status: "CANCELLED" },
    ];
    const ids = finals.map((f) => f.id);
    const before = await orderSnapshot(system, t.fixture.companyId, ids, [product.id]);
    for (const { id, version, status } of finals) {
      expect((await orderRow(system, id)).status).toBe(status);
      const attempts: [string, () => Promise<unknown>][] = [
        ["approve", () => approveOrderRequest(t.manager.ctx, { orderId: id, version })],
        ["reject", () => rejectOrderRequest(t.manager.ctx, { orderId: id, version, note: "Too late now" })],
        ["fulfil", () => fulfilOrderRequest(t.manager.ctx, { orderId: id, version })],
        ["cancel (manager)", () => cancelOrderRequest(t.manager.ctx, { orderId: id, version })],
        ["cancel (requester)", () => cancelOrderRequest(t.staff.ctx, { orderId: id, version })],
        [
          "edit (requester)",
          () => updateOrderRequest(t.staff.ctx, { orderId: id, version, type: "CUSTOMER_ORDER", ...draft }),
        ],
      ];
      for (const [event, attempt] of attempts) {
        const error = await refusal(attempt());
        expect(error.code, `${status}: ${event}`).toBe("INVALID_TRANSITION");
        expect(error.message, `${status}: ${event}`).toMatch(/final/);
      }
    }
    expect(await orderSnapshot(system, t.fixture.companyId, ids, [product.id])).toEqual(before);
  });
});

describe("editing", () => {
  it("the requester edits while pending; an approval of the old version is a CONFLICT; after approval, no edits", async () => {
    const locationId = t.fixture.locationId;
    const [p1, p2, p3] = await Promise.all([
      pricedProduct(system, t.fixture, { salePrice: "1.00", stock: { [locationId]: 10 } }),
      pricedProduct(system, t.fixture, { salePrice: "2.00", stock: { [locationId]: 10 } }),
      pricedProduct(system, t.fixture, { salePrice: "3.00", stock: { [locationId]: 10 } }),
    ]);
    const order = await createOrder(t.staff.ctx, {
      locationId,
      lines: [
        { productId: p1.id, quantity: 2 },
        { productId: p2.id, quantity: 3 },
      ],
      reference: "First",
    });
    const edited = await updateOrderRequest(t.staff.ctx, {
      orderId: order.id,
      version: 1,
      type: "CUSTOMER_ORDER",
      locationId,
      lines: [
        { productId: p3.id, quantity: 4 },
        { productId: p1.id, quantity: "1" },
      ],
      reference: "Changed",
      note: null,
    });
    expect(edited).toEqual({ id: order.id, number: order.number, status: "PENDING", version: 2 });
    expect(await orderRow(system, order.id)).toMatchObject({ status: "PENDING", version: 2, reference: "Changed" });
    expect(await linesOf(order.id)).toEqual(
      byProduct([
        { productId: p1.id, quantity: 1, unitPrice: "1.00" },
        { productId: p3.id, quantity: 4, unitPrice: "3.00" },
      ]),
    );
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.edited",
      actorId: t.staff.userId,
      before: { status: "PENDING", version: 1 },
      after: { status: "PENDING", version: 2 },
    });

    // The manager opened version 1: approving it now would approve lines they never saw.
    const seen = await orderSnapshot(system, t.fixture.companyId, [order.id], [p1.id, p2.id, p3.id]);
    const conflict = await refusal(approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain(requestNumber(order.number));
    expect(conflict.message).toContain(t.staff.name);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [p1.id, p2.id, p3.id])).toEqual(seen);

    await expect(approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 2 })).resolves.toMatchObject({
      status: "APPROVED",
      version: 3,
    });
    expect(await stockAt(system, p1.id, locationId)).toEqual({ onHand: 10, reserved: 1 });
    expect(await stockAt(system, p2.id, locationId)).toEqual({ onHand: 10, reserved: 0 });
    expect(await stockAt(system, p3.id, locationId)).toEqual({ onHand: 10, reserved: 4 });

    const approved = await orderSnapshot(system, t.fixture.companyId, [order.id], [p1.id, p2.id, p3.id]);
    const late = await refusal(
      updateOrderRequest(t.staff.ctx, {
        orderId: order.id,
        version: 3,
        type: "CUSTOMER_ORDER",
        locationId,
        lines: [{ productId: p2.id, quantity: 9 }],
      }),
    );
    expect(late.code).toBe("INVALID_TRANSITION");
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [p1.id, p2.id, p3.id])).toEqual(approved);
  });

  it("a manager who did not make the request cannot edit it", async () => {
    const product = await pricedProduct(system, t.fixture);
    const draft = { locationId: t.fixture.locationId, lines: [{ productId: product.id, quantity: 1 }] };
    const order = await createOrder(t.staff.ctx, draft);
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id]);
    const error = await refusal(
      updateOrderRequest(t.manager.ctx, {
        orderId: order.id,
        version: 1,
        type: "CUSTOMER_ORDER",
        locationId: t.fixture.locationId,
        lines: [{ productId: product.id, quantity: 7 }],
      }),
    );
    expect(error.code).toBe("INVALID_TRANSITION");
    expect(error.message).toMatch(/only the person who made/i);
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id])).toEqual(before);
  });
});

describe("stale versions", () => {
  it("the second of two approvals of the same version is a CONFLICT naming who decided", async () => {
    const product = await pricedProduct(system, t.fixture);
    const order = await createOrder(t.staff.ctx, {
      type: "RESTOCK",
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    await approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    for (const attempt of [
      () => approveOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1 }),
      () => rejectOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1, note: "Not needed" }),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain(requestNumber(order.number));
      expect(error.message).toContain("approved");
      expect(error.message).toContain(t.manager.name);
    }
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);
    expect((await orderRow(system, order.id)).decidedById).toBe(t.manager.userId);
  });

  it("reads the version strictly: an exponent, spaces, decimals or hex are a form error, not version 1000 or 1", async () => {
    const product = await pricedProduct(system, t.fixture);
    const order = await createOrder(t.staff.ctx, {
      type: "RESTOCK",
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 3 }],
    });
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    for (const version of ["1e3", "1e0", " 1", "1.0", "0x1", "", 1.5]) {
      const error = await refusal(approveOrderRequest(t.manager.ctx, { orderId: order.id, version }));
      expect(error.code, JSON.stringify(version)).toBe("VALIDATION");
      expect(error.fieldErrors?.version, JSON.stringify(version)).toEqual([
        expect.stringMatching(/^Reload the page: the request's version is/),
      ]);
    }
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);
    expect((await approveOrderRequest(t.manager.ctx, { orderId: order.id, version: "1" })).status).toBe("APPROVED");
  });
});

describe("creating exactly once", () => {
  it("a retried submit returns the same request, whatever the order of its lines; a different one is a CONFLICT", async () => {
    const [p1, p2] = await Promise.all([pricedProduct(system, t.fixture), pricedProduct(system, t.fixture)]);
    const clientRequestId = randomUUID();
    const input = orderInput(
      {
        locationId: t.fixture.locationId,
        lines: [
          { productId: p1.id, quantity: 2 },
          { productId: p2.id, quantity: 3 },
        ],
        reference: "Retry me",
      },
      clientRequestId,
    );
    const first = await createOrderRequest(t.staff.ctx, input);
    expect(first.created).toBe(true);
    const afterFirst = await orderSnapshot(system, t.fixture.companyId, [first.id], [p1.id, p2.id]);

    const retried = await createOrderRequest(t.staff.ctx, input);
    expect(retried).toEqual({ id: first.id, number: first.number, created: false });
    const reordered = await createOrderRequest(t.staff.ctx, {
      ...input,
      clientRequestId: clientRequestId.toUpperCase(),
      lines: [
        { productId: p2.id, quantity: "3" },
        { productId: p1.id, quantity: 2 },
      ],
    });
    expect(reordered).toEqual({ id: first.id, number: first.number, created: false });

    expect(await system.orderRequest.count({ where: { companyId: t.fixture.companyId, clientRequestId } })).toBe(1);
    expect((await orderAudit(system, first.id)).map((a) => a.action)).toEqual(["order.created"]);
    expect(
      (await orderEmails(system, t.fixture.companyId, "order-submitted", first.number)).map((e) => e.toAddress),
    ).toEqual([t.fixture.admin.email, t.manager.email, t.manager2.email].sort());
    expect(await orderSnapshot(system, t.fixture.companyId, [first.id], [p1.id, p2.id])).toEqual(afterFirst);

    const differentPayloads = [
      { ...input, lines: [{ productId: p1.id, quantity: 2 }] },
      {
        ...input,
        lines: [
          { productId: p1.id, quantity: 2 },
          { productId: p2.id, quantity: 4 },
        ],
      },
      { ...input, reference: "Something else" },
      { ...input, type: "RESTOCK" },
    ];
    for (const payload of differentPayloads) {
      // The first submit's answer was lost and the form changed since: the person is told which request it made.
      const error = await refusal(createOrderRequest(t.staff.ctx, payload));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toContain(`${requestNumber(first.number)} was already created from this form`);
      // Named as the id's problem: the form offers to send it under a new id (components/orders/order-form.tsx).
      expect(error.fieldErrors).toEqual({ clientRequestId: [error.message] });
    }
    // The same id from someone else, even with the same contents, and without naming a request they cannot see.
    const theirs = await refusal(createOrderRequest(t.staff2.ctx, input));
    expect(theirs.code).toBe("CONFLICT");
    expect(theirs.message).not.toContain(requestNumber(first.number));
    expect(await orderSnapshot(system, t.fixture.companyId, [first.id], [p1.id, p2.id])).toEqual(afterFirst);
  });
});

describe("validation", () => {
  it("unknown keys, bad quantities, duplicate or archived products, an archived location and control characters are field errors that change nothing", async () => {
    const locationId = t.fixture.locationId;
    const [product, second, archived] = await Promise.all([
      pricedProduct(system, t.fixture),
      pricedProduct(system, t.fixture),
      pricedProduct(system, t.fixture, { archived: true }),
    ]);
    const archivedLocation = await createTestLocation(system, t.fixture.companyId, { archived: true });
    const base = () => orderInput({ locationId, lines: [{ productId: product.id, quantity: 1 }] });
    const withLines = (lines: unknown[]) => ({ ...base(), lines });
    const before = await orderSnapshot(system, t.fixture.companyId, [], [product.id, second.id, archived.id]);

    for (const key of ["companyId", "status", "requesterId"]) {
      const value = key === "status" ? "APPROVED" : key === "companyId" ? other.fixture.companyId : t.manager.userId;
      const error = await refusal(createOrderRequest(t.staff.ctx, { ...base(), [key]: value }));
      expect(error.code, key).toBe("VALIDATION");
      expect(error.fieldErrors?._form?.join(" "), key).toContain(key);
    }
    // A line cannot carry its own price either.
    expect(
      await refusal(
        createOrderRequest(t.staff.ctx, withLines([{ productId: product.id, quantity: 1, unitPrice: "0.01" }])),
      ),
    ).toMatchObject({ code: "VALIDATION" });

    const quantities: [unknown, RegExp][] = [
      [0, /at least 1/],
      ["0", /at least 1/],
      [-3, /at least 1/],
      ["-1", /at least 1/],
      [1.5, /whole number/],
      ["2.5", /whole number/],
      ["1e3", /whole number/],
      ["ten", /whole number/],
      [2_000_000_000, /up to 1,000,000,000/],
      ["99999999999999999999", /up to 1,000,000,000/],
      [null, /whole number/],
    ];
    for (const [quantity, message] of quantities) {
      const error = await refusal(createOrderRequest(t.staff.ctx, withLines([{ productId: product.id, quantity }])));
      expect(error.code, String(quantity)).toBe("VALIDATION");
      expect(error.fieldErrors?.["lines.0.quantity"], String(quantity)).toEqual([expect.stringMatching(message)]);
    }
    const secondLine = await refusal(
      createOrderRequest(
        t.staff.ctx,
        withLines([
          { productId: product.id, quantity: 1 },
          { productId: second.id, quantity: 0 },
        ]),
      ),
    );
    expect(Object.keys(secondLine.fieldErrors ?? {})).toEqual(["lines.1.quantity"]);

    const duplicate = await refusal(
      createOrderRequest(
        t.staff.ctx,
        withLines([
          { productId: product.id, quantity: 1 },
          { productId: product.id, quantity: 2 },
        ]),
      ),
    );
    expect(duplicate.code).toBe("VALIDATION");
    expect(Object.keys(duplicate.fieldErrors ?? {})).toEqual(["lines.1.productId"]);

    const empty = await refusal(createOrderRequest(t.staff.ctx, withLines([])));
    expect(empty.code).toBe("VALIDATION");
    expect(empty.fieldErrors?.lines).toEqual([expect.stringMatching(/at least one product/)]);
    const missing = await refusal(createOrderRequest(t.staff.ctx, { ...base(), lines: undefined }));
    expect(missing.fieldErrors?.lines).toBeDefined();

    const archivedLine = await refusal(
      createOrderRequest(
        t.staff.ctx,
        withLines([
          { productId: product.id, quantity: 1 },
          { productId: archived.id, quantity: 1 },
        ]),
      ),
    );
    expect(archivedLine.code).toBe("VALIDATION");
    expect(archivedLine.fieldErrors).toEqual({ "lines.1.productId": [expect.stringContaining(archived.sku)] });

    const atArchived = await refusal(createOrderRequest(t.staff.ctx, { ...base(), locationId: archivedLocation.id }));
    expect(atArchived.code).toBe("VALIDATION");
    expect(atArchived.fieldErrors).toEqual({ locationId: [expect.stringContaining(archivedLocation.name)] });

    for (const reference of ["PO\u0007-12", "PO\u0000", "line\nbreak"]) {
      const error = await refusal(createOrderRequest(t.staff.ctx, { ...base(), reference }));
      expect(error.code, JSON.stringify(reference)).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {}), JSON.stringify(reference)).toEqual(["reference"]);
    }
    const badNote = await refusal(createOrderRequest(t.staff.ctx, { ...base(), note: "bell\u0007" }));
    expect(Object.keys(badNote.fieldErrors ?? {})).toEqual(["note"]);
    const badType = await refusal(createOrderRequest(t.staff.ctx, { ...base(), type: "GIFT" }));
    expect(Object.keys(badType.fieldErrors ?? {})).toEqual(["type"]);

    expect(await orderSnapshot(system, t.fixture.companyId, [], [product.id, second.id, archived.id])).toEqual(before);
  });
});

describe("the request list", () => {
  let lst: OrderTeam;
  const ids: Record<string, string> = {};
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    lst = await orderTeam(system, "orders-list", { timeZone: "America/New_York" });
    const product = await pricedProduct(system, lst.fixture);
    const locationId = lst.fixture.locationId;
    // America/New_York is on daylight time (UTC−4) from 8 March 2026.
    const plan: [string, OrderTeam["staff"], "CUSTOMER_ORDER" | "RESTOCK", string][] = [
      ["s1", lst.staff, "CUSTOMER_ORDER", "2026-03-09T03:59:59.999Z"], // 8 March, 23:59:59.999 local
      ["s2", lst.staff, "RESTOCK", "2026-03-09T04:00:00.000Z"], // 9 March, 00:00 local
      ["s3", lst.staff, "CUSTOMER_ORDER", "2026-03-10T03:00:00.000Z"], // 9 March, 23:00 local
      ["s4", lst.staff, "RESTOCK", "2026-03-10T04:00:00.000Z"], // 10 March, 00:00 local
      ["s5", lst.staff, "CUSTOMER_ORDER", "2026-03-11T03:59:59.999Z"], // 10 March, 23:59:59.999 local
      ["t1", lst.staff2, "CUSTOMER_ORDER", "2026-03-11T04:00:00.000Z"], // 11 March, 00:00 local
      ["m1", lst.manager, "RESTOCK", "2026-03-12T15:00:00.000Z"], // 12 March
    ];
    for (const [key, who, type, at] of plan) {
      const quantity = Number(key.slice(1)) + (key[0] === "s" ? 0 : 10);
      const order = await createOrder(who.ctx, { type, locationId, lines: [{ productId: product.id, quantity }] });
      await system.orderRequest.update({ where: { id: order.id }, data: { createdAt: new Date(at) } });
      ids[key] = order.id;
      numbers[key] = order.number;
    }
    ids.f = lst.fixture.orderId;
    await system.orderRequest.update({ where: { id: ids.f }, data: { createdAt: new Date("2025-01-01T12:00:00Z") } });
    await approveOrderRequest(lst.manager.ctx, { orderId: ids.s2!, version: 1 });
    await rejectOrderRequest(lst.manager.ctx, { orderId: ids.s3!, version: 1, note: "Duplicate" });
  });

  const expected = (...keys: string[]) => keys.map((key) => ids[key]);

  it("managers see every request, newest first; staff only their own, whatever requester they ask for", async () => {
    const all = await listOrderRequests(lst.manager.ctx, {});
    expect(all.rows.map((row) => row.id)).toEqual(expected("m1", "t1", "s5", "s4", "s3", "s2", "s1", "f"));
    expect(all.timeZone).toBe("America/New_York");
    expect(all.nextCursor).toBeNull();
    expect(all.requesters.map((r) => r.id)).toEqual(
      expect.arrayContaining([lst.staff.userId, lst.staff2.userId, lst.manager.userId, lst.fixture.admin.id]),
    );
    expect(all.rows.find((row) => row.id === ids.s2)).toMatchObject({
      number: numbers.s2,
      type: "RESTOCK",
      status: "APPROVED",
      requesterName: lst.staff.name,
      locationName: "Main",
      lineCount: 1,
      unitTotals: [{ unit: "each", quantity: 2 }],
      createdAt: new Date("2026-03-09T04:00:00.000Z"),
    });

    const own = await listOrderRequests(lst.staff.ctx, {});
    expect(own.rows.map((row) => row.id)).toEqual(expected("s5", "s4", "s3", "s2", "s1"));
    expect(own.requesters).toEqual([]);
    expect(await listed(lst.staff.ctx, { requesterId: lst.staff2.userId })).toEqual(
      expected("s5", "s4", "s3", "s2", "s1"),
    );
    expect(await listed(lst.staff2.ctx)).toEqual(expected("t1"));
  });

  it("names each request's first two products by name, and its reference", async () => {
    // A company of its own: the other tests here count this company's requests.
    const team = await orderTeam(system, "orders-list-names");
    const [gamma, alpha, delta, beta] = await Promise.all(
      ["Gamma gauge", "Alpha anchor", "Delta drill", "Beta bolt"].map((name) =>
        pricedProduct(system, team.fixture, { name: `${name} ${randomUUID().slice(0, 8)}` }),
      ),
    );
    const four = await createOrder(team.staff.ctx, {
      locationId: team.fixture.locationId,
      reference: "PO-4471",
      lines: [gamma!, alpha!, delta!, beta!].map((product) => ({ productId: product.id, quantity: 1 })),
    });
    const one = await createOrder(team.staff.ctx, {
      locationId: team.fixture.locationId,
      lines: [{ productId: delta!.id, quantity: 3 }],
    });
    const rows = (await listOrderRequests(team.staff.ctx, {})).rows;
    expect(rows.find((row) => row.id === four.id)).toMatchObject({
      productNames: [alpha!.name, beta!.name],
      lineCount: 4,
      reference: "PO-4471",
    });
    expect(rows.find((row) => row.id === one.id)).toMatchObject({ productNames: [delta!.name], reference: null });
  });

  it("filters by status, type, requester and number", async () => {
    expect(await listed(lst.manager.ctx, { status: "APPROVED" })).toEqual(expected("s2"));
    expect(await listed(lst.manager.ctx, { status: "REJECTED" })).toEqual(expected("s3"));
    expect(await listed(lst.manager.ctx, { status: "PENDING" })).toEqual(expected("m1", "t1", "s5", "s4", "s1", "f"));
    expect(await listed(lst.manager.ctx, { status: "FULFILLED" })).toEqual([]);
    expect(await listed(lst.manager.ctx, { type: "RESTOCK" })).toEqual(expected("m1", "s4", "s2"));
    expect(await listed(lst.manager.ctx, { requesterId: lst.staff2.userId })).toEqual(expected("t1"));
    expect(
      await listed(lst.manager.ctx, { requesterId: lst.staff.userId, status: "PENDING", type: "CUSTOMER_ORDER" }),
    ).toEqual(expected("s5", "s1"));
    expect(await listed(lst.manager.ctx, { number: numbers.s3 })).toEqual(expected("s3"));
    expect(await listed(lst.manager.ctx, { number: 0 })).toEqual([]);
    // Staff searching for someone else's number find nothing.
    expect(await listed(lst.staff.ctx, { number: numbers.t1 })).toEqual([]);
  });

  it("from and to are whole days in the company's time zone, both inclusive", async () => {
    const m = lst.manager.ctx;
    expect(await listed(m, { from: "2026-03-09", to: "2026-03-09" })).toEqual(expected("s3", "s2"));
    expect(await listed(m, { from: "2026-03-10", to: "2026-03-10" })).toEqual(expected("s5", "s4"));
    expect(await listed(m, { from: "2026-03-09", to: "2026-03-10" })).toEqual(expected("s5", "s4", "s3", "s2"));
    expect(await listed(m, { to: "2026-03-08" })).toEqual(expected("s1", "f"));
    expect(await listed(m, { from: "2026-03-11" })).toEqual(expected("m1", "t1"));
    expect(await listed(m, { from: "2026-03-11", to: "2026-03-11" })).toEqual(expected("t1"));
    expect(await listed(m, { from: "2026-03-13" })).toEqual([]);
    expect(await refusal(listOrderRequests(m, { from: "2026-03-10", to: "2026-03-09" }))).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { to: [expect.any(String)] },
    });
    expect(await refusal(listOrderRequests(m, { from: "2026-02-30" }))).toMatchObject({ code: "VALIDATION" });
  });

  it("pages of 2 over 5 requests: 3 pages, newest first, no duplicates, no cursor after the last", async () => {
    for (const [ctx, input] of [
      [lst.staff.ctx, {}],
      [lst.manager.ctx, { requesterId: lst.staff.userId }],
    ] as const) {
      const pages: string[][] = [];
      let after: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await listOrderRequests(ctx, { ...input, limit: 2, ...(after && { after }) });
        pages.push(page.rows.map((row) => row.id));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      expect(pages).toEqual([expected("s5", "s4"), expected("s3", "s2"), expected("s1")]);
      expect(new Set(pages.flat()).size).toBe(5);
    }
    expect(await refusal(listOrderRequests(lst.manager.ctx, { after: "not-a-cursor" }))).toMatchObject({
      code: "VALIDATION",
    });
  });
});

describe("the request page", () => {
  it("lines with the stock at the location, the timeline with notes, and the viewer's actions", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const suffix = randomUUID().slice(0, 6);
    const alpha = await pricedProduct(system, t.fixture, {
      name: `Alpha ${suffix}`,
      salePrice: "2.00",
      stock: { [location.id]: 10 },
    });
    const bravo = await pricedProduct(system, t.fixture, { name: `Bravo ${suffix}`, salePrice: "0.50" });
    // Someone else's approved order holds 3 of alpha.
    await approvedOrder(t.staff2.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [{ productId: alpha.id, quantity: 3 }],
    });
    const order = await createOrder(t.staff.ctx, {
      locationId: location.id,
      lines: [
        { productId: bravo.id, quantity: 1 },
        { productId: alpha.id, quantity: 2 },
      ],
      note: "Please hurry",
    });
    await updateOrderRequest(t.staff.ctx, {
      orderId: order.id,
      version: 1,
      type: "CUSTOMER_ORDER",
      locationId: location.id,
      lines: [
        { productId: bravo.id, quantity: 4 },
        { productId: alpha.id, quantity: 2 },
      ],
      note: "Please hurry",
    });

    const mine = await getOrderRequest(t.staff.ctx, { orderId: order.id.toUpperCase() });
    expect(mine).toMatchObject({
      id: order.id,
      number: order.number,
      type: "CUSTOMER_ORDER",
      status: "PENDING",
      version: 2,
      note: "Please hurry",
      location: { id: location.id, name: location.name, archived: false },
      requester: { id: t.staff.userId, name: t.staff.name },
      decision: null,
      fulfilment: null,
      cancellation: null,
      // Alpha and bravo are both counted "each" (the products' default unit): 2 + 4.
      unitTotals: [{ unit: "each", quantity: 6 }],
      totalValue: "6.00",
      isRequester: true,
    });
    expect(mine.lines).toEqual([
      expect.objectContaining({
        productId: alpha.id,
        sku: alpha.sku,
        name: alpha.name,
        quantity: 2,
        unitPrice: "2.00",
        onHand: 10,
        reserved: 3,
        available: 7,
      }),
      expect.objectContaining({
        productId: bravo.id,
        quantity: 4,
        unitPrice: "0.50",
        onHand: 0,
        reserved: 0,
        available: 0,
      }),
    ]);
    expect(mine.actions).toEqual(["cancel", "edit"]);
    const managers = await getOrderRequest(t.manager.ctx, { orderId: order.id });
    expect(managers.actions).toEqual(["approve", "reject", "cancel"]);
    expect(managers.isRequester).toBe(false);
    expect(await refusal(getOrderRequest(t.staff2.ctx, { orderId: order.id }))).toMatchObject({ code: "NOT_FOUND" });

    await rejectOrderRequest(t.manager.ctx, { orderId: order.id, version: 2, note: "Not this month" });
    const rejected = await getOrderRequest(t.staff.ctx, { orderId: order.id });
    expect(
      rejected.timeline.map(({ action, fromStatus, toStatus, note, actorName }) => ({
        action,
        fromStatus,
        toStatus,
        note,
        actorName,
      })),
    ).toEqual([
      { action: "create", fromStatus: null, toStatus: "PENDING", note: null, actorName: t.staff.name },
      { action: "edit", fromStatus: "PENDING", toStatus: "PENDING", note: null, actorName: t.staff.name },
      {
        action: "reject",
        fromStatus: "PENDING",
        toStatus: "REJECTED",
        note: "Not this month",
        actorName: t.manager.name,
      },
    ]);
    const times = rejected.timeline.map((entry) => entry.at.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(rejected.decision).toMatchObject({
      by: { id: t.manager.userId, name: t.manager.name },
      note: "Not this month",
    });
    expect(rejected.actions).toEqual([]);
    expect(rejected.refusals.edit).toBe(
      "A rejected request is final; make a new request if the items are still needed.",
    );
    expect((await getOrderRequest(t.manager.ctx, { orderId: order.id })).actions).toEqual([]);
  });

  it("a malformed id is NOT_FOUND, like an unknown one", async () => {
    for (const orderId of ["abc", "", 42, null, `${randomUUID()}x`]) {
      expect(await refusal(getOrderRequest(t.manager.ctx, { orderId }))).toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("a long history shows its latest entries, the last transition included", async () => {
    const product = await pricedProduct(system, t.fixture, { stock: { [t.fixture.locationId]: 50 } });
    const order = await createOrder(t.staff.ctx, {
      type: "CUSTOMER_ORDER",
      locationId: t.fixture.locationId,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    // 250 edits after its creation, written straight into the audit log (250 real edits would only be slower).
    const created = await system.auditLog.findFirstOrThrow({
      where: { entityId: order.id, action: "order.created" },
      select: { createdAt: true },
    });
    await system.auditLog.createMany({
      data: Array.from({ length: 250 }, () => ({
        companyId: t.fixture.companyId,
        actorId: t.staff.userId,
        actorEmail: t.staff.email,
        action: "order.edited",
        entityType: "order",
        entityId: order.id,
        before: { status: "PENDING" },
        after: { status: "PENDING" },
        createdAt: new Date(created.createdAt.getTime() + 1),
      })),
    });
    await approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 });
    const detail = await getOrderRequest(t.manager.ctx, { orderId: order.id });
    expect(detail.timelineTruncated).toBe(true);
    expect(detail.timeline).toHaveLength(TIMELINE_LIMIT);
    expect(detail.timeline.at(-1)).toMatchObject({ action: "approve", fromStatus: "PENDING", toStatus: "APPROVED" });
    // 252 entries in all (created, 250 edits, approved): the creation and the oldest edits are left out.
    expect(detail.timeline.filter((entry) => entry.action === "create")).toEqual([]);
    expect(detail.timeline.filter((entry) => entry.action === "edit")).toHaveLength(TIMELINE_LIMIT - 1);
  });
});

describe("finding a request in another of one's companies", () => {
  it("finds it where the person may see it, never where they are not a member or (as staff) someone else's", async () => {
    const [a, b, c, d] = await Promise.all([
      createCompanyFixture(system, "locate-a"),
      createCompanyFixture(system, "locate-b"),
      createCompanyFixture(system, "locate-c"),
      createCompanyFixture(system, "locate-d"),
    ]);
    const person = await addMember(system, a.companyId, { role: "MANAGER" });
    await addMembership(system, b.companyId, person.userId, "MANAGER");
    await addMembership(system, d.companyId, person.userId, "STAFF");
    const ownInD = await createOrder(
      { companyId: d.companyId, userId: person.userId, email: person.email, role: "STAFF" },
      { type: "RESTOCK", locationId: d.locationId, lines: [{ productId: d.productId, quantity: 1 }] },
    );
    const names = await system.company.findMany({
      where: { id: { in: [a.companyId, b.companyId, d.companyId] } },
      select: { id: true, name: true },
    });
    const membership = (fixture: CompanyFixture, role: "MANAGER" | "STAFF") => ({
      companyId: fixture.companyId,
      companyName: names.find((n) => n.id === fixture.companyId)!.name,
      companyStatus: "ACTIVE" as const,
      role,
    });
    const current = membership(a, "MANAGER");
    const session: SessionUser = {
      userId: person.userId,
      email: person.email,
      name: person.name,
      sessionVersion: 1,
      sessionId: randomUUID(),
      isPlatformAdmin: false,
      mustChangePassword: false,
      memberships: [current, membership(b, "MANAGER"), membership(d, "STAFF")],
      current,
      request: {},
    };

    expect(await locateOrderRequest(session, { orderId: b.orderId })).toEqual({
      companyId: b.companyId,
      companyName: membership(b, "MANAGER").companyName,
    });
    expect(await locateOrderRequest(session, { orderId: ownInD.id })).toEqual({
      companyId: d.companyId,
      companyName: membership(d, "STAFF").companyName,
    });
    // C: not a member. D: staff there, and the request is the admin's.
    expect(await locateOrderRequest(session, { orderId: c.orderId })).toBeNull();
    expect(await locateOrderRequest(session, { orderId: d.orderId })).toBeNull();
    expect(await locateOrderRequest(session, { orderId: randomUUID() })).toBeNull();
  });
});

describe("the product picker", () => {
  it("puts the exact barcode first, shows what is available at the location, skips archived and other companies' products", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const code = `BC${randomUUID().slice(0, 8)}`;
    const exact = await pricedProduct(system, t.fixture, {
      name: `Zulu scanner ${code.slice(2)}`,
      barcode: code,
      stock: { [location.id]: 10 },
    });
    await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [{ productId: exact.id, quantity: 4 }],
    });
    // Its name contains the code and sorts first by name; it has no barcode at all.
    const partial = await pricedProduct(system, t.fixture, {
      name: `Alpha ${code} holder`,
      stock: { [location.id]: 2 },
    });
    await pricedProduct(system, t.fixture, { name: `Archived ${code}`, archived: true });
    const theirs = await pricedProduct(system, other.fixture, { name: `Alpha ${code} theirs`, barcode: code });

    const found = await findOrderProducts(t.staff.ctx, { q: code, locationId: location.id });
    expect(found).toEqual([
      {
        productId: exact.id,
        sku: exact.sku,
        name: exact.name,
        unit: "each",
        packSize: null,
        barcode: code,
        exact: true,
        onHand: 10,
        available: 10 - 4,
      },
      {
        productId: partial.id,
        sku: partial.sku,
        name: partial.name,
        unit: "each",
        packSize: null,
        barcode: null,
        exact: false,
        onHand: 2,
        available: 2,
      },
    ]);
    // A typed SKU is exact too; without a location nothing is on hand.
    expect(await findOrderProducts(t.staff.ctx, { q: partial.sku })).toEqual([
      expect.objectContaining({ productId: partial.id, exact: true, onHand: 0, available: 0 }),
    ]);
    expect((await findOrderProducts(other.manager.ctx, { q: code })).map((p) => p.productId)).toEqual([theirs.id]);
    expect(await findOrderProducts(t.staff.ctx, { q: "" })).toEqual([]);

    // The form's lines at another location: exactly the products asked for, never another company's.
    const byId = await findOrderProducts(t.staff.ctx, {
      productIds: [partial.id, exact.id, theirs.id],
      locationId: location.id,
    });
    expect(byId.map((p) => [p.productId, p.available]).sort()).toEqual(
      [
        [exact.id, 10 - 4],
        [partial.id, 2],
      ].sort(),
    );
  });
});

describe("two companies", () => {
  it("company B's manager gets NOT_FOUND for every action on company A's requests, and A changes not at all", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    const draft = { locationId: location.id, lines: [{ productId: product.id, quantity: 2 }] };
    const pending = await createOrder(t.staff.ctx, draft);
    const approved = await approvedOrder(t.staff.ctx, t.manager.ctx, draft);
    const before = await orderSnapshot(system, t.fixture.companyId, [pending.id, approved.id], [product.id]);
    const otherBefore = await orderSnapshot(system, other.fixture.companyId, []);
    const m = other.manager.ctx;
    const attempts: [string, () => Promise<unknown>][] = [
      ["get", () => getOrderRequest(m, { orderId: pending.id })],
      ["approve", () => approveOrderRequest(m, { orderId: pending.id, version: 1 })],
      ["reject", () => rejectOrderRequest(m, { orderId: pending.id, version: 1, note: "Not yours" })],
      ["cancel", () => cancelOrderRequest(m, { orderId: pending.id, version: 1 })],
      ["cancel approved", () => cancelOrderRequest(m, { orderId: approved.id, version: approved.version })],
      ["fulfil", () => fulfilOrderRequest(m, { orderId: approved.id, version: approved.version })],
      [
        "update",
        () =>
          updateOrderRequest(m, {
            orderId: pending.id,
            version: 1,
            type: "CUSTOMER_ORDER",
            locationId: other.fixture.locationId,
            lines: [{ productId: other.fixture.productId, quantity: 1 }],
          }),
      ],
      ["get (admin)", () => getOrderRequest(other.fixture.ctx, { orderId: approved.id })],
    ];
    for (const [name, attempt] of attempts) expect(await refusal(attempt()), name).toMatchObject({ code: "NOT_FOUND" });

    // Naming A's product or A's location in B's request.
    const creations = [
      { locationId: other.fixture.locationId, lines: [{ productId: product.id, quantity: 1 }] },
      { locationId: location.id, lines: [{ productId: other.fixture.productId, quantity: 1 }] },
      {
        locationId: other.fixture.locationId,
        lines: [
          { productId: other.fixture.productId, quantity: 1 },
          { productId: product.id, quantity: 1 },
        ],
      },
    ];
    for (const draftOfB of creations) {
      expect(await refusal(createOrderRequest(m, orderInput(draftOfB)))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await orderSnapshot(system, t.fixture.companyId, [pending.id, approved.id], [product.id])).toEqual(before);
    expect(await orderSnapshot(system, other.fixture.companyId, [])).toEqual(otherBefore);

    // B's list, whatever it asks for, never shows A's requests.
    await createOrder(m, {
      type: "RESTOCK",
      locationId: other.fixture.locationId,
      lines: [{ productId: other.fixture.productId, quantity: 1 }],
    });
    const aIds = new Set(
      (await system.orderRequest.findMany({ where: { companyId: t.fixture.companyId }, select: { id: true } })).map(
        (o) => o.id,
      ),
    );
    const bIds = new Set(
      (await system.orderRequest.findMany({ where: { companyId: other.fixture.companyId }, select: { id: true } })).map(
        (o) => o.id,
      ),
    );
    for (const input of [{}, { number: pending.number }, { requesterId: t.staff.userId }, { limit: 100 }]) {
      const rows = await listed(other.manager.ctx, input);
      for (const id of rows) {
        expect(aIds.has(id)).toBe(false);
        expect(bIds.has(id)).toBe(true);
      }
    }
    expect(await listed(other.manager.ctx, { limit: 100 })).toHaveLength(bIds.size);
  });
});

async function listed(ctx: OrderTeam["staff"]["ctx"], input: Record<string, unknown> = {}) {
  return (await listOrderRequests(ctx, input)).rows.map((row) => row.id);
}
