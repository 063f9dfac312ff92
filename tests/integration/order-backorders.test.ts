// Partial approval, partial fulfilment and backorders on real PostgreSQL (docs/architecture.md §6): an approver lowers
// quantities (never raises them; a lowered line needs a note, and the requester is told line by line), a fulfilment
// moves what is there now and keeps the rest open (PARTIALLY_FULFILLED), later fulfilments bring the rest, or closing
// ends the backorder with a reason; a restock arrives in several deliveries. Stock, reservations and the per-line
// quantities are checked after every step; every refusal changes nothing; racing fulfilments never move more than
// approved; another company's ids are NOT_FOUND. Every expected number is worked out from the scenario.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError, type ErrorCode } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { closeOrderRequest } from "../../lib/orders/close-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { randomUUID } from "node:crypto";
import {
  approvedOrder,
  createOrder,
  orderAudit,
  orderEmails,
  orderRow,
  orderSnapshot,
  orderTeam,
  pricedProduct,
  stockAt,
  type OrderTeam,
} from "../factories/orders";
import { ledgerBalances } from "../factories/stock";
import { superuserClient, superuserPool } from "../helpers/db";

// Twenty racers, each on its own connection with its transaction open at the same time as the others.
const POOL_SIZE = 24;
process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);

let system: PrismaClient;
let team: OrderTeam;
let other: OrderTeam;

beforeAll(async () => {
  system = superuserClient(4);
  [team, other] = await Promise.all([orderTeam(system, "backorder"), orderTeam(system, "backorder-other")]);
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

/** The request's lines as the database holds them, by product. */
async function linesBy(orderId: string) {
  const row = await orderRow(system, orderId);
  return Object.fromEntries(
    row.lines.map((line) => [
      line.productId,
      { requested: line.quantity, approved: line.approvedQuantity, fulfilled: line.fulfilledQuantity },
    ]),
  );
}

/** The ledger's movements of one request, oldest first. */
async function movementsOf(orderId: string) {
  return system.stockMovement.findMany({
    where: { orderId },
    select: { productId: true, quantity: true, reason: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

describe("a customer order approved lower, shipped in part, then in full", () => {
  it("keeps stock, reservations and line quantities right at every step", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const hammer = await pricedProduct(system, fixture, { name: "Claw hammer", stock: { [main]: 20 } });
    const gloves = await pricedProduct(system, fixture, { name: "Gloves", unit: "pair", stock: { [main]: 10 } });
    const order = await createOrder(staff.ctx, {
      locationId: main,
      lines: [
        { productId: hammer.id, quantity: 8 },
        { productId: gloves.id, quantity: 5 },
      ],
    });
    const products = [hammer.id, gloves.id];
    const pending = await orderSnapshot(system, fixture.companyId, [order.id], products);

    // Lowered without saying why; raised above what was requested; every line at 0; a product not on the request.
    const noNote = await failure(
      approveOrderRequest(manager.ctx, { orderId: order.id, version: 1, quantities: { [hammer.id]: 6 } }),
    );
    expect(noNote).toMatchObject({ code: "VALIDATION", fieldErrors: { note: [expect.stringMatching(/why/)] } });
    const raised = await failure(
      approveOrderRequest(manager.ctx, { orderId: order.id, version: 1, quantities: { [hammer.id]: 9 }, note: "ok" }),
    );
    expect(raised).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [`quantities.${hammer.id}`]: ["Approve at most the 8 requested."] },
    });
    const nothing = await failure(
      approveOrderRequest(manager.ctx, {
        orderId: order.id,
        version: 1,
        quantities: { [hammer.id]: 0, [gloves.id]: 0 },
        note: "none",
      }),
    );
    expect(nothing.code).toBe("VALIDATION");
    const stranger = await failure(
      approveOrderRequest(manager.ctx, {
        orderId: order.id,
        version: 1,
        quantities: { [randomUUID()]: 1 },
        note: "who",
      }),
    );
    expect(stranger.code).toBe("VALIDATION");
    // Not a whole number written as digits: the same rule as every quantity field.
    for (const typed of ["six", "1e3", "", "2.5"]) {
      const words = await failure(
        approveOrderRequest(manager.ctx, { orderId: order.id, version: 1, quantities: { [hammer.id]: typed } }),
      );
      expect(words).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { [`quantities.${hammer.id}`]: expect.any(Array) },
      });
    }
    expect(await orderSnapshot(system, fixture.companyId, [order.id], products)).toEqual(pending);

    // Approved: 6 of the 8 hammers, the 5 pairs of gloves as requested; exactly that is reserved.
    const approved = await approveOrderRequest(manager.ctx, {
      orderId: order.id,
      version: 1,
      quantities: { [hammer.id]: "6" },
      note: "Only 6 left for this customer",
    });
    expect(approved).toMatchObject({ status: "APPROVED", version: 2 });
    expect(await linesBy(order.id)).toEqual({
      [hammer.id]: { requested: 8, approved: 6, fulfilled: 0 },
      [gloves.id]: { requested: 5, approved: 5, fulfilled: 0 },
    });
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 20, reserved: 6 });
    expect(await stockAt(system, gloves.id, main)).toEqual({ onHand: 10, reserved: 5 });
    // The requester is told what changed and why.
    const [approvedEmail] = await orderEmails(system, fixture.companyId, "order-status", order.number);
    expect(approvedEmail).toMatchObject({
      toAddress: staff.email,
      props: {
        status: "APPROVED",
        note: "Only 6 left for this customer",
        lines: [`Claw hammer (${hammer.sku}): 6 each approved of 8 requested`],
      },
    });
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.approved",
      after: { status: "APPROVED", changed: [{ productId: hammer.id, from: 8, to: 6 }] },
    });

    // Fulfilling more than approved is refused, line by line, and moves nothing.
    const beforeShip = await orderSnapshot(system, fixture.companyId, [order.id], products);
    const tooMany = await failure(
      fulfilOrderRequest(manager.ctx, { orderId: order.id, version: 2, quantities: { [hammer.id]: 7 } }),
    );
    expect(tooMany).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [`quantities.${hammer.id}`]: ["At most 6: that is all that is still to come."] },
    });
    const zero = await failure(
      fulfilOrderRequest(manager.ctx, { orderId: order.id, version: 2, quantities: { [hammer.id]: 0 } }),
    );
    expect(zero.code).toBe("VALIDATION");
    expect(await orderSnapshot(system, fixture.companyId, [order.id], products)).toEqual(beforeShip);

    // Part: 4 hammers and all 5 pairs ship now; 2 hammers stay on backorder, still reserved.
    const part = await fulfilOrderRequest(manager.ctx, {
      orderId: order.id,
      version: 2,
      quantities: { [hammer.id]: 4, [gloves.id]: 5 },
    });
    expect(part).toMatchObject({ status: "PARTIALLY_FULFILLED", version: 3 });
    expect(await linesBy(order.id)).toEqual({
      [hammer.id]: { requested: 8, approved: 6, fulfilled: 4 },
      [gloves.id]: { requested: 5, approved: 5, fulfilled: 5 },
    });
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 16, reserved: 2 });
    expect(await stockAt(system, gloves.id, main)).toEqual({ onHand: 5, reserved: 0 });
    expect(await movementsOf(order.id)).toEqual(
      expect.arrayContaining([
        { productId: hammer.id, quantity: -4, reason: "SHIPPED" },
        { productId: gloves.id, quantity: -5, reason: "SHIPPED" },
      ]),
    );
    const partEmail = (await orderEmails(system, fixture.companyId, "order-status", order.number)).find(
      (email) => (email.props as { status: string }).status === "PARTIALLY_FULFILLED",
    );
    expect(partEmail?.props).toMatchObject({
      lines: expect.arrayContaining([
        `Claw hammer (${hammer.sku}): 4 each shipped, 2 still to come`,
        `Gloves (${gloves.sku}): 5 pair shipped`,
      ]),
    });
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.fulfilled",
      after: { status: "PARTIALLY_FULFILLED", backorder: [{ productId: hammer.id, quantity: 2 }] },
    });
    // The page offers what is left: fulfil or close, never cancel, and says what a fulfilment now would move.
    const view = await getOrderRequest(manager.ctx, { orderId: order.id });
    expect(view.actions).toEqual(["fulfil", "close"]);
    expect(view.lines.find((line) => line.productId === hammer.id)).toMatchObject({
      quantity: 8,
      approvedQuantity: 6,
      fulfilledQuantity: 4,
      outstanding: 2,
      fulfilNow: 2,
    });
    expect(view.outstandingTotals).toEqual([{ unit: "each", quantity: 2 }]);
    const cancel = await failure(cancelOrderRequest(manager.ctx, { orderId: order.id, version: 3 }));
    expect(cancel.code).toBe("INVALID_TRANSITION");
    // A line already complete takes no more.
    const done = await failure(
      fulfilOrderRequest(manager.ctx, { orderId: order.id, version: 3, quantities: { [gloves.id]: 1 } }),
    );
    expect(done).toMatchObject({
      fieldErrors: { [`quantities.${gloves.id}`]: ["Nothing is left to fulfil on this line."] },
    });

    // The rest: with no quantities, everything still to come ships.
    const rest = await fulfilOrderRequest(manager.ctx, { orderId: order.id, version: 3 });
    expect(rest).toMatchObject({ status: "FULFILLED", version: 4 });
    expect(await stockAt(system, hammer.id, main)).toEqual({ onHand: 14, reserved: 0 });
    expect(await linesBy(order.id)).toMatchObject({ [hammer.id]: { approved: 6, fulfilled: 6 } });
    // 6 hammers and 5 pairs in all, never more than approved; the ledger agrees with the stock rows.
    const shipped = (await movementsOf(order.id)).reduce<Record<string, number>>((sum, move) => {
      sum[move.productId] = (sum[move.productId] ?? 0) - move.quantity;
      return sum;
    }, {});
    expect(shipped).toEqual({ [hammer.id]: 6, [gloves.id]: 5 });
    expect(await ledgerBalances(system, hammer.id)).toEqual([{ locationId: main, onHand: 14, movements: 14 }]);
  });
});

describe("closing a backorder", () => {
  it("keeps what shipped, releases what was still reserved, needs a reason, and ends the request", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const drill = await pricedProduct(system, fixture, { name: "Drill", stock: { [main]: 10 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: drill.id, quantity: 10 }],
    });
    await fulfilOrderRequest(manager.ctx, { orderId: order.id, version: order.version, quantities: { [drill.id]: 4 } });
    expect(await stockAt(system, drill.id, main)).toEqual({ onHand: 6, reserved: 6 });
    const partly = await orderSnapshot(system, fixture.companyId, [order.id], [drill.id]);

    const noReason = await failure(closeOrderRequest(manager.ctx, { orderId: order.id, version: 3 }));
    expect(noReason).toMatchObject({ code: "VALIDATION", fieldErrors: { note: expect.any(Array) } });
    // The requester (staff) may see the request but not close it.
    const byStaff = await failure(closeOrderRequest(staff.ctx, { orderId: order.id, version: 3, note: "not needed" }));
    expect(byStaff.code).toBe("INVALID_TRANSITION");
    expect(await orderSnapshot(system, fixture.companyId, [order.id], [drill.id])).toEqual(partly);

    const closed = await closeOrderRequest(manager.ctx, {
      orderId: order.id,
      version: 3,
      note: "Customer bought elsewhere",
    });
    expect(closed).toMatchObject({ status: "CLOSED", version: 4 });
    // Closing moves no stock: the 4 that shipped stay shipped; the 6 still reserved are free again.
    expect(await stockAt(system, drill.id, main)).toEqual({ onHand: 6, reserved: 0 });
    expect(await linesBy(order.id)).toEqual({ [drill.id]: { requested: 10, approved: 10, fulfilled: 4 } });
    expect(await movementsOf(order.id)).toEqual([{ productId: drill.id, quantity: -4, reason: "SHIPPED" }]);
    expect((await orderAudit(system, order.id)).at(-1)).toMatchObject({
      action: "order.closed",
      actorId: manager.userId,
      before: { status: "PARTIALLY_FULFILLED", version: 3 },
      after: {
        status: "CLOSED",
        note: "Customer bought elsewhere",
        notComing: [{ productId: drill.id, quantity: 6 }],
        released: [{ productId: drill.id, quantity: 6 }],
      },
    });
    const emails = await orderEmails(system, fixture.companyId, "order-status", order.number);
    expect(emails.map((email) => (email.props as { status: string }).status)).toEqual([
      "APPROVED",
      "PARTIALLY_FULFILLED",
      "CLOSED",
    ]);
    expect(emails.at(-1)!.props).toMatchObject({
      note: "Customer bought elsewhere",
      lines: [`Drill (${drill.sku}): 6 each not coming`],
    });
    expect((await orderRow(system, order.id)).cancelledById).toBe(manager.userId);
    // Final: nothing more moves it.
    for (const attempt of [
      () => fulfilOrderRequest(manager.ctx, { orderId: order.id, version: 4 }),
      () => closeOrderRequest(manager.ctx, { orderId: order.id, version: 4, note: "again" }),
      () => cancelOrderRequest(manager.ctx, { orderId: order.id, version: 4 }),
    ]) {
      expect((await failure(attempt())).code).toBe("INVALID_TRANSITION");
    }
  });

  it("cancelling an approved order releases only what the approval reserved", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const saw = await pricedProduct(system, fixture, { name: "Saw", stock: { [main]: 10 } });
    const order = await createOrder(staff.ctx, { locationId: main, lines: [{ productId: saw.id, quantity: 9 }] });
    await approveOrderRequest(manager.ctx, {
      orderId: order.id,
      version: 1,
      quantities: { [saw.id]: 3 },
      note: "3 only",
    });
    expect(await stockAt(system, saw.id, main)).toEqual({ onHand: 10, reserved: 3 });
    await cancelOrderRequest(manager.ctx, { orderId: order.id, version: 2 });
    expect(await stockAt(system, saw.id, main)).toEqual({ onHand: 10, reserved: 0 });
  });
});

describe("a restock received in several deliveries", () => {
  it("adds each delivery to stock and completes when everything approved has arrived", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const screws = await pricedProduct(system, fixture, { name: "Screws", unit: "box" });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      type: "RESTOCK",
      locationId: main,
      lines: [{ productId: screws.id, quantity: 30 }],
    });
    // A restock reserves nothing, before or between deliveries.
    const first = await fulfilOrderRequest(manager.ctx, {
      orderId: order.id,
      version: order.version,
      quantities: { [screws.id]: 10 },
    });
    expect(first.status).toBe("PARTIALLY_FULFILLED");
    expect(await stockAt(system, screws.id, main)).toEqual({ onHand: 10, reserved: 0 });
    const second = await fulfilOrderRequest(manager.ctx, {
      orderId: order.id,
      version: first.version,
      quantities: { [screws.id]: 15 },
    });
    expect(second.status).toBe("PARTIALLY_FULFILLED");
    expect(await stockAt(system, screws.id, main)).toEqual({ onHand: 25, reserved: 0 });
    // What is still expected is what a fulfilment now takes by default.
    expect((await getOrderRequest(manager.ctx, { orderId: order.id })).lines[0]).toMatchObject({
      outstanding: 5,
      fulfilNow: 5,
    });
    const last = await fulfilOrderRequest(manager.ctx, { orderId: order.id, version: second.version });
    expect(last.status).toBe("FULFILLED");
    expect(await stockAt(system, screws.id, main)).toEqual({ onHand: 30, reserved: 0 });
    expect(await movementsOf(order.id)).toEqual([
      { productId: screws.id, quantity: 10, reason: "RECEIVED" },
      { productId: screws.id, quantity: 15, reason: "RECEIVED" },
      { productId: screws.id, quantity: 5, reason: "RECEIVED" },
    ]);
    const emails = await orderEmails(system, fixture.companyId, "order-status", order.number);
    expect(emails.at(-1)!.props).toMatchObject({
      status: "FULFILLED",
      lines: [`Screws (${screws.sku}): 5 box received`],
    });
  });
});

describe("a stocktake that counted fewer than approved", () => {
  it("feeds a backorder: the whole order is refused, what is on hand ships, the rest waits reserved", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const tape = await pricedProduct(system, fixture, { name: "Tape", stock: { [main]: 10 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: tape.id, quantity: 8 }],
    });
    await recordStocktake(manager.ctx, {
      operationId: randomUUID(),
      locationId: main,
      counts: [{ productId: tape.id, counted: 5 }],
    });
    expect(await stockAt(system, tape.id, main)).toEqual({ onHand: 5, reserved: 8 });
    // The page proposes the 5 on hand.
    expect((await getOrderRequest(manager.ctx, { orderId: order.id })).lines[0]).toMatchObject({
      outstanding: 8,
      fulfilNow: 5,
      shortForApproved: { canShip: false },
    });
    expect((await failure(fulfilOrderRequest(manager.ctx, { orderId: order.id, version: order.version }))).code).toBe(
      "INSUFFICIENT_STOCK",
    );
    const part = await fulfilOrderRequest(manager.ctx, {
      orderId: order.id,
      version: order.version,
      quantities: { [tape.id]: 5 },
    });
    expect(part.status).toBe("PARTIALLY_FULFILLED");
    // 3 still reserved with nothing on hand: the backorder, short until stock arrives.
    expect(await stockAt(system, tape.id, main)).toEqual({ onHand: 0, reserved: 3 });
  });
});

describe("exactly once", () => {
  it("a double tap on a partial fulfilment moves stock once; the second hears who did it", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const nails = await pricedProduct(system, fixture, { name: "Nails", stock: { [main]: 10 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: nails.id, quantity: 10 }],
    });
    const input = { orderId: order.id, version: order.version, quantities: { [nails.id]: 3 } };
    const results = await Promise.allSettled([
      fulfilOrderRequest(manager.ctx, input),
      fulfilOrderRequest(manager.ctx, input),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^Partly fulfilled by you/),
    });
    expect(await stockAt(system, nails.id, main)).toEqual({ onHand: 7, reserved: 7 });
  });

  it("twenty managers fulfilling 1 at a time, each retrying with the version it reads, ship exactly the 10 approved", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const bolts = await pricedProduct(system, fixture, { name: "Bolts", stock: { [main]: 25 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: bolts.id, quantity: 10 }],
    });
    const racers = Array.from({ length: 20 }, async () => {
      const outcomes: ErrorCode[] = [];
      let shipped = 0;
      for (;;) {
        const { version, status } = await orderRow(system, order.id);
        if (status !== "APPROVED" && status !== "PARTIALLY_FULFILLED") break;
        try {
          await fulfilOrderRequest(manager.ctx, { orderId: order.id, version, quantities: { [bolts.id]: 1 } });
          shipped += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcomes.push(error.code);
        }
      }
      return { shipped, outcomes };
    });
    const results = await Promise.all(racers);
    // Every unit shipped by exactly one racer; losers heard CONFLICT (a stale version) or, at the very end, that
    // nothing was left (VALIDATION) or the request had just been completed (INVALID_TRANSITION) — nothing else.
    expect(results.reduce((sum, result) => sum + result.shipped, 0)).toBe(10);
    for (const code of results.flatMap((result) => result.outcomes)) {
      expect(["CONFLICT", "VALIDATION", "INVALID_TRANSITION"]).toContain(code);
    }
    expect(await stockAt(system, bolts.id, main)).toEqual({ onHand: 15, reserved: 0 });
    expect(await linesBy(order.id)).toEqual({ [bolts.id]: { requested: 10, approved: 10, fulfilled: 10 } });
    const movements = await movementsOf(order.id);
    expect(movements).toHaveLength(10);
    expect(movements.every((move) => move.quantity === -1 && move.reason === "SHIPPED")).toBe(true);
    expect(await orderRow(system, order.id)).toMatchObject({ status: "FULFILLED", version: 12 });
    expect(await ledgerBalances(system, bolts.id)).toEqual([{ locationId: main, onHand: 15, movements: 15 }]);
  }, 60_000);

  it("twenty racers sending the same version at once: exactly one fulfilment lands", async () => {
    const { fixture, manager, manager2, staff } = team;
    const main = fixture.locationId;
    const pins = await pricedProduct(system, fixture, { name: "Pins", stock: { [main]: 50 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: pins.id, quantity: 40 }],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        fulfilOrderRequest((index % 2 ? manager : manager2).ctx, {
          orderId: order.id,
          version: order.version,
          quantities: { [pins.id]: 2 },
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await stockAt(system, pins.id, main)).toEqual({ onHand: 48, reserved: 38 });
  }, 60_000);
});

describe("two companies", () => {
  it("company B acting on company A's request with A's product ids gets NOT_FOUND and changes nothing", async () => {
    const { fixture, manager, staff } = team;
    const main = fixture.locationId;
    const chisel = await pricedProduct(system, fixture, { name: "Chisel", stock: { [main]: 10 } });
    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: main,
      lines: [{ productId: chisel.id, quantity: 6 }],
    });
    await fulfilOrderRequest(manager.ctx, {
      orderId: order.id,
      version: order.version,
      quantities: { [chisel.id]: 1 },
    });
    const before = await orderSnapshot(system, fixture.companyId, [order.id], [chisel.id]);
    const theirs = other.manager.ctx;
    const quantities = { [chisel.id]: 1 };
    for (const attempt of [
      () => fulfilOrderRequest(theirs, { orderId: order.id, version: 3, quantities }),
      () => closeOrderRequest(theirs, { orderId: order.id, version: 3, note: "not yours" }),
      () => approveOrderRequest(theirs, { orderId: order.id, version: 3, quantities }),
      () => cancelOrderRequest(theirs, { orderId: order.id, version: 3 }),
      () => getOrderRequest(theirs, { orderId: order.id }),
    ]) {
      expect((await failure(attempt())).code).toBe("NOT_FOUND");
    }
    expect(await orderSnapshot(system, fixture.companyId, [order.id], [chisel.id])).toEqual(before);
  });
});

describe("a fulfilment's lock order", () => {
  it("takes the products before the stock rows, as the ledger does (lock-order-request.ts)", async () => {
    const { fixture } = team;
    const product = await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 5 } });
    const order = await approvedOrder(team.staff.ctx, team.manager.ctx, {
      locationId: fixture.locationId,
      lines: [{ productId: product.id, quantity: 2 }],
    });
    const pool = superuserPool(3);
    const blocker = await pool.connect();
    const probe = await pool.connect();
    try {
      // A lock on the product that its KEY SHARE waits for.
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM products WHERE id = $1 FOR UPDATE", [product.id]);
      const { pid } = (await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!;
      const fulfil = fulfilOrderRequest(team.manager.ctx, { orderId: order.id, version: order.version });
      let waiting = 0;
      for (let i = 0; i < 250 && waiting === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
          [pid],
        );
        waiting = rows[0]!.n;
      }
      expect(waiting).toBe(1);
      // Waiting for the product, it holds no stock row: another transaction takes it at once.
      await probe.query("BEGIN");
      const held = await probe.query(
        "SELECT 1 FROM stock_levels WHERE product_id = $1 AND location_id = $2 FOR UPDATE NOWAIT",
        [product.id, fixture.locationId],
      );
      expect(held.rowCount).toBe(1);
      await probe.query("ROLLBACK");
      await blocker.query("ROLLBACK");
      await expect(fulfil).resolves.toMatchObject({ status: "FULFILLED" });
      expect(await stockAt(system, product.id, fixture.locationId)).toEqual({ onHand: 3, reserved: 0 });
    } finally {
      await probe.query("ROLLBACK").catch(() => undefined);
      await blocker.query("ROLLBACK").catch(() => undefined);
      probe.release();
      blocker.release();
      await pool.end();
    }
  });
});
