// Stocktake documents (issue 15 item 5; docs/architecture.md §5 "Stocktake documents") on real PostgreSQL: the
// lifecycle started → counted → booked; a blind stocktake keeps expected quantities from everyone until booked;
// several people count at once (the same line: the later count replaces the earlier, snapshot and all; different
// lines: both kept); booking applies counted − the snapshot, so stock that moved after a count is kept; recounts gate
// booking; counts and bookings are exactly once; bad input is a field error that changes nothing; company B cannot
// reach company A's stocktakes; staff count but neither start, finish, book nor cancel.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { AppError } from "../../lib/errors";
import { applyStockMovements } from "../../lib/stock/apply-stock-movements";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { archiveLocation } from "../../lib/locations/archive-location";
import { importStockLevels } from "../../lib/stock/import-stock-levels";
import { recordStocktake } from "../../lib/stock/record-stocktake";
import { bookStocktake } from "../../lib/stocktakes/book-stocktake";
import { cancelStocktake } from "../../lib/stocktakes/cancel-stocktake";
import { countStocktakeLine } from "../../lib/stocktakes/count-stocktake-line";
import { exportStocktakeVariance } from "../../lib/stocktakes/export-stocktake-variance";
import { findStocktakeProduct } from "../../lib/stocktakes/find-stocktake-product";
import { finishStocktake } from "../../lib/stocktakes/finish-stocktake";
import { getStocktake } from "../../lib/stocktakes/get-stocktake";
import { listStocktakes } from "../../lib/stocktakes/list-stocktakes";
import { startStocktake } from "../../lib/stocktakes/start-stocktake";
import { getStocktakeVariance } from "../../lib/stocktakes/stocktake-variance";
import type { TenantContext } from "../../lib/context";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import {
  createTestLocation,
  createTestProduct,
  ledgerBalances,
  receiveStock,
  totalsMismatches,
} from "../factories/stock";
import { addMember, type MemberFixture } from "../factories/users";
import { EVENT_CHANNEL } from "../../lib/events/types";
import { superuserClient, superuserPool } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;
let otherStaff: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  a = await createCompanyFixture(system, "stdoc-a");
  b = await createCompanyFixture(system, "stdoc-b");
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
  otherStaff = await addMember(system, a.companyId, { role: "STAFF" });
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

/** A fresh location with fresh products holding these quantities there (booked through the ledger). */
async function shelf(fixture: CompanyFixture, quantities: number[]) {
  const location = await createTestLocation(system, fixture.companyId);
  const products = [];
  for (const quantity of quantities) {
    const product = await createTestProduct(system, fixture.companyId, { barcode: `20${Date.now()}${uniqueSuffix()}` });
    if (quantity > 0) await receiveStock(fixture, product.id, location.id, quantity);
    products.push(product);
  }
  return { location, products };
}

/** Stock leaving or arriving meanwhile (a shipment, a delivery), through the ledger as the app moves it. */
async function move(fixture: CompanyFixture, productId: string, locationId: string, quantity: number) {
  await withTenantTx(fixture, (tx) =>
    applyStockMovements(tx, fixture.ctx, {
      changes: [{ productId, locationId, quantity, reason: quantity < 0 ? "SHIPPED" : "RECEIVED" }],
      audit: { action: "stock.adjusted", entityType: "product", entityId: productId },
    }),
  );
}

async function onHand(productId: string, locationId: string) {
  return (
    (await system.stockLevel.findFirst({ where: { productId, locationId }, select: { onHand: true } }))?.onHand ?? 0
  );
}

const start = (
  ctx: TenantContext,
  locationId: string,
  options: { blind?: boolean; recountUnits?: number | null; recountPercent?: number | null } = {},
) =>
  startStocktake(ctx, {
    locationId,
    blind: options.blind ?? false,
    recountUnits: options.recountUnits ?? null,
    recountPercent: options.recountPercent ?? null,
  });

const count = (ctx: TenantContext, stocktakeId: string, productId: string, counted: number | string) =>
  countStocktakeLine(ctx, { operationId: randomUUID(), stocktakeId, productId, counted });

async function version(stocktakeId: string) {
  return (await system.stocktake.findFirstOrThrow({ where: { id: stocktakeId }, select: { version: true } })).version;
}

const finish = async (ctx: TenantContext, stocktakeId: string) =>
  finishStocktake(ctx, { stocktakeId, version: await version(stocktakeId) });

const book = async (ctx: TenantContext, stocktakeId: string, operationId = randomUUID()) =>
  bookStocktake(ctx, { operationId, stocktakeId, version: await version(stocktakeId) });

async function line(stocktakeId: string, productId: string) {
  return system.stocktakeLine.findFirst({
    where: { stocktakeId, productId },
    select: {
      counted: true,
      expected: true,
      countedById: true,
      recount: true,
      flaggedCount: true,
      bookedQuantity: true,
    },
  });
}

async function expectLedgerHolds(productIds: string[]) {
  for (const productId of productIds) {
    for (const balance of await ledgerBalances(system, productId)) expect(balance.onHand).toBe(balance.movements);
  }
  expect(await totalsMismatches(system, a.companyId)).toEqual([]);
}

/** Everything a stocktake step could change in company A. */
async function snapshotA() {
  const companyId = a.companyId;
  const [stocktakes, lines, levels, movements, audits, operations] = await Promise.all([
    system.stocktake.findMany({ where: { companyId }, orderBy: { number: "asc" } }),
    system.stocktakeLine.findMany({ where: { companyId }, orderBy: [{ stocktakeId: "asc" }, { productId: "asc" }] }),
    system.stockLevel.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    system.stockMovement.count({ where: { companyId } }),
    system.auditLog.count({ where: { companyId, action: { not: "auth.forbidden" } } }),
    system.stockOperation.count({ where: { companyId } }),
  ]);
  return { stocktakes, lines, levels, movements, audits, operations };
}

describe("the lifecycle: started → counted → booked", () => {
  it("lists the location's stock, adds what is found on the shelf, flags a line over the threshold, books after its recount", async () => {
    const { location, products } = await shelf(a, [10, 5]);
    const [widget, bolt] = [products[0]!, products[1]!];
    const found = await createTestProduct(system, a.companyId, { barcode: `29${uniqueSuffix()}` });
    const started = await start(manager.ctx, location.id, { recountUnits: 2 });
    expect(started).toMatchObject({ location: { id: location.id, name: location.name }, lines: 2 });

    const listed = await getStocktake(staff.ctx, { stocktakeId: started.id });
    expect(listed).toMatchObject({
      status: "STARTED",
      revealed: true,
      progress: { lines: 2, counted: 0, recountRequested: 0 },
      can: { count: true, finish: false, book: false, cancel: false },
    });
    expect(listed.lines.rows.map((row) => row.productId).sort()).toEqual([widget.id, bolt.id].sort());
    // Open, not blind: what the ledger holds there now is shown beside each line.
    expect(listed.lines.rows.find((row) => row.productId === widget.id)).toMatchObject({ onHand: 10, counted: null });

    // Staff count on their phones: the widget as the books say, and a product nobody listed, found by its barcode.
    const widgetCount = await count(staff.ctx, started.id, widget.id, "10");
    expect(widgetCount).toMatchObject({ counted: 10, expected: 10, difference: 0, replaced: null, recount: false });
    const scanned = await findStocktakeProduct(otherStaff.ctx, { stocktakeId: started.id, code: ` ${found.sku} ` });
    expect(scanned.products).toEqual([
      expect.objectContaining({ productId: found.id, onList: false, counted: null, unit: "each", matchedBy: "sku" }),
    ]);
    await count(otherStaff.ctx, started.id, found.id, 3);
    expect(await line(started.id, found.id)).toMatchObject({ counted: 3, expected: 0, countedById: otherStaff.userId });

    // Staff may not finish; the manager does. The found product is 3 over (more than 2): flagged. Bolt was not counted.
    expect((await refusal(finish(staff.ctx, started.id))).code).toBe("FORBIDDEN");
    const finished = await finish(manager.ctx, started.id);
    expect(finished).toMatchObject({ counted: 2, notCounted: 1, flagged: 1, flaggedLines: [{ productId: found.id }] });
    expect(await line(started.id, found.id)).toMatchObject({ recount: "REQUESTED", flaggedCount: 3 });

    // Booking waits for the recount, and says which line.
    const refused = await refusal(book(manager.ctx, started.id));
    expect(refused.code).toBe("INVALID_TRANSITION");
    expect(refused.message).toContain(`${found.name} (${found.sku})`);
    // Only flagged lines are counted now.
    expect((await refusal(count(staff.ctx, started.id, widget.id, 9))).code).toBe("INVALID_TRANSITION");
    const recounted = await count(staff.ctx, started.id, found.id, 4);
    expect(recounted).toMatchObject({ recount: true, replaced: { counted: 3 } });
    expect(await line(started.id, found.id)).toMatchObject({ counted: 4, recount: "DONE", flaggedCount: 3 });

    const booked = await book(manager.ctx, started.id);
    expect(booked).toMatchObject({ changed: 1, unchanged: 1, floored: [], short: [] });
    expect(await onHand(widget.id, location.id)).toBe(10);
    expect(await onHand(bolt.id, location.id)).toBe(5);
    expect(await onHand(found.id, location.id)).toBe(4);
    const movements = await system.stockMovement.findMany({
      where: { productId: found.id },
      select: { quantity: true, reason: true, note: true, actorId: true },
    });
    expect(movements).toEqual([
      {
        quantity: 4,
        reason: "STOCKTAKE",
        note: `ST-${String(started.number).padStart(6, "0")}`,
        actorId: manager.userId,
      },
    ]);
    expect(await line(started.id, widget.id)).toMatchObject({ bookedQuantity: 0 });
    expect(await line(started.id, bolt.id)).toMatchObject({ counted: null, bookedQuantity: null });
    const after = await getStocktake(manager.ctx, { stocktakeId: started.id });
    expect(after).toMatchObject({ status: "BOOKED", can: { count: false, finish: false, book: false, cancel: false } });
    expect(after.booked?.by).toBe(manager.name);

    const audit = await system.auditLog.findMany({
      where: { companyId: a.companyId, entityType: "stocktake", entityId: started.id },
      select: { action: true, entityLabel: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      "stocktake.started",
      "stocktake.counted",
      "stocktake.counted",
      "stocktake.finished",
      "stocktake.recounted",
      "stocktake.booked",
    ]);
    expect(new Set(audit.map((entry) => entry.entityLabel))).toEqual(
      new Set([`ST-${String(started.number).padStart(6, "0")}`]),
    );
    await expectLedgerHolds([widget.id, bolt.id, found.id]);
  });

  it("numbers stocktakes per company, keeps one open per location, and lists them newest first with progress", async () => {
    const { location, products } = await shelf(a, [4]);
    const first = await start(manager.ctx, location.id);
    const second = await refusal(start(a.ctx, location.id));
    expect(second.code).toBe("CONFLICT");
    expect(second.fieldErrors?.locationId?.[0]).toContain(
      `ST-${String(first.number).padStart(6, "0")} is already open`,
    );
    // The one-shot stocktake would book the same differences: it points at the document.
    const oneShot = await refusal(
      recordStocktake(manager.ctx, {
        operationId: randomUUID(),
        locationId: location.id,
        counts: [{ productId: products[0]!.id, counted: 1 }],
      }),
    );
    expect(oneShot.code).toBe("CONFLICT");
    await count(staff.ctx, first.id, products[0]!.id, 4);
    const open = await listStocktakes(staff.ctx, { status: "open" });
    expect(open.rows.find((row) => row.id === first.id)).toMatchObject({
      status: "STARTED",
      locationName: location.name,
      lines: 1,
      counted: 1,
      createdBy: manager.name,
    });
    await cancelStocktake(manager.ctx, { stocktakeId: first.id, version: 1 });
    expect((await listStocktakes(staff.ctx, { status: "open" })).rows.map((row) => row.id)).not.toContain(first.id);
    // Cancelled: the location is free again, and the next number follows.
    const next = await start(manager.ctx, location.id);
    expect(next.number).toBe(first.number + 1);
    const all = await listStocktakes(manager.ctx, { limit: 2 });
    expect(all.rows.map((row) => row.number)).toEqual([next.number, first.number]);
    expect(all.nextCursor).not.toBeNull();
    const older = await listStocktakes(manager.ctx, { limit: 2, after: all.nextCursor! });
    expect(older.rows.every((row) => row.number < first.number)).toBe(true);
    await cancelStocktake(manager.ctx, { stocktakeId: next.id, version: 1 });
  });
});

describe("booking applies counted − the snapshot taken at the count", () => {
  it("a stocktake booked after stock moved keeps that movement", async () => {
    const { location, products } = await shelf(a, [10, 10, 10]);
    const [shipped, delivered, gone] = products.map((product) => product.id) as [string, string, string];
    const stocktake = await start(manager.ctx, location.id);
    // Counted 10 of 10; then 3 ship before booking.
    await count(staff.ctx, stocktake.id, shipped, 10);
    await move(a, shipped, location.id, -3);
    // Counted 8 of 10 (2 missing); then 5 arrive.
    await count(staff.ctx, stocktake.id, delivered, 8);
    await move(a, delivered, location.id, 5);
    // Counted 2 of 10 (8 missing); then 9 leave: only 1 is left to take away.
    await count(staff.ctx, stocktake.id, gone, 2);
    await move(a, gone, location.id, -9);
    await finish(manager.ctx, stocktake.id);
    const booked = await book(manager.ctx, stocktake.id);

    expect(await onHand(shipped, location.id)).toBe(7);
    expect(await onHand(delivered, location.id)).toBe(13);
    expect(await onHand(gone, location.id)).toBe(0);
    expect(booked).toMatchObject({ changed: 2, unchanged: 1 });
    expect(booked.floored).toEqual([expect.objectContaining({ productId: gone, difference: -8, booked: -1 })]);
    expect(await line(stocktake.id, delivered)).toMatchObject({ counted: 8, expected: 10, bookedQuantity: -2 });
    expect(await line(stocktake.id, gone)).toMatchObject({ bookedQuantity: -1 });
    await expectLedgerHolds([shipped, delivered, gone]);
  });

  it("while it is open, an absolute count elsewhere is refused (it would book the correction twice); relative moves are kept", async () => {
    const { location, products } = await shelf(a, [10]);
    const product = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    // Counted 12 of 10: booking will add 2.
    await count(staff.ctx, stocktake.id, product, 12);
    // "Set to 12" would add the same 2 first, and booking would add them again (14).
    const setTo = await refusal(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: product,
        locationId: location.id,
        mode: "set",
        quantity: "12",
        reason: "Found two more",
      }),
    );
    expect(setTo).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/is open at/) });
    const { name: locationName } = await system.location.findUniqueOrThrow({
      where: { id: location.id },
      select: { name: true },
    });
    const imported = await refusal(
      importStockLevels(manager.ctx, {
        fileName: "levels.csv",
        content: `sku,location,on_hand\n${products[0]!.sku},${locationName},12\n`,
        mode: "commit",
        operationId: randomUUID(),
      }),
    );
    expect(imported.code).toBe("CONFLICT");
    expect(await onHand(product, location.id)).toBe(10);
    // A relative change is a movement like any other: booking keeps it (10 − 1 + 2 = 11).
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: product,
      locationId: location.id,
      mode: "change",
      quantity: "-1",
      reason: "Broken",
    });
    await finish(manager.ctx, stocktake.id);
    await book(manager.ctx, stocktake.id);
    expect(await onHand(product, location.id)).toBe(11);
    await expectLedgerHolds([product]);
  });

  it("while it is open, its location cannot be archived (the booking could never move stock there); cancelled, it can", async () => {
    // An empty shelf: nothing else stands in the way of archiving it.
    const { location } = await shelf(a, []);
    const stocktake = await start(manager.ctx, location.id);
    const admin = a.ctx;
    const archived = await refusal(archiveLocation(admin, { locationId: location.id }));
    expect(archived).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/is open at .*: book or cancel it before archiving the location\.$/),
    });
    expect(
      (await system.location.findUniqueOrThrow({ where: { id: location.id }, select: { archivedAt: true } }))
        .archivedAt,
    ).toBeNull();
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: await version(stocktake.id) });
    await archiveLocation(admin, { locationId: location.id });
    expect(
      (await system.location.findUniqueOrThrow({ where: { id: location.id }, select: { archivedAt: true } }))
        .archivedAt,
    ).not.toBeNull();
  });

  it("books below what approved orders reserve, and names the products that leaves short", async () => {
    const { location, products } = await shelf(a, [6]);
    const productId = products[0]!.id;
    await system.stockLevel.updateMany({ where: { productId, locationId: location.id }, data: { reserved: 5 } });
    const stocktake = await start(manager.ctx, location.id);
    await count(staff.ctx, stocktake.id, productId, 2);
    await finish(manager.ctx, stocktake.id);
    const booked = await book(manager.ctx, stocktake.id);
    expect(booked.short).toEqual([expect.objectContaining({ productId, onHand: 2, reserved: 5 })]);
    expect(await onHand(productId, location.id)).toBe(2);
  });
});

describe("several people counting at once", () => {
  it("the same line: the later count replaces the earlier one, its snapshot with it, and says whose it replaced", async () => {
    const { location, products } = await shelf(a, [20]);
    const productId = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    const [first, second] = await Promise.all([
      count(staff.ctx, stocktake.id, productId, 18),
      count(otherStaff.ctx, stocktake.id, productId, 19),
    ]);
    // The stock row's lock put them in an order: exactly one came first and replaced nothing.
    const [earlier, later] = first!.replaced === null ? [first!, second!] : [second!, first!];
    expect(earlier.replaced).toBeNull();
    expect(later.replaced).toEqual({ by: earlier === first ? staff.name : otherStaff.name, counted: earlier.counted });
    const saved = await line(stocktake.id, productId);
    expect(saved).toMatchObject({ counted: later.counted, expected: 20 });
    expect(saved?.countedById).toBe(later === first ? staff.userId : otherStaff.userId);
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });

  it("a scanned line names its counter as the company knows them: one deactivated since, as they were then", async () => {
    const { location, products } = await shelf(a, [5, 5]);
    const [named, unnamed] = [products[0]!, products[1]!];
    const stocktake = await start(manager.ctx, location.id);
    const leaver = await addMember(system, a.companyId, { role: "STAFF" });
    const nameless = await addMember(system, a.companyId, { role: "STAFF" });
    await system.user.update({ where: { id: nameless.userId }, data: { name: "" } });
    await count(leaver.ctx, stocktake.id, named.id, 5);
    await count(nameless.ctx, stocktake.id, unnamed.id, 5);
    // Both leave the company, and then change their own name and email, which is none of the company's business.
    for (const member of [leaver, nameless]) {
      await system.membership.update({ where: { id: member.membershipId }, data: { active: false } });
      await system.user.update({
        where: { id: member.userId },
        data: { name: `Someone else ${uniqueSuffix()}`, email: `elsewhere-${uniqueSuffix()}@example.test` },
      });
    }
    const countedBy = async (sku: string) =>
      (await findStocktakeProduct(manager.ctx, { stocktakeId: stocktake.id, code: sku })).products[0]?.countedBy;
    expect(await countedBy(named.sku)).toBe(leaver.name);
    // No name then: the email they had then.
    expect(await countedBy(unnamed.sku)).toBe(nameless.email);
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });

  it("different lines at once are all kept, and a count racing a delivery snapshots on one side of it", async () => {
    const { location, products } = await shelf(a, [1, 2, 3, 4, 5, 6]);
    const stocktake = await start(manager.ctx, location.id);
    const counters = [staff, otherStaff, manager];
    await Promise.all([
      ...products.map((product, i) => count(counters[i % 3]!.ctx, stocktake.id, product.id, 10 + i)),
      move(a, products[0]!.id, location.id, 4),
    ]);
    for (const [i, product] of products.entries()) {
      expect((await line(stocktake.id, product.id))?.counted).toBe(10 + i);
    }
    // The delivery either came before the count (in its snapshot) or after it (kept at booking): 10 either way.
    const racing = await line(stocktake.id, products[0]!.id);
    expect([1, 5]).toContain(racing?.expected);
    await finish(manager.ctx, stocktake.id);
    await book(manager.ctx, stocktake.id);
    expect(await onHand(products[0]!.id, location.id)).toBe(racing?.expected === 1 ? 14 : 10);
    await expectLedgerHolds(products.map((product) => product.id));
  });
});

describe("live updates", () => {
  it("a count is announced to pages showing the stocktake by its id alone, no quantity", async () => {
    const { location, products } = await shelf(a, [5]);
    const stocktake = await start(manager.ctx, location.id, { blind: true });
    const pool = superuserPool(1);
    const client = await pool.connect();
    try {
      const heard: unknown[] = [];
      client.on("notification", (message) => heard.push(JSON.parse(message.payload ?? "null")));
      await client.query(`LISTEN ${EVENT_CHANNEL}`);
      await count(staff.ctx, stocktake.id, products[0]!.id, 4);
      await expect
        .poll(() => heard.filter((event) => JSON.stringify(event).includes(stocktake.id)))
        .toEqual([
          { type: "stocktake.changed", stocktakeId: stocktake.id, companyId: a.companyId, at: expect.any(String) },
        ]);
    } finally {
      client.release();
      await pool.end();
    }
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });
});

describe("blind", () => {
  it("keeps expected quantities, on hand and differences from everyone until booked, then shows them", async () => {
    const { location, products } = await shelf(a, [10, 4]);
    const [even, off] = [products[0]!, products[1]!];
    const stocktake = await start(manager.ctx, location.id, { blind: true, recountUnits: 1 });
    const counted = await count(staff.ctx, stocktake.id, off.id, 9);
    expect(counted).toMatchObject({ counted: 9, expected: null, difference: null });
    await count(staff.ctx, stocktake.id, even.id, 10);
    for (const ctx of [staff.ctx, manager.ctx, a.ctx]) {
      const document = await getStocktake(ctx, { stocktakeId: stocktake.id });
      expect(document.revealed).toBe(false);
      for (const row of document.lines.rows)
        expect(row).toMatchObject({ expected: null, difference: null, onHand: null });
      // Searching finds products with their lines, still without their stock.
      const searched = await getStocktake(ctx, { stocktakeId: stocktake.id, search: "Stock item" });
      for (const row of searched.lines.rows) expect(row).toMatchObject({ expected: null, onHand: null });
      expect((await refusal(getStocktakeVariance(ctx, { stocktakeId: stocktake.id }))).code).toBe("INVALID_TRANSITION");
      expect((await refusal(exportStocktakeVariance(ctx, { stocktakeId: stocktake.id }))).code).toBe(
        "INVALID_TRANSITION",
      );
    }
    await finish(manager.ctx, stocktake.id);
    // The flagged line's first count is hidden too, so its recount is made afresh.
    const flagged = await getStocktake(staff.ctx, { stocktakeId: stocktake.id, view: "recount" });
    expect(flagged.lines.rows).toEqual([
      expect.objectContaining({ productId: off.id, counted: null, countHidden: true, recount: "REQUESTED" }),
    ]);
    const scanned = await findStocktakeProduct(staff.ctx, {
      stocktakeId: stocktake.id,
      code: (await system.product.findFirstOrThrow({ where: { id: off.id } })).sku,
    });
    expect(scanned.products[0]).toMatchObject({ counted: null, recount: "REQUESTED" });
    const recount = await count(otherStaff.ctx, stocktake.id, off.id, 8);
    expect(recount).toMatchObject({ expected: null, difference: null, replaced: { by: staff.name, counted: null } });
    await book(manager.ctx, stocktake.id);

    const booked = await getStocktake(staff.ctx, { stocktakeId: stocktake.id });
    expect(booked.revealed).toBe(true);
    expect(booked.lines.rows.find((row) => row.productId === off.id)).toMatchObject({
      counted: 8,
      expected: 4,
      difference: 4,
      booked: 4,
    });
    const report = await getStocktakeVariance(staff.ctx, { stocktakeId: stocktake.id });
    expect(report.lines.rows.find((row) => row.productId === off.id)).toMatchObject({
      expected: 4,
      counted: 8,
      difference: 4,
      booked: 4,
      firstCount: 9,
      recount: "DONE",
    });
  });
});

describe("the variance report", () => {
  it("values each difference at the cost price, totals per unit and in value, and hides money from whoever may not see it", async () => {
    const location = await createTestLocation(system, a.companyId);
    const suffix = uniqueSuffix();
    const make = (name: string, unit: string, costPrice: string) =>
      system.product.create({
        data: { companyId: a.companyId, sku: `VAR-${name}-${suffix}`, name: `${name} ${suffix}`, unit, costPrice },
        select: { id: true },
      });
    const gloves = await make("Gloves", "pair", "2.50");
    const boxes = await make("Boxes", "box", "10.00");
    const tape = await make("Tape", "box", "4.00");
    for (const [product, quantity] of [
      [gloves, 20],
      [boxes, 5],
      [tape, 7],
    ] as const) {
      await receiveStock(a, product.id, location.id, quantity);
    }
    const stocktake = await start(manager.ctx, location.id, { recountPercent: 50 });
    await count(staff.ctx, stocktake.id, gloves.id, 17); // −3 pair
    await count(staff.ctx, stocktake.id, boxes.id, 6); // +1 box
    await count(staff.ctx, stocktake.id, tape.id, 5); // −2 box

    const report = await getStocktakeVariance(manager.ctx, { stocktakeId: stocktake.id });
    expect(report.money).toBe(true);
    const byName = new Map(report.lines.rows.map((row) => [row.productId, row]));
    expect(byName.get(gloves.id)).toMatchObject({ difference: -3, booked: null, unitCost: "2.50", value: "-7.50" });
    expect(byName.get(boxes.id)).toMatchObject({ difference: 1, value: "10.00", overThreshold: false });
    expect(byName.get(tape.id)).toMatchObject({ difference: -2, value: "-8.00" });
    // Pairs and boxes are never one number; money adds up across products.
    expect(report.totals.byUnit).toEqual([
      { unit: "box", gained: 1, lost: -2, net: -1 },
      { unit: "pair", gained: 0, lost: -3, net: -3 },
    ]);
    expect(report.totals).toMatchObject({
      counted: 3,
      notCounted: 0,
      withDifference: 3,
      value: { gained: "10.00", lost: "-15.50", net: "-5.50" },
    });

    // Staff where the company keeps money from them: the same report without a figure of money.
    const hidden = await getStocktakeVariance(staff.ctx, { stocktakeId: stocktake.id });
    expect(hidden.money).toBe(false);
    expect(hidden.totals.value).toBeNull();
    for (const row of hidden.lines.rows) expect(row).toMatchObject({ unitCost: null, value: null });

    const csv = async (ctx: TenantContext) => {
      const download = await exportStocktakeVariance(ctx, { stocktakeId: stocktake.id, pageSize: 2 });
      return (await new Response(download.stream).text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
    };
    const managerCsv = await csv(manager.ctx);
    expect(managerCsv[0]).toBe(
      "sku,name,unit,expected,counted,difference,booked,recount,first_count,counted_by,counted_at,unit_cost,value",
    );
    // Every counted line, across pages, by name.
    expect(managerCsv.slice(1).map((row) => row.split(",")[1])).toEqual([
      `Boxes ${suffix}`,
      `Gloves ${suffix}`,
      `Tape ${suffix}`,
    ]);
    expect(managerCsv[2]).toMatch(/,pair,20,17,-3,,,,.*,2\.5,-7\.5$/);
    const staffCsv = await csv(staff.ctx);
    expect(staffCsv[0]).toBe(
      "sku,name,unit,expected,counted,difference,booked,recount,first_count,counted_by,counted_at",
    );

    // After booking, the value is what was booked at the cost price then, whatever the price is now.
    await finish(manager.ctx, stocktake.id);
    await book(manager.ctx, stocktake.id);
    await system.product.update({ where: { id: gloves.id }, data: { costPrice: "99.00" } });
    const booked = await getStocktakeVariance(manager.ctx, { stocktakeId: stocktake.id });
    expect(booked.lines.rows.find((row) => row.productId === gloves.id)).toMatchObject({
      booked: -3,
      unitCost: "2.50",
      value: "-7.50",
    });
  });
});

describe("exactly once", () => {
  it("a count sent twice (a double tap, a replay) is saved once and answered the same; other contents are a conflict", async () => {
    const { location, products } = await shelf(a, [5]);
    const productId = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    const input = { operationId: randomUUID(), stocktakeId: stocktake.id, productId, counted: 4 };
    const [first, second] = await Promise.all([
      countStocktakeLine(staff.ctx, input),
      countStocktakeLine(staff.ctx, input),
    ]);
    expect(second).toEqual(first);
    const replay = await countStocktakeLine(staff.ctx, input);
    expect(replay).toEqual(first);
    const counts = await system.auditLog.count({
      where: { entityId: stocktake.id, action: "stocktake.counted" },
    });
    expect(counts).toBe(1);
    const changed = await refusal(countStocktakeLine(staff.ctx, { ...input, counted: 3 }));
    expect(changed.code).toBe("CONFLICT");
    expect(changed.fieldErrors?.operationId).toBeDefined();
    expect((await line(stocktake.id, productId))?.counted).toBe(4);
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });

  it("a booking sent twice books once; a second booking with a new id is a conflict naming who booked it", async () => {
    const { location, products } = await shelf(a, [5]);
    const productId = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    await count(staff.ctx, stocktake.id, productId, 8);
    await finish(manager.ctx, stocktake.id);
    const input = { operationId: randomUUID(), stocktakeId: stocktake.id, version: await version(stocktake.id) };
    const [first, second] = await Promise.all([bookStocktake(manager.ctx, input), bookStocktake(manager.ctx, input)]);
    expect(second).toEqual(first);
    expect(await onHand(productId, location.id)).toBe(8);
    expect(await system.stockMovement.count({ where: { productId, reason: "STOCKTAKE" } })).toBe(1);
    const again = await refusal(bookStocktake(a.ctx, { ...input, operationId: randomUUID() }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(new RegExp(`^Already booked by ${manager.name} at `));
    expect(await onHand(productId, location.id)).toBe(8);
  });
});

describe("bad input", () => {
  it("is a field error and changes nothing", async () => {
    const { location, products } = await shelf(a, [5]);
    const productId = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    const before = await snapshotA();
    const cases: [() => Promise<unknown>, string][] = [
      [
        () =>
          startStocktake(manager.ctx, {
            locationId: location.id,
            blind: false,
            recountUnits: "x",
            recountPercent: null,
          }),
        "recountUnits",
      ],
      [
        () =>
          startStocktake(manager.ctx, {
            locationId: location.id,
            blind: false,
            recountUnits: null,
            recountPercent: "1001",
          }),
        "recountPercent",
      ],
      [
        () =>
          startStocktake(manager.ctx, { locationId: "nope", blind: false, recountUnits: null, recountPercent: null }),
        "locationId",
      ],
      [
        () =>
          startStocktake(manager.ctx, {
            locationId: location.id,
            blind: "yes",
            recountUnits: null,
            recountPercent: null,
          }),
        "blind",
      ],
      [() => count(staff.ctx, stocktake.id, productId, "-1"), "counted"],
      [() => count(staff.ctx, stocktake.id, productId, "1.5"), "counted"],
      [() => count(staff.ctx, stocktake.id, productId, ""), "counted"],
      [() => count(staff.ctx, "not-an-id", productId, 1), "stocktakeId"],
      [
        () => countStocktakeLine(staff.ctx, { operationId: "x", stocktakeId: stocktake.id, productId, counted: 1 }),
        "operationId",
      ],
      [() => finishStocktake(manager.ctx, { stocktakeId: stocktake.id, version: "1e3" }), "version"],
      [() => bookStocktake(manager.ctx, { operationId: randomUUID(), stocktakeId: stocktake.id }), "version"],
      [() => findStocktakeProduct(staff.ctx, { stocktakeId: stocktake.id, code: "\t" }), "code"],
      [() => getStocktake(staff.ctx, { stocktakeId: stocktake.id, view: "everything" }), "view"],
    ];
    for (const [call, field] of cases) {
      const error = await refusal(call());
      expect(error.code, field).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {}), field).toContain(field);
    }
    // Finishing with nothing counted says so.
    const empty = await refusal(finish(manager.ctx, stocktake.id));
    expect(empty.message).toMatch(/^Count at least one product/);
    expect(await snapshotA()).toEqual(before);
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });
});

describe("roles", () => {
  it("staff count but may not start, finish, book or cancel; what they were refused changed nothing", async () => {
    const { location, products } = await shelf(a, [5]);
    const stocktake = await start(manager.ctx, location.id);
    await count(staff.ctx, stocktake.id, products[0]!.id, 5);
    const elsewhere = await createTestLocation(system, a.companyId);
    const before = await snapshotA();
    for (const call of [
      () => start(staff.ctx, elsewhere.id),
      () => finishStocktake(staff.ctx, { stocktakeId: stocktake.id, version: 1 }),
      () => bookStocktake(staff.ctx, { operationId: randomUUID(), stocktakeId: stocktake.id, version: 1 }),
      () => cancelStocktake(staff.ctx, { stocktakeId: stocktake.id, version: 1 }),
    ]) {
      expect((await refusal(call())).code).toBe("FORBIDDEN");
    }
    const after = await snapshotA();
    expect({ ...after, levels: undefined }).toEqual({ ...before, levels: undefined });
    await cancelStocktake(manager.ctx, { stocktakeId: stocktake.id, version: 1 });
  });
});

describe("two companies", () => {
  it("company B acting on company A's stocktake and line ids gets NOT_FOUND and changes nothing", async () => {
    const { location, products } = await shelf(a, [5]);
    const productId = products[0]!.id;
    const stocktake = await start(manager.ctx, location.id);
    await count(staff.ctx, stocktake.id, productId, 3);
    const bShelf = await shelf(b, [2]);
    const bStocktake = await start(b.ctx, bShelf.location.id);
    const before = await snapshotA();
    const bBefore = await system.stocktakeLine.findMany({ where: { companyId: b.companyId } });
    const stocktakeId = stocktake.id;
    for (const call of [
      () => getStocktake(b.ctx, { stocktakeId }),
      () => countStocktakeLine(b.ctx, { operationId: randomUUID(), stocktakeId, productId, counted: 1 }),
      // B's own stocktake with A's product on it.
      () => countStocktakeLine(b.ctx, { operationId: randomUUID(), stocktakeId: bStocktake.id, productId, counted: 1 }),
      () => findStocktakeProduct(b.ctx, { stocktakeId, code: products[0]!.sku }),
      () => finishStocktake(b.ctx, { stocktakeId, version: 1 }),
      () => bookStocktake(b.ctx, { operationId: randomUUID(), stocktakeId, version: 1 }),
      () => cancelStocktake(b.ctx, { stocktakeId, version: 1 }),
      () => getStocktakeVariance(b.ctx, { stocktakeId }),
      () => exportStocktakeVariance(b.ctx, { stocktakeId }),
      // B starting a stocktake at A's location.
      () => start(b.ctx, location.id),
    ]) {
      expect((await refusal(call())).code).toBe("NOT_FOUND");
    }
    // A's product is simply unknown to B's scan, and B's list holds none of A's stocktakes.
    const lookup = await findStocktakeProduct(b.ctx, { stocktakeId: bStocktake.id, code: products[0]!.sku });
    expect(lookup.products).toEqual([]);
    expect((await listStocktakes(b.ctx, {})).rows.map((row) => row.id)).not.toContain(stocktakeId);
    expect(await snapshotA()).toEqual(before);
    expect(await system.stocktakeLine.findMany({ where: { companyId: b.companyId } })).toEqual(bBefore);
    await cancelStocktake(manager.ctx, { stocktakeId, version: 1 });
    await cancelStocktake(b.ctx, { stocktakeId: bStocktake.id, version: 1 });
  });
});
