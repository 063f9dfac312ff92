// "Draft restock" from the reorder list on real PostgreSQL (docs/architecture.md §5 "Restock suggestions"): one pending
// RESTOCK request per supplier group and location, its lines what the list suggests there when drafted (read by the
// server, never sent by the page), exactly once per client request id, refused with a clear message when nothing is
// left to order, and never a request in another company. Every quantity below is worked out from the scenario.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { MAX_ORDER_LINES } from "../../lib/orders/order-fields";
import { getReorderView } from "../../lib/stock/reorder-page";
import { draftRestockFromSuggestions } from "../../lib/stock/draft-restock";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { createOrder, orderRow, orderTeam, pricedProduct, type OrderTeam } from "../factories/orders";
import { createTestLocation } from "../factories/stock";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let team: OrderTeam;
let other: OrderTeam;

beforeAll(async () => {
  system = superuserClient(3);
  [team, other] = await Promise.all([orderTeam(system, "draft"), orderTeam(system, "draft-other")]);
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

const requestCount = (companyId: string) => system.orderRequest.count({ where: { companyId } });

/**
 * Main is the default location, Annex another. Acme is preferred for all but the last two.
 *   Anchors   point 10, 4 at Main, target 50        → low in total: 50 − 4 = 46, to Main
 *   Brackets  no point; Annex's own 25, 20 there;
 *             reorder quantity 12, packs of 5       → low at Annex: 12 → three packs, 15, to Annex
 *   Clamps    point 5, none anywhere; Main's own 8  → low in total: 2 × 5 − 0 = 10; low at Main: 2 × 8 − 0 = 16;
 *                                                     one line of 16 to Main (both are met by it)
 *   Dowels    point 8, 3 at Main; a pending restock of 20 to Main → 2 × 8 − 3 = 13, all of it coming: nothing
 *   Eyelets   point 5, 1 at Main, no preferred supplier → 2 × 5 − 1 = 9
 *   Fixings   point 4, none, preferred Bolt & Co     → 2 × 4 = 8
 */
async function scenario() {
  const { fixture, manager, staff } = team;
  const main = fixture.locationId;
  const suffix = randomUUID().slice(0, 6);
  const annex = await createTestLocation(system, fixture.companyId, { name: `Annex ${suffix}` });
  const supplier = (name: string) =>
    system.supplier.create({ data: { companyId: fixture.companyId, name: `${name} ${suffix}` } });
  const [acme, bolt] = await Promise.all([supplier("Acme"), supplier("Bolt & Co")]);
  const product = async (name: string, reorderPoint: number, stock: Record<string, number>, extra = {}) => {
    const made = await pricedProduct(system, fixture, { name: `${name} ${suffix}`, stock });
    await system.product.update({ where: { id: made.id }, data: { reorderPoint, ...extra } });
    return made;
  };
  const anchors = await product("Anchors", 10, { [main]: 4 }, { targetLevel: 50 });
  const brackets = await product("Brackets", 0, { [annex.id]: 20 }, { reorderQuantity: 12, packSize: 5 });
  const clamps = await product("Clamps", 5, {});
  const dowels = await product("Dowels", 8, { [main]: 3 });
  const eyelets = await product("Eyelets", 5, { [main]: 1 });
  const fixings = await product("Fixings", 4, {});
  await system.productSupplier.createMany({
    data: [
      ...[anchors, brackets, clamps, dowels].map((p) => ({
        companyId: fixture.companyId,
        productId: p.id,
        supplierId: acme.id,
        preferred: true,
      })),
      { companyId: fixture.companyId, productId: fixings.id, supplierId: bolt.id, preferred: true },
    ],
  });
  await setLocationReorderPoint(manager.ctx, { productId: brackets.id, locationId: annex.id, reorderPoint: 25 });
  await setLocationReorderPoint(manager.ctx, { productId: clamps.id, locationId: main, reorderPoint: 8 });
  await createOrder(staff.ctx, { type: "RESTOCK", locationId: main, lines: [{ productId: dowels.id, quantity: 20 }] });
  return { main, annex, acme, bolt, anchors, brackets, clamps, dowels, eyelets, fixings };
}

let world: Awaited<ReturnType<typeof scenario>>;

beforeAll(async () => {
  world = await scenario();
});

describe("drafting a restock from the suggestions", () => {
  it("makes one pending restock to the location with the group's suggested quantities there", async () => {
    const { main, acme, anchors, clamps } = world;
    const before = await requestCount(team.fixture.companyId);
    const drafted = await draftRestockFromSuggestions(team.manager.ctx, {
      clientRequestId: randomUUID(),
      supplierId: acme.id,
      locationId: main,
    });
    expect(drafted).toMatchObject({ created: true, lines: 2, leftOut: 0, supplierId: acme.id });
    expect(await requestCount(team.fixture.companyId)).toBe(before + 1);
    const request = await orderRow(system, drafted.id);
    expect(request).toMatchObject({
      number: drafted.number,
      type: "RESTOCK",
      status: "PENDING",
      locationId: main,
      requesterId: team.manager.userId,
      reference: `Reorder suggestions: ${acme.name}`,
    });
    // Linked to the group's supplier, so it shows on the supplier's page.
    expect(
      (await system.orderRequest.findUniqueOrThrow({ where: { id: drafted.id }, select: { supplierId: true } }))
        .supplierId,
    ).toBe(acme.id);
    // Restock lines carry the cost price (7.25 from the factory).
    expect(request.lines.map((line) => [line.productId, line.quantity, line.unitPrice.toFixed(2)]).sort()).toEqual(
      [
        [anchors.id, 46, "7.25"],
        [clamps.id, 16, "7.25"],
      ].sort(),
    );
    // The list now counts it as coming: nothing more to order for those rows.
    const after = (await getReorderView(team.manager.ctx, { supplierId: acme.id, locationId: main })).page;
    expect(after.rows.map((row) => [row.name, row.scope, row.incoming, row.suggested])).toEqual([
      [anchors.name, "total", 46, 0],
      [clamps.name, "total", 16, 0],
      [clamps.name, "location", 16, 0],
      [world.dowels.name, "total", 20, 0],
    ]);
  });

  it("is exactly once per client request id: a retry, even two at once, returns the same request", async () => {
    const { annex, acme, brackets } = world;
    const before = await requestCount(team.fixture.companyId);
    const clientRequestId = randomUUID();
    const input = { clientRequestId, supplierId: acme.id, locationId: annex.id };
    const [first, second] = await Promise.all([
      draftRestockFromSuggestions(team.manager.ctx, input),
      draftRestockFromSuggestions(team.manager.ctx, input),
    ]);
    expect(second.id).toBe(first.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const again = await draftRestockFromSuggestions(team.manager.ctx, input);
    expect(again).toMatchObject({ id: first.id, number: first.number, created: false, lines: 1 });
    expect(await requestCount(team.fixture.companyId)).toBe(before + 1);
    expect((await orderRow(system, first.id)).lines).toMatchObject([{ productId: brackets.id, quantity: 15 }]);
  });

  it("refuses clearly when open restocks already bring it all, and creates nothing", async () => {
    const { main, acme } = world;
    const before = await requestCount(team.fixture.companyId);
    const refused = await failure(
      draftRestockFromSuggestions(team.manager.ctx, {
        clientRequestId: randomUUID(),
        supplierId: acme.id,
        locationId: main,
      }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(
      `Nothing to order for ${acme.name} at Main: open restock requests already bring what the reorder points call for, or nothing there is low any more. Nothing was created.`,
    );
    expect(await requestCount(team.fixture.companyId)).toBe(before);
  });

  it("drafts the products without a preferred supplier, and lets staff draft (the request waits for a decision)", async () => {
    const { main, bolt, eyelets, fixings } = world;
    const none = await draftRestockFromSuggestions(team.staff.ctx, {
      clientRequestId: randomUUID(),
      supplierId: "none",
      locationId: main,
    });
    expect(none).toMatchObject({ created: true, lines: 1, supplierId: null });
    expect(await orderRow(system, none.id)).toMatchObject({
      status: "PENDING",
      requesterId: team.staff.userId,
      reference: "Reorder suggestions",
      lines: [{ productId: eyelets.id, quantity: 9 }],
    });
    const boltRequest = await draftRestockFromSuggestions(team.staff.ctx, {
      clientRequestId: randomUUID(),
      supplierId: bolt.id,
      locationId: main,
    });
    expect((await orderRow(system, boltRequest.id)).lines).toMatchObject([{ productId: fixings.id, quantity: 8 }]);
  });

  it("never drafts in another company: its supplier or location is NOT_FOUND and nothing is created anywhere", async () => {
    const { main, annex, acme } = world;
    const counts = async () => [
      await requestCount(team.fixture.companyId),
      await requestCount(other.fixture.companyId),
    ];
    const before = await counts();
    const attempts = [
      // This company's supplier and location, asked from the other company.
      () =>
        draftRestockFromSuggestions(other.manager.ctx, {
          clientRequestId: randomUUID(),
          supplierId: acme.id,
          locationId: main,
        }),
      () =>
        draftRestockFromSuggestions(other.manager.ctx, {
          clientRequestId: randomUUID(),
          supplierId: "none",
          locationId: annex.id,
        }),
      () =>
        draftRestockFromSuggestions(other.manager.ctx, {
          clientRequestId: randomUUID(),
          supplierId: acme.id,
          locationId: other.fixture.locationId,
        }),
      // The other company's supplier, asked here.
      () =>
        draftRestockFromSuggestions(team.manager.ctx, {
          clientRequestId: randomUUID(),
          supplierId: other.fixture.supplierId,
          locationId: main,
        }),
    ];
    // One at a time: each refusal is awaited before the next call starts.
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe("NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("a client request id of someone else's request is refused, not answered with their request", async () => {
    const { main, acme } = world;
    const clientRequestId = randomUUID();
    const theirs = await createOrder(team.staff2.ctx, {
      type: "RESTOCK",
      locationId: main,
      lines: [{ productId: world.anchors.id, quantity: 1 }],
    });
    await system.orderRequest.update({ where: { id: theirs.id }, data: { clientRequestId } });
    const before = await requestCount(team.fixture.companyId);
    const refused = await failure(
      draftRestockFromSuggestions(team.manager.ctx, { clientRequestId, supplierId: acme.id, locationId: main }),
    );
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).not.toContain(String(theirs.number));
    expect(await requestCount(team.fixture.companyId)).toBe(before);
  });

  it("refuses what is not a client request id, a group or a location with field errors", async () => {
    const refused = await failure(
      draftRestockFromSuggestions(team.manager.ctx, { clientRequestId: "x", supplierId: "acme", locationId: "main" }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(["clientRequestId", "locationId", "supplierId"]);
  });
});

describe("a group with more products to order than one request holds", () => {
  it("fills one request, says how many were left out, and the next draft orders them", async () => {
    const own = await orderTeam(system, "draft-many");
    const { companyId, locationId } = own.fixture;
    const supplier = await system.supplier.create({ data: { companyId, name: `Many ${randomUUID().slice(0, 6)}` } });
    const count = MAX_ORDER_LINES + 2;
    // Each: point 3, nothing on hand → 2 × 3 = 6 to order, in name order P000, P001, …
    const products = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      companyId,
      sku: `MANY-${i}-${randomUUID().slice(0, 6)}`,
      name: `P${String(i).padStart(3, "0")}`,
      reorderPoint: 3,
    }));
    await system.product.createMany({ data: products });
    await system.productSupplier.createMany({
      data: products.map((p) => ({ companyId, productId: p.id, supplierId: supplier.id, preferred: true })),
    });
    const first = await draftRestockFromSuggestions(own.manager.ctx, {
      clientRequestId: randomUUID(),
      supplierId: supplier.id,
      locationId,
    });
    expect(first).toMatchObject({ created: true, lines: MAX_ORDER_LINES, leftOut: 2 });
    const request = await orderRow(system, first.id);
    expect(request.note).toBe(
      `Drafted from the reorder suggestions. 2 more products to order did not fit (at most ${MAX_ORDER_LINES} per request): draft again for them.`,
    );
    expect(new Set(request.lines.map((line) => line.quantity))).toEqual(new Set([6]));
    const second = await draftRestockFromSuggestions(own.manager.ctx, {
      clientRequestId: randomUUID(),
      supplierId: supplier.id,
      locationId,
    });
    expect(second).toMatchObject({ created: true, lines: 2, leftOut: 0 });
    expect((await orderRow(system, second.id)).lines.map((line) => line.productId).sort()).toEqual(
      products
        .slice(MAX_ORDER_LINES)
        .map((p) => p.id)
        .sort(),
    );
  });
});
