// Order requests under concurrency on real PostgreSQL (docs/architecture.md §6): calls started at once, each in its own
// transaction on its own connection. Two managers approving or fulfilling the same request: exactly one wins,
// the other gets a CONFLICT and stock moves once. Fifty fulfilments competing for too little stock: exactly as many
// succeed as there are units, on_hand never goes below zero and the ledger still adds up. Request numbers stay
// consecutive, a repeated submit creates one request, and fulfilments locking the same stock rows in opposite
// line order never deadlock.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { env } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import {
  approvedOrder,
  createOrder,
  orderInput,
  orderRow,
  orderTeam,
  pricedProduct,
  stockAt,
  type OrderTeam,
} from "../factories/orders";
import { createTestLocation, ledgerBalances } from "../factories/stock";
import { addMember } from "../factories/users";
import { superuserClient } from "../helpers/db";

// The app's pool (lib/db/tenant.ts, sized by DATABASE_POOL_SIZE, read once on first use): big enough that the
// racing calls really hold their transactions open at the same time. tests/setup/integration-env.ts sets 5.
const POOL_SIZE = 20;
process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);

let system: PrismaClient;
let t: OrderTeam;

beforeAll(async () => {
  expect(env().DATABASE_POOL_SIZE).toBe(POOL_SIZE);
  system = superuserClient(8);
  t = await orderTeam(system, "order-race");
});

afterAll(async () => {
  await system.$disconnect();
});

type Settled<T> = PromiseSettledResult<T>;

const fulfilledOf = <T>(results: Settled<T>[]) =>
  results.filter((r): r is PromiseFulfilledResult<T> => r.status === "fulfilled").map((r) => r.value);

/** The reasons of the rejected calls: AppErrors only (anything else, a deadlock among them, fails the test). */
function refusalsOf<T>(results: Settled<T>[]): AppError[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .map((r) => {
      if (!(r.reason instanceof AppError)) throw r.reason;
      return r.reason;
    });
}

async function expectLedgerHolds(productId: string) {
  for (const row of await ledgerBalances(system, productId))
    expect(row.onHand, `on_hand at ${row.locationId}`).toBe(row.movements);
}

describe("two managers at once", () => {
  it("approving the same version: one wins, the other gets a CONFLICT, and the stock is reserved once", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } });
    for (let round = 0; round < 3; round++) {
      const order = await createOrder(t.staff.ctx, {
        locationId: location.id,
        lines: [{ productId: product.id, quantity: 2 }],
      });
      const results = await Promise.allSettled([
        approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 }),
        approveOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1 }),
      ]);
      expect(fulfilledOf(results)).toEqual([{ id: order.id, number: order.number, status: "APPROVED", version: 2 }]);
      const [refused] = refusalsOf(results);
      expect(refused?.code).toBe("CONFLICT");
      const row = await orderRow(system, order.id);
      expect(row).toMatchObject({ status: "APPROVED", version: 2 });
      // The loser is told who won.
      const winner = row.decidedById === t.manager.userId ? t.manager : t.manager2;
      expect(refused?.message).toContain(winner.name);
      expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 10, reserved: 2 * (round + 1) });
      expect(await system.auditLog.count({ where: { entityId: order.id, action: "order.approved" } })).toBe(1);
    }
  });

  it("fulfilling the same request: one wins, the stock moves once", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const [x, y] = await Promise.all([
      pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } }),
      pricedProduct(system, t.fixture, { stock: { [location.id]: 10 } }),
    ]);
    const order = await approvedOrder(t.staff.ctx, t.manager.ctx, {
      locationId: location.id,
      lines: [
        { productId: x.id, quantity: 3 },
        { productId: y.id, quantity: 4 },
      ],
    });
    const results = await Promise.allSettled([
      fulfilOrderRequest(t.manager.ctx, { orderId: order.id, version: order.version }),
      fulfilOrderRequest(t.manager2.ctx, { orderId: order.id, version: order.version }),
    ]);
    expect(fulfilledOf(results)).toHaveLength(1);
    expect(refusalsOf(results).map((e) => e.code)).toEqual(["CONFLICT"]);
    expect(await system.stockMovement.count({ where: { orderId: order.id } })).toBe(2);
    expect(await stockAt(system, x.id, location.id)).toEqual({ onHand: 7, reserved: 0 });
    expect(await stockAt(system, y.id, location.id)).toEqual({ onHand: 6, reserved: 0 });
    expect(await orderRow(system, order.id)).toMatchObject({ status: "FULFILLED", version: 3 });
    await expectLedgerHolds(x.id);
    await expectLedgerHolds(y.id);
  });
});

describe("scarce stock", () => {
  it("50 fulfilments of 1 unit where 20 are left: exactly 20 ship, 30 are INSUFFICIENT_STOCK, never below zero", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const product = await pricedProduct(system, t.fixture, { stock: { [location.id]: 60 } });
    const orders = [];
    for (let i = 0; i < 50; i++) {
      orders.push(
        await approvedOrder(t.staff.ctx, t.manager.ctx, {
          locationId: location.id,
          lines: [{ productId: product.id, quantity: 1 }],
        }),
      );
    }
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 60, reserved: 50 });
    // The stocktake books the counted truth even below what is reserved.
    await recordStocktake(t.manager.ctx, {
      operationId: randomUUID(),
      locationId: location.id,
      counts: [{ productId: product.id, counted: 20 }],
    });
    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 20, reserved: 50 });

    const results = await Promise.allSettled(
      orders.map((order, i) =>
        fulfilOrderRequest(i % 2 ? t.manager.ctx : t.manager2.ctx, { orderId: order.id, version: order.version }),
      ),
    );
    const shipped = fulfilledOf(results);
    const refused = refusalsOf(results);
    expect(shipped).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const error of refused) {
      expect(error.code).toBe("INSUFFICIENT_STOCK");
      expect(error.message).toContain(product.sku);
    }

    expect(await stockAt(system, product.id, location.id)).toEqual({ onHand: 0, reserved: 30 });
    const movements = await system.stockMovement.findMany({
      where: { productId: product.id, locationId: location.id },
      select: { quantity: true, balanceAfter: true, reason: true, orderId: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const shippedMovements = movements.filter((m) => m.reason === "SHIPPED");
    expect(shippedMovements).toHaveLength(20);
    expect(shippedMovements.every((m) => m.quantity === -1 && m.balanceAfter >= 0)).toBe(true);
    expect(shippedMovements.map((m) => m.balanceAfter).sort((p, q) => q - p)).toEqual(
      Array.from({ length: 20 }, (_, i) => 19 - i),
    );
    expect(new Set(shippedMovements.map((m) => m.orderId)).size).toBe(20);
    expect(movements.reduce((sum, m) => sum + m.quantity, 0)).toBe(0);
    await expectLedgerHolds(product.id);

    const statuses = await system.orderRequest.groupBy({
      by: ["status"],
      where: { id: { in: orders.map((o) => o.id) } },
      _count: { _all: true },
    });
    expect(Object.fromEntries(statuses.map((s) => [s.status, s._count._all]))).toEqual({ FULFILLED: 20, APPROVED: 30 });
    const shippedIds = new Set(shipped.map((s) => s.id));
    expect(new Set(shippedMovements.map((m) => m.orderId))).toEqual(shippedIds);
  });
});

describe("creating at once", () => {
  it("20 creates in one company get exactly the next 20 numbers: no gaps, no duplicates", async () => {
    const team = await orderTeam(system, "order-numbers");
    const product = await pricedProduct(system, team.fixture);
    const { lastNumber } = await system.orderRequestCounter.findUniqueOrThrow({
      where: { companyId: team.fixture.companyId },
    });
    const people = [team.staff, team.staff2, team.manager, team.manager2];
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createOrderRequest(
          people[i % people.length]!.ctx,
          orderInput({ locationId: team.fixture.locationId, lines: [{ productId: product.id, quantity: i + 1 }] }),
        ),
      ),
    );
    expect(refusalsOf(results)).toEqual([]);
    const numbers = fulfilledOf(results)
      .map((r) => r.number)
      .sort((p, q) => p - q);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => lastNumber + 1 + i));
    const stored = await system.orderRequest.findMany({
      where: { companyId: team.fixture.companyId, number: { gt: lastNumber } },
      select: { number: true },
      orderBy: { number: "asc" },
    });
    expect(stored.map((s) => s.number)).toEqual(numbers);
    expect(
      (await system.orderRequestCounter.findUniqueOrThrow({ where: { companyId: team.fixture.companyId } })).lastNumber,
    ).toBe(lastNumber + 20);
  });

  it("a company's very first requests, made at once before it has a counter row, are numbered 1 to 10", async () => {
    const company = await system.company.create({
      data: { name: "Counterless", slug: `counterless-${randomUUID().slice(0, 8)}` },
      select: { id: true },
    });
    const location = await system.location.create({
      data: { companyId: company.id, name: "Main", isDefault: true },
      select: { id: true },
    });
    const product = await system.product.create({
      data: { companyId: company.id, sku: `CL-${randomUUID().slice(0, 8)}`, name: "First thing" },
      select: { id: true },
    });
    const people = await Promise.all([
      addMember(system, company.id, { role: "STAFF" }),
      addMember(system, company.id, { role: "MANAGER" }),
    ]);
    expect(await system.orderRequestCounter.count({ where: { companyId: company.id } })).toBe(0);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createOrderRequest(
          people[i % 2]!.ctx,
          orderInput({ locationId: location.id, lines: [{ productId: product.id, quantity: 1 }] }),
        ),
      ),
    );
    expect(refusalsOf(results)).toEqual([]);
    expect(
      fulfilledOf(results)
        .map((r) => r.number)
        .sort((p, q) => p - q),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("5 simultaneous submits with one client request id create one request, and all return it", async () => {
    const product = await pricedProduct(system, t.fixture);
    const input = orderInput(
      { locationId: t.fixture.locationId, lines: [{ productId: product.id, quantity: 3 }], reference: "Double tap" },
      randomUUID(),
    );
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => createOrderRequest(t.staff.ctx, input)));
    expect(refusalsOf(results)).toEqual([]);
    const returned = fulfilledOf(results);
    expect(new Set(returned.map((r) => r.id)).size).toBe(1);
    expect(new Set(returned.map((r) => r.number)).size).toBe(1);
    expect(returned.filter((r) => r.created)).toHaveLength(1);
    expect(
      await system.orderRequest.count({
        where: { companyId: t.fixture.companyId, clientRequestId: input.clientRequestId },
      }),
    ).toBe(1);
    expect(await system.auditLog.count({ where: { entityId: returned[0]!.id, action: "order.created" } })).toBe(1);
  });
});

describe("lock order", () => {
  it("two fulfilments naming the same two products in opposite order never deadlock", async () => {
    const location = await createTestLocation(system, t.fixture.companyId);
    const rounds = 10;
    const [x, y] = await Promise.all([
      pricedProduct(system, t.fixture, { stock: { [location.id]: 100 } }),
      pricedProduct(system, t.fixture, { stock: { [location.id]: 100 } }),
    ]);
    for (let round = 0; round < rounds; round++) {
      const forward = await approvedOrder(t.staff.ctx, t.manager.ctx, {
        locationId: location.id,
        lines: [
          { productId: x.id, quantity: 1 },
          { productId: y.id, quantity: 2 },
        ],
      });
      const backward = await approvedOrder(t.staff2.ctx, t.manager.ctx, {
        locationId: location.id,
        lines: [
          { productId: y.id, quantity: 3 },
          { productId: x.id, quantity: 4 },
        ],
      });
      const results = await Promise.allSettled([
        fulfilOrderRequest(t.manager.ctx, { orderId: forward.id, version: forward.version }),
        fulfilOrderRequest(t.manager2.ctx, { orderId: backward.id, version: backward.version }),
      ]);
      expect(refusalsOf(results), `round ${round}`).toEqual([]);
      expect(fulfilledOf(results).map((r) => r.status)).toEqual(["FULFILLED", "FULFILLED"]);
    }
    expect(await stockAt(system, x.id, location.id)).toEqual({ onHand: 100 - rounds * (1 + 4), reserved: 0 });
    expect(await stockAt(system, y.id, location.id)).toEqual({ onHand: 100 - rounds * (2 + 3), reserved: 0 });
    await expectLedgerHolds(x.id);
    await expectLedgerHolds(y.id);
  });
});
