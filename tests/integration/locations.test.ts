// Locations (issue "Inventory", part 2) on real PostgreSQL: create, rename, archive, restore and set default with
// their audit rows; names unique per company (also when two people race); archiving refused while the location is
// the default, holds stock or is named by requests still pending or approved, and race-free against stock arriving
// at the same moment; exactly one default, also under concurrency; company B cannot touch company A's locations;
// staff may look but not change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { archiveLocation } from "../../lib/locations/archive-location";
import { createLocation } from "../../lib/locations/create-location";
import { getLocation } from "../../lib/locations/get-location";
import { listLocations } from "../../lib/locations/list-locations";
import { DUPLICATE_NAME_MESSAGE } from "../../lib/locations/location-fields";
import { renameLocation } from "../../lib/locations/rename-location";
import { restoreLocation } from "../../lib/locations/restore-location";
import { setDefaultLocation } from "../../lib/locations/set-default-location";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { approvedOrder, createOrder, fulfilledOrder, pricedProduct, requestNumber } from "../factories/orders";
import {
  approvedCustomerOrder,
  createTestLocation,
  createTestProduct,
  receiveStock,
  stockSnapshot,
} from "../factories/stock";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserPool, superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  a = await createCompanyFixture(system, "loc-a");
  b = await createCompanyFixture(system, "loc-b");
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
});

afterAll(async () => {
  await system.$disconnect();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

async function locationRow(id: string) {
  return system.location.findUniqueOrThrow({
    where: { id },
    select: { name: true, code: true, isDefault: true, archivedAt: true },
  });
}

async function auditRows(companyId: string, entityId: string) {
  return system.auditLog.findMany({
    where: { companyId, entityType: "location", entityId },
    select: { action: true, actorId: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** A company of its own for tests that move the default (the shared fixtures' default stays put). */
async function freshCompany(label: string) {
  const fixture = await createCompanyFixture(system, label);
  const member = await addMember(system, fixture.companyId, { role: "MANAGER" });
  return { fixture, ctx: member.ctx };
}

describe("managing locations", () => {
  it("creates, renames, archives, restores and sets the default, each with its audit row", async () => {
    const { fixture, ctx } = await freshCompany("loc-life");
    const name = `Back room ${uniqueSuffix()}`;
    const created = await createLocation(ctx, { name: `  ${name}  `, code: "BR" });
    expect(created).toEqual({ id: expect.any(String), name, code: "BR", isDefault: false, archived: false });

    const renamed = await renameLocation(ctx, { locationId: created.id, name: `${name} (east)` });
    expect(renamed.name).toBe(`${name} (east)`);

    const archived = await archiveLocation(ctx, { locationId: created.id });
    expect(archived.archived).toBe(true);
    expect((await locationRow(created.id)).archivedAt).toBeInstanceOf(Date);

    const restored = await restoreLocation(ctx, { locationId: created.id });
    expect(restored.archived).toBe(false);
    expect((await locationRow(created.id)).archivedAt).toBeNull();

    const madeDefault = await setDefaultLocation(ctx, { locationId: created.id });
    expect(madeDefault.isDefault).toBe(true);
    expect((await locationRow(fixture.locationId)).isDefault).toBe(false);
    expect(await system.location.count({ where: { companyId: fixture.companyId, isDefault: true } })).toBe(1);

    const audit = await auditRows(fixture.companyId, created.id);
    expect(audit.map((row) => row.action)).toEqual([
      "location.created",
      "location.renamed",
      "location.archived",
      "location.restored",
      "location.default_set",
    ]);
    expect(audit.every((row) => row.actorId === ctx.userId)).toBe(true);
    expect(audit[1]).toMatchObject({ before: { name }, after: { name: `${name} (east)` } });
    expect(audit[4]).toMatchObject({
      before: { defaultLocationId: fixture.locationId },
      after: { defaultLocationId: created.id },
    });
  });

  it("repeating a rename, archive, restore or set-default that is already so changes and audits nothing", async () => {
    const location = await createTestLocation(system, a.companyId);
    await renameLocation(manager.ctx, { locationId: location.id, name: location.name });
    await restoreLocation(manager.ctx, { locationId: location.id });
    await setDefaultLocation(manager.ctx, { locationId: a.locationId });
    expect(await auditRows(a.companyId, location.id)).toEqual([]);
    expect(await auditRows(a.companyId, a.locationId)).toEqual([]);
  });

  it("refuses a name another location of the company has, as a field error, and changes nothing", async () => {
    const existing = await createTestLocation(system, a.companyId);
    const other = await createTestLocation(system, a.companyId);
    const before = await stockSnapshot(system, a.companyId, []);

    const onCreate = await failure(createLocation(manager.ctx, { name: existing.name }));
    expect(onCreate).toMatchObject({ code: "VALIDATION", fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] } });
    const onRename = await failure(renameLocation(manager.ctx, { locationId: other.id, name: existing.name }));
    expect(onRename).toMatchObject({ code: "VALIDATION", fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] } });

    expect(await stockSnapshot(system, a.companyId, [])).toEqual(before);
    // Another company may use the same name.
    await expect(createLocation(b.ctx, { name: existing.name })).resolves.toMatchObject({ name: existing.name });
  });

  it("two people creating the same name at once get one location and one field error", async () => {
    const name = `Race ${uniqueSuffix()}`;
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => createLocation(manager.ctx, { name })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === "rejected")) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({
        code: "VALIDATION",
        fieldErrors: { name: [DUPLICATE_NAME_MESSAGE] },
      });
    }
    expect(await system.location.count({ where: { companyId: a.companyId, name } })).toBe(1);
  });

  it("rejects bad input and unknown keys as field errors", async () => {
    const location = await createTestLocation(system, a.companyId);
    const before = await stockSnapshot(system, a.companyId, []);
    await expect(createLocation(manager.ctx, { name: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: ["Enter a name."] },
    });
    await expect(createLocation(manager.ctx, { name: "x".repeat(81) })).rejects.toMatchObject({
      fieldErrors: { name: ["Use at most 80 characters."] },
    });
    await expect(createLocation(manager.ctx, { name: "Two\nlines" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { name: expect.any(Array) },
    });
    await expect(createLocation(manager.ctx, { name: "Sneaky", companyId: b.companyId })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { _form: expect.any(Array) },
    });
    await expect(
      renameLocation(manager.ctx, { locationId: location.id, name: "Fine", isDefault: true }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(archiveLocation(manager.ctx, { locationId: "not-a-uuid" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(await stockSnapshot(system, a.companyId, [])).toEqual(before);
  });
});

describe("archiving", () => {
  it("is refused while the location is the default, and nothing changes", async () => {
    const before = await stockSnapshot(system, a.companyId, []);
    const error = await failure(archiveLocation(manager.ctx, { locationId: a.locationId }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: "Main is the default location: make another location the default first.",
    });
    expect(await stockSnapshot(system, a.companyId, [])).toEqual(before);
  });

  it("is refused while the location holds stock, naming what it holds; allowed once it is empty", async () => {
    const location = await createTestLocation(system, a.companyId);
    const [first, second] = [
      await createTestProduct(system, a.companyId),
      await createTestProduct(system, a.companyId),
    ];
    await receiveStock(a, first.id, location.id, 3);
    await receiveStock(a, second.id, location.id, 4);
    const before = await stockSnapshot(system, a.companyId, [first.id, second.id]);

    const error = await failure(archiveLocation(manager.ctx, { locationId: location.id }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: `${location.name} still holds stock of 2 products: transfer it elsewhere or count it out first.`,
    });
    expect(await stockSnapshot(system, a.companyId, [first.id, second.id])).toEqual(before);

    // Emptied (the rows stay, at zero): now it may go.
    await receiveStock(a, first.id, location.id, -3);
    await receiveStock(a, second.id, location.id, -4);
    await expect(archiveLocation(manager.ctx, { locationId: location.id })).resolves.toMatchObject({ archived: true });
  });

  it("takes the location's own reorder points with it: an empty shelf there no longer makes a product low", async () => {
    const location = await createTestLocation(system, a.companyId);
    const product = await createTestProduct(system, a.companyId);
    // A point of its own on an empty shelf: low there, so low.
    await setLocationReorderPoint(manager.ctx, { productId: product.id, locationId: location.id, reorderPoint: 5 });
    const lowLocations = async () =>
      (
        await system.productStockTotal.findUniqueOrThrow({
          where: { companyId_productId: { companyId: a.companyId, productId: product.id } },
          select: { lowLocations: true },
        })
      ).lowLocations;
    expect(await lowLocations()).toBe(1);
    await archiveLocation(manager.ctx, { locationId: location.id });
    expect(await lowLocations()).toBe(0);
    expect(
      (await system.stockLevel.findFirstOrThrow({ where: { productId: product.id, locationId: location.id } }))
        .reorderPoint,
    ).toBeNull();
  });

  it("is refused while approved orders reserve stock there, even with nothing on hand, naming the reservation", async () => {
    const location = await createTestLocation(system, a.companyId);
    const product = await createTestProduct(system, a.companyId);
    await approvedCustomerOrder(system, a, { productId: product.id, locationId: location.id, quantity: 2 });
    const before = await stockSnapshot(system, a.companyId, [product.id]);
    const error = await failure(archiveLocation(manager.ctx, { locationId: location.id }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: `${location.name} has stock of 1 product reserved for approved orders: fulfil or cancel those orders first.`,
    });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("is refused while a pending request names it, naming the request; allowed once it is cancelled", async () => {
    const location = await createTestLocation(system, a.companyId);
    const product = await pricedProduct(system, a);
    const restock = await createOrder(staff.ctx, {
      type: "RESTOCK",
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 5 }],
    });
    const before = await stockSnapshot(system, a.companyId, [product.id]);

    const error = await failure(archiveLocation(manager.ctx, { locationId: location.id }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: `${location.name} has 1 open request (${requestNumber(restock.number)}): fulfil, reject or cancel it first.`,
    });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
    expect((await locationRow(location.id)).archivedAt).toBeNull();

    await cancelOrderRequest(staff.ctx, { orderId: restock.id, version: restock.version });
    await expect(archiveLocation(manager.ctx, { locationId: location.id })).resolves.toMatchObject({ archived: true });
  });

  it("counts pending and approved requests alike, naming the three lowest numbers", async () => {
    const location = await createTestLocation(system, a.companyId);
    const product = await pricedProduct(system, a);
    const draft = (type: "RESTOCK" | "CUSTOMER_ORDER") => ({
      type,
      locationId: location.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    // An approved restock reserves nothing: only the request itself holds the location.
    const approved = await approvedOrder(staff.ctx, manager.ctx, draft("RESTOCK"));
    const pending = [
      await createOrder(staff.ctx, draft("CUSTOMER_ORDER")),
      await createOrder(manager.ctx, draft("RESTOCK")),
      await createOrder(staff.ctx, draft("RESTOCK")),
    ];
    const named = [approved, pending[0]!, pending[1]!].map((order) => requestNumber(order.number)).join(", ");
    const before = await stockSnapshot(system, a.companyId, [product.id]);

    const error = await failure(archiveLocation(manager.ctx, { locationId: location.id }));
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: `${location.name} has 4 open requests (${named} and 1 more): fulfil, reject or cancel them first.`,
    });
    expect(await stockSnapshot(system, a.companyId, [product.id])).toEqual(before);
  });

  it("is not held back by requests that were fulfilled, rejected or cancelled", async () => {
    const location = await createTestLocation(system, a.companyId);
    const product = await pricedProduct(system, a, { stock: { [location.id]: 2 } });
    const line = { productId: product.id, quantity: 2 };
    // The customer order ships the two units received above: the location is empty again afterwards.
    await fulfilledOrder(staff.ctx, manager.ctx, { locationId: location.id, lines: [line] });
    const rejected = await createOrder(staff.ctx, { type: "RESTOCK", locationId: location.id, lines: [line] });
    await rejectOrderRequest(manager.ctx, { orderId: rejected.id, version: rejected.version, note: "Not needed" });
    const cancelled = await createOrder(staff.ctx, { locationId: location.id, lines: [line] });
    await cancelOrderRequest(staff.ctx, { orderId: cancelled.id, version: cancelled.version });
    const requests = await system.orderRequest.findMany({
      where: { companyId: a.companyId, locationId: location.id },
      select: { status: true },
    });
    expect(requests.map((r) => r.status).sort()).toEqual(["CANCELLED", "FULFILLED", "REJECTED"]);
    expect(
      await system.stockLevel.findFirst({ where: { productId: product.id, locationId: location.id } }),
    ).toMatchObject({ onHand: 0, reserved: 0 });

    await expect(archiveLocation(manager.ctx, { locationId: location.id })).resolves.toMatchObject({ archived: true });
  });

  it("counts only the company's own requests: another company's open requests never hold it back", async () => {
    const ours = await createTestLocation(system, a.companyId);
    const theirs = await createTestLocation(system, b.companyId);
    const [ourProduct, theirProduct] = [await pricedProduct(system, a), await pricedProduct(system, b)];
    const ourOpen = await createOrder(staff.ctx, {
      type: "RESTOCK",
      locationId: ours.id,
      lines: [{ productId: ourProduct.id, quantity: 1 }],
    });
    const theirOpen = await createOrder(b.ctx, {
      type: "RESTOCK",
      locationId: theirs.id,
      lines: [{ productId: theirProduct.id, quantity: 1 }],
    });
    const otherOfTheirs = await createTestLocation(system, b.companyId);

    // B's own count names only B's request, although A has one open too.
    expect(await failure(archiveLocation(b.ctx, { locationId: theirs.id }))).toMatchObject({
      code: "CONFLICT",
      message: `${theirs.name} has 1 open request (${requestNumber(theirOpen.number)}): fulfil, reject or cancel it first.`,
    });
    // A location of B that no request of B names may go, whatever A has open.
    await expect(archiveLocation(b.ctx, { locationId: otherOfTheirs.id })).resolves.toMatchObject({ archived: true });
    // And the other way round.
    await cancelOrderRequest(staff.ctx, { orderId: ourOpen.id, version: ourOpen.version });
    await expect(archiveLocation(manager.ctx, { locationId: ours.id })).resolves.toMatchObject({ archived: true });
    expect((await locationRow(theirs.id)).archivedAt).toBeNull();
  });

  it("and stock arriving at the same moment never leaves stock in an archived location", async () => {
    const product = await createTestProduct(system, a.companyId);
    for (let round = 0; round < 8; round++) {
      const location = await createTestLocation(system, a.companyId);
      const [archive, receive] = await Promise.allSettled([
        archiveLocation(manager.ctx, { locationId: location.id }),
        receiveStock(a, product.id, location.id, 5),
      ]);
      const row = await locationRow(location.id);
      const level = await system.stockLevel.findFirst({
        where: { productId: product.id, locationId: location.id },
        select: { onHand: true },
      });
      // Exactly one of the two wins; never both.
      if (archive.status === "fulfilled") {
        expect(receive.status).toBe("rejected");
        expect(row.archivedAt).toBeInstanceOf(Date);
        expect(level?.onHand ?? 0).toBe(0);
      } else {
        expect(receive.status).toBe("fulfilled");
        expect(archive.reason).toMatchObject({ code: "CONFLICT" });
        expect(row.archivedAt).toBeNull();
        expect(level?.onHand).toBe(5);
      }
    }
  });

  it("waits for a stock change already past the ledger's location check, then sees its stock", async () => {
    // The interleaving a random race rarely hits: the receipt has read the location (active) and waits on its stock
    // row (held here by another transaction) when the archive starts. The archive must not archive under it.
    const product = await createTestProduct(system, a.companyId);
    const location = await createTestLocation(system, a.companyId);
    await receiveStock(a, product.id, location.id, 1);
    await receiveStock(a, product.id, location.id, -1);
    const pool = superuserPool(3);
    const blocker = await pool.connect();
    try {
      await blocker.query("BEGIN");
      const { rows } = await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await blocker.query("SELECT 1 FROM stock_levels WHERE product_id = $1 AND location_id = $2 FOR UPDATE", [
        product.id,
        location.id,
      ]);
      const receive = receiveStock(a, product.id, location.id, 5).then(
        () => "received",
        (error: unknown) => error,
      );
      await waitForWaitersOn(pool, rows[0]!.pid);
      const archive = archiveLocation(manager.ctx, { locationId: location.id }).then(
        () => "archived",
        (error: unknown) => error,
      );
      // Give the archive every chance to get ahead of the waiting receipt before the receipt may go on.
      await Promise.race([archive, new Promise((resolve) => setTimeout(resolve, 500))]);
      await blocker.query("COMMIT");
      const outcomes = [await receive, await archive];
      const row = await locationRow(location.id);
      const level = await system.stockLevel.findFirstOrThrow({
        where: { productId: product.id, locationId: location.id },
        select: { onHand: true },
      });
      expect(
        row.archivedAt === null || level.onHand === 0,
        `outcomes ${String(outcomes)}, on hand ${level.onHand}`,
      ).toBe(true);
      expect(outcomes.filter((o) => o === "received" || o === "archived")).toHaveLength(1);
    } finally {
      blocker.release();
      await pool.end();
    }
  });
});

describe("lock strength", () => {
  it("restore and set-default do not wait for a stock change in flight at the location; archive and rename do", async () => {
    const { fixture, ctx } = await freshCompany("loc-lock");
    const location = await createTestLocation(system, fixture.companyId);
    const archived = await createTestLocation(system, fixture.companyId, { archived: true });
    const pool = superuserPool(2);
    const blocker = await pool.connect();
    const within = <T>(promise: Promise<T>) =>
      Promise.race([
        promise,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("waited for the stock change")), 3_000)),
      ]);
    try {
      // What a stock change holds on the locations it moves stock at until it commits (the ledger's FOR KEY SHARE).
      await blocker.query("BEGIN");
      const { rows } = await blocker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await blocker.query("SELECT 1 FROM locations WHERE id = ANY($1::uuid[]) FOR KEY SHARE", [
        [location.id, archived.id],
      ]);

      await expect(within(restoreLocation(ctx, { locationId: archived.id }))).resolves.toMatchObject({
        archived: false,
      });
      await expect(within(setDefaultLocation(ctx, { locationId: location.id }))).resolves.toMatchObject({
        isDefault: true,
      });

      await setDefaultLocation(ctx, { locationId: fixture.locationId });
      // A rename changes a key column (the name is unique): PostgreSQL itself makes it wait, like an archive.
      const rename = renameLocation(ctx, { locationId: location.id, name: `Renamed ${uniqueSuffix()}` });
      const archive = archiveLocation(ctx, { locationId: archived.id });
      await waitForWaitersOn(pool, rows[0]!.pid, 2);
      await blocker.query("COMMIT");
      await expect(archive).resolves.toMatchObject({ archived: true });
      await expect(rename).resolves.toMatchObject({ id: location.id });
    } finally {
      blocker.release();
      await pool.end();
    }
  });
});

/** Waits until some backend waits for a lock that backend `pid` holds. */
async function waitForWaitersOn(pool: ReturnType<typeof superuserPool>, pid: number, count = 1): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const { rows } = await pool.query<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))",
      [pid],
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nobody waited on backend ${pid}`);
}

describe("the default location", () => {
  it("is refused for an archived location", async () => {
    const location = await createTestLocation(system, a.companyId, { archived: true });
    const error = await failure(setDefaultLocation(manager.ctx, { locationId: location.id }));
    expect(error).toMatchObject({
      code: "VALIDATION",
      message: `${location.name} is archived: restore it before making it the default.`,
    });
    expect((await locationRow(a.locationId)).isDefault).toBe(true);
  });

  it("stays exactly one when people choose different defaults at the same moment", async () => {
    const { fixture, ctx } = await freshCompany("loc-default");
    const candidates = await Promise.all(
      Array.from({ length: 5 }, () => createTestLocation(system, fixture.companyId)),
    );
    const outcomes = await Promise.allSettled(
      candidates.map((location) => setDefaultLocation(ctx, { locationId: location.id })),
    );
    const refused = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
    expect(refused).toEqual([]);
    const defaults = await system.location.findMany({
      where: { companyId: fixture.companyId, isDefault: true },
      select: { id: true },
    });
    expect(defaults).toHaveLength(1);
    expect(candidates.map((c) => c.id)).toContain(defaults[0]!.id);
  });
});

describe("the list", () => {
  it("shows every role the locations with the products in stock there, the default first", async () => {
    const { fixture, ctx } = await freshCompany("loc-list");
    const viewer = await addMember(system, fixture.companyId, { role: "STAFF" });
    const shelf = await createTestLocation(system, fixture.companyId, { name: "Aisle 1" });
    const archived = await createTestLocation(system, fixture.companyId, { name: "Old shed", archived: true });
    const [p1, p2] = [
      await createTestProduct(system, fixture.companyId),
      await createTestProduct(system, fixture.companyId),
    ];
    await receiveStock(fixture, p1.id, shelf.id, 12);
    await receiveStock(fixture, p2.id, shelf.id, 3);
    await receiveStock(fixture, p2.id, fixture.locationId, 5);
    await receiveStock(fixture, p1.id, fixture.locationId, 2);
    await receiveStock(fixture, p1.id, fixture.locationId, -2);

    const rows = await listLocations(viewer.ctx);
    // The fixture's Main holds its widget (10) and p2 (5); p1's row there is back at 0 and not counted.
    expect(rows).toEqual([
      {
        id: fixture.locationId,
        name: "Main",
        code: null,
        isDefault: true,
        archived: false,
        productCount: 2,
      },
      {
        id: shelf.id,
        name: "Aisle 1",
        code: null,
        isDefault: false,
        archived: false,
        productCount: 2,
      },
      {
        id: archived.id,
        name: "Old shed",
        code: null,
        isDefault: false,
        archived: true,
        productCount: 0,
      },
    ]);
    expect((await listLocations(ctx, { includeArchived: false })).map((row) => row.name)).toEqual(["Main", "Aisle 1"]);
    await expect(getLocation(viewer.ctx, { locationId: shelf.id })).resolves.toMatchObject({ name: "Aisle 1" });
  });
});

describe("getLocation", () => {
  it("takes only a location id: other keys are a field error, a malformed id NOT_FOUND, upper case works", async () => {
    const location = await createTestLocation(system, a.companyId);
    expect(await failure(getLocation(manager.ctx, { locationId: location.id, companyId: b.companyId }))).toMatchObject({
      code: "VALIDATION",
    });
    expect(await failure(getLocation(manager.ctx, { locationId: "not-a-uuid" }))).toMatchObject({ code: "NOT_FOUND" });
    await expect(getLocation(manager.ctx, { locationId: location.id.toUpperCase() })).resolves.toMatchObject({
      id: location.id,
    });
  });
});

describe("isolation and permissions", () => {
  it("company B acting on company A's locations gets NOT_FOUND and changes nothing", async () => {
    const location = await createTestLocation(system, a.companyId);
    const archived = await createTestLocation(system, a.companyId, { archived: true });
    const before = await stockSnapshot(system, a.companyId, []);
    for (const attempt of [
      () => renameLocation(b.ctx, { locationId: location.id, name: `Taken over ${uniqueSuffix()}` }),
      () => archiveLocation(b.ctx, { locationId: location.id }),
      () => restoreLocation(b.ctx, { locationId: archived.id }),
      () => setDefaultLocation(b.ctx, { locationId: location.id }),
      () => getLocation(b.ctx, { locationId: location.id }),
    ]) {
      expect(await failure(attempt())).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await stockSnapshot(system, a.companyId, [])).toEqual(before);
    expect((await listLocations(b.ctx)).map((row) => row.id)).not.toContain(location.id);
    expect((await locationRow(b.locationId)).isDefault).toBe(true);
  });

  it("staff may list locations but not change them: FORBIDDEN, nothing changed", async () => {
    const location = await createTestLocation(system, a.companyId);
    const before = await stockSnapshot(system, a.companyId, []);
    for (const attempt of [
      () => createLocation(staff.ctx, { name: `Staff made ${uniqueSuffix()}` }),
      () => renameLocation(staff.ctx, { locationId: location.id, name: `Staff renamed ${uniqueSuffix()}` }),
      () => archiveLocation(staff.ctx, { locationId: location.id }),
      () => restoreLocation(staff.ctx, { locationId: location.id }),
      () => setDefaultLocation(staff.ctx, { locationId: location.id }),
    ]) {
      expect(await failure(attempt())).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await stockSnapshot(system, a.companyId, [])).toEqual(before);
    expect((await listLocations(staff.ctx)).map((row) => row.id)).toContain(location.id);
  });
});
