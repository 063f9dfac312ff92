// How much a restock suggestion orders, as a product says it (issue 15, item 3; docs/architecture.md §5 "Restock
// suggestions"): an optional reorder quantity and an optional target level above the reorder point, set on create and
// edit and audited like the other fields, carried by the product CSV in columns after the older ones; a target level
// at or below the reorder point refused as a field error (or a row problem) with nothing written, and by the
// database's CHECK for any other writer. Also the product page's list of locations a point can still be set at.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { createProduct } from "../../lib/products/create-product";
import { exportProducts } from "../../lib/products/export-products";
import { getProduct } from "../../lib/products/get-product";
import { importProducts } from "../../lib/products/import-products";
import { updateProduct } from "../../lib/products/update-product";
import { setLocationReorderPoint } from "../../lib/stock/set-location-reorder-point";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addLocation, productState, receiveStock } from "../factories/products";
import { superuserClient, superuserPool } from "../helpers/db";

/** The product import's columns before reorder levels (pack sizes included). */
const OLD_HEADER = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point,pack_size";

let system: PrismaClient;
let a: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "levels");
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
  sku: `A-${uniqueSuffix()}`,
  name: `Anchors ${uniqueSuffix()}`,
  unit: "each",
  costPrice: "1.00",
  salePrice: "2.00",
  reorderPoint: "10",
  ...overrides,
});

const levelsOf = async (productId: string) =>
  system.product.findUniqueOrThrow({
    where: { id: productId },
    select: { reorderPoint: true, reorderQuantity: true, targetLevel: true, version: true },
  });

const auditsOf = (productId: string) =>
  system.auditLog.findMany({
    where: { entityId: productId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, before: true, after: true },
  });

describe("a product's reorder quantity and target level", () => {
  it("are set on create as typed, none when left empty, and recorded in product.created", async () => {
    const set = await createProduct(a.ctx, fields({ reorderQuantity: " 24 ", targetLevel: "60" }));
    expect(set).toMatchObject({ reorderPoint: 10, reorderQuantity: 24, targetLevel: 60 });
    expect(await levelsOf(set.id)).toMatchObject({ reorderQuantity: 24, targetLevel: 60 });
    expect(await auditsOf(set.id)).toEqual([
      {
        action: "product.created",
        before: null,
        after: expect.objectContaining({ reorderPoint: 10, reorderQuantity: 24, targetLevel: 60 }),
      },
    ]);
    const none = await createProduct(a.ctx, fields({ reorderQuantity: "", targetLevel: "" }));
    expect(await levelsOf(none.id)).toMatchObject({ reorderQuantity: null, targetLevel: null });
  });

  it("are changed and cleared by an edit, each a new version audited before and after, shown on the product page", async () => {
    const created = await createProduct(a.ctx, fields({ reorderQuantity: "24" }));
    const edit = (changes: Record<string, unknown>, version: number) =>
      updateProduct(a.ctx, {
        ...fields({ sku: created.sku, name: created.name, reorderQuantity: "24" }),
        ...changes,
        id: created.id,
        version,
      });
    expect(await edit({ reorderQuantity: "", targetLevel: "80" }, 1)).toMatchObject({
      reorderQuantity: null,
      targetLevel: 80,
      version: 2,
    });
    expect(await edit({ reorderQuantity: "", targetLevel: "" }, 2)).toMatchObject({ targetLevel: null, version: 3 });
    const audits = await auditsOf(created.id);
    expect(audits[1]).toMatchObject({
      before: { reorderQuantity: 24, targetLevel: null, version: 1 },
      after: { reorderQuantity: null, targetLevel: 80, version: 2 },
    });
    expect(audits[2]).toMatchObject({ before: { targetLevel: 80 }, after: { targetLevel: null, version: 3 } });
    expect((await getProduct(a.ctx, { id: created.id })).product).toMatchObject({
      reorderPoint: 10,
      reorderQuantity: null,
      targetLevel: null,
    });
  });

  it("refuses a target level at or below the reorder point as a field error saying what to type; nothing changes", async () => {
    const message = "Target level: enter a number above the reorder point (10), or leave it empty.";
    const created = await createProduct(a.ctx, fields({ targetLevel: "40" }));
    const before = await productState(system, created.id);
    const edit = (changes: Record<string, unknown>) =>
      updateProduct(a.ctx, {
        ...fields({ sku: created.sku, name: created.name }),
        ...changes,
        id: created.id,
        version: 1,
      });
    for (const targetLevel of ["10", "3"]) {
      const refused = await failure(edit({ targetLevel }));
      expect(refused.code).toBe("VALIDATION");
      expect(refused.fieldErrors).toEqual({ targetLevel: [message] });
    }
    // Raising the reorder point to the target level is the same mistake from the other side.
    expect((await failure(edit({ reorderPoint: "40", targetLevel: "40" }))).fieldErrors).toEqual({
      targetLevel: ["Target level: enter a number above the reorder point (40), or leave it empty."],
    });
    expect(await productState(system, created.id)).toEqual(before);

    const sku = `REFUSED-${uniqueSuffix()}`;
    expect((await failure(createProduct(a.ctx, fields({ sku, targetLevel: "5" })))).fieldErrors).toEqual({
      targetLevel: [message],
    });
    expect(await system.product.count({ where: { companyId: a.companyId, sku } })).toBe(0);
    // Then corrected, it is accepted.
    expect(await edit({ targetLevel: "11" })).toMatchObject({ targetLevel: 11, version: 2 });
  });

  it("refuses what is not a whole number in range with one message each", async () => {
    const created = await createProduct(a.ctx, fields());
    const edit = (changes: Record<string, unknown>) =>
      updateProduct(a.ctx, { ...fields({ sku: created.sku }), ...changes, id: created.id, version: 1 });
    for (const reorderQuantity of ["0", "1000001", "2.5", "ten", "-3"]) {
      expect((await failure(edit({ reorderQuantity }))).fieldErrors).toEqual({
        reorderQuantity: ["Reorder quantity: a whole number from 1 to 1,000,000, or leave it empty."],
      });
    }
    for (const targetLevel of ["1000000001", "1e3", "12 pcs"]) {
      expect((await failure(edit({ targetLevel }))).fieldErrors).toEqual({
        targetLevel: ["Target level: a whole number from 1 to 1,000,000,000, or leave it empty."],
      });
    }
    expect(await levelsOf(created.id)).toMatchObject({ reorderQuantity: null, targetLevel: null, version: 1 });
  });

  it("are held by the database for any writer: the ranges, and the target level above the reorder point", async () => {
    const pool = superuserPool(1);
    try {
      await pool.query("UPDATE products SET reorder_point = 10 WHERE id = $1", [a.productId]);
      for (const bad of [0, 1_000_001]) {
        await expect(
          pool.query("UPDATE products SET reorder_quantity = $2 WHERE id = $1", [a.productId, bad]),
        ).rejects.toThrow(/products_reorder_quantity_range/);
      }
      for (const bad of [10, 1_000_000_001]) {
        await expect(
          pool.query("UPDATE products SET target_level = $2 WHERE id = $1", [a.productId, bad]),
        ).rejects.toThrow(/products_target_level_above_point/);
      }
      await pool.query("UPDATE products SET target_level = 11 WHERE id = $1", [a.productId]);
      await expect(pool.query("UPDATE products SET reorder_point = 11 WHERE id = $1", [a.productId])).rejects.toThrow(
        /products_target_level_above_point/,
      );
    } finally {
      await pool.query("UPDATE products SET reorder_point = 0, target_level = NULL WHERE id = $1", [a.productId]);
      await pool.end();
    }
  });
});

describe("the product CSV's reorder_quantity and target_level columns", () => {
  const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;
  const importCsv = (ctx: TenantContext, content: string, mode: "preview" | "commit") =>
    importProducts(ctx, { fileName: "products.csv", content, mode, operationId: randomUUID() });
  const levels = async (companyId: string) =>
    Object.fromEntries(
      (
        await system.product.findMany({
          where: { companyId },
          select: { sku: true, reorderPoint: true, reorderQuantity: true, targetLevel: true },
        })
      ).map((p) => [p.sku, [p.reorderPoint, p.reorderQuantity, p.targetLevel]]),
    );
  const exported = async (ctx: TenantContext) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      await new Response((await exportProducts(ctx)).stream).arrayBuffer(),
    );

  it("exports them after the older columns and the file imports back with nothing to change", async () => {
    const own = await createCompanyFixture(system, "levels-csv");
    const s = uniqueSuffix();
    const fixtureSku = `SKU-${own.slug.split("-").at(-1)}`;
    await importCsv(
      own.ctx,
      csv(
        `${OLD_HEADER},reorder_quantity,target_level`,
        `AN-${s},Anchors,,,each,,1.00,2.00,10,,24,60`,
        `BO-${s},Bolts,,,box,,1.00,2.00,5,20,,`,
      ),
      "commit",
    );
    expect(await levels(own.companyId)).toEqual({
      [`AN-${s}`]: [10, 24, 60],
      [`BO-${s}`]: [5, null, null],
      [fixtureSku]: [0, null, null],
    });
    const text = await exported(own.ctx);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(`${OLD_HEADER},reorder_quantity,target_level,total_on_hand`);
    expect(lines.slice(1, 3)).toEqual([
      `AN-${s},Anchors,,,each,,1.00,2.00,10,,24,60,0`,
      `BO-${s},Bolts,,,box,,1.00,2.00,5,20,,,0`,
    ]);
    expect(await importCsv(own.ctx, text, "preview")).toMatchObject({
      errors: [],
      creates: [],
      updates: [],
      unchanged: 3,
    });
  });

  it("sets, changes and clears them, each a change in the preview; a file without the columns keeps them", async () => {
    const own = await createCompanyFixture(system, "levels-csv-set");
    const s = uniqueSuffix();
    await importCsv(
      own.ctx,
      csv("sku,name,reorder_point,reorder_quantity,target_level", `A-${s},Alpha,5,12,`, `B-${s},Bravo,5,,50`),
      "commit",
    );
    const file = csv("sku,name,reorder_quantity,target_level", `A-${s},Alpha,,30`, `B-${s},Bravo,8,`);
    expect(await importCsv(own.ctx, file, "preview")).toMatchObject({
      errors: [],
      updates: [
        {
          sku: `A-${s}`,
          changes: [
            { column: "reorder_quantity", from: "12", to: null },
            { column: "target_level", from: null, to: "30" },
          ],
        },
        {
          sku: `B-${s}`,
          changes: [
            { column: "reorder_quantity", from: null, to: "8" },
            { column: "target_level", from: "50", to: null },
          ],
        },
      ],
    });
    await importCsv(own.ctx, file, "commit");
    expect(await levels(own.companyId)).toMatchObject({ [`A-${s}`]: [5, null, 30], [`B-${s}`]: [5, 8, null] });

    await importCsv(own.ctx, csv(OLD_HEADER, `A-${s},Alpha renamed,,,each,,0,0,5,`), "commit");
    expect(await levels(own.companyId)).toMatchObject({ [`A-${s}`]: [5, null, 30] });
  });

  it("a target level the row leaves at or below the reorder point is a problem on its line; nothing is imported", async () => {
    const own = await createCompanyFixture(system, "levels-csv-bad");
    const s = uniqueSuffix();
    await importCsv(own.ctx, csv("sku,name,reorder_point,target_level", `KEEP-${s},Kept,5,20`), "commit");
    const before = await levels(own.companyId);
    const file = csv(
      "sku,name,reorder_point,target_level",
      `NEW-${s},New,10,10`,
      // The file keeps KEEP's target level (a blank reorder point keeps its point, 5; 4 is below it).
      `KEEP-${s},Kept,,4`,
      `OK-${s},Fine,3,9`,
    );
    const preview = await importCsv(own.ctx, file, "preview");
    expect(preview.errors).toEqual([
      {
        line: 2,
        column: "target_level",
        message: "Target level: enter a number above the reorder point (10), or leave it empty.",
      },
      {
        line: 3,
        column: "target_level",
        message: "Target level: enter a number above the reorder point (5), or leave it empty.",
      },
    ]);
    // A reorder point raised to the product's own target level, in a file without the column.
    const raised = await importCsv(own.ctx, csv("sku,name,reorder_point", `KEEP-${s},Kept,20`), "preview");
    expect(raised.errors).toEqual([
      {
        line: 2,
        column: "reorder_point",
        message:
          "Reorder point: enter a number below the product's target level (20), or set a higher target_level in this row (or an empty one to remove it).",
      },
    ]);
    const refused = await failure(importCsv(own.ctx, file, "commit"));
    expect(refused.message).toContain(
      "line 2, target_level: Target level: enter a number above the reorder point (10)",
    );
    expect(await levels(own.companyId)).toEqual(before);
  });
});

describe("the product page's locations for a reorder point", () => {
  it("lists the active locations the product has no stock row at, the default first", async () => {
    const own = await createCompanyFixture(system, "levels-page");
    const [bay, yard] = [
      await addLocation(system, own.companyId, "Bay"),
      await addLocation(system, own.companyId, "Yard"),
    ];
    await system.location.update({ where: { id: yard.id }, data: { archivedAt: new Date() } });
    // The fixture's product has stock at Main (the default): only Bay is left (Yard is archived).
    expect((await getProduct(own.ctx, { id: own.productId })).unstockedLocations).toEqual([
      { id: bay.id, name: bay.name },
    ]);
    // A point set at Bay makes the product stocked there, with its own point and "low here".
    await setLocationReorderPoint(own.ctx, { productId: own.productId, locationId: bay.id, reorderPoint: 4 });
    const detail = await getProduct(own.ctx, { id: own.productId });
    expect(detail.unstockedLocations).toEqual([]);
    expect(detail.stock.locations.map((l) => [l.locationName, l.onHand, l.reorderPoint, l.low])).toEqual([
      ["Main", 10, null, false],
      [bay.name, 0, 4, true],
    ]);
    expect(detail.stock).toMatchObject({ low: true, lowInTotal: false });
    await receiveStock(own.ctx, own.productId, bay.id, 5);
    expect((await getProduct(own.ctx, { id: own.productId })).stock).toMatchObject({ low: false });
  });
});
