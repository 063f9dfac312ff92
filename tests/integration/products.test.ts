// Products (issue "Inventory", parts 1 and 7) on real PostgreSQL: create with opening stock, edit with optimistic
// locking, archive and restore, each audited and announced; SKU and barcode clashes (concurrent ones included)
// as field errors; the list's search, filters, sorts and keyset pages; the low-stock rule in the list and the
// count; roles; and tenant isolation. Each test builds its own catalogue under a unique category or name.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { EVENT_CHANNEL } from "../../lib/events/types";
import { archiveProduct } from "../../lib/products/archive-product";
import { createProduct } from "../../lib/products/create-product";
import { getProduct } from "../../lib/products/get-product";
import { listProductFilters } from "../../lib/products/list-product-filters";
import { listProducts, readProductListPage, type ProductListPage } from "../../lib/products/list-products";
import { restoreProduct } from "../../lib/products/restore-product";
import {
  encodeCursor,
  productListInput,
  productListInputSchema,
  productListQueryFromSearchParams,
} from "../../lib/products/product-list-params";
import { encodeKeyset } from "../../lib/list/keyset-cursor";
import { updateProduct } from "../../lib/products/update-product";
import {
  firstProductsByName,
  hasTrigram,
  productCommonTextCondition,
  productSearchCondition,
} from "../../lib/products/product-search";
import { productListSql, toProductListPage, type ProductListSqlRow } from "../../lib/products/product-list-query";
import { withTenantTx } from "../../lib/db/tenant";
import { listProductDuplicates, resolveProductDuplicate } from "../../lib/products/product-duplicates";
import { getProductListView } from "../../lib/products/product-list-page";
import { findOrderProducts } from "../../lib/orders/find-order-products";
import { searchStockProducts } from "../../lib/stock/search-stock-products";
import { countLowStock } from "../../lib/stock/low-stock";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { totalsMismatches } from "../factories/stock";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addLocation, makeProduct, productState, receiveStock } from "../factories/products";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserPool, superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  a = await createCompanyFixture(system, "prod-a");
  b = await createCompanyFixture(system, "prod-b");
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
});

afterAll(async () => {
  await system.$disconnect();
});

/** The AppError a call fails with (the test fails if it succeeds or throws anything else). */
async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const fields = (overrides: Record<string, unknown> = {}) => ({
  sku: `W-${uniqueSuffix()}`,
  name: `Widget ${uniqueSuffix()}`,
  description: "A widget",
  category: "Widgets",
  unit: "box",
  barcode: `BC-${uniqueSuffix()}`,
  costPrice: "2.50",
  salePrice: "4.99",
  reorderPoint: "5",
  ...overrides,
});

async function auditRows(companyId: string, productId: string) {
  return system.auditLog.findMany({
    where: { companyId, entityId: productId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, before: true, after: true },
  });
}

/** The product list page's "resolve the duplicates" flag (getProductListView). */
const hasDuplicates = async (ctx: TenantContext) => (await getProductListView(ctx, {})).duplicates;

describe("creating a product", () => {
  it("stores the normalised fields at version 1 with a product.created audit row", async () => {
    const input = fields({ sku: ` S-${uniqueSuffix()} `, category: "", description: "" });
    const created = await createProduct(manager.ctx, input);
    expect(created).toMatchObject({
      sku: input.sku.trim(),
      name: input.name,
      category: null,
      description: null,
      unit: "box",
      costPrice: "2.50",
      salePrice: "4.99",
      reorderPoint: 5,
      archived: false,
      version: 1,
      opening: null,
    });
    const row = await system.product.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.companyId).toBe(a.companyId);
    expect(row.costPrice.toString()).toBe("2.5");
    const audits = await auditRows(a.companyId, created.id);
    expect(audits).toEqual([
      {
        action: "product.created",
        actorId: manager.userId,
        before: null,
        after: expect.objectContaining({
          sku: input.sku.trim(),
          name: input.name,
          costPrice: "2.50",
          version: 1,
          archived: false,
        }),
      },
    ]);
    expect(await system.stockMovement.count({ where: { productId: created.id } })).toBe(0);
  });

  it("books an opening quantity as an INITIAL movement at the chosen location, in the same transaction", async () => {
    const location = await addLocation(system, a.companyId, "Opening");
    const created = await createProduct(manager.ctx, fields({ openingQuantity: "12", openingLocationId: location.id }));
    expect(created.opening).toEqual({ locationId: location.id, quantity: 12 });
    const levels = await system.stockLevel.findMany({
      where: { productId: created.id },
      select: { locationId: true, onHand: true, reserved: true },
    });
    expect(levels).toEqual([{ locationId: location.id, onHand: 12, reserved: 0 }]);
    const movements = await system.stockMovement.findMany({ where: { productId: created.id } });
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({
      reason: "INITIAL",
      quantity: 12,
      balanceAfter: 12,
      actorId: manager.userId,
      locationId: location.id,
    });
    expect(movements[0]!.unitCost?.toString()).toBe("2.5");
    expect((await auditRows(a.companyId, created.id)).map((r) => r.action)).toEqual([
      "product.created",
      "stock.initial",
    ]);
  });

  it("refuses an opening quantity without a location, at another company's location or an archived one: nothing written", async () => {
    const archived = await addLocation(system, a.companyId, "Closed");
    await system.location.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    const cases: [Record<string, unknown>, string][] = [
      [{ openingQuantity: "3" }, "Choose where the opening stock is."],
      [{ openingQuantity: "3", openingLocationId: b.locationId }, "That location was not found."],
      [{ openingQuantity: "3", openingLocationId: "not-a-location" }, "That location was not found."],
      [{ openingQuantity: "3", openingLocationId: archived.id }, "That location is archived."],
    ];
    for (const [extra, message] of cases) {
      const input = fields(extra);
      const error = await failure(createProduct(manager.ctx, input));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors).toEqual({ openingLocationId: [message] });
      expect(await system.product.count({ where: { sku: input.sku } })).toBe(0);
    }
    expect(await system.stockLevel.count({ where: { locationId: b.locationId, companyId: a.companyId } })).toBe(0);
  });

  it("an SKU or barcode in use in the company is a field error naming the product; nothing is written", async () => {
    const holder = await createProduct(manager.ctx, fields());
    const auditsBefore = await system.auditLog.count({ where: { companyId: a.companyId } });
    const movementsBefore = await system.stockMovement.count({ where: { companyId: a.companyId } });

    const sameSku = fields({ sku: holder.sku });
    const skuError = await failure(createProduct(manager.ctx, sameSku));
    expect(skuError.code).toBe("VALIDATION");
    expect(skuError.fieldErrors).toEqual({ sku: [`SKU ${holder.sku} is already used by ${holder.name}.`] });
    expect(await system.product.count({ where: { name: sameSku.name } })).toBe(0);

    const sameBarcode = fields({ barcode: holder.barcode, openingQuantity: "4", openingLocationId: a.locationId });
    const barcodeError = await failure(createProduct(manager.ctx, sameBarcode));
    expect(barcodeError.fieldErrors).toEqual({
      barcode: [`Barcode ${holder.barcode} is already used by ${holder.name}.`],
    });
    expect(await system.product.count({ where: { name: sameBarcode.name } })).toBe(0);

    const both = await failure(createProduct(manager.ctx, fields({ sku: holder.sku, barcode: holder.barcode })));
    expect(Object.keys(both.fieldErrors ?? {}).sort()).toEqual(["barcode", "sku"]);

    expect(await system.auditLog.count({ where: { companyId: a.companyId } })).toBe(auditsBefore);
    expect(await system.stockMovement.count({ where: { companyId: a.companyId } })).toBe(movementsBefore);

    // Another company may use the same SKU and barcode.
    const elsewhere = await createProduct(b.ctx, fields({ sku: holder.sku, barcode: holder.barcode }));
    expect(elsewhere.sku).toBe(holder.sku);
  });

  it("an archived product keeps its SKU: the clash names it as archived", async () => {
    const holder = await createProduct(manager.ctx, fields());
    await archiveProduct(manager.ctx, { id: holder.id, version: holder.version });
    const error = await failure(createProduct(manager.ctx, fields({ sku: holder.sku })));
    expect(error.fieldErrors).toEqual({ sku: [`SKU ${holder.sku} is already used by ${holder.name} (archived).`] });
  });

  it("five people creating the same SKU at once: one product, four field errors naming it", async () => {
    const sku = `RACE-${uniqueSuffix()}`;
    const inputs = Array.from({ length: 5 }, (_, i) => fields({ sku, name: `Racer ${i} ${uniqueSuffix()}` }));
    const outcomes = await Promise.allSettled(inputs.map((input) => createProduct(manager.ctx, input)));
    const won = outcomes.filter(
      (o): o is PromiseFulfilledResult<Awaited<ReturnType<typeof createProduct>>> => o.status === "fulfilled",
    );
    expect(won).toHaveLength(1);
    const winner = won[0]!.value;
    for (const outcome of outcomes.filter((o) => o.status === "rejected")) {
      const reason = (outcome as PromiseRejectedResult).reason as AppError;
      expect(reason).toBeInstanceOf(AppError);
      expect(reason.code).toBe("VALIDATION");
      expect(reason.fieldErrors).toEqual({ sku: [`SKU ${sku} is already used by ${winner.name}.`] });
    }
    expect(await system.product.count({ where: { companyId: a.companyId, sku } })).toBe(1);
    expect(
      await system.auditLog.count({
        where: { companyId: a.companyId, action: "product.created", entityId: winner.id },
      }),
    ).toBe(1);
  });

  it.each([
    ["an empty SKU", { sku: "" }, "sku"],
    ["an SKU of 65 characters", { sku: "S".repeat(65) }, "sku"],
    ["a blank name", { name: "   " }, "name"],
    ["a name of 201 characters", { name: "N".repeat(201) }, "name"],
    ["a name on two lines", { name: "Two\nlines" }, "name"],
    ["a price of -1", { costPrice: "-1" }, "costPrice"],
    ["a price with three decimals", { salePrice: "1.234" }, "salePrice"],
    ["a reorder point of 1.5", { reorderPoint: "1.5" }, "reorderPoint"],
    ["a reorder point of 1e3", { reorderPoint: "1e3" }, "reorderPoint"],
    ["a reorder point of 2^31", { reorderPoint: 2 ** 31 }, "reorderPoint"],
    ["a negative reorder point", { reorderPoint: "-1" }, "reorderPoint"],
    ["an opening quantity of 1.5", { openingQuantity: "1.5", openingLocationId: "x" }, "openingQuantity"],
    ["a barcode with spaces", { barcode: "12 34" }, "barcode"],
    ["a companyId", { companyId: "00000000-0000-7000-8000-000000000000" }, "_form"],
    ["a version", { version: 7 }, "_form"],
    ["an archived flag", { archived: true }, "_form"],
  ])("refuses %s with a field error and writes nothing", async (_label, change, field) => {
    const input = fields(change);
    const error = await failure(createProduct(manager.ctx, input));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(await system.product.count({ where: { companyId: a.companyId, barcode: input.barcode as string } })).toBe(0);
    expect(await system.product.count({ where: { sku: input.sku as string } })).toBe(0);
  });

  it("STAFF may not create: FORBIDDEN, nothing written", async () => {
    const input = fields();
    const error = await failure(createProduct(staff.ctx, input));
    expect(error.code).toBe("FORBIDDEN");
    expect(await system.product.count({ where: { sku: input.sku } })).toBe(0);
  });
});

describe("editing a product", () => {
  it("writes the fields, bumps the version and audits before and after", async () => {
    const created = await createProduct(manager.ctx, fields());
    const changed = fields({
      sku: created.sku,
      barcode: created.barcode,
      name: `Renamed ${uniqueSuffix()}`,
      salePrice: "6",
      reorderPoint: "8",
    });
    const updated = await updateProduct(a.ctx, { ...changed, id: created.id, version: String(created.version) });
    expect(updated).toMatchObject({
      id: created.id,
      name: changed.name,
      salePrice: "6.00",
      reorderPoint: 8,
      version: 2,
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const audits = await auditRows(a.companyId, created.id);
    expect(audits.map((r) => r.action)).toEqual(["product.created", "product.updated"]);
    expect(audits[1]).toMatchObject({
      actorId: a.admin.id,
      before: expect.objectContaining({ name: created.name, salePrice: "4.99", reorderPoint: 5, version: 1 }),
      after: expect.objectContaining({ name: changed.name, salePrice: "6.00", reorderPoint: 8, version: 2 }),
    });
  });

  it("saving without a change writes nothing", async () => {
    const created = await createProduct(manager.ctx, fields());
    const same = await updateProduct(manager.ctx, {
      id: created.id,
      version: created.version,
      sku: created.sku,
      name: created.name,
      description: created.description,
      category: created.category,
      unit: created.unit,
      barcode: created.barcode,
      costPrice: "2.5",
      salePrice: created.salePrice,
      reorderPoint: created.reorderPoint,
    });
    expect(same.version).toBe(1);
    expect((await auditRows(a.companyId, created.id)).map((r) => r.action)).toEqual(["product.created"]);
  });

  it("a stale version is a CONFLICT naming who changed it and when, in the company's time zone; nothing changes", async () => {
    await system.company.update({ where: { id: a.companyId }, data: { timeZone: "America/New_York" } });
    try {
      const created = await createProduct(a.ctx, fields());
      const managersEdit = fields({ sku: created.sku, barcode: created.barcode, name: `Manager's ${uniqueSuffix()}` });
      await updateProduct(manager.ctx, { ...managersEdit, id: created.id, version: 1 });
      const before = await productState(system, created.id);
      const lastAudit = await system.auditLog.findFirstOrThrow({
        where: { entityId: created.id, action: "product.updated" },
        select: { createdAt: true },
      });

      const error = await failure(
        updateProduct(a.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 }),
      );
      const when = new Intl.DateTimeFormat("en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "America/New_York",
      }).format(lastAudit.createdAt);
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe(
        `${manager.name} (${manager.email}) changed this product on ${when} (America/New_York), after you opened it. ` +
          "Reload the page to see the current version, then make your change again.",
      );
      expect(await productState(system, created.id)).toEqual(before);
    } finally {
      await system.company.update({ where: { id: a.companyId }, data: { timeZone: "UTC" } });
    }
  });

  it("names the last editor even after stock moved; a change without its own audit entry is told by its time", async () => {
    const created = await createProduct(manager.ctx, fields());
    await updateProduct(manager.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 });
    // Stock movements are audited against the product too, but change no version: the editor is still named.
    await receiveStock(a.ctx, created.id, a.locationId, 2);
    const stale = await failure(updateProduct(a.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 }));
    expect(stale.message).toMatch(new RegExp(`^${manager.name} \\(${manager.email}\\) changed this product on `));

    // A bulk change (an import audits the file, not each product) moves the version without a product entry.
    const [bumped] = await system.$queryRaw<{ updated_at: Date }[]>`
      UPDATE products SET version = version + 1, updated_at = now() WHERE id = ${created.id}::uuid RETURNING updated_at`;
    const changedAt = bumped!.updated_at;
    const unnamed = await failure(
      updateProduct(a.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 2 }),
    );
    const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
      changedAt,
    );
    expect(unnamed.message).toBe(
      `This product was changed on ${when} (UTC), after you opened it. Reload the page to see the current version, then make your change again.`,
    );
  });

  it("two edits of the same version at once: one is written, the other is a CONFLICT", async () => {
    const created = await createProduct(manager.ctx, fields());
    const edit = (ctx: TenantContext, name: string) =>
      updateProduct(ctx, {
        ...fields({ sku: created.sku, barcode: created.barcode, name }),
        id: created.id,
        version: 1,
      });
    const outcomes = await Promise.allSettled([
      edit(manager.ctx, `First ${uniqueSuffix()}`),
      edit(a.ctx, `Second ${uniqueSuffix()}`),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "CONFLICT" });
    const winner = (outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ name: string }>).value;
    expect(await system.product.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      version: 2,
      name: winner.name,
    });
    expect(await system.auditLog.count({ where: { entityId: created.id, action: "product.updated" } })).toBe(1);
  });

  it("taking another product's SKU or barcode is a field error; nothing changes", async () => {
    const holder = await createProduct(manager.ctx, fields());
    const created = await createProduct(manager.ctx, fields());
    const before = await productState(system, created.id);
    const skuError = await failure(
      updateProduct(manager.ctx, { ...fields({ sku: holder.sku }), id: created.id, version: 1 }),
    );
    expect(skuError.fieldErrors).toEqual({ sku: [`SKU ${holder.sku} is already used by ${holder.name}.`] });
    const barcodeError = await failure(
      updateProduct(manager.ctx, {
        ...fields({ sku: created.sku, barcode: holder.barcode }),
        id: created.id,
        version: 1,
      }),
    );
    expect(barcodeError.fieldErrors).toEqual({
      barcode: [`Barcode ${holder.barcode} is already used by ${holder.name}.`],
    });
    expect(await productState(system, created.id)).toEqual(before);
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const created = await createProduct(manager.ctx, fields());
    const before = await productState(system, created.id);
    for (const [change, field] of [
      [{ name: "" }, "name"],
      [{ description: "Bad\u0000byte" }, "description"],
      [{ costPrice: "-1" }, "costPrice"],
      [{ reorderPoint: "1e3" }, "reorderPoint"],
      [{ companyId: b.companyId }, "_form"],
    ] as const) {
      const error = await failure(
        updateProduct(manager.ctx, { ...fields({ sku: created.sku, ...change }), id: created.id, version: 1 }),
      );
      expect(error.code).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    }
    expect(await productState(system, created.id)).toEqual(before);
  });

  it("reads the version strictly: hex, exponents, decimals, spaces and blanks are a form error asking to reload, not another version", async () => {
    const created = await createProduct(manager.ctx, fields());
    const before = await productState(system, created.id);
    for (const version of ["0x10", "1e0", "1e3", "1.0", " 1 ", "01x", "", "0", -1, 1.5, Number.NaN, "99999999999"]) {
      const error = await failure(
        updateProduct(manager.ctx, { ...fields({ sku: created.sku }), id: created.id, version }),
      );
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors?.version?.[0]).toMatch(/^Reload the page: the product's version is/);
    }
    expect(
      (await failure(archiveProduct(manager.ctx, { id: created.id, version: "0x1" }))).fieldErrors?.version?.[0],
    ).toMatch(/^Reload the page/);
    expect(await productState(system, created.id)).toEqual(before);
    expect(
      await updateProduct(manager.ctx, { ...fields({ sku: created.sku }), id: created.id, version: "1" }),
    ).toMatchObject({ version: 2 });
  });

  it("STAFF may not edit: FORBIDDEN, nothing changes", async () => {
    const created = await createProduct(manager.ctx, fields());
    const before = await productState(system, created.id);
    const error = await failure(
      updateProduct(staff.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(await productState(system, created.id)).toEqual(before);
  });
});

describe("archiving and restoring", () => {
  it("archives and restores with audit rows; the list shows it by status", async () => {
    const category = `Arch-${uniqueSuffix()}`;
    const created = await createProduct(manager.ctx, fields({ category }));
    const archived = await archiveProduct(manager.ctx, { id: created.id, version: String(created.version) });
    expect(archived).toMatchObject({ archived: true, version: 2 });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const ids = async (status: string) => (await listProducts(staff.ctx, { category, status })).rows.map((r) => r.id);
    expect(await ids("active")).toEqual([]);
    expect(await ids("archived")).toEqual([created.id]);

    const restored = await restoreProduct(manager.ctx, { id: created.id, version: archived.version });
    expect(restored).toMatchObject({ archived: false, archivedAt: null, version: 3 });
    expect(await ids("active")).toEqual([created.id]);
    const audits = await auditRows(a.companyId, created.id);
    expect(audits.map((r) => r.action)).toEqual(["product.created", "product.archived", "product.restored"]);
    expect(audits[1]).toMatchObject({
      before: expect.objectContaining({ archived: false }),
      after: expect.objectContaining({ archived: true, version: 2 }),
    });
  });

  it("archiving a stale version, or a product already archived, is a CONFLICT; nothing changes", async () => {
    const created = await createProduct(manager.ctx, fields());
    await updateProduct(a.ctx, {
      ...fields({ sku: created.sku, barcode: created.barcode }),
      id: created.id,
      version: 1,
    });
    const before = await productState(system, created.id);
    const stale = await failure(archiveProduct(manager.ctx, { id: created.id, version: 1 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(
      /^Admin \S+ \(admin-\S+\) changed this product on .+, after you opened it\. .* then archive it again\.$/,
    );
    expect(await productState(system, created.id)).toEqual(before);

    await archiveProduct(manager.ctx, { id: created.id, version: 2 });
    const archivedState = await productState(system, created.id);
    const again = await failure(archiveProduct(manager.ctx, { id: created.id, version: 3 }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/^You \(in another tab or window\) changed this product/);
    const restoreStale = await failure(restoreProduct(manager.ctx, { id: created.id, version: 2 }));
    expect(restoreStale.code).toBe("CONFLICT");
    expect(await productState(system, created.id)).toEqual(archivedState);
  });

  it("STAFF may not archive or restore: FORBIDDEN, nothing changes", async () => {
    const created = await createProduct(manager.ctx, fields());
    const before = await productState(system, created.id);
    expect((await failure(archiveProduct(staff.ctx, { id: created.id, version: 1 }))).code).toBe("FORBIDDEN");
    expect((await failure(restoreProduct(staff.ctx, { id: created.id, version: 1 }))).code).toBe("FORBIDDEN");
    expect(await productState(system, created.id)).toEqual(before);
  });
});

describe("live updates", () => {
  it("every change announces product.changed for the product, to its company, after commit", async () => {
    const pool = superuserPool(1);
    const listener = await pool.connect();
    const events: { type: string; productIds?: string[]; companyId: string }[] = [];
    listener.on("notification", (message: pg.Notification) => {
      if (message.payload) events.push(JSON.parse(message.payload) as (typeof events)[number]);
    });
    await listener.query(`LISTEN ${EVENT_CHANNEL}`);
    try {
      const created = await createProduct(manager.ctx, fields());
      const updated = await updateProduct(manager.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 });
      const archived = await archiveProduct(manager.ctx, { id: created.id, version: updated.version });
      await restoreProduct(manager.ctx, { id: created.id, version: archived.version });
      await failure(updateProduct(manager.ctx, { ...fields({ sku: created.sku }), id: created.id, version: 1 }));
      await expect
        .poll(() => events.filter((e) => e.type === "product.changed" && e.productIds?.includes(created.id)).length)
        .toBe(4);
      expect(events.filter((e) => e.productIds?.includes(created.id)).every((e) => e.companyId === a.companyId)).toBe(
        true,
      );
    } finally {
      listener.release();
      await pool.end();
    }
  });
});

describe("tenant isolation", () => {
  it("company B reading, editing, archiving or restoring A's product gets NOT_FOUND, like an unknown id; nothing changes", async () => {
    const target = await createProduct(manager.ctx, fields({ openingQuantity: "3", openingLocationId: a.locationId }));
    const archivedTarget = await createProduct(manager.ctx, fields());
    await archiveProduct(manager.ctx, { id: archivedTarget.id, version: 1 });
    const before = [await productState(system, target.id), await productState(system, archivedTarget.id)];

    const unknown = "01890000-0000-7000-8000-000000000000";
    for (const id of [target.id, unknown, "not-a-uuid"]) {
      const read = await failure(getProduct(b.ctx, { id }));
      expect([read.code, read.message]).toEqual(["NOT_FOUND", "That product was not found."]);
      expect((await failure(updateProduct(b.ctx, { ...fields({ sku: target.sku }), id, version: 1 }))).code).toBe(
        "NOT_FOUND",
      );
      expect((await failure(archiveProduct(b.ctx, { id, version: 1 }))).code).toBe("NOT_FOUND");
    }
    expect((await failure(restoreProduct(b.ctx, { id: archivedTarget.id, version: 2 }))).code).toBe("NOT_FOUND");
    expect([await productState(system, target.id), await productState(system, archivedTarget.id)]).toEqual(before);
  });

  it("B's list and search never show A's products", async () => {
    const marker = `Isolated${uniqueSuffix()}`;
    const mine = await createProduct(
      manager.ctx,
      fields({ name: `${marker} bolt`, category: marker, barcode: `${marker}-BC` }),
    );
    for (const input of [
      { q: marker },
      { q: mine.sku },
      { q: `${marker}-BC` },
      { category: marker },
      { q: marker, status: "all", stock: "all" },
    ]) {
      expect((await listProducts(b.ctx, input)).rows).toEqual([]);
      expect((await listProducts(a.ctx, input)).rows.map((r) => r.id)).toEqual([mine.id]);
      // The list page's one transaction: the same rows, and for B nothing of A's.
      expect((await getProductListView(b.ctx, input)).page.rows).toEqual([]);
      expect((await getProductListView(a.ctx, input)).page.rows.map((r) => r.id)).toEqual([mine.id]);
    }
    // A's location as B's filter: nothing of A's shows.
    expect((await listProducts(b.ctx, { locationId: a.locationId })).rows).toEqual([]);
    expect((await getProductListView(b.ctx, { locationId: a.locationId })).page.rows).toEqual([]);
    expect(await countLowStock(b.ctx, { locationId: a.locationId })).toBe(0);
    expect((await listProductFilters(b.ctx, {})).categories).not.toContain(marker);
    const view = await getProductListView(b.ctx, {});
    expect(view.filters.categories).not.toContain(marker);
    expect(view.filters.locations.map((l) => l.id)).not.toContain(a.locationId);
  });

  it("the list page reads the same page and filters as listProducts and listProductFilters, and refuses bad input", async () => {
    const category = `View-${uniqueSuffix()}`;
    for (const name of ["Alpha", "Beta", "Gamma"]) await makeProduct(system, a.ctx, { name, category });
    const input = { category, sort: "name", dir: "desc", limit: 2 };
    const view = await getProductListView(a.ctx, input);
    expect(view.page).toEqual(await listProducts(a.ctx, input));
    expect(view.page.rows.map((r) => r.name)).toEqual(["Gamma", "Beta"]);
    expect(view.filters).toEqual(await listProductFilters(a.ctx, {}));
    expect((await failure(getProductListView(a.ctx, { ...input, sort: "price; drop" }))).code).toBe("VALIDATION");
  });
});

/** Every row of a list query, paging forward `limit` at a time, then the same pages backward from the end. */
async function pageThrough(ctx: TenantContext, input: Record<string, unknown>, limit: number) {
  const forward: string[][] = [];
  let page: ProductListPage = await listProducts(ctx, { ...input, limit });
  expect(page.previousCursor).toBeNull();
  forward.push(page.rows.map((r) => r.id));
  const pages = [page];
  while (page.nextCursor) {
    page = await listProducts(ctx, { ...input, limit, after: page.nextCursor });
    expect(page.previousCursor).not.toBeNull();
    forward.push(page.rows.map((r) => r.id));
    pages.push(page);
  }
  for (const ids of forward) expect(ids.length).toBeLessThanOrEqual(limit);
  const backward: string[][] = [];
  let back = pages[pages.length - 1]!;
  while (back.previousCursor) {
    back = await listProducts(ctx, { ...input, limit, before: back.previousCursor });
    backward.unshift(back.rows.map((r) => r.id));
  }
  expect(back.previousCursor).toBeNull();
  return { forward: forward.flat(), pages: forward, backward: [...backward, forward[forward.length - 1]!].flat() };
}

describe("the product list", () => {
  /**
   * Seven products under one category, made for the sorts: two share a name, two share a total on hand, two
   * share a last-changed time. Names, SKUs and times are chosen so their order is plain in any collation.
   */
  async function sortCatalogue() {
    const category = `Sort-${uniqueSuffix()}`;
    const prefix = uniqueSuffix();
    const [l1, l2] = [await addLocation(system, a.companyId), await addLocation(system, a.companyId)];
    const specs = [
      { name: "Hammer", sku: `${prefix}-D`, stock: { [l1.id]: 5 }, updated: "2026-01-03T10:00:00.000Z" },
      { name: "Anvil", sku: `${prefix}-F`, stock: { [l1.id]: 2, [l2.id]: 10 }, updated: "2026-01-01T10:00:00.000Z" },
      { name: "Drill", sku: `${prefix}-A`, stock: {}, updated: "2026-01-05T10:00:00.000Z" },
      { name: "Bracket", sku: `${prefix}-C`, stock: { [l2.id]: 5 }, updated: "2026-01-03T10:00:00.000Z" },
      { name: "Bracket", sku: `${prefix}-G`, stock: { [l2.id]: 30 }, updated: "2026-01-02T10:00:00.000Z" },
      { name: "Clamp", sku: `${prefix}-B`, stock: { [l1.id]: 1 }, updated: "2026-01-04T10:00:00.000Z" },
      { name: "Funnel", sku: `${prefix}-E`, stock: { [l1.id]: 7, [l2.id]: 1 }, updated: "2026-01-06T10:00:00.000Z" },
    ];
    const products = [];
    for (const spec of specs) {
      const made = await makeProduct(system, a.ctx, { name: spec.name, sku: spec.sku, category, stock: spec.stock });
      await system.$executeRaw`UPDATE products SET updated_at = ${new Date(spec.updated)} WHERE id = ${made.id}::uuid`;
      const onHand = Object.values(spec.stock).reduce((sum, q) => sum + q, 0);
      products.push({ id: made.id, name: spec.name, sku: spec.sku, onHand, updated: spec.updated });
    }
    return { category, prefix, products, l1, l2 };
  }

  type Sortable = { id: string; name: string; sku: string; onHand: number; updated: string };
  const KEYS: Record<string, (p: Sortable) => string | number> = {
    name: (p) => p.name,
    sku: (p) => p.sku,
    onHand: (p) => p.onHand,
    updated: (p) => p.updated,
  };

  /** The order the scenario implies: by the key, ties by id (uuid order is the order of its hex text). */
  function expectedOrder(products: Sortable[], sort: string, dir: "asc" | "desc"): string[] {
    const key = KEYS[sort]!;
    const sign = dir === "asc" ? 1 : -1;
    return [...products]
      .sort((x, y) => {
        const [kx, ky] = [key(x), key(y)];
        if (kx !== ky) return (kx < ky ? -1 : 1) * sign;
        return (x.id < y.id ? -1 : 1) * sign;
      })
      .map((p) => p.id);
  }

  it.each([
    ["name", "asc"],
    ["name", "desc"],
    ["sku", "asc"],
    ["sku", "desc"],
    ["onHand", "asc"],
    ["onHand", "desc"],
    ["updated", "desc"],
    ["updated", "asc"],
  ] as const)(
    "sorts by %s %s, with keyset pages of 2 forward and back giving exactly the expected rows",
    async (sort, dir) => {
      const { category, products } = await sortCatalogue();
      const expected = expectedOrder(products, sort, dir);
      // The scenario has ties on the key: the id decides, across a page boundary too.
      const result = await pageThrough(staff.ctx, { category, sort, dir }, 2);
      expect(result.forward).toEqual(expected);
      expect(result.pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      expect(result.backward).toEqual(expected);
      // Pages of 3 and of 7 agree.
      expect((await pageThrough(staff.ctx, { category, sort, dir }, 3)).forward).toEqual(expected);
      const all = await listProducts(staff.ctx, { category, sort, dir, limit: 7 });
      expect(all.rows.map((r) => r.id)).toEqual(expected);
      expect(all.nextCursor).toBeNull();
    },
  );

  it.each([["asc"], ["desc"]] as const)(
    "sorts by on hand %s along the stored totals' index when a search narrows the list, in the same keyset pages",
    async (dir) => {
      // Without a category the walk follows (company_id, on_hand, product_id); with one it sorts the category's rows.
      const { prefix, products } = await sortCatalogue();
      const expected = expectedOrder(products, "onHand", dir);
      const result = await pageThrough(staff.ctx, { q: prefix, sort: "onHand", dir }, 2);
      expect(result.forward).toEqual(expected);
      expect(result.backward).toEqual(expected);
    },
  );

  it("shows each row's totals: on hand, reserved and available over all locations", async () => {
    const { category, products, l2 } = await sortCatalogue();
    const anvil = products.find((p) => p.name === "Anvil")!;
    await system.stockLevel.updateMany({ where: { productId: anvil.id, locationId: l2.id }, data: { reserved: 4 } });
    const rows = (await listProducts(staff.ctx, { category })).rows;
    expect(rows.find((r) => r.id === anvil.id)).toMatchObject({
      onHand: 12,
      reserved: 4,
      available: 8,
      atLocation: null,
    });
    expect(rows.find((r) => r.name === "Drill")).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
  });

  it("a location filter lists the products stocked there, with their stock there", async () => {
    const { category, products, l1, l2 } = await sortCatalogue();
    const at = async (locationId: string) => (await listProducts(staff.ctx, { category, locationId })).rows;
    const names = (rows: Awaited<ReturnType<typeof at>>) => rows.map((r) => r.name);
    expect(names(await at(l1.id))).toEqual(["Anvil", "Clamp", "Funnel", "Hammer"]);
    expect(names(await at(l2.id))).toEqual(["Anvil", "Bracket", "Bracket", "Funnel"]);
    const funnel = (await at(l2.id)).find((r) => r.name === "Funnel")!;
    expect(funnel).toMatchObject({ onHand: 8, atLocation: { onHand: 1, reserved: 0, available: 1 } });
    expect(products).toHaveLength(7);
  });

  it("search finds by a substring of the name, the SKU or the barcode, whatever the case; wildcards are literal", async () => {
    const marker = uniqueSuffix();
    const bolt = await makeProduct(system, a.ctx, {
      name: `Hex Bolt M8 ${marker}`,
      sku: `HB-${marker}-08`,
      barcode: `590${marker}12`,
    });
    const cotton = await makeProduct(system, a.ctx, {
      name: `100% cotton rag ${marker}`,
      sku: `RAG_${marker}`,
      barcode: null,
    });
    const archived = await makeProduct(system, a.ctx, {
      name: `Hex Bolt M10 ${marker}`,
      sku: `HB-${marker}-10`,
      archived: true,
    });
    const search = async (q: string, status = "active") =>
      (await listProducts(staff.ctx, { q, status })).rows.map((r) => r.id);

    expect(await search(`bolt m8 ${marker}`)).toEqual([bolt.id]);
    expect(await search(`HEX BOLT M8 ${marker.toUpperCase()}`)).toEqual([bolt.id]);
    expect(await search(`hb-${marker}-0`)).toEqual([bolt.id]);
    expect(await search(`${marker}12`)).toEqual([bolt.id]);
    expect(await search(`  ${marker}12  `)).toEqual([bolt.id]);
    expect(await search(`0% cotton rag ${marker}`)).toEqual([cotton.id]);
    expect(await search(`rag_${marker}`)).toEqual([cotton.id]);
    // "%" and "_" match themselves only: "%" is not "anything", "_" is not "any character".
    expect(await search(`1%cotton rag ${marker}`)).toEqual([]);
    expect(await search(`cotton ra_ ${marker}`)).toEqual([]);
    expect(await search(`hex bolt m ${marker}`)).toEqual([]);
    expect(await search(`Hex Bolt M10 ${marker}`)).toEqual([]);
    expect(await search(`Hex Bolt M10 ${marker}`, "archived")).toEqual([archived.id]);
    expect((await search(marker, "all")).sort()).toEqual([bolt.id, cotton.id, archived.id].sort());
  });

  it("search by text with three letters or digits in a row (the trigram index) and by shorter text (the plain condition) finds alike, wildcards literal", async () => {
    // A company of its own, so that one- and two-character searches have a known catalogue: these three and the
    // fixture's "Widget <hex>" (SKU-<hex>), which holds none of the letters searched for below.
    const own = await createCompanyFixture(system, "prod-search");
    const rope = await makeProduct(system, own.ctx, { name: "Rope 50% nylon", sku: "RP-1", barcode: "4006381333931" });
    const tape = await makeProduct(system, own.ctx, { name: "Tape 50 mm", sku: "A_B-900", barcode: null });
    const cable = await makeProduct(system, own.ctx, { name: "Cable", sku: "AXB-900", barcode: "7001" });
    const search = async (q: string) => (await listProducts(own.ctx, { q })).rows.map((r) => r.id).sort();
    const ids = (...products: { id: string }[]) => products.map((p) => p.id).sort();

    // Through search_product_ids: a name, a SKU and a barcode substring, any letter case, "%" and "_" literal.
    expect(hasTrigram("ROPE 50% NYLON")).toBe(true);
    expect(await search("ROPE 50% NYLON")).toEqual(ids(rope));
    expect(await search("% nylon")).toEqual(ids(rope));
    expect(await search("b-900")).toEqual(ids(tape, cable));
    expect(await search("a_b-900")).toEqual(ids(tape));
    expect(await search("6381333")).toEqual(ids(rope));
    expect(await search("100% nylon")).toEqual([]);
    // Three characters or more, but no three letters or digits in a row: the plain condition, the same answers.
    expect(hasTrigram("50%")).toBe(false);
    expect(await search("50%")).toEqual(ids(rope));
    expect(await search("a_b")).toEqual(ids(tape));
    expect(await search("0 m")).toEqual(ids(tape));
    // One or two characters.
    expect(await search("ny")).toEqual(ids(rope));
    expect(await search("MM")).toEqual(ids(tape));
    expect(await search("%")).toEqual(ids(rope));
    expect(await search("_")).toEqual(ids(tape));
    expect(await search("qz")).toEqual([]);
  });

  it("a search with more matches than the id limit takes the plain condition: the same rows, page by page, as through the ids", async () => {
    // A company of its own: five products hold "flange" (in the name, any letter case, or only in the SKU; one
    // archived), two do not. With the limit at five the condition is the function's ids; at four, one fewer than the
    // matches, the plain condition (as for a common term past PRODUCT_SEARCH_ID_LIMIT).
    const own = await createCompanyFixture(system, "prod-cap");
    const matches = [
      await makeProduct(system, own.ctx, { name: "Flange 10 mm", sku: "FL-10" }),
      await makeProduct(system, own.ctx, { name: "Blind FLANGE", sku: "FL-20" }),
      await makeProduct(system, own.ctx, { name: "Weld neck flange", sku: "FL-30", archived: true }),
      await makeProduct(system, own.ctx, { name: "Gasket kit", sku: "FLANGE-GK" }),
      await makeProduct(system, own.ctx, { name: "flange bolt", sku: "FL-50" }),
    ];
    await makeProduct(system, own.ctx, { name: "Flang nut", sku: "FN-1" });
    await makeProduct(system, own.ctx, { name: "Pipe", sku: "PP-1" });
    const term = "FLANGE";

    /**
     * Every page of the list (two rows a page, all statuses), each resolving the search under `idLimit` as
     * listProducts does, in the page's own transaction.
     */
    async function walk(idLimit: number) {
      const ids: string[] = [];
      const plain = new Set<boolean>();
      let after: string | undefined;
      do {
        const input = productListInputSchema.parse({ q: term, status: "all", limit: 2, after });
        const page = await withTenantTx(own.ctx, async (tx) => {
          const condition = await productSearchCondition(tx, term, idLimit);
          plain.add(condition.sql === productCommonTextCondition(term).sql);
          const rows = await tx.$queryRaw<ProductListSqlRow[]>(productListSql(own.companyId, input, condition));
          return toProductListPage(input, rows);
        });
        ids.push(...page.rows.map((row) => row.id));
        after = page.nextCursor ?? undefined;
      } while (after);
      return { ids, plain: [...plain] };
    }

    const byIds = await walk(matches.length);
    const byPlain = await walk(matches.length - 1);
    expect(byIds.plain).toEqual([false]);
    expect(byPlain.plain).toEqual([true]);
    expect([...byIds.ids].sort()).toEqual(matches.map((p) => p.id).sort());
    expect(byPlain.ids).toEqual(byIds.ids);
    // listProducts itself, under the real limit: the ids, the same order.
    expect((await listProducts(own.ctx, { q: term, status: "all" })).rows.map((r) => r.id)).toEqual(byIds.ids);
  });

  it("a common term in name order: the first matches from the cursor, by walking or by the index, the same pages both ways and as the plain condition", async () => {
    // A company of its own: six products that do not hold "flange" sort before the six that do (the way a common
    // term's matches bunch far down the name order); one match is archived, one holds it only in its SKU. Taken as
    // common (id limit 2), the list looks among the first matches from the cursor: by walking the name index (walk of
    // 100 rows) or, when the walk is too short to find them (2 rows), by the trigram index.
    const own = await createCompanyFixture(system, "prod-by-name");
    for (const n of [1, 2, 3, 4, 5, 6]) await makeProduct(system, own.ctx, { name: `Anchor ${n}`, sku: `AN-${n}` });
    const yoke = await makeProduct(system, own.ctx, { name: "Yoke", sku: "FLANGE-Y" });
    const [zincA, zincB, zincC, zincD, zincE] = [
      await makeProduct(system, own.ctx, { name: "Zinc flange A", sku: "ZF-A" }),
      await makeProduct(system, own.ctx, { name: "Zinc flange B", sku: "ZF-B" }),
      await makeProduct(system, own.ctx, { name: "Zinc flange C", sku: "ZF-C", archived: true }),
      await makeProduct(system, own.ctx, { name: "Zinc flange D", sku: "ZF-D" }),
      await makeProduct(system, own.ctx, { name: "Zinc flange E", sku: "ZF-E" }),
    ];
    const term = "flange";
    const active = [yoke, zincA, zincB, zincD, zincE].map((p) => p.id);

    // The candidates themselves: the first three from the start, and the first three before "Zinc flange D".
    for (const walkRows of [100, 2]) {
      const first = await withTenantTx(own.ctx, async (tx) => {
        const fromStart = await firstProductsByName(tx, term, { descending: false }, 3, walkRows);
        const beforeD = await firstProductsByName(
          tx,
          term,
          { descending: true, after: { name: zincD.name, id: zincD.id } },
          3,
          walkRows,
        );
        const ids = async (condition: typeof fromStart.condition) =>
          (
            await tx.$queryRaw<{ id: string }[]>`SELECT p.id::text FROM products p WHERE ${condition} ORDER BY p.name`
          ).map((row) => row.id);
        return {
          fromStart: { ids: await ids(fromStart.condition), exhausted: fromStart.exhausted },
          beforeD: { ids: await ids(beforeD.condition), exhausted: beforeD.exhausted },
        };
      });
      expect(first.fromStart).toEqual({ ids: [yoke.id, zincA.id, zincB.id], exhausted: false });
      expect(first.beforeD).toEqual({ ids: [zincA.id, zincB.id, zincC.id], exhausted: false });
    }

    /** Every page forwards from the start, then every page backwards from the last, two rows a page. */
    async function pages(input: Record<string, unknown>, options: { idLimit: number; walkRows?: number }) {
      const read = (extra: Record<string, unknown>) =>
        withTenantTx(own.ctx, (tx) =>
          readProductListPage(
            tx,
            own.ctx,
            productListInputSchema.parse({ q: term, limit: 2, ...input, ...extra }),
            options,
          ),
        );
      const forwards: string[][] = [];
      let page = await read({});
      forwards.push(page.rows.map((row) => row.id));
      while (page.nextCursor) {
        page = await read({ after: page.nextCursor });
        forwards.push(page.rows.map((row) => row.id));
      }
      const backwards: string[][] = [];
      while (page.previousCursor) {
        page = await read({ before: page.previousCursor });
        backwards.unshift(page.rows.map((row) => row.id));
      }
      return { forwards, backwards };
    }

    const expected = {
      forwards: [active.slice(0, 2), active.slice(2, 4), active.slice(4)],
      backwards: [] as string[][],
    };
    expected.backwards = expected.forwards.slice(0, -1);
    for (const walkRows of [100, 2]) {
      expect(await pages({}, { idLimit: 2, walkRows })).toEqual(expected);
      const descending = active.toReversed();
      expect(await pages({ dir: "desc" }, { idLimit: 2, walkRows })).toEqual({
        forwards: [descending.slice(0, 2), descending.slice(2, 4), descending.slice(4)],
        backwards: [descending.slice(0, 2), descending.slice(2, 4)],
      });
    }
    // Not common (the ids), and the plain condition without the candidates (sorted by SKU): the same rows.
    expect(await pages({}, { idLimit: 1000 })).toEqual(expected);
    const bySku = await pages({ sort: "sku" }, { idLimit: 2 });
    expect(bySku.forwards.flat().toSorted()).toEqual(active.toSorted());
  });

  it("a common term whose first matches the filters drop reads on with the plain condition", async () => {
    // Fourteen products hold "bolt"; only the last two by name are in the category asked for. The candidates (four
    // pages of two, and one more each: twelve) hold none of them, so the page is read with the plain condition.
    const own = await createCompanyFixture(system, "prod-by-name-filtered");
    const bolts = [];
    for (let n = 1; n <= 14; n++) {
      bolts.push(
        await makeProduct(system, own.ctx, {
          name: `Bolt ${String(n).padStart(2, "0")}`,
          sku: `BT-${n}`,
          category: n > 12 ? "Special" : "Plain",
        }),
      );
    }
    const page = await withTenantTx(own.ctx, (tx) =>
      readProductListPage(tx, own.ctx, productListInputSchema.parse({ q: "bolt", category: "Special", limit: 2 }), {
        idLimit: 2,
      }),
    );
    expect(page.rows.map((row) => row.id)).toEqual([bolts[12]!.id, bolts[13]!.id]);
    expect(page.nextCursor).toBeNull();
  });

  it("filters by archived status: active by default, archived, or all", async () => {
    const category = `Status-${uniqueSuffix()}`;
    const active = await makeProduct(system, a.ctx, { name: "Active one", category });
    const archived = await makeProduct(system, a.ctx, { name: "Archived one", category, archived: true });
    const ids = async (status?: string) =>
      (await listProducts(staff.ctx, { category, ...(status && { status }) })).rows.map((r) => r.id);
    expect(await ids()).toEqual([active.id]);
    expect(await ids("active")).toEqual([active.id]);
    expect(await ids("archived")).toEqual([archived.id]);
    expect(await ids("all")).toEqual([active.id, archived.id]);
  });

  it("refuses malformed input: unknown keys, a stale cursor, both directions at once", async () => {
    for (const input of [
      { companyId: b.companyId },
      { after: "garbage" },
      { sort: "price" },
      { status: "deleted" },
      { limit: 1000 },
      { q: "bolt\u0000" },
      { category: "\u0000" },
      { locationId: "12345678-1234-1234-1234-123456789012" },
      { after: encodeCursor("name", { value: "A\u0000", id: "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b" }) },
      {
        sort: "updated",
        after: encodeCursor("updated", {
          value: "2024-02-30T10:00:00.000Z",
          id: "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
        }),
      },
    ]) {
      expect((await failure(listProducts(staff.ctx, input))).code).toBe("VALIDATION");
    }
    const { category } = await sortCatalogue();
    const first = await listProducts(staff.ctx, { category, limit: 2 });
    const cursor = first.nextCursor!;
    expect((await failure(listProducts(staff.ctx, { category, after: cursor, before: cursor }))).code).toBe(
      "VALIDATION",
    );
    // A cursor made for another sort is not taken as this sort's.
    expect((await failure(listProducts(staff.ctx, { category, sort: "sku", after: cursor }))).code).toBe("VALIDATION");
  });

  it("any URL the list page is given lists without failing: crafted parameters are dropped, not sent to the database", async () => {
    const { category } = await sortCatalogue();
    for (const params of [
      { location: "12345678-1234-1234-1234-123456789012" },
      { q: "\u0000" },
      { category: "\u0000" },
      { q: "An\u0000vil", category: `${category}\u0000` },
      {
        sort: "updated",
        after: encodeCursor("updated", {
          value: "2024-02-30T10:00:00.000Z",
          id: "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
        }),
      },
    ]) {
      const query = productListQueryFromSearchParams(params);
      await expect(listProducts(staff.ctx, productListInput(query))).resolves.toBeDefined();
    }
    const query = productListQueryFromSearchParams({ q: "An\u0000vil", category: `${category}\u0000` });
    expect((await listProducts(staff.ctx, productListInput(query))).rows.map((r) => r.name)).toEqual(["Anvil"]);
  });

  it("offers the company's categories and locations as filters", async () => {
    const category = `Offered-${uniqueSuffix()}`;
    await makeProduct(system, a.ctx, { name: "Offered", category });
    const location = await addLocation(system, a.companyId, "Offered");
    const filters = await listProductFilters(staff.ctx, {});
    expect(filters.categories).toContain(category);
    expect(new Set(filters.categories).size).toBe(filters.categories.length);
    expect(filters.locations[0]).toMatchObject({ id: a.locationId, isDefault: true });
    expect(filters.locations).toContainEqual({
      id: location.id,
      name: location.name,
      isDefault: false,
      archived: false,
    });
  });
});

describe("low stock", () => {
  /**
   * The scenario of the one definition (lib/stock/low-stock.ts), in a company of its own so the count is exact. A
   * product is low in total by its own reorder point, or at a location by that location's own point; a location is
   * never judged by the product's point.
   *   P1 reorder 10, 4 at L1 (own point 5) + 3 at L2 = 7 → low in total; low at L1; not at L2 (no point there)
   *   P2 reorder 10, 6 at L1 (own point 8) + 6 at L2 = 12 → not low in total; low at L1, so low
   *   P3 reorder 0, no stock                      → never low
   *   P4 reorder 5, no stock rows at all          → low in total (0 ≤ 5); not stocked at L1 or L2
   *   P5 reorder 5, 5 at L1                       → low in total; NOT low at L1 (L1 has no point of its own)
   *   P6 reorder 5, 20 at L2 (own point 25)       → not low in total; low at L2, so low
   *   P7 reorder 10, no stock, archived           → would be low, but archived: never counted
   *   P8 no reorder point, 2 at L1 (own point 3)  → low at L1 only, so low
   */
  async function lowStockScenario() {
    const company = await createCompanyFixture(system, "low");
    const [l1, l2] = [
      await addLocation(system, company.companyId, "L1"),
      await addLocation(system, company.companyId, "L2"),
    ];
    const make = (name: string, reorderPoint: number, stock: Record<string, number>, archived = false) =>
      makeProduct(system, company.ctx, { name, reorderPoint, stock, archived, category: "Scenario" });
    const p = {
      p1: await make("P1", 10, { [l1.id]: 4, [l2.id]: 3 }),
      p2: await make("P2", 10, { [l1.id]: 6, [l2.id]: 6 }),
      p3: await make("P3", 0, {}),
      p4: await make("P4", 5, {}),
      p5: await make("P5", 5, { [l1.id]: 5 }),
      p6: await make("P6", 5, { [l2.id]: 20 }),
      p7: await make("P7", 10, {}, true),
      p8: await make("P8", 0, { [l1.id]: 2 }),
    };
    const point = (productId: string, locationId: string, reorderPoint: number | string) =>
      setLocationReorderPoint(company.ctx, { productId, locationId, reorderPoint });
    await point(p.p1.id, l1.id, 5);
    await point(p.p2.id, l1.id, 8);
    await point(p.p6.id, l2.id, 25);
    await point(p.p8.id, l1.id, 3);
    return { company, l1, l2, p, point };
  }

  it("the list's low-stock filter, its badges, the product page and the count agree with the scenario", async () => {
    const { company, l1, l2, p } = await lowStockScenario();
    const names = async (input: Record<string, unknown>) =>
      (await listProducts(company.ctx, { category: "Scenario", ...input })).rows.map((r) => r.name);

    expect(await names({ stock: "low" })).toEqual(["P1", "P2", "P4", "P5", "P6", "P8"]);
    // Archived products are never low, whatever the status filter: P7 is not among them.
    expect(await names({ stock: "low", status: "all" })).toEqual(["P1", "P2", "P4", "P5", "P6", "P8"]);
    expect(await names({ stock: "low", locationId: l1.id })).toEqual(["P1", "P2", "P8"]);
    expect(await names({ stock: "low", locationId: l2.id })).toEqual(["P6"]);
    // By total on hand: P4 0, P8 2, P5 5, P1 7, P2 12, P6 20.
    expect(await names({ stock: "low", sort: "onHand" })).toEqual(["P4", "P8", "P5", "P1", "P2", "P6"]);
    expect(await names({ stock: "low", q: "P1" })).toEqual(["P1"]);

    expect(await countLowStock(company.ctx, {})).toBe(6);
    expect(await countLowStock(company.ctx, { locationId: l1.id })).toBe(3);
    expect(await countLowStock(company.ctx, { locationId: l2.id })).toBe(1);

    // The badges say the same: at L1, P5 has 5 of its product point 5 but L1 sets no point, so it is not low there.
    const rows = (await listProducts(company.ctx, { category: "Scenario", locationId: l1.id })).rows;
    expect(rows.map((r) => [r.name, r.low, r.atLocation?.low])).toEqual([
      ["P1", true, true],
      ["P2", true, true],
      ["P5", true, false],
      ["P8", true, true],
    ]);
    const detail = await getProduct(company.ctx, { id: p.p2.id });
    expect(detail.stock).toMatchObject({ onHand: 12, low: true });
    expect(detail.stock.locations.map((l) => [l.locationName, l.onHand, l.reorderPoint, l.low])).toEqual([
      [l1.name, 6, 8, true],
      [l2.name, 6, null, false],
    ]);
    expect((await getProduct(company.ctx, { id: p.p4.id })).stock).toEqual({
      locations: [],
      onHand: 0,
      reserved: 0,
      available: 0,
      low: true,
      lowInTotal: true,
      short: false,
    });
    // P2 is low at L1 by L1's own point, not in total (12 > 10); P1 is low in total.
    expect((await getProduct(company.ctx, { id: p.p2.id })).stock.lowInTotal).toBe(false);
    expect((await getProduct(company.ctx, { id: p.p1.id })).stock.lowInTotal).toBe(true);
    expect((await getProduct(company.ctx, { id: p.p7.id })).stock.low).toBe(false);
  });

  it("an archived product is never low here, though its stock is at or below the location's own point", async () => {
    const { company, l1, point } = await lowStockScenario();
    // P9: no reorder point of its own, 1 at L1 (own point 3): low at L1, until it is archived.
    const p9 = await makeProduct(system, company.ctx, { name: "P9", stock: { [l1.id]: 1 }, category: "Scenario" });
    await point(p9.id, l1.id, 3);
    const here = async () =>
      (await getProduct(company.ctx, { id: p9.id })).stock.locations.map((l) => [l.onHand, l.reorderPoint, l.low]);
    expect(await here()).toEqual([[1, 3, true]]);
    await system.product.update({ where: { id: p9.id }, data: { archived: true, archivedAt: new Date() } });

    expect(await here()).toEqual([[1, 3, false]]);
    expect((await getProduct(company.ctx, { id: p9.id })).stock.low).toBe(false);
    const list = (input: Record<string, unknown>) =>
      listProducts(company.ctx, { category: "Scenario", locationId: l1.id, ...input });
    expect((await list({ stock: "low", status: "all" })).rows.map((r) => r.name)).toEqual(["P1", "P2", "P8"]);
    expect((await list({ status: "archived" })).rows.map((r) => [r.name, r.low, r.atLocation?.low])).toEqual([
      ["P9", false, false],
    ]);
    expect(await countLowStock(company.ctx, { locationId: l1.id })).toBe(3);
  });

  it("follows the stock and the points: receipts clear it, a point set or cleared moves it, in one place", async () => {
    const { company, l1, l2, p, point } = await lowStockScenario();
    // Low: P1, P2, P4, P5, P6, P8.
    await receiveStock(company.ctx, p.p5.id, l1.id, 1);
    // P5: 6 > 5 in total.
    expect(await countLowStock(company.ctx, {})).toBe(5);
    await receiveStock(company.ctx, p.p2.id, l1.id, 3);
    // P2: 9 > 8 at L1, 15 > 10 in total: not low anywhere. At L1: P1 and P8.
    expect(await countLowStock(company.ctx, {})).toBe(4);
    expect(await countLowStock(company.ctx, { locationId: l1.id })).toBe(2);
    // A point for P6 at L1, where it has no stock: stocked there now, with 0 ≤ 2.
    await expect(point(p.p6.id, l1.id, "2")).resolves.toMatchObject({ onHand: 0, reorderPoint: 2, low: true });
    expect(await countLowStock(company.ctx, { locationId: l1.id })).toBe(3);
    expect(await countLowStock(company.ctx, {})).toBe(4);
    // Cleared at L2: still low at L1. Cleared at L1 too: P6 (20 in total, above 5) is not low.
    await point(p.p6.id, l2.id, "");
    expect(await countLowStock(company.ctx, {})).toBe(4);
    await point(p.p6.id, l1.id, "");
    expect(await countLowStock(company.ctx, {})).toBe(3);
    expect(await countLowStock(company.ctx, { locationId: l2.id })).toBe(0);
    // The totals row's count of low locations equals its definition for every product.
    expect(await totalsMismatches(system, company.companyId)).toEqual([]);
  });

  it("a location's point is a whole number from 1, or empty; bad input changes nothing; another company's ids are NOT_FOUND", async () => {
    const { company, l1, p, point } = await lowStockScenario();
    for (const bad of ["0", "-1", "2.5", "ten"]) {
      expect((await failure(point(p.p5.id, l1.id, bad))).code).toBe("VALIDATION");
    }
    expect((await getProduct(company.ctx, { id: p.p5.id })).stock.locations[0]!.reorderPoint).toBeNull();
    const staffMember = await addMember(system, company.companyId, { role: "STAFF" });
    expect(
      (
        await failure(
          setLocationReorderPoint(staffMember.ctx, { productId: p.p5.id, locationId: l1.id, reorderPoint: 3 }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      (await failure(setLocationReorderPoint(a.ctx, { productId: p.p5.id, locationId: l1.id, reorderPoint: 3 }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await failure(setLocationReorderPoint(a.ctx, { productId: a.productId, locationId: l1.id, reorderPoint: 3 })))
        .code,
    ).toBe("NOT_FOUND");
    expect(await countLowStock(company.ctx, { locationId: l1.id })).toBe(3);
  });

  it("every role may count; another company's location counts nothing", async () => {
    const { company, l1 } = await lowStockScenario();
    const staffMember = await addMember(system, company.companyId, { role: "STAFF" });
    expect(await countLowStock(staffMember.ctx, {})).toBe(6);
    expect(await countLowStock(a.ctx, { locationId: l1.id })).toBe(0);
    expect((await failure(countLowStock(staffMember.ctx, { locationId: "nope" }))).code).toBe("VALIDATION");
  });
});

describe("the product detail", () => {
  it("shows stock per location, totals and the movements newest first, 20 at a time", async () => {
    const location = await addLocation(system, a.companyId, "Detail");
    const created = await createProduct(
      manager.ctx,
      fields({ openingQuantity: "5", openingLocationId: location.id, reorderPoint: "3" }),
    );
    for (let i = 0; i < 24; i++) await receiveStock(a.ctx, created.id, i % 2 ? location.id : a.locationId, 1);
    const detail = await getProduct(staff.ctx, { id: created.id });
    expect(detail.product).toMatchObject({ id: created.id, sku: created.sku, version: 1 });
    expect(detail.timeZone).toBe("UTC");
    expect(detail.stock).toMatchObject({ onHand: 29, reserved: 0, available: 29, low: false });
    expect(detail.stock.locations.map((l) => [l.locationId, l.onHand])).toEqual([
      [a.locationId, 12],
      [location.id, 17],
    ]);

    const ledger = await system.stockMovement.findMany({
      where: { productId: created.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, quantity: true, balanceAfter: true, reason: true },
    });
    expect(ledger).toHaveLength(25);
    expect(detail.movements.rows.map((m) => m.id)).toEqual(ledger.slice(0, 20).map((m) => m.id));
    const adminName = (await system.user.findUniqueOrThrow({ where: { id: a.admin.id } })).name;
    expect(detail.movements.rows[0]).toMatchObject({
      quantity: 1,
      reason: "RECEIVED",
      actorName: adminName,
      balanceAfter: ledger[0]!.balanceAfter,
    });
    expect(detail.movements.isFirstPage).toBe(true);
    const older = await getProduct(staff.ctx, { id: created.id, movementsBefore: detail.movements.olderCursor! });
    expect(older.movements.rows.map((m) => m.id)).toEqual(ledger.slice(20).map((m) => m.id));
    expect(older.movements.olderCursor).toBeNull();
    expect(older.movements.isFirstPage).toBe(false);
    const initial = older.movements.rows[older.movements.rows.length - 1]!;
    expect(initial).toMatchObject({
      reason: "INITIAL",
      quantity: 5,
      balanceAfter: 5,
      locationName: location.name,
      note: "Opening stock",
    });
    const managerName = (await system.user.findUniqueOrThrow({ where: { id: manager.userId } })).name;
    expect(initial.actorName).toBe(managerName);
    // A tampered cursor shows the newest page.
    expect((await getProduct(staff.ctx, { id: created.id, movementsBefore: "x" })).movements.rows[0]!.id).toBe(
      ledger[0]!.id,
    );
  });

  it("an older-movements cursor with an impossible time, or an overlong one, shows the first page (never a failed query)", async () => {
    const created = await createProduct(manager.ctx, fields({ openingQuantity: "2", openingLocationId: a.locationId }));
    const newest = (await getProduct(staff.ctx, { id: created.id })).movements.rows.map((m) => m.id);
    const id = newest[0]!;
    const cursorOf = (parts: unknown[]) => encodeKeyset(parts);
    // Well-shaped times PostgreSQL refuses as a timestamptz: out of range, rolled over by Date.parse, year 0.
    for (const movementsBefore of [
      cursorOf(["2024-13-45T99:99:99.000Z", id]),
      cursorOf(["2024-02-30T10:00:00.000Z", id]),
      cursorOf(["0000-01-01T00:00:00.000Z", id]),
      cursorOf(["2024-01-01T00:00:00.000Z", "12345678-1234-1234-1234-123456789012"]),
      "A".repeat(700),
    ]) {
      const detail = await getProduct(staff.ctx, { id: created.id, movementsBefore });
      expect(detail.movements.rows.map((m) => m.id)).toEqual(newest);
      expect(detail.movements.isFirstPage).toBe(true);
    }
  });

  it("never shows a negative available: on hand below reserved (after a stocktake) is 0 available", async () => {
    const location = await addLocation(system, a.companyId, "Short");
    const category = `Short-${uniqueSuffix()}`;
    const product = await makeProduct(system, a.ctx, {
      name: `Short ${uniqueSuffix()}`,
      category,
      stock: { [location.id]: 3 },
    });
    await system.stockLevel.updateMany({
      where: { productId: product.id, locationId: location.id },
      data: { reserved: 5 },
    });

    const detail = await getProduct(staff.ctx, { id: product.id });
    expect(detail.stock).toMatchObject({ onHand: 3, reserved: 5, available: 0 });
    expect(detail.stock.locations).toEqual([expect.objectContaining({ onHand: 3, reserved: 5, available: 0 })]);

    const [row] = (await listProducts(staff.ctx, { category, locationId: location.id })).rows;
    expect(row).toMatchObject({
      onHand: 3,
      reserved: 5,
      available: 0,
      atLocation: { onHand: 3, reserved: 5, available: 0 },
    });
  });
});

describe("SKUs and barcodes regardless of letter case", () => {
  it("a case variant of another product's SKU or barcode is a field error naming it, on create and on edit", async () => {
    const s = uniqueSuffix();
    const holder = await createProduct(manager.ctx, fields({ sku: `BOLT-M8-${s}`, barcode: `EAN-X${s}` }));
    const before = await system.product.count({ where: { companyId: a.companyId } });

    const lowerSku = await failure(createProduct(manager.ctx, fields({ sku: `bolt-m8-${s}` })));
    expect(lowerSku.code).toBe("VALIDATION");
    expect(lowerSku.fieldErrors).toEqual({
      sku: [
        `SKU bolt-m8-${s} is already used by ${holder.name} as BOLT-M8-${s}: letter case does not make another SKU.`,
      ],
    });
    const lowerBarcode = await failure(createProduct(manager.ctx, fields({ barcode: `ean-x${s}` })));
    expect(lowerBarcode.fieldErrors).toEqual({
      barcode: [
        `Barcode ean-x${s} is already used by ${holder.name} as EAN-X${s}: letter case does not make another barcode.`,
      ],
    });
    expect(await system.product.count({ where: { companyId: a.companyId } })).toBe(before);

    const other = await createProduct(manager.ctx, fields());
    const edit = await failure(
      updateProduct(manager.ctx, { ...fields(), id: other.id, version: other.version, sku: `Bolt-M8-${s}` }),
    );
    expect(edit.fieldErrors?.sku).toEqual([
      `SKU Bolt-M8-${s} is already used by ${holder.name} as BOLT-M8-${s}: letter case does not make another SKU.`,
    ]);
    expect((await productState(system, other.id)).product).toMatchObject({ sku: other.sku, version: 1 });

    // A product may change the case of its own SKU: the spelling typed is what is kept.
    const respelled = await updateProduct(manager.ctx, {
      ...fields({ name: holder.name }),
      id: holder.id,
      version: holder.version,
      sku: `Bolt-M8-${s}`,
      barcode: holder.barcode,
    });
    expect(respelled.sku).toBe(`Bolt-M8-${s}`);

    // Company B may use the SKU in any case.
    expect((await createProduct(b.ctx, fields({ sku: `bolt-m8-${s}`, barcode: `ean-x${s}` }))).sku).toBe(
      `bolt-m8-${s}`,
    );
  });

  it("two people creating one SKU in two letter cases at once: one product, one field error", async () => {
    const s = uniqueSuffix();
    const outcomes = await Promise.allSettled([
      createProduct(manager.ctx, fields({ sku: `CASE-${s}` })),
      createProduct(manager.ctx, fields({ sku: `case-${s}` })),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).fieldErrors?.sku?.[0]).toMatch(/^SKU (CASE|case)-.* is already used by /);
    expect(
      await system.product.count({ where: { companyId: a.companyId, sku: { in: [`CASE-${s}`, `case-${s}`] } } }),
    ).toBe(1);
  });

  it("search and scans find a product by its SKU or barcode in any letter case", async () => {
    const s = uniqueSuffix();
    const product = await createProduct(manager.ctx, fields({ sku: `NUT-M6-${s}`, barcode: `SCAN-AB${s}` }));
    const listed = await listProducts(manager.ctx, { q: `nut-m6-${s}` });
    expect(listed.rows.map((row) => row.id)).toEqual([product.id]);
    const picked = await searchStockProducts(manager.ctx, { search: `scan-ab${s}` });
    expect(picked.products.map((p) => p.productId)).toEqual([product.id]);
    // A scanner typing the barcode in lower case means this product exactly; so does the SKU typed that way.
    for (const q of [`scan-ab${s}`, `nut-m6-${s}`]) {
      const found = await findOrderProducts(staff.ctx, { q });
      expect(found.map((match) => [match.productId, match.exact])).toEqual([[product.id, true]]);
    }
  });
});

/**
 * Two products of `fixture` that shared a SKU (and two a barcode) in another letter case before uniqueness ignored
 * case, flagged as migration 20261206020000 flags them. Written as the owner with triggers off: the database lets
 * no one else record a conflict (the migration test shows the migration itself doing it).
 */
async function legacyDuplicates(fixture: CompanyFixture) {
  const s = uniqueSuffix();
  const made = {
    upper: await makeProduct(system, fixture.ctx, { name: `Bolt upper ${s}`, sku: `BOLT-${s}` }),
    lower: await makeProduct(system, fixture.ctx, { name: `Bolt lower ${s}`, sku: `was-bolt-${s}` }),
    scanA: await makeProduct(system, fixture.ctx, { name: `Scan A ${s}`, barcode: `EAN${s}A` }),
    scanB: await makeProduct(system, fixture.ctx, { name: `Scan B ${s}`, barcode: `was-ean${s}a` }),
  };
  const pool = superuserPool(1);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    // The old spellings, as the exact-case unique indexes let them be, flagged with their twins.
    await client.query("UPDATE products SET sku = $2, sku_conflict = true WHERE id = $1", [made.lower.id, `bolt-${s}`]);
    await client.query("UPDATE products SET sku_conflict = true WHERE id = $1", [made.upper.id]);
    await client.query("UPDATE products SET barcode = $2, barcode_conflict = true WHERE id = $1", [
      made.scanB.id,
      `ean${s}a`,
    ]);
    await client.query("UPDATE products SET barcode_conflict = true WHERE id = $1", [made.scanA.id]);
    await client.query("COMMIT");
  } finally {
    client.release();
    await pool.end();
  }
  return { s, ...made, lower: { ...made.lower, sku: `bolt-${s}` } };
}

describe("products that already shared a SKU or barcode (flagged duplicates)", () => {
  it("are listed by group for managers, stay readable, and block their value for new products", async () => {
    const fixture = await createCompanyFixture(system, "dup-list");
    const d = await legacyDuplicates(fixture);
    expect(await hasDuplicates(fixture.ctx)).toBe(true);
    const groups = await listProductDuplicates(fixture.ctx);
    expect(groups.map((g) => [g.field, g.key, g.products.map((p) => p.name).sort()])).toEqual([
      ["sku", `bolt-${d.s}`, [d.lower.name, d.upper.name].sort()],
      ["barcode", `ean${d.s}a`, [d.scanA.name, d.scanB.name].sort()],
    ]);
    // Still readable and found, both of them.
    expect((await getProduct(fixture.ctx, { id: d.lower.id })).product.sku).toBe(`bolt-${d.s}`);
    const found = await listProducts(fixture.ctx, { q: `BOLT-${d.s}` });
    expect(found.rows.map((row) => row.id).sort()).toEqual([d.upper.id, d.lower.id].sort());
    // A scan of the shared barcode matches both: neither is "the one product meant".
    const scanned = await findOrderProducts(fixture.ctx, { q: `EAN${d.s}A` });
    expect(
      scanned
        .filter((m) => m.exact)
        .map((m) => m.productId)
        .sort(),
    ).toEqual([d.scanA.id, d.scanB.id].sort());
    // The unique index leaves them out, so the check names them itself.
    const clash = await failure(createProduct(fixture.ctx, fields({ sku: `Bolt-${d.s}`, barcode: `Ean${d.s}A` })));
    expect(clash.fieldErrors?.sku?.[0]).toMatch(new RegExp(`^SKU Bolt-${d.s} is already used by Bolt (upper|lower) `));
    expect(clash.fieldErrors?.barcode?.[0]).toMatch(new RegExp(`^Barcode Ean${d.s}A is already used by Scan [AB] `));
    // Staff see no such page.
    const member = await addMember(system, fixture.companyId, { role: "STAFF" });
    expect((await failure(listProductDuplicates(member.ctx))).code).toBe("FORBIDDEN");
    expect(await hasDuplicates(member.ctx)).toBe(false);
  });

  it("renaming one of a pair resolves both: the flags clear and the unique index protects them from then on", async () => {
    const fixture = await createCompanyFixture(system, "dup-fix");
    const d = await legacyDuplicates(fixture);
    const lower = (await getProduct(fixture.ctx, { id: d.lower.id })).product;

    // Another product's value, in any case, is refused like any edit; nothing changes.
    const taken = await failure(
      resolveProductDuplicate(fixture.ctx, { id: lower.id, version: lower.version, sku: `BOLT-${d.s}`, barcode: "" }),
    );
    expect(taken.fieldErrors?.sku).toEqual([`SKU BOLT-${d.s} is already used by ${d.upper.name}.`]);
    // Editing the flagged product's other fields leaves it flagged (its SKU did not change).
    const renamed = await updateProduct(fixture.ctx, {
      ...fields({ name: `${lower.name} (old stock)`, sku: lower.sku, barcode: "" }),
      id: lower.id,
      version: lower.version,
    });
    expect(await system.product.findUnique({ where: { id: lower.id }, select: { skuConflict: true } })).toEqual({
      skuConflict: true,
    });

    const resolved = await resolveProductDuplicate(fixture.ctx, {
      id: lower.id,
      version: renamed.version,
      sku: `bolt-${d.s}-old`,
      barcode: "",
    });
    expect(resolved).toMatchObject({ sku: `bolt-${d.s}-old`, name: `${lower.name} (old stock)`, category: "Widgets" });
    const flags = await system.product.findMany({
      where: { id: { in: [d.upper.id, d.lower.id] } },
      select: { sku: true, skuConflict: true },
      orderBy: { sku: "asc" },
    });
    expect(flags).toEqual([
      { sku: `BOLT-${d.s}`, skuConflict: false },
      { sku: `bolt-${d.s}-old`, skuConflict: false },
    ]);
    expect((await listProductDuplicates(fixture.ctx)).map((g) => g.field)).toEqual(["barcode"]);
    // From now on the database itself refuses a case variant of the resolved SKU.
    await expect(
      system.product.create({ data: { companyId: fixture.companyId, sku: `Bolt-${d.s}`, name: "Sneaky" } }),
    ).rejects.toThrow();

    const scanB = (await getProduct(fixture.ctx, { id: d.scanB.id })).product;
    await resolveProductDuplicate(fixture.ctx, { id: scanB.id, version: scanB.version, sku: scanB.sku, barcode: "" });
    expect(await listProductDuplicates(fixture.ctx)).toEqual([]);
    expect(await hasDuplicates(fixture.ctx)).toBe(false);
  });

  it("company B sees none of A's flagged products, may use their SKU in any case, and resolving A's is NOT_FOUND", async () => {
    const fixture = await createCompanyFixture(system, "dup-a");
    const other = await createCompanyFixture(system, "dup-b");
    const d = await legacyDuplicates(fixture);
    expect(await listProductDuplicates(other.ctx)).toEqual([]);
    expect(await hasDuplicates(other.ctx)).toBe(false);
    expect((await createProduct(other.ctx, fields({ sku: `BoLt-${d.s}`, barcode: `EAN${d.s}A` }))).sku).toBe(
      `BoLt-${d.s}`,
    );
    const before = await productState(system, d.lower.id);
    const refused = await failure(
      resolveProductDuplicate(other.ctx, { id: d.lower.id, version: 1, sku: `mine-${d.s}`, barcode: "" }),
    );
    expect(refused.code).toBe("NOT_FOUND");
    expect(await productState(system, d.lower.id)).toEqual(before);
  });
});
