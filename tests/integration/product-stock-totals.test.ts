// Per-product stock totals (docs/architecture.md §5 "Stock totals", issue 14 item 2) on real PostgreSQL: every product
// has a row from its creation; stock moves, reservations, releases, price, reorder-point and archive edits keep it in
// the same transaction; a statement over several products locks their totals rows in product id order (proved
// deterministically: with the second row held elsewhere, the first is already taken); racing operations over the
// same products at two locations never re-run a transaction and leave the totals exact; the app role reads them
// under row-level security and cannot write them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { getDashboard } from "../../lib/dashboard/get-dashboard";
import { AppError, type ErrorCode } from "../../lib/errors";
import { logger } from "../../lib/logger";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { archiveProduct } from "../../lib/products/archive-product";
import { importProducts } from "../../lib/products/import-products";
import { restoreProduct } from "../../lib/products/restore-product";
import { updateProduct } from "../../lib/products/update-product";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { countLowStock } from "../../lib/stock/low-stock";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { transferStock } from "../../lib/stock/transfer-stock";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import {
  approvedOrder,
  createOrder,
  orderTeam,
  pricedProduct,
  type OrderTeam,
  type PricedProduct,
} from "../factories/orders";
import { createTestLocation, totalsMismatches } from "../factories/stock";
import { appRolePool, asCompany, superuserClient, superuserPool } from "../helpers/db";

let system: PrismaClient;
let team: OrderTeam;

beforeAll(async () => {
  system = superuserClient(4);
  team = await orderTeam(system, "totals");
});

afterAll(async () => {
  await system.$disconnect();
});

/** The product's totals row as the company reads it (tenant transaction: both isolation layers apply). */
async function totalsOf(fixture: CompanyFixture, productId: string) {
  return withTenantTx(fixture, (tx) =>
    tx.productStockTotal.findUnique({
      where: { companyId_productId: { companyId: fixture.companyId, productId } },
      select: { onHand: true, reserved: true, costValue: true, saleValue: true, reorderPoint: true, archived: true },
    }),
  );
}

const money = (value: { toString(): string } | undefined) => (value === undefined ? undefined : Number(value));

async function productVersion(productId: string): Promise<number> {
  return (await system.product.findUniqueOrThrow({ where: { id: productId }, select: { version: true } })).version;
}

describe("kept in the transaction of every change", () => {
  it("a new product starts with a row of nothing in stock", async () => {
    const product = await pricedProduct(system, team.fixture, { costPrice: "2.00", salePrice: "3.00" });
    const totals = await totalsOf(team.fixture, product.id);
    expect(totals).toMatchObject({ onHand: 0n, reserved: 0n, reorderPoint: 0, archived: false });
    expect(money(totals?.costValue)).toBe(0);
    expect(money(totals?.saleValue)).toBe(0);
  });

  it("stock moves, reservations and releases change on hand and reserved; a cost edit revalues the stock", async () => {
    const { fixture, manager, staff } = team;
    const x = await createTestLocation(system, fixture.companyId);
    const y = await createTestLocation(system, fixture.companyId);
    const product = await pricedProduct(system, fixture, {
      costPrice: "7.25",
      salePrice: "12.50",
      stock: { [x.id]: 10, [y.id]: 5 },
    });
    let totals = await totalsOf(fixture, product.id);
    expect(totals).toMatchObject({ onHand: 15n, reserved: 0n });
    expect(money(totals?.costValue)).toBe(15 * 7.25);
    expect(money(totals?.saleValue)).toBe(15 * 12.5);

    const order = await approvedOrder(staff.ctx, manager.ctx, {
      locationId: x.id,
      lines: [{ productId: product.id, quantity: 4 }],
    });
    expect(await totalsOf(fixture, product.id)).toMatchObject({ onHand: 15n, reserved: 4n });

    await transferStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      fromLocationId: x.id,
      toLocationId: y.id,
      quantity: 3,
    });
    expect(await totalsOf(fixture, product.id)).toMatchObject({ onHand: 15n, reserved: 4n });

    const before = await getDashboard(manager.ctx, {});
    const edited = await system.product.findUniqueOrThrow({ where: { id: product.id } });
    await updateProduct(manager.ctx, {
      id: product.id,
      version: edited.version,
      sku: edited.sku,
      name: edited.name,
      unit: edited.unit,
      costPrice: "8.00",
      salePrice: "12.50",
      reorderPoint: 0,
    });
    totals = await totalsOf(fixture, product.id);
    expect(money(totals?.costValue)).toBe(15 * 8);
    expect(money(totals?.saleValue)).toBe(15 * 12.5);
    // The dashboard's value at cost moves by exactly this product's 15 units × the 0.75 it gained.
    const after = await getDashboard(manager.ctx, {});
    expect(Number(after.stockValue!.atCost) - Number(before.stockValue!.atCost)).toBeCloseTo(15 * 0.75, 2);
    expect(after.stockValue!.atSale).toBe(before.stockValue!.atSale);

    await fulfilOrderRequest(manager.ctx, { orderId: order.id, version: order.version });
    totals = await totalsOf(fixture, product.id);
    expect(totals).toMatchObject({ onHand: 11n, reserved: 0n });
    expect(money(totals?.costValue)).toBe(11 * 8);
    expect(await totalsMismatches(system, fixture.companyId)).toEqual([]);
  });

  it("the reorder point and archiving move a product in and out of the low-stock count", async () => {
    const { fixture, manager } = team;
    const product = await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 15 } });
    const low = () => countLowStock(manager.ctx, {});
    const start = await low();
    const edit = async (reorderPoint: number) => {
      const row = await system.product.findUniqueOrThrow({ where: { id: product.id } });
      await updateProduct(manager.ctx, {
        id: product.id,
        version: row.version,
        sku: row.sku,
        name: row.name,
        unit: row.unit,
        costPrice: String(row.costPrice),
        salePrice: String(row.salePrice),
        reorderPoint,
      });
    };
    await edit(15);
    expect(await low()).toBe(start + 1);
    await archiveProduct(manager.ctx, { id: product.id, version: await productVersion(product.id) });
    expect(await low()).toBe(start);
    await restoreProduct(manager.ctx, { id: product.id, version: await productVersion(product.id) });
    expect(await low()).toBe(start + 1);
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product.id,
      locationId: fixture.locationId,
      mode: "change",
      quantity: 1,
      reason: "Found one",
    });
    expect(await low()).toBe(start);
    await edit(16);
    expect(await low()).toBe(start + 1);
    expect(await totalsMismatches(system, fixture.companyId)).toEqual([]);
  });

  it("stock rows written with no tenant context (the seed, as the system role) keep the totals, and leave none set", async () => {
    const product = await pricedProduct(system, team.fixture, { costPrice: "1.50" });
    const location = await createTestLocation(system, team.fixture.companyId);
    const setting = await system.$transaction(async (tx) => {
      await tx.stockLevel.create({
        data: { companyId: team.fixture.companyId, productId: product.id, locationId: location.id, onHand: 6 },
      });
      const [row] = await tx.$queryRaw<
        { value: string | null }[]
      >`SELECT current_setting('app.company_id', true) AS value`;
      return row?.value ?? "";
    });
    expect(setting).toBe("");
    expect(await totalsOf(team.fixture, product.id)).toMatchObject({ onHand: 6n });
    expect(await totalsMismatches(system, team.fixture.companyId)).toEqual([]);
  });
});

describe("under concurrency", () => {
  it("reservations, fulfilments, adjustments, transfers, cost edits and a cost import over the same products: no deadlock, exact totals", async () => {
    const { fixture, manager, staff } = await orderTeam(system, "totals-race");
    const x = await createTestLocation(system, fixture.companyId);
    const y = await createTestLocation(system, fixture.companyId);
    const products: PricedProduct[] = [];
    for (let i = 0; i < 6; i++)
      products.push(await pricedProduct(system, fixture, { stock: { [x.id]: 300, [y.id]: 300 } }));
    const byId = [...products].sort((p, q) => (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
    // Every re-run of a transaction (a deadlock or serialization failure) is logged as a "database conflict".
    const warn = vi.spyOn(logger, "warn");
    onTestFinished(() => warn.mockRestore());

    for (let round = 1; round <= 5; round++) {
      // Orders listing the products in id order and against it, half approved already (to fulfil), half pending.
      const lines = (list: typeof products) => list.map((p, k) => ({ productId: p.id, quantity: 1 + (k % 3) }));
      const toFulfil = [];
      const toApprove = [];
      // At both locations: operations at x and at y share no stock row, so only the totals rows' order keeps them
      // from waiting for each other in a circle.
      for (let k = 0; k < 8; k++) {
        const list = k % 2 ? [...byId].reverse() : byId;
        const at = k % 4 < 2 ? x : y;
        toFulfil.push(await approvedOrder(staff.ctx, manager.ctx, { locationId: at.id, lines: lines(list) }));
        toApprove.push(await createOrder(staff.ctx, { locationId: at.id, lines: lines(list) }));
      }
      const cost = (i: number) => `${round}.${String(10 + i).padStart(2, "0")}`;
      const file = ["sku,name,cost_price", ...[...byId].reverse().map((p, i) => `${p.sku},${p.name},${cost(i)}`)].join(
        "\r\n",
      );
      const calls: { label: string; mayRefuse: ErrorCode[]; run: () => Promise<unknown> }[] = [
        ...toFulfil.map((order) => ({
          label: "fulfil",
          mayRefuse: [] as ErrorCode[],
          run: () => fulfilOrderRequest(manager.ctx, { orderId: order.id, version: order.version }),
        })),
        ...toApprove.map((order) => ({
          label: "approve",
          mayRefuse: [] as ErrorCode[],
          run: () => approveOrderRequest(manager.ctx, { orderId: order.id, version: order.version }),
        })),
        ...[x, y].map((at) => ({
          label: "stocktake of every product",
          mayRefuse: [] as ErrorCode[],
          run: () =>
            recordStocktake(manager.ctx, {
              operationId: randomUUID(),
              locationId: at.id,
              counts: [...byId].reverse().map((p) => ({ productId: p.id, counted: 400 + round })),
            }),
        })),
        ...byId.map((p, i) => ({
          label: "adjust at y",
          mayRefuse: [] as ErrorCode[],
          run: () =>
            adjustStock(manager.ctx, {
              operationId: randomUUID(),
              productId: p.id,
              locationId: y.id,
              mode: "change",
              quantity: i % 2 ? 2 : -2,
              reason: "Recount",
            }),
        })),
        ...byId.map((p, i) => ({
          label: "transfer",
          mayRefuse: [] as ErrorCode[],
          run: () =>
            transferStock(manager.ctx, {
              operationId: randomUUID(),
              productId: p.id,
              fromLocationId: i % 2 ? x.id : y.id,
              toLocationId: i % 2 ? y.id : x.id,
              quantity: 1,
            }),
        })),
        ...byId.map((p) => ({
          label: "cost edit",
          // The import may bump the version first: then the edit is refused as changed meanwhile.
          mayRefuse: ["CONFLICT"] as ErrorCode[],
          run: async () => {
            const row = await system.product.findUniqueOrThrow({ where: { id: p.id } });
            return updateProduct(manager.ctx, {
              id: p.id,
              version: row.version,
              sku: row.sku,
              name: row.name,
              unit: row.unit,
              costPrice: `${round}.99`,
              salePrice: String(row.salePrice),
              reorderPoint: 0,
            });
          },
        })),
        {
          label: "import",
          mayRefuse: [],
          run: () =>
            importProducts(manager.ctx, {
              operationId: randomUUID(),
              fileName: "costs.csv",
              content: file,
              mode: "commit",
            }),
        },
      ];
      const results = await Promise.allSettled(calls.map((call) => call.run()));
      const unexpected = results.flatMap((result, i) => {
        if (result.status === "fulfilled") return [];
        const reason = result.reason as unknown;
        return reason instanceof AppError && calls[i]!.mayRefuse.includes(reason.code)
          ? []
          : [`${calls[i]!.label}: ${String((reason as Error)?.stack ?? reason)}`];
      });
      expect(unexpected, `round ${round}`).toEqual([]);
      expect(
        warn.mock.calls.filter(([, message]) => String(message).startsWith("database conflict")),
        `round ${round}: no transaction was re-run`,
      ).toEqual([]);
      expect(await totalsMismatches(system, fixture.companyId), `round ${round}`).toEqual([]);
    }
  }, 60_000);
});

type Query = [sql: string, params: unknown[]];

/**
 * While another transaction holds the row `held` locks (a FOR UPDATE), runs `statement` as the app role in the
 * company: it must wait for that row, and while it waits the row `takenFirst` locks must already be its own (the same
 * FOR UPDATE with NOWAIT fails). Then lets it finish, and rolls it back unless `commit`.
 */
async function expectTakenFirst(options: {
  companyId: string;
  held: Query;
  statement: Query;
  takenFirst: Query;
  commit?: boolean;
}) {
  const owner = superuserPool(3);
  const app = appRolePool(1);
  const holder = await owner.connect();
  const writer = await app.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(...options.held);
    await writer.query("BEGIN");
    await writer.query("SELECT set_config('app.company_id', $1, true)", [options.companyId]);
    const [{ pid }] = (await writer.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows as [{ pid: number }];
    const pending = writer.query(...options.statement);
    const waiting = async () =>
      (await owner.query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [pid])).rows[0]
        ?.wait_event_type === "Lock";
    for (let i = 0; i < 100 && !(await waiting()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await waiting()).toBe(true);
    const [sql, params] = options.takenFirst;
    await expect(owner.query(`${sql} NOWAIT`, params)).rejects.toMatchObject({ code: "55P03" });
    await holder.query("ROLLBACK");
    await pending;
    await writer.query(options.commit ? "COMMIT" : "ROLLBACK");
  } finally {
    holder.release();
    writer.release();
    await Promise.all([owner.end(), app.end()]);
  }
}

describe("lock order", () => {
  it.each([
    [
      "a change of their stock",
      "UPDATE stock_levels SET on_hand = on_hand + 1 WHERE location_id = $1 AND product_id = ANY($2::uuid[])",
    ],
    [
      "a change of their cost prices (an import)",
      "UPDATE products SET cost_price = cost_price + 1 WHERE $1::uuid IS NOT NULL AND id = ANY($2::uuid[])",
    ],
  ])("%s in one statement locks the products' totals rows in product id order", async (_, statement) => {
    // The second product's totals row is held elsewhere: a statement changing both products' stock must then wait
    // holding the first one's (taken first, in id order), and must not have taken the second.
    const { fixture } = team;
    const made = [
      await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 5 } }),
      await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 5 } }),
    ];
    const [first, second] = made.map((p) => p.id).sort();
    await expectTakenFirst({
      companyId: fixture.companyId,
      held: ["SELECT 1 FROM product_stock_totals WHERE product_id = $1 FOR UPDATE", [second]],
      statement: [statement, [fixture.locationId, [second, first]]],
      takenFirst: ["SELECT 1 FROM product_stock_totals WHERE product_id = $1 FOR UPDATE", [first]],
    });
  });
});

describe("lock order of the value shards", () => {
  it("a change of two products' stock locks their value shards in shard order", async () => {
    // Two products in different shards (the last byte of the id modulo 16); the higher shard's row is held elsewhere:
    // the statement must wait holding the lower one's, taken first.
    const { fixture } = team;
    const shardOf = (id: string) => parseInt(id.slice(-2), 16) % 16;
    const made: { id: string }[] = [];
    while (new Set(made.map((p) => shardOf(p.id))).size < 2) {
      made.push(await pricedProduct(system, fixture, { stock: { [fixture.locationId]: 5 } }));
    }
    const bySharding = [...new Map(made.map((p) => [shardOf(p.id), p.id])).entries()].sort(([a], [b]) => a - b);
    const [[lowShard, lowProduct], [highShard, highProduct]] = [bySharding[0]!, bySharding.at(-1)!];
    const shardRow = "SELECT 1 FROM stock_value_shards WHERE company_id = $1 AND shard = $2 FOR UPDATE";
    await expectTakenFirst({
      companyId: fixture.companyId,
      held: [shardRow, [fixture.companyId, highShard]],
      statement: [
        "UPDATE stock_levels SET on_hand = on_hand + 1 WHERE location_id = $1 AND product_id = ANY($2::uuid[])",
        [fixture.locationId, [highProduct, lowProduct]],
      ],
      takenFirst: [shardRow, [fixture.companyId, lowShard]],
      commit: true,
    });
    expect(await totalsMismatches(system, fixture.companyId)).toEqual([]);
  });
});

describe("row-level security", () => {
  it("company B reads none of A's totals, and the app role writes none", async () => {
    const [a, b] = await Promise.all([
      createCompanyFixture(system, "totals-a"),
      createCompanyFixture(system, "totals-b"),
    ]);
    const app = appRolePool(1);
    const client = await app.connect();
    try {
      const asB = await asCompany(client, b.companyId, () =>
        client.query("SELECT on_hand FROM product_stock_totals WHERE product_id = $1", [a.productId]),
      );
      expect(asB.rowCount).toBe(0);
      const asA = await asCompany(client, a.companyId, () =>
        client.query<{ on_hand: string }>("SELECT on_hand FROM product_stock_totals WHERE product_id = $1", [
          a.productId,
        ]),
      );
      // The fixture books 10 units of its product.
      expect(asA.rows).toEqual([{ on_hand: "10" }]);
      for (const sql of [
        "UPDATE product_stock_totals SET on_hand = 0 WHERE product_id = $1",
        "DELETE FROM product_stock_totals WHERE product_id = $1",
      ]) {
        await expect(
          asCompany(client, a.companyId, () => client.query(sql, [a.productId])),
          sql,
        ).rejects.toMatchObject({ code: "42501" });
      }
    } finally {
      client.release();
      await app.end();
    }
    // B's own count and totals know nothing of A's products.
    expect(await withTenantTx(b, (tx) => tx.productStockTotal.count({ where: {} }))).toBe(
      await system.product.count({ where: { companyId: b.companyId } }),
    );
    expect(await totalsMismatches(system, a.companyId)).toEqual([]);
  });
});
