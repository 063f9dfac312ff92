// The "to reorder" list on real PostgreSQL (docs/architecture.md §5 "Restock suggestions"): every active product low by
// the one definition, in total (received at the default location) or at a location by its own point, with what open
// restocks bring and what to order now, grouped by preferred supplier, in keyset pages. Every number expected below is
// worked out from the scenario in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { getReorderView } from "../../lib/stock/reorder-page";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { createOrder, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { createTestLocation, receiveStock } from "../factories/stock";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let team: OrderTeam;
let other: OrderTeam;

beforeAll(async () => {
  system = superuserClient(3);
  [team, other] = await Promise.all([orderTeam(system, "reorder"), orderTeam(system, "reorder-other")]);
});

afterAll(async () => {
  await system.$disconnect();
});

/** The page of suggestions the "to reorder" page shows for this query. */
const suggestions = async (ctx: TenantContext, input: Record<string, unknown>) =>
  (await getReorderView(ctx, input)).page;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * Main is the default location, Annex another.
 *   P1 "Anchors"  point 10, 4 at Main, target 50          → low in total: need 50 − 4 = 46; a pending restock of 6 → 40
 *                 preferred Acme (part AC-1, 1.20, 5 days)
 *   P2 "Brackets" point 10, 2 at Main + 20 at Annex       → not low in total; Annex's own point 25: low there.
 *                 reorder quantity 12, packs of 5; an approved restock to Annex of 10 with 4 received (24 there, still
 *                 ≤ 25) → 6 to come:
 *                 12 − 6 = 6 → two packs, 10. Preferred Bolt & Co.
 *   P3 "Clamps"   point 5, nothing anywhere, no supplier  → low in total: 2 × 5 − 0 = 10
 *   P4 "Dowels"   point 5, 3 at Main, archived            → never listed
 *   P5 "Eyelets"  point 5, 8 at Main                      → not low
 *   P6 "Fixings"  point 8, 3 at Main, preferred Acme; a pending restock of 20 to Annex (any location counts for a total)
 *                 → need 2 × 8 − 3 = 13, 20 coming: 0 to order (covered)
 * Groups in order: Acme (Anchors, Fixings), Bolt & Co (Brackets at Annex), no preferred supplier (Clamps).
 */
async function scenario() {
  const { fixture, manager, staff } = team;
  const main = fixture.locationId;
  const annex = await createTestLocation(system, fixture.companyId);
  const supplier = (name: string) =>
    system.supplier.create({ data: { companyId: fixture.companyId, name: `${name} ${annex.id.slice(-6)}` } });
  const acme = await supplier("Acme");
  const bolt = await supplier("Bolt & Co");
  const product = async (name: string, reorderPoint: number, stock: Record<string, number>, extra = {}) => {
    const made = await pricedProduct(system, fixture, { name: `${name} ${annex.id.slice(-6)}`, stock });
    await system.product.update({ where: { id: made.id }, data: { reorderPoint, ...extra } });
    return made;
  };
  const p1 = await product("Anchors", 10, { [main]: 4 }, { targetLevel: 50 });
  const p2 = await product("Brackets", 10, { [main]: 2, [annex.id]: 20 }, { reorderQuantity: 12, packSize: 5 });
  const p3 = await product("Clamps", 5, {});
  await product("Dowels", 5, { [main]: 3 }, { archived: true, archivedAt: new Date() });
  await product("Eyelets", 5, { [main]: 8 });
  const p6 = await product("Fixings", 8, { [main]: 3 });
  await system.productSupplier.createMany({
    data: [
      {
        companyId: fixture.companyId,
        productId: p1.id,
        supplierId: acme.id,
        preferred: true,
        supplierSku: "AC-1",
        purchasePrice: "1.20",
        leadTimeDays: 5,
      },
      // Acme also sells Brackets, but Bolt & Co is preferred for them.
      { companyId: fixture.companyId, productId: p2.id, supplierId: acme.id, preferred: false },
      { companyId: fixture.companyId, productId: p2.id, supplierId: bolt.id, preferred: true },
      { companyId: fixture.companyId, productId: p6.id, supplierId: acme.id, preferred: true },
    ],
  });
  await setLocationReorderPoint(manager.ctx, { productId: p2.id, locationId: annex.id, reorderPoint: 25 });
  await createOrder(staff.ctx, { type: "RESTOCK", locationId: main, lines: [{ productId: p1.id, quantity: 6 }] });
  const brackets = await createOrder(staff.ctx, {
    type: "RESTOCK",
    locationId: annex.id,
    lines: [{ productId: p2.id, quantity: 10 }],
  });
  await approveOrderRequest(manager.ctx, { orderId: brackets.id, version: 1 });
  await fulfilOrderRequest(manager.ctx, { orderId: brackets.id, version: 2, quantities: { [p2.id]: 4 } });
  await createOrder(staff.ctx, { type: "RESTOCK", locationId: annex.id, lines: [{ productId: p6.id, quantity: 20 }] });
  return { main, annex, acme, bolt, p1, p2, p3, p6 };
}

let world: Awaited<ReturnType<typeof scenario>>;

beforeAll(async () => {
  world = await scenario();
});

describe("the reorder list", () => {
  it("lists each low product once per scope, with what is coming and what to order, grouped by preferred supplier", async () => {
    const { main, annex, acme, bolt, p1, p2, p3, p6 } = world;
    const page = await suggestions(team.manager.ctx, {});
    expect(page.next).toBeNull();
    expect(
      page.rows.map((row) => [
        row.name,
        row.supplier?.id ?? null,
        row.scope,
        row.locationId,
        row.onHand,
        row.incoming,
        row.need,
        row.suggested,
      ]),
    ).toEqual([
      [p1.name, acme.id, "total", main, 4, 6, 46, 40],
      [p6.name, acme.id, "total", main, 3, 20, 13, 0],
      [p2.name, bolt.id, "location", annex.id, 24, 6, 12, 10],
      [p3.name, null, "total", main, 0, 0, 10, 10],
    ]);
    expect(page.rows[0]).toMatchObject({
      basisText: "up to the target level of 50",
      supplier: { supplierSku: "AC-1", leadTimeDays: 5, purchasePrice: "1.20" },
      costPrice: "7.25",
    });
    expect(page.rows[2]).toMatchObject({ basisText: "the reorder quantity of 12", packSize: 5, reorderPoint: 25 });
    expect(page.rows[3]!.basisText).toBe("up to twice the reorder point of 5");
  });

  it("pages by the same order, and filters by supplier (or none) and location", async () => {
    const { annex, acme, p1, p2, p3, p6 } = world;
    const names = (page: { rows: { name: string }[] }) => page.rows.map((row) => row.name);
    const first = await suggestions(team.manager.ctx, { limit: 2 });
    expect(names(first)).toEqual([p1.name, p6.name]);
    const second = await suggestions(team.manager.ctx, { limit: 2, after: first.next! });
    expect(names(second)).toEqual([p2.name, p3.name]);
    expect(second.next).toBeNull();
    expect(names(await suggestions(team.manager.ctx, { supplierId: acme.id }))).toEqual([p1.name, p6.name]);
    expect(names(await suggestions(team.manager.ctx, { supplierId: "none" }))).toEqual([p3.name]);
    expect(names(await suggestions(team.manager.ctx, { locationId: annex.id }))).toEqual([p2.name]);
  });

  it("the page's view: every group's size and locations beyond the page, the filters' options, the estimates", async () => {
    const { main, annex, acme, bolt, p3 } = world;
    // One row a page: the groups still count every product of the list.
    const view = await getReorderView(team.manager.ctx, { limit: 1 });
    expect(view.page.rows.map((row) => row.name)).toEqual([world.p1.name]);
    expect(
      view.groups.map((group) => [
        group.supplier?.id ?? null,
        group.products,
        group.locations.map((l) => [l.id, l.isDefault, l.products]),
      ]),
    ).toEqual([
      [acme.id, 2, [[main, true, 2]]],
      [bolt.id, 1, [[annex.id, false, 1]]],
      [null, 1, [[main, true, 1]]],
    ]);
    expect(view.groups[0]!.supplier).toEqual({ id: acme.id, name: acme.name, archived: false });
    // Filtered like the list.
    expect(
      (await getReorderView(team.manager.ctx, { locationId: annex.id })).groups.map((g) => g.supplier?.id),
    ).toEqual([bolt.id]);
    // Every active supplier and location is offered, whatever is low (the fixture's own supplier too).
    expect(view.filters.suppliers.map((s) => s.id)).toEqual(expect.arrayContaining([acme.id, bolt.id]));
    expect(view.filters.locations.map((l) => l.id)).toEqual([main, annex.id]);
    expect(view.currency).toBe("USD");
    // 40 Anchors at Acme's 1.20; 10 Clamps (no supplier) at the cost price of 7.25.
    expect(view.page.rows[0]!.estimate).toEqual({ amount: "48.00", at: "purchase" });
    const clamps = (await getReorderView(team.manager.ctx, { supplierId: "none" })).page.rows;
    expect(clamps.map((row) => [row.productId, row.estimate])).toEqual([[p3.id, { amount: "72.50", at: "cost" }]]);
    // Staff who may not see money get no estimates.
    const staffView = await getReorderView(team.staff.ctx, {});
    expect(staffView.page.rows.every((row) => !("estimate" in row))).toBe(true);
  });

  it("follows the stock: a receipt above the point takes a product off the list", async () => {
    const { p3 } = world;
    const before = await suggestions(team.manager.ctx, { supplierId: "none" });
    expect(before.rows.map((row) => row.productId)).toEqual([p3.id]);
    await receiveStock(team.fixture, p3.id, team.fixture.locationId, 6);
    expect((await suggestions(team.manager.ctx, { supplierId: "none" })).rows).toEqual([]);
  });

  it("shows staff no prices, and refuses a cursor it did not make", async () => {
    const page = await suggestions(team.staff.ctx, {});
    expect(page.seesMoney).toBe(false);
    for (const row of page.rows) {
      expect(row).not.toHaveProperty("costPrice");
      if (row.supplier) expect(row.supplier).not.toHaveProperty("purchasePrice");
    }
    expect((await failure(suggestions(team.manager.ctx, { after: "not-a-cursor" }))).code).toBe("VALIDATION");
    expect((await failure(suggestions(team.manager.ctx, { supplierId: "acme" }))).code).toBe("VALIDATION");
  });

  it("another company sees none of it, even naming this company's supplier and location", async () => {
    const { annex, acme } = world;
    expect((await suggestions(other.manager.ctx, {})).rows).toEqual([]);
    expect((await suggestions(other.manager.ctx, { supplierId: acme.id })).rows).toEqual([]);
    expect((await suggestions(other.manager.ctx, { locationId: annex.id })).rows).toEqual([]);
  });
});
