// Order requests racing stock operations and location changes on real PostgreSQL (docs/architecture.md §5, §6): each round
// starts at once, each call in its own transaction on its own connection, approvals, fulfilments, cancellations of
// approved customer orders (which give their reservations back), edits and new requests, next to adjustments,
// transfers both ways between the same two locations, a stocktake, two archives and a rename. They all lock the same
// request, location and stock rows, each in the order its module promises (request, then location, then stock rows
// sorted), and the stock at one location is squeezed so that approvals, adjustments and transfers really compete for
// the last units. Proved, round after round: nothing deadlocks or fails with anything but an AppError, every call is
// refused only in the ways it may be (short stock, an archived location, an archive of a location that holds stock
// or that requests name), and afterwards the books add up: at every location, reserved equals the approved customer
// orders' lines there, on_hand equals the sum of the movements, neither is negative, every product's stored totals
// equal the sums over its stock rows (docs/architecture.md §5 "Stock totals"), where no stocktake counted
// below the reservations on_hand still covers them, and no open request names an archived location.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { env } from "../../lib/env";
import { AppError, type ErrorCode } from "../../lib/errors";
import { archiveLocation } from "../../lib/locations/archive-location";
import { renameLocation } from "../../lib/locations/rename-location";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { importProducts } from "../../lib/products/import-products";
import { updateOrderRequest } from "../../lib/orders/update-order-request";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { transferStock } from "../../lib/stock/transfer-stock";
import {
  approvedOrder,
  createOrder,
  orderInput,
  orderTeam,
  pricedProduct,
  stockAt,
  type OrderMade,
  type OrderTeam,
  type PricedProduct,
} from "../factories/orders";
import { uniqueSuffix } from "../factories/company";
import { createTestLocation, ledgerBalances, receiveStock, totalsMismatches } from "../factories/stock";
import { superuserClient } from "../helpers/db";

// The app's pool (lib/db/tenant.ts, sized by DATABASE_POOL_SIZE, read once on first use): big enough that every call
// of a round holds its transaction open at the same time as the others. tests/setup/integration-env.ts sets 5.
const POOL_SIZE = 24;
process.env.DATABASE_POOL_SIZE = String(POOL_SIZE);

const ROUNDS = 10;
/** Rounds of the product import racing fulfilments. */
const ROUNDS_OF_IMPORT = 2;
/** When the import starts after the first fulfilment: while the others are still taking their locks. */
const IMPORT_DELAY_MS = 300;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** What each stocktake at the start of a round counts at both locations: far more than any round needs. */
const PLENTY = 500;

let system: PrismaClient;
let t: OrderTeam;

beforeAll(async () => {
  expect(env().DATABASE_POOL_SIZE).toBe(POOL_SIZE);
  system = superuserClient(4);
  t = await orderTeam(system, "stock-race");
});

afterAll(async () => {
  await system.$disconnect();
});

/** One call of a round: what it is, and the refusals it may meet (anything else fails the test). */
interface RacingCall {
  kind: string;
  label: string;
  mayRefuse: readonly ErrorCode[];
  /** An archive that can only be refused: it must never succeed. */
  mustRefuse?: true;
  run: () => Promise<unknown>;
}

/**
 * Every stock row of the company where reserved is not the sum of its location's approved customer-order lines for
 * that product, or on_hand or reserved is negative; a reservation without a stock row shows up too (FULL JOIN).
 */
async function reservationMismatches(companyId: string) {
  return system.$queryRaw<
    { location: string; sku: string; on_hand: number | null; reserved: number | null; expected: number }[]
  >`
    WITH expected AS (
      SELECT r.location_id, l.product_id, sum(l.quantity)::int AS reserved
        FROM order_requests r
        JOIN order_lines l ON l.company_id = r.company_id AND l.order_id = r.id
       WHERE r.company_id = ${companyId}::uuid AND r.status = 'APPROVED' AND r.type = 'CUSTOMER_ORDER'
       GROUP BY r.location_id, l.product_id
    ), levels AS (
      SELECT location_id, product_id, on_hand, reserved FROM stock_levels WHERE company_id = ${companyId}::uuid
    )
    SELECT loc.name AS location, p.sku, s.on_hand, s.reserved, coalesce(e.reserved, 0) AS expected
      FROM levels s
      FULL JOIN expected e ON e.location_id = s.location_id AND e.product_id = s.product_id
      JOIN locations loc ON loc.company_id = ${companyId}::uuid AND loc.id = coalesce(s.location_id, e.location_id)
      JOIN products p ON p.company_id = ${companyId}::uuid AND p.id = coalesce(s.product_id, e.product_id)
     WHERE s.reserved IS DISTINCT FROM coalesce(e.reserved, 0) OR s.on_hand < 0 OR s.reserved < 0
     ORDER BY loc.name, p.sku`;
}

/** A manager's stocktake at the location, counting each product as `counted` says. */
async function countAt(
  locationId: string,
  products: PricedProduct[],
  counted: (product: PricedProduct) => number | Promise<number>,
) {
  const counts = [];
  for (const product of products) counts.push({ productId: product.id, counted: await counted(product) });
  await recordStocktake(t.manager.ctx, { operationId: randomUUID(), locationId, counts });
}

it("order transitions, stock operations and location changes at once: no deadlock, and the books add up", async () => {
  const companyId = t.fixture.companyId;
  const a = await createTestLocation(system, companyId);
  const b = await createTestLocation(system, companyId);
  const products: PricedProduct[] = [];
  for (let i = 0; i < 4; i++) products.push(await pricedProduct(system, t.fixture));
  const p = (i: number) => products[i % products.length]!;
  const manager = t.manager.ctx;
  const succeeded = new Map<string, number>();
  const refusedWith = new Map<ErrorCode, number>();

  for (let round = 0; round < ROUNDS; round++) {
    // Set-up, one call at a time: both locations stocked, four approved customer orders (two reserving at each
    // location) and four pending ones, and an empty location that requests are about to name and an archive to take.
    await countAt(a.id, products, () => PLENTY);
    await countAt(b.id, products, () => PLENTY);
    const spare = await createTestLocation(system, companyId);
    const approved: OrderMade[] = [];
    const pending: OrderMade[] = [];
    for (let i = 0; i < 4; i++) {
      const lines = [p(i), p(i + 1), p(i + 2)].map((product, k) => ({ productId: product.id, quantity: k + 1 }));
      approved.push(await approvedOrder(t.staff.ctx, manager, { locationId: i % 2 ? a.id : b.id, lines }));
      pending.push(await createOrder(t.staff.ctx, { locationId: i % 2 ? b.id : a.id, lines: lines.reverse() }));
    }
    // After a first round with plenty everywhere, b is counted down to its reservations and 0 to 2 units more:
    // whatever the race takes from there competes with the approvals there for those few units and the ones the
    // cancellations give back and the transfers bring in (with none to spare, more is asked for than can arrive).
    if (round > 0) {
      const leeway = round % 3;
      await countAt(b.id, products, async (product) => (await stockAt(system, product.id, b.id)).reserved + leeway);
    }

    const calls: RacingCall[] = [
      ...approved.map((order, i): RacingCall =>
        i % 2
          ? {
              kind: "fulfil",
              label: `fulfil approved #${i} at a`,
              // The stocktake below may count a product at a out from under it.
              mayRefuse: ["INSUFFICIENT_STOCK"],
              run: () =>
                fulfilOrderRequest(i === 1 ? manager : t.manager2.ctx, { orderId: order.id, version: order.version }),
            }
          : {
              kind: "cancel",
              label: `cancel approved #${i} at b`,
              mayRefuse: [],
              run: () => cancelOrderRequest(t.manager2.ctx, { orderId: order.id, version: order.version }),
            },
      ),
      ...pending.map((order, i): RacingCall =>
        i % 2
          ? {
              kind: "approve",
              label: `approve pending #${i} at b`,
              mayRefuse: ["INSUFFICIENT_STOCK"],
              run: () => approveOrderRequest(t.manager2.ctx, { orderId: order.id, version: order.version }),
            }
          : {
              kind: "edit",
              label: `edit pending #${i} to ${i === 0 ? "spare" : "a"}`,
              // Moved to the spare location, it may find it archived.
              mayRefuse: i === 0 ? ["VALIDATION"] : [],
              run: () =>
                updateOrderRequest(t.staff.ctx, {
                  orderId: order.id,
                  version: order.version,
                  type: "CUSTOMER_ORDER",
                  locationId: i === 0 ? spare.id : a.id,
                  lines: [
                    { productId: p(3).id, quantity: 1 },
                    { productId: p(0).id, quantity: 2 },
                  ],
                }),
            },
      ),
      ...products.map((product, i): RacingCall => {
        const [from, to] = i % 2 ? [a, b] : [b, a];
        return {
          kind: "transfer",
          label: `transfer product ${i} ${from === a ? "a to b" : "b to a"}`,
          mayRefuse: ["INSUFFICIENT_STOCK"],
          run: () =>
            transferStock(manager, {
              operationId: randomUUID(),
              productId: product.id,
              fromLocationId: from.id,
              toLocationId: to.id,
              quantity: 1,
            }),
        };
      }),
      ...products.map((product, i): RacingCall => ({
        kind: "adjust",
        label: `adjust product ${i} at ${i % 2 ? "b" : "a"}`,
        mayRefuse: ["INSUFFICIENT_STOCK"],
        run: () =>
          adjustStock(manager, {
            operationId: randomUUID(),
            productId: product.id,
            locationId: i % 2 ? b.id : a.id,
            mode: "change",
            quantity: -1,
            reason: "Race test",
          }),
      })),
      {
        kind: "stocktake",
        label: "stocktake at a",
        mayRefuse: [],
        // The last product counted at 1: below what the approved orders at a reserve, as a stocktake may book.
        run: () =>
          recordStocktake(manager, {
            operationId: randomUUID(),
            locationId: a.id,
            counts: products.map((product, i) => ({ productId: product.id, counted: i === 3 ? 1 : 400 + round })),
          }),
      },
      {
        kind: "archive",
        label: "archive a",
        mayRefuse: ["CONFLICT"],
        mustRefuse: true,
        run: () => archiveLocation(manager, { locationId: a.id }),
      },
      {
        kind: "archive",
        label: "archive spare",
        // Refused when a request made or moved there got in first.
        mayRefuse: ["CONFLICT"],
        run: () => archiveLocation(t.manager2.ctx, { locationId: spare.id }),
      },
      {
        kind: "rename",
        label: "rename a",
        mayRefuse: [],
        run: () => renameLocation(manager, { locationId: a.id, name: `${a.name} (round ${round + 1})` }),
      },
      {
        kind: "create",
        label: "create at spare",
        mayRefuse: ["VALIDATION"],
        run: () =>
          createOrderRequest(
            t.staff2.ctx,
            orderInput({ locationId: spare.id, lines: [{ productId: p(1).id, quantity: 1 }] }),
          ),
      },
      {
        kind: "create",
        label: "create at b",
        mayRefuse: [],
        run: () =>
          createOrderRequest(
            t.staff2.ctx,
            orderInput({ locationId: b.id, lines: [{ productId: p(2).id, quantity: 4 }] }),
          ),
      },
    ];
    expect(calls.length).toBeLessThanOrEqual(POOL_SIZE);

    const results = await Promise.allSettled(calls.map((call) => call.run()));

    const unexpected: string[] = [];
    results.forEach((result, i) => {
      const call = calls[i]!;
      if (result.status === "fulfilled") {
        if (call.mustRefuse) unexpected.push(`${call.label}: succeeded`);
        succeeded.set(call.kind, (succeeded.get(call.kind) ?? 0) + 1);
      } else if (!(result.reason instanceof AppError)) {
        unexpected.push(`${call.label}: ${String((result.reason as Error)?.stack ?? result.reason)}`);
      } else if (!call.mayRefuse.includes(result.reason.code)) {
        unexpected.push(`${call.label}: refused ${result.reason.code}: ${result.reason.message}`);
      } else {
        refusedWith.set(result.reason.code, (refusedWith.get(result.reason.code) ?? 0) + 1);
      }
    });
    expect(unexpected, `round ${round + 1}`).toEqual([]);

    expect(await reservationMismatches(companyId), `round ${round + 1}`).toEqual([]);
    expect(await totalsMismatches(system, companyId), `round ${round + 1}: stock totals`).toEqual([]);
    // An archive and a request naming the location never both get through: no open request at an archived location.
    expect(
      await system.orderRequest.findMany({
        where: { companyId, status: { in: ["PENDING", "APPROVED"] }, location: { archivedAt: { not: null } } },
        select: { number: true, status: true },
      }),
      `round ${round + 1}: open requests at an archived location`,
    ).toEqual([]);
    for (const product of products) {
      for (const row of await ledgerBalances(system, product.id)) {
        expect(row.onHand, `round ${round + 1}: on_hand of ${product.sku} at ${row.locationId}`).toBe(row.movements);
      }
      // b is never counted below its reservations: stock leaves it only out of what is available.
      const atB = await stockAt(system, product.id, b.id);
      expect(atB.onHand, `round ${round + 1}: ${product.sku} at b`).toBeGreaterThanOrEqual(atB.reserved);
    }
  }

  // Every kind of call got through at some point (the first round has plenty), and the squeeze at b refused some.
  for (const kind of ["fulfil", "cancel", "approve", "edit", "create", "transfer", "adjust", "stocktake", "rename"]) {
    expect(succeeded.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }
  expect(refusedWith.get("INSUFFICIENT_STOCK") ?? 0).toBeGreaterThan(0);
}, 60_000);

it("a product import changing 200 barcodes races 20 two-line fulfilments: no deadlock, and the books add up", async () => {
  const team = await orderTeam(system, "import-race");
  const companyId = team.fixture.companyId;
  const manager = team.manager.ctx;
  const location = await createTestLocation(system, companyId);
  const products = await system.product.createManyAndReturn({
    data: Array.from({ length: 200 }, (_, i) => ({
      companyId,
      sku: `IR-${uniqueSuffix()}`,
      name: `Import race ${i}`,
      barcode: `IR-${i}`,
      salePrice: "12.50",
    })),
    select: { id: true, sku: true, name: true },
  });
  // Ids in the database's order; the file lists the products the other way round, so an import that locked them in
  // file order would lock them against the order of the fulfilments.
  const byId = [...products].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  // Each fulfilment ships two products from the two ends of that order: an import in file order reaches the one
  // late in id order first and the other one last, long after the fulfilment has locked it.
  const pairs = Array.from({ length: 20 }, (_, k) => [byId[k]!, byId[199 - k]!]);
  for (const pair of pairs) for (const product of pair) await receiveStock(team.fixture, product.id, location.id, 10);

  for (let round = 1; round <= ROUNDS_OF_IMPORT; round++) {
    const orders: OrderMade[] = [];
    for (const pair of pairs) {
      orders.push(
        await approvedOrder(team.staff.ctx, manager, {
          locationId: location.id,
          lines: pair.map((product) => ({ productId: product.id, quantity: 2 })),
        }),
      );
    }
    const barcodeOf = (i: number) => `IR-${i}-R${round}`;
    const rows = [...byId].reverse().map((product, i) => `${product.sku},${product.name},${barcodeOf(i)}`);
    const file = `sku,name,barcode\r\n${rows.join("\r\n")}\r\n`;

    // The fulfilments queue on the company's day totals while holding their products' keys: the import starts
    // once some of them are through and others are still arriving, so it writes while they hold and take locks.
    const results = await Promise.allSettled([
      pause(IMPORT_DELAY_MS).then(() =>
        importProducts(manager, {
          operationId: randomUUID(),
          fileName: "barcodes.csv",
          content: file,
          mode: "commit",
        }),
      ),
      ...orders.map((order, k) =>
        pause(k * 10).then(() => fulfilOrderRequest(manager, { orderId: order.id, version: order.version })),
      ),
    ]);

    const failures = results.flatMap((result) =>
      result.status === "rejected" ? [String((result.reason as Error)?.stack ?? result.reason)] : [],
    );
    expect(failures, `round ${round}`).toEqual([]);
    const imported = results[0]!.status === "fulfilled" ? (results[0].value as { updates: unknown[] }) : null;
    expect(imported?.updates, `round ${round}`).toHaveLength(200);
    const written = await system.product.findMany({
      where: { companyId, id: { in: products.map((product) => product.id) } },
      select: { sku: true, barcode: true },
    });
    expect(new Map(written.map((p) => [p.sku, p.barcode]))).toEqual(
      new Map([...byId].reverse().map((product, i) => [product.sku, barcodeOf(i)])),
    );
    expect(
      await system.orderRequest.count({
        where: { companyId, id: { in: orders.map((o) => o.id) }, status: "FULFILLED" },
      }),
      `round ${round}: every fulfilment went through`,
    ).toBe(20);
    expect(await reservationMismatches(companyId), `round ${round}`).toEqual([]);
    expect(await totalsMismatches(system, companyId), `round ${round}: stock totals`).toEqual([]);
    for (const product of pairs.flat()) {
      for (const row of await ledgerBalances(system, product.id)) {
        expect(row.onHand, `round ${round}: on_hand of ${product.sku}`).toBe(row.movements);
        expect(row.onHand, `round ${round}: ${product.sku} shipped twice a round`).toBe(10 - 2 * round);
      }
    }
  }
}, 120_000);
