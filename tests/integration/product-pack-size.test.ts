// Pack sizes (issue 15, item 4) on real PostgreSQL: a product's optional "box of 25", set on create and edit and
// audited like its other fields; a bad value refused as a field error with nothing written, and by the database's
// CHECK for any writer; every screen where a quantity is typed reads it with the unit; and the product CSV carries it
// in a pack_size column, while files without that column import exactly as before.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { findOrderProducts } from "../../lib/orders/find-order-products";
import { getOrderRequest } from "../../lib/orders/get-order-request";
import { createProduct } from "../../lib/products/create-product";
import { exportProducts } from "../../lib/products/export-products";
import { getProduct } from "../../lib/products/get-product";
import { importProducts } from "../../lib/products/import-products";
import { resolveProductDuplicate } from "../../lib/products/product-duplicates";
import { updateProduct } from "../../lib/products/update-product";
import { getProductStock } from "../../lib/stock/get-product-stock";
import { listStocktakeProducts } from "../../lib/stock/list-stocktake-products";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { productState } from "../factories/products";
import { superuserClient, superuserPool } from "../helpers/db";

const RULE = "Pack size: a whole number from 2 to 100,000, or leave it empty.";
/** The product import's columns before pack sizes: files made then, or by hand without the new column. */
const OLD_HEADER = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point";

let system: PrismaClient;
let a: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "pack");
});

afterAll(async () => {
  await system.$disconnect();
});

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const fields = (overrides: Record<string, unknown> = {}) => ({
  sku: `G-${uniqueSuffix()}`,
  name: `Gloves ${uniqueSuffix()}`,
  unit: "pair",
  costPrice: "2.50",
  salePrice: "4.00",
  reorderPoint: "0",
  ...overrides,
});

const auditsOf = (productId: string) =>
  system.auditLog.findMany({
    where: { entityId: productId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, before: true, after: true },
  });

describe("a product's pack size", () => {
  it("is set on create, as typed, and recorded in product.created", async () => {
    const created = await createProduct(a.ctx, fields({ packSize: " 25 " }));
    expect(created.packSize).toBe(25);
    expect((await system.product.findUniqueOrThrow({ where: { id: created.id } })).packSize).toBe(25);
    expect(await auditsOf(created.id)).toEqual([
      { action: "product.created", before: null, after: expect.objectContaining({ unit: "pair", packSize: 25 }) },
    ]);
  });

  it("is none when left empty or left out", async () => {
    const blank = await createProduct(a.ctx, fields({ packSize: "" }));
    const missing = await createProduct(a.ctx, fields());
    expect([blank.packSize, missing.packSize]).toEqual([null, null]);
    expect(
      await system.product.findMany({ where: { id: { in: [blank.id, missing.id] } }, select: { packSize: true } }),
    ).toEqual([{ packSize: null }, { packSize: null }]);
  });

  it("is changed and cleared by an edit, each change a new version audited before and after", async () => {
    const created = await createProduct(a.ctx, fields({ packSize: "12" }));
    const edit = (packSize: string, version: number) =>
      updateProduct(a.ctx, { ...fields({ sku: created.sku, name: created.name }), packSize, id: created.id, version });

    const doubled = await edit("24", 1);
    expect(doubled).toMatchObject({ packSize: 24, version: 2 });
    const cleared = await edit("", 2);
    expect(cleared).toMatchObject({ packSize: null, version: 3 });
    // Saving it as it is writes nothing.
    expect(await edit("", 3)).toMatchObject({ packSize: null, version: 3 });

    const audits = await auditsOf(created.id);
    expect(audits.map((entry) => entry.action)).toEqual(["product.created", "product.updated", "product.updated"]);
    expect(audits[1]).toMatchObject({ before: { packSize: 12, version: 1 }, after: { packSize: 24, version: 2 } });
    expect(audits[2]).toMatchObject({ before: { packSize: 24, version: 2 }, after: { packSize: null, version: 3 } });
  });

  it("refuses a bad value as a field error a person can act on; nothing is written", async () => {
    const created = await createProduct(a.ctx, fields({ packSize: "10" }));
    const before = await productState(system, created.id);
    for (const packSize of ["1", "0", "2.5", "100001", "ten", "-4"]) {
      const refused = await failure(
        updateProduct(a.ctx, { ...fields({ sku: created.sku }), packSize, id: created.id, version: 1 }),
      );
      expect(refused.code).toBe("VALIDATION");
      expect(refused.fieldErrors).toEqual({ packSize: [RULE] });
    }
    expect(await productState(system, created.id)).toEqual(before);

    const sku = `REFUSED-${uniqueSuffix()}`;
    const onCreate = await failure(createProduct(a.ctx, fields({ sku, packSize: "1" })));
    expect(onCreate.fieldErrors).toEqual({ packSize: [RULE] });
    expect(await system.product.count({ where: { companyId: a.companyId, sku } })).toBe(0);
  });

  it("is held by the database for any writer: 2 to 100,000 or nothing", async () => {
    const pool = superuserPool(1);
    try {
      for (const bad of [1, 0, -3, 100_001]) {
        await expect(
          pool.query("UPDATE products SET pack_size = $2 WHERE id = $1", [a.productId, bad]),
        ).rejects.toThrow(/products_pack_size_range/);
      }
      await pool.query("UPDATE products SET pack_size = 100000 WHERE id = $1", [a.productId]);
      await pool.query("UPDATE products SET pack_size = NULL WHERE id = $1", [a.productId]);
    } finally {
      await pool.end();
    }
  });

  it("is kept when a flagged duplicate is resolved (its other fields are not the person's to lose)", async () => {
    const fixture = await createCompanyFixture(system, "pack-dup");
    const s = uniqueSuffix();
    const upper = await system.product.create({
      data: { companyId: fixture.companyId, sku: `NUT-${s}`, name: "Nut upper", packSize: 100 },
    });
    const lower = await system.product.create({
      data: { companyId: fixture.companyId, sku: `was-nut-${s}`, name: "Nut lower", packSize: 50 },
    });
    // The old lower-case spelling, as the exact-case unique index let it be, flagged with its twin (past the trigger
    // that lets no row join the flagged set, as in products.test.ts).
    const pool = superuserPool(1);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query("UPDATE products SET sku = $2, sku_conflict = true WHERE id = $1", [lower.id, `nut-${s}`]);
      await client.query("UPDATE products SET sku_conflict = true WHERE id = $1", [upper.id]);
      await client.query("COMMIT");
    } finally {
      client.release();
      await pool.end();
    }
    const resolved = await resolveProductDuplicate(fixture.ctx, {
      id: lower.id,
      version: lower.version,
      sku: `nut-${s}-old`,
      barcode: "",
    });
    expect(resolved).toMatchObject({ sku: `nut-${s}-old`, packSize: 50 });
    expect((await system.product.findUniqueOrThrow({ where: { id: upper.id } })).packSize).toBe(100);
  });

  it("reaches every screen where a quantity is typed, with the unit", async () => {
    const fixture = await createCompanyFixture(system, "pack-read");
    await system.product.update({ where: { id: fixture.productId }, data: { unit: "box", packSize: 25 } });
    const sku = `SKU-${fixture.slug.split("-").at(-1)}`;
    const expected = { unit: "box", packSize: 25 };

    expect((await getProduct(fixture.ctx, { id: fixture.productId })).product).toMatchObject(expected);
    // Adjust and transfer, and a new request prefilled from the product.
    expect((await getProductStock(fixture.ctx, { productId: fixture.productId })).product).toMatchObject(expected);
    // The stocktake's count boxes.
    const counted = await listStocktakeProducts(fixture.ctx, { locationId: fixture.locationId });
    expect(counted.products).toMatchObject([{ productId: fixture.productId, ...expected }]);
    // The request form's product picker, and the lines of a request being edited.
    expect(await findOrderProducts(fixture.ctx, { q: sku })).toMatchObject([
      { productId: fixture.productId, ...expected },
    ]);
    expect((await getOrderRequest(fixture.ctx, { orderId: fixture.orderId })).lines).toMatchObject([
      { productId: fixture.productId, ...expected },
    ]);
  });
});

describe("the product CSV's pack_size column", () => {
  const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;
  const importCsv = (ctx: TenantContext, content: string, mode: "preview" | "commit") =>
    importProducts(ctx, { fileName: "products.csv", content, mode, operationId: randomUUID() });
  const packSizes = async (companyId: string) =>
    Object.fromEntries(
      (
        await system.product.findMany({
          where: { companyId },
          select: { sku: true, packSize: true },
          orderBy: { sku: "asc" },
        })
      ).map((product) => [product.sku, product.packSize]),
    );
  const exported = async (ctx: TenantContext) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await new Response((await exportProducts(ctx)).stream).arrayBuffer(),
    );

  it("exports each product's pack size (empty for none) and the file imports back with nothing to change", async () => {
    const own = await createCompanyFixture(system, "pack-csv");
    const s = uniqueSuffix();
    const fixtureSku = `SKU-${own.slug.split("-").at(-1)}`;
    await importCsv(
      own.ctx,
      csv(
        `${OLD_HEADER},pack_size`,
        `BOX-${s},Boxed gloves,,,pair,,2.50,4.00,0,25`,
        `LOOSE-${s},Loose nut,,,each,,0.10,0.20,0,`,
      ),
      "commit",
    );
    expect(await packSizes(own.companyId)).toEqual({ [`BOX-${s}`]: 25, [`LOOSE-${s}`]: null, [fixtureSku]: null });

    const text = await exported(own.ctx);
    const lines = text.slice(1).split("\r\n");
    // pack_size, then the reorder levels (empty: none; tests/integration/product-reorder-levels.test.ts), then the total.
    expect(lines[0]).toBe(`${OLD_HEADER},pack_size,reorder_quantity,target_level,total_on_hand`);
    expect(lines.slice(1, -1)).toEqual([
      `BOX-${s},Boxed gloves,,,pair,,2.50,4.00,0,25,,,0`,
      `LOOSE-${s},Loose nut,,,each,,0.10,0.20,0,,,,0`,
      `${fixtureSku},Widget ${own.slug.split("-").at(-1)},,,each,,2.50,4.00,0,,,,10`,
    ]);
    expect(await importCsv(own.ctx, text, "preview")).toMatchObject({
      errors: [],
      creates: [],
      updates: [],
      unchanged: 3,
    });
  });

  it("sets, changes and clears pack sizes, each shown as a change in the preview", async () => {
    const own = await createCompanyFixture(system, "pack-csv-set");
    const s = uniqueSuffix();
    await importCsv(
      own.ctx,
      csv("sku,name,pack_size", `A-${s},Alpha,10`, `B-${s},Bravo,20`, `C-${s},Charlie,`),
      "commit",
    );
    const file = csv("sku,name,pack_size", `A-${s},Alpha,`, `B-${s},Bravo,40`, `C-${s},Charlie,6`, `D-${s},Delta,1000`);
    const preview = await importCsv(own.ctx, file, "preview");
    expect(preview).toMatchObject({
      errors: [],
      creates: [{ line: 5, sku: `D-${s}` }],
      updates: [
        { line: 2, sku: `A-${s}`, changes: [{ column: "pack_size", from: "10", to: null }] },
        { line: 3, sku: `B-${s}`, changes: [{ column: "pack_size", from: "20", to: "40" }] },
        { line: 4, sku: `C-${s}`, changes: [{ column: "pack_size", from: null, to: "6" }] },
      ],
    });
    await importCsv(own.ctx, file, "commit");
    expect(await packSizes(own.companyId)).toMatchObject({
      [`A-${s}`]: null,
      [`B-${s}`]: 40,
      [`C-${s}`]: 6,
      [`D-${s}`]: 1000,
    });
  });

  it("a file without the column imports exactly as before: pack sizes stay, new products have none", async () => {
    const own = await createCompanyFixture(system, "pack-csv-old");
    const s = uniqueSuffix();
    await importCsv(own.ctx, csv("sku,name,pack_size", `KEEP-${s},Kept,12`), "commit");
    const report = await importCsv(
      own.ctx,
      csv(OLD_HEADER, `KEEP-${s},Kept renamed,,,each,,1.00,2.00,0`, `NEW-${s},New one,,,each,,1.00,2.00,0`),
      "commit",
    );
    expect(report).toMatchObject({
      errors: [],
      creates: [{ sku: `NEW-${s}` }],
      updates: [
        {
          sku: `KEEP-${s}`,
          changes: [
            { column: "name", from: "Kept", to: "Kept renamed" },
            { column: "cost_price", from: "0.00", to: "1.00" },
            { column: "sale_price", from: "0.00", to: "2.00" },
          ],
        },
      ],
    });
    expect(await packSizes(own.companyId)).toMatchObject({ [`KEEP-${s}`]: 12, [`NEW-${s}`]: null });
  });

  it("a bad pack size is a problem on its line and column, like any field: nothing is imported", async () => {
    const own = await createCompanyFixture(system, "pack-csv-bad");
    const s = uniqueSuffix();
    const before = await packSizes(own.companyId);
    const file = csv("sku,name,pack_size", `OK-${s},Fine,24`, `ONE-${s},Single,1`, `HALF-${s},Half,2.5`);
    const preview = await importCsv(own.ctx, file, "preview");
    expect(preview.errors).toEqual([
      { line: 3, column: "pack_size", message: RULE },
      { line: 4, column: "pack_size", message: RULE },
    ]);
    const refused = await failure(importCsv(own.ctx, file, "commit"));
    expect(refused.message).toContain(`line 3, pack_size: ${RULE}`);
    expect(await packSizes(own.companyId)).toEqual(before);
  });
});
