// CSV import and export (issue "Inventory", part 8) on real PostgreSQL: the dry run writes nothing and names every
// problem by line and column; the commit re-checks against locked rows and writes all or nothing; stock counts are
// booked as ledger movements; 10,000 rows import correctly; companies never see or touch each other's products; the
// exports stream only the caller's company; staff may do none of it (route handlers answer 403).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../../lib/auth/context";
import { requireTenantForAction } from "../../lib/auth/context";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { archiveLocation } from "../../lib/locations/archive-location";
import { exportProducts } from "../../lib/products/export-products";
import { importProducts } from "../../lib/products/import-products";
import { exportStockLevels } from "../../lib/stock/export-stock-levels";
import { importStockLevels } from "../../lib/stock/import-stock-levels";
import { GET as productExportRoute } from "../../app/(app)/products/export.csv/route";
import { GET as stockExportRoute } from "../../app/(app)/products/stock-export.csv/route";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addMember, type MemberFixture } from "../factories/users";
import { appRolePool, superuserPool, superuserClient } from "../helpers/db";

vi.mock("../../lib/auth/context", () => ({ requireTenantForAction: vi.fn() }));

const HEADER = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point";

let system: PrismaClient;
let appPool: pg.Pool;
let ownerDb: pg.Pool;
let a: CompanyFixture;
let b: CompanyFixture;
let managerA: MemberFixture;
let staffA: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  appPool = appRolePool(1);
  ownerDb = superuserPool(1);
  [a, b] = await Promise.all([createCompanyFixture(system, "csv-a"), createCompanyFixture(system, "csv-b")]);
  [managerA, staffA] = await Promise.all([
    addMember(system, a.companyId, { role: "MANAGER" }),
    addMember(system, a.companyId, { role: "STAFF" }),
  ]);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), appPool.end(), ownerDb.end()]);
});

const csv = (...lines: string[]) => `${lines.join("\r\n")}\r\n`;

const products = (
  ctx: TenantContext,
  content: string,
  mode: "preview" | "commit" = "preview",
  fileName = "products.csv",
) => importProducts(ctx, { fileName, content, mode, operationId: randomUUID() });
const stock = (ctx: TenantContext, content: string, mode: "preview" | "commit" = "preview", fileName = "stock.csv") =>
  importStockLevels(ctx, { fileName, content, mode, operationId: randomUUID() });

/** Everything an import could change in a company, to show that a refused or previewed import changed nothing. */
async function snapshotOf(companyId: string) {
  const [productRows, levels, movements, audits] = await Promise.all([
    system.product.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    system.stockLevel.findMany({ where: { companyId }, orderBy: { id: "asc" } }),
    system.stockMovement.count({ where: { companyId } }),
    system.auditLog.count({ where: { companyId } }),
  ]);
  return { productRows, levels, movements, audits };
}

async function productBySku(companyId: string, sku: string) {
  return system.product.findFirst({ where: { companyId, sku } });
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

/** A product of `fixture` with `onHand` at a new location, booked as movements like any stock. */
async function stockedProduct(fixture: CompanyFixture, onHand: number, reserved = 0) {
  const suffix = uniqueSuffix();
  const product = await system.product.create({
    data: { companyId: fixture.companyId, sku: `S-${suffix}`, name: `Stocked ${suffix}` },
    select: { id: true, sku: true },
  });
  const location = await system.location.create({
    data: { companyId: fixture.companyId, name: `Bin ${suffix}` },
    select: { id: true, name: true },
  });
  if (onHand > 0) {
    await system.stockLevel.create({
      data: { companyId: fixture.companyId, productId: product.id, locationId: location.id, onHand, reserved },
    });
    await system.stockMovement.create({
      data: {
        companyId: fixture.companyId,
        productId: product.id,
        locationId: location.id,
        quantity: onHand,
        balanceAfter: onHand,
        reason: "INITIAL",
      },
    });
  }
  return { ...product, location };
}

/** For every stock row of the product: on_hand equals the sum of its movements. */
async function expectLedgerHolds(productId: string) {
  const levels = await system.stockLevel.findMany({ where: { productId }, select: { locationId: true, onHand: true } });
  const sums = await system.stockMovement.groupBy({
    by: ["locationId"],
    where: { productId },
    _sum: { quantity: true },
  });
  expect(Object.fromEntries(sums.map((s) => [s.locationId, s._sum.quantity]))).toEqual(
    Object.fromEntries(levels.map((l) => [l.locationId, l.onHand])),
  );
}

describe("product import", () => {
  it("previews a file with one bad row: exactly that row's line, column and message, and writes nothing", async () => {
    const s = uniqueSuffix();
    const before = await snapshotOf(a.companyId);
    const file = csv(
      HEADER,
      `P-${s}-1,Bolt M6,"Zinc, 100 pack",Fasteners,box,BC-${s}-1,2.50,4.00,10`,
      `P-${s}-2,"Nut ""M6""",,Fasteners,,,1,1.5,`,
      `P-${s}-3,Washer,,,each,,12.345,1,0`,
      `P-${s}-4,Spring,,,each,,0.10,0.20,5`,
    );
    const report = await products(managerA.ctx, file);
    expect(report.errors).toEqual([
      {
        line: 4,
        column: "cost_price",
        message: "Cost price: enter an amount like 12.50 (0 or more, at most two decimals).",
      },
    ]);
    expect(report.creates.map((c) => c.line)).toEqual([2, 3, 5]);
    expect(report.creates[1]).toEqual({ line: 3, sku: `P-${s}-2`, name: 'Nut "M6"' });
    expect(report).toMatchObject({ committed: false, rowCount: 4, updates: [], unchanged: 0 });
    expect(await snapshotOf(a.companyId)).toEqual(before);

    await expect(products(managerA.ctx, file, "commit")).rejects.toMatchObject({
      code: "VALIDATION",
      message:
        "Nothing was imported: line 4, cost_price: Cost price: enter an amount like 12.50 (0 or more, at most two decimals). Check the file again.",
    });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("imports the fixed file: creates new SKUs, updates existing ones with their version bumped, one audit row", async () => {
    const s = uniqueSuffix();
    const existing = await system.product.create({
      data: {
        companyId: a.companyId,
        sku: `P-${s}-old`,
        name: "Old name",
        category: "Keep",
        costPrice: "1.00",
        salePrice: "3.00",
        reorderPoint: 4,
      },
    });
    const same = await system.product.create({
      data: { companyId: a.companyId, sku: `P-${s}-same`, name: "Same", unit: "box" },
    });
    // Column order is free and names are case-insensitive; columns left out keep their values on update.
    const file = csv(
      "Name,SKU,Cost_Price,unit,barcode",
      `New bolt,P-${s}-new,2.5,box,BC-${s}`,
      `New name,P-${s}-old,1,,`,
      `Same,P-${s}-same,,box,`,
    );
    const preview = await products(managerA.ctx, file);
    expect(preview.errors).toEqual([]);
    expect(preview.creates).toEqual([{ line: 2, sku: `P-${s}-new`, name: "New bolt" }]);
    expect(preview.updates).toEqual([
      {
        line: 3,
        sku: `P-${s}-old`,
        name: "New name",
        productId: existing.id,
        changes: [{ column: "name", from: "Old name", to: "New name" }],
      },
    ]);
    expect(preview.unchanged).toBe(1);

    const auditsBefore = await system.auditLog.count({ where: { companyId: a.companyId, action: "product.imported" } });
    const report = await products(managerA.ctx, file, "commit", "fixed.csv");
    expect(report).toMatchObject({
      committed: true,
      creates: [{ sku: `P-${s}-new` }],
      updates: [{ sku: `P-${s}-old` }],
      unchanged: 1,
      errors: [],
    });

    const created = await productBySku(a.companyId, `P-${s}-new`);
    expect(created).toMatchObject({
      name: "New bolt",
      unit: "box",
      barcode: `BC-${s}`,
      reorderPoint: 0,
      version: 1,
      archived: false,
    });
    expect(created?.costPrice.toString()).toBe("2.5");
    expect(created?.salePrice.toString()).toBe("0");
    const updated = await productBySku(a.companyId, `P-${s}-old`);
    expect(updated).toMatchObject({ name: "New name", category: "Keep", unit: "each", reorderPoint: 4, version: 2 });
    expect(updated?.costPrice.toString()).toBe("1");
    expect(updated?.salePrice.toString()).toBe("3");
    expect(await productBySku(a.companyId, `P-${s}-same`)).toMatchObject({ version: 1, updatedAt: same.updatedAt });

    const audits = await system.auditLog.findMany({
      where: { companyId: a.companyId, action: "product.imported" },
      orderBy: { createdAt: "asc" },
    });
    expect(audits).toHaveLength(auditsBefore + 1);
    expect(audits.at(-1)).toMatchObject({
      actorId: managerA.userId,
      after: { fileName: "fixed.csv", rows: 3, created: 1, updated: 1, unchanged: 1 },
    });
  });

  it("names duplicates within the file and barcodes another product already has", async () => {
    const s = uniqueSuffix();
    await system.product.create({
      data: { companyId: a.companyId, sku: `P-${s}-holder`, name: "Holder", barcode: `TAKEN-${s}` },
    });
    const before = await snapshotOf(a.companyId);
    const file = csv(
      "sku,name,barcode",
      `P-${s}-1,One,B1-${s}`,
      `P-${s}-2,Two,B1-${s}`,
      `P-${s}-1,One again,`,
      `P-${s}-3,Three,TAKEN-${s}`,
      `P-${s}-4,Four,`,
    );
    const report = await products(managerA.ctx, file);
    expect(report.errors).toEqual([
      {
        line: 3,
        column: "barcode",
        message: `Barcode "B1-${s}" is also on line 2 (SKU P-${s}-1): a barcode belongs to one product.`,
      },
      { line: 4, column: "sku", message: `SKU "P-${s}-1" is also on line 2: each product once per file.` },
      {
        line: 5,
        column: "barcode",
        message: `Barcode "TAKEN-${s}" already belongs to SKU P-${s}-holder (Holder). Use another barcode, or change that product's first.`,
      },
    ]);
    expect(report.creates.map((c) => c.sku)).toEqual([`P-${s}-1`, `P-${s}-4`]);
    await expect(products(managerA.ctx, file, "commit")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(
        /^Nothing was imported: line 3, barcode: .* \(and 2 more problems\) Check the file again\.$/,
      ),
    });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("reports file-level problems: unknown and missing columns, wrong widths, broken quotes", async () => {
    expect((await products(managerA.ctx, csv("sku,title,colour", "A,B,C"))).errors).toEqual([
      {
        line: 1,
        column: "title",
        message: expect.stringMatching(/^Unknown column "title"\. The columns are: sku, name, description/),
      },
      { line: 1, column: "colour", message: expect.stringMatching(/^Unknown column "colour"/) },
      {
        line: 1,
        column: "name",
        message: 'The column "name" is missing. The first line must name the columns, e.g. sku, name.',
      },
    ]);
    expect((await products(managerA.ctx, csv("sku,name", "A,B,C", "D,E"))).errors).toEqual([
      {
        line: 2,
        column: null,
        message: expect.stringContaining("This line has 3 values but the header has 2 columns"),
      },
    ]);
    expect((await products(managerA.ctx, csv("sku,name", 'A,"B', "C,D"))).errors).toEqual([
      { line: 2, column: null, message: expect.stringContaining("never closed") },
    ]);
  });

  it("moves a barcode from one product to another in one file", async () => {
    const s = uniqueSuffix();
    await system.product.createMany({
      data: [
        { companyId: a.companyId, sku: `P-${s}-x`, name: "X", barcode: `X-${s}` },
        { companyId: a.companyId, sku: `P-${s}-y`, name: "Y", barcode: `Y-${s}` },
      ],
    });
    const report = await products(
      managerA.ctx,
      csv("sku,name,barcode", `P-${s}-x,X,Y-${s}`, `P-${s}-y,Y,X-${s}`),
      "commit",
    );
    expect(report.errors).toEqual([]);
    expect((await productBySku(a.companyId, `P-${s}-x`))?.barcode).toBe(`Y-${s}`);
    expect((await productBySku(a.companyId, `P-${s}-y`))?.barcode).toBe(`X-${s}`);
  });

  it("refuses the whole commit when a row became invalid after the preview, naming the row", async () => {
    const s = uniqueSuffix();
    const file = csv("sku,name,barcode", `P-${s}-1,One,B-${s}-1`, `P-${s}-2,Two,B-${s}-2`, `P-${s}-3,Three,B-${s}-3`);
    expect((await products(managerA.ctx, file)).errors).toEqual([]);
    // Between the preview and the import someone gives another product the barcode of row 3.
    await system.product.create({
      data: { companyId: a.companyId, sku: `P-${s}-other`, name: "Other", barcode: `B-${s}-3` },
    });
    const before = await snapshotOf(a.companyId);
    await expect(products(managerA.ctx, file, "commit")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(
        new RegExp(`^Nothing was imported: line 4, barcode: Barcode "B-${s}-3" already belongs to SKU P-${s}-other`),
      ),
    });
    expect(await snapshotOf(a.companyId)).toEqual(before);
    expect(await productBySku(a.companyId, `P-${s}-1`)).toBeNull();
  });

  it("refuses the whole commit when another product takes a barcode while the import is writing", async () => {
    const s = uniqueSuffix();
    const file = csv("sku,name,barcode", `P-${s}-1,One,R-${s}-1`, `P-${s}-2,Two,R-${s}-2`);
    const before = await snapshotOf(a.companyId);
    const other = await appPool.connect();
    try {
      // Another transaction has just saved a product with row 3's barcode but not committed yet: the import's
      // read cannot see it, and its write waits on the unique index until that transaction ends.
      await other.query("BEGIN");
      await other.query("SELECT set_config('app.company_id', $1, true)", [a.companyId]);
      await other.query(
        "INSERT INTO products (id, company_id, sku, name, barcode, updated_at) VALUES (gen_random_uuid(), $1, $2, 'Racer', $3, now())",
        [a.companyId, `P-${s}-racer`, `R-${s}-2`],
      );
      const importing = products(managerA.ctx, file, "commit").catch((error: unknown) => error);
      await expect
        .poll(
          async () =>
            (
              await ownerDb.query(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO products AS p%'",
              )
            ).rows[0].n,
          { timeout: 10_000 },
        )
        .toBe(1);
      await other.query("COMMIT");
      expect(await importing).toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/^Nothing was imported: another product was saved/),
      });
    } finally {
      other.release();
    }
    const after = await snapshotOf(a.companyId);
    expect(after.productRows.filter((p) => p.sku.startsWith(`P-${s}-`)).map((p) => p.sku)).toEqual([`P-${s}-racer`]);
    expect(after.audits).toBe(before.audits);
  });

  it("refuses the whole commit, naming the row, when someone creates one of its new SKUs while it is writing; never overwrites", async () => {
    const s = uniqueSuffix();
    const file = csv("sku,name", `P-${s}-1,One`, `P-${s}-2,Two`);
    expect(await products(managerA.ctx, file)).toMatchObject({
      creates: [{ sku: `P-${s}-1` }, { sku: `P-${s}-2` }],
      errors: [],
    });
    const before = await snapshotOf(a.companyId);
    const other = await appPool.connect();
    try {
      // Someone saves a product with row 3's SKU and has not committed yet: the import plans it as a create.
      await other.query("BEGIN");
      await other.query("SELECT set_config('app.company_id', $1, true)", [a.companyId]);
      await other.query(
        "INSERT INTO products (id, company_id, sku, name, updated_at) VALUES (gen_random_uuid(), $1, $2, 'Theirs', now())",
        [a.companyId, `P-${s}-2`],
      );
      const importing = products(managerA.ctx, file, "commit").catch((error: unknown) => error);
      await expect
        .poll(
          async () =>
            (
              await ownerDb.query(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO products AS p%'",
              )
            ).rows[0].n,
          { timeout: 10_000 },
        )
        .toBe(1);
      await other.query("COMMIT");
      expect(await importing).toMatchObject({
        code: "CONFLICT",
        message: `Nothing was imported: line 3, sku: another product with SKU "P-${s}-2" was saved just now. Check the file again.`,
      });
    } finally {
      other.release();
    }
    const theirs = await productBySku(a.companyId, `P-${s}-2`);
    expect(theirs).toMatchObject({ name: "Theirs", version: 1 });
    expect(await productBySku(a.companyId, `P-${s}-1`)).toBeNull();
    expect((await snapshotOf(a.companyId)).audits).toBe(before.audits);
  });

  it("an import updating a product does not wait for a stock change referencing it (no-key lock)", async () => {
    const s = uniqueSuffix();
    await products(managerA.ctx, csv("sku,name,barcode", `NK-${s},Before,NKB-${s}`), "commit");
    const product = (await productBySku(a.companyId, `NK-${s}`))!;
    const other = await appPool.connect();
    try {
      // What a stock change's foreign-key check holds on the product until it commits.
      await other.query("BEGIN");
      await other.query("SELECT set_config('app.company_id', $1, true)", [a.companyId]);
      await other.query("SELECT 1 FROM products WHERE id = $1 FOR KEY SHARE", [product.id]);
      const importing = products(managerA.ctx, csv("sku,name,barcode", `NK-${s},After,NKB-${s}`), "commit");
      const outcome = await Promise.race([
        importing,
        new Promise((resolve) => setTimeout(() => resolve("waited"), 3_000)),
      ]);
      expect(outcome).toMatchObject({ committed: true, updates: [{ sku: `NK-${s}` }] });
    } finally {
      await other.query("COMMIT");
      other.release();
    }
    expect(await productBySku(a.companyId, `NK-${s}`)).toMatchObject({ name: "After", version: 2 });
  });

  it("an import changing barcodes does not wait for a stock change referencing the product either", async () => {
    // A barcode is unique through a partial index, which PostgreSQL does not count as a key: changing it takes no
    // lock that a stock change's foreign-key check (FOR KEY SHARE) conflicts with.
    const s = uniqueSuffix();
    await products(managerA.ctx, csv("sku,name,barcode", `NKB-${s},Item,OLD-${s}`), "commit");
    const product = (await productBySku(a.companyId, `NKB-${s}`))!;
    const other = await appPool.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT set_config('app.company_id', $1, true)", [a.companyId]);
      await other.query("SELECT 1 FROM products WHERE id = $1 FOR KEY SHARE", [product.id]);
      const importing = products(managerA.ctx, csv("sku,name,barcode", `NKB-${s},Item,NEW-${s}`), "commit");
      const outcome = await Promise.race([
        importing,
        new Promise((resolve) => setTimeout(() => resolve("waited"), 3_000)),
      ]);
      expect(outcome).toMatchObject({ committed: true, updates: [{ sku: `NKB-${s}` }] });
    } finally {
      await other.query("COMMIT");
      other.release();
    }
    expect(await productBySku(a.companyId, `NKB-${s}`)).toMatchObject({ barcode: `NEW-${s}`, version: 2 });
  });

  it("two SKUs the database folds alike are a row error, where JavaScript folds them apart (İ, a final Σ)", async () => {
    // PostgreSQL's lower() (sku_key, in this database's C.UTF-8 collation) makes "İ" an "i" and every "Σ" a "σ";
    // JavaScript's toLowerCase makes "İ" an "i" with a combining dot and a word's last "Σ" a final "ς". Planned as
    // two new products they would collide on the unique index at the write.
    const s = uniqueSuffix();
    const before = await snapshotOf(a.companyId);
    const file = csv("sku,name", `KİT-${s},Kit`, `kit-${s},Kit again`, `ΟΔΟΣ-${s},Road`, `οδοσ-${s},Road again`);
    const preview = await products(managerA.ctx, file);
    expect(preview.errors).toEqual([
      {
        line: 3,
        column: "sku",
        message: `SKU "kit-${s}" is also on line 2 as "KİT-${s}" (letter case does not make another SKU): each product once per file.`,
      },
      {
        line: 5,
        column: "sku",
        message: `SKU "οδοσ-${s}" is also on line 4 as "ΟΔΟΣ-${s}" (letter case does not make another SKU): each product once per file.`,
      },
    ]);
    expect(preview.creates.map((c) => c.sku)).toEqual([`KİT-${s}`, `ΟΔΟΣ-${s}`]);
    await expect(products(managerA.ctx, file, "commit")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(
        /^Nothing was imported: line 3, sku: .* \(and 1 more problem\) Check the file again\.$/,
      ),
    });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("a row's SKU in another letter case updates that product, keeping its spelling; never a second product", async () => {
    const s = uniqueSuffix();
    await products(managerA.ctx, csv("sku,name,barcode", `BOLT-M8-${s},Bolt M8,EAN-${s}`), "commit");
    const before = await system.product.count({ where: { companyId: a.companyId } });
    const file = csv("sku,name,barcode", `bolt-m8-${s},Bolt M8 x 40,ean-${s}`);
    const preview = await products(managerA.ctx, file);
    expect(preview.errors).toEqual([]);
    expect(preview.creates).toEqual([]);
    expect(preview.updates.map((u) => u.changes)).toEqual([
      [
        { column: "name", from: "Bolt M8", to: "Bolt M8 x 40" },
        { column: "barcode", from: `EAN-${s}`, to: `ean-${s}` },
      ],
    ]);
    const report = await products(managerA.ctx, file, "commit");
    expect(report.committed).toBe(true);
    expect(await system.product.count({ where: { companyId: a.companyId } })).toBe(before);
    expect(await productBySku(a.companyId, `BOLT-M8-${s}`)).toMatchObject({
      name: "Bolt M8 x 40",
      barcode: `ean-${s}`,
      version: 2,
    });
    // Counts name the product by SKU in any case too.
    const bin = await system.location.create({ data: { companyId: a.companyId, name: `Case bin ${s}` } });
    const counted = await stock(managerA.ctx, csv("sku,location,on_hand", `Bolt-m8-${s},${bin.name},7`), "commit");
    expect(counted.changes).toEqual([
      { line: 2, sku: `BOLT-M8-${s}`, productName: "Bolt M8 x 40", location: bin.name, from: 0, to: 7 },
    ]);
    // One SKU twice in a file, whatever the case, is named as such.
    const twice = await products(managerA.ctx, csv("sku,name", `Nut-${s},Nut`, `NUT-${s},Nut again`));
    expect(twice.errors).toEqual([
      {
        line: 3,
        column: "sku",
        message: `SKU "NUT-${s}" is also on line 2 as "Nut-${s}" (letter case does not make another SKU): each product once per file.`,
      },
    ]);
    // A barcode another product has in another case is taken.
    const taken = await products(managerA.ctx, csv("sku,name,barcode", `OTHER-${s},Other,EAN-${s}`));
    expect(taken.errors).toEqual([
      {
        line: 2,
        column: "barcode",
        message: `Barcode "EAN-${s}" already belongs to SKU BOLT-M8-${s} (Bolt M8 x 40). Use another barcode, or change that product's first.`,
      },
    ]);
  });

  it("a SKU shared by products flagged as duplicates is a problem to resolve first, not a guess", async () => {
    const s = uniqueSuffix();
    const upper = await system.product.create({ data: { companyId: a.companyId, sku: `DUP-${s}`, name: "Upper" } });
    const lower = await system.product.create({ data: { companyId: a.companyId, sku: `was-${s}`, name: "Lower" } });
    // What migration 20261206020000 leaves behind for a pair it found (written with triggers off, as only it may).
    const client = await ownerDb.connect();
    try {
      await client.query("BEGIN");
      await client.query("SET LOCAL session_replication_role = replica");
      await client.query("UPDATE products SET sku = $2, sku_conflict = true WHERE id = $1", [lower.id, `dup-${s}`]);
      await client.query("UPDATE products SET sku_conflict = true WHERE id = $1", [upper.id]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const report = await products(managerA.ctx, csv("sku,name", `Dup-${s},Either`));
    expect(report.errors).toEqual([
      {
        line: 2,
        column: "sku",
        message: `SKU "Dup-${s}" matches 2 products that differ only in letter case: SKU DUP-${s} (Upper), SKU dup-${s} (Lower). Resolve them under Products → Duplicates first.`,
      },
    ]);
    // A flagged barcode is not moved by a file either; the product's other fields are.
    const scanned = await system.product.create({
      data: { companyId: a.companyId, sku: `SCAN-${s}`, name: "Scanned", barcode: `EAN${s}` },
    });
    const twin = await system.product.create({
      data: { companyId: a.companyId, sku: `TWIN-${s}`, name: "Twin", barcode: `was-ean${s}` },
    });
    const owner = await ownerDb.connect();
    try {
      await owner.query("BEGIN");
      await owner.query("SET LOCAL session_replication_role = replica");
      await owner.query("UPDATE products SET barcode = $2, barcode_conflict = true WHERE id = $1", [
        twin.id,
        `ean${s}`,
      ]);
      await owner.query("UPDATE products SET barcode_conflict = true WHERE id = $1", [scanned.id]);
      await owner.query("COMMIT");
    } finally {
      owner.release();
    }
    const moved = await products(
      managerA.ctx,
      csv("sku,name,barcode", `SCAN-${s},Scanned,NEW${s}`, `TWIN-${s},Twin renamed,ean${s}`),
    );
    expect(moved.errors).toEqual([
      {
        line: 2,
        column: "barcode",
        message: `The barcode of SKU SCAN-${s} (Scanned), EAN${s}, is shared with another product in another letter case: resolve it under Products → Duplicates first.`,
      },
    ]);
    expect(moved.updates.map((u) => u.changes)).toEqual([[{ column: "name", from: "Twin", to: "Twin renamed" }]]);

    const bin = await system.location.create({ data: { companyId: a.companyId, name: `Dup bin ${s}` } });
    const counted = await stock(managerA.ctx, csv("sku,location,on_hand", `dup-${s},${bin.name},3`));
    expect(counted.errors.map((e) => [e.line, e.column])).toEqual([[2, "sku"]]);
    expect(counted.errors[0]!.message).toMatch(/^SKU "dup-.*" matches 2 products that differ only in letter case/);
  });

  it("imports 10,000 rows (creates and updates) correctly", { timeout: 120_000 }, async () => {
    const s = uniqueSuffix();
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `T-${s}-${String(i).padStart(5, "0")},Item ${i},,Bulk,each,BAR-${s}-${i},${i % 100}.25,${i % 50}.5,${i % 7}`,
    );
    const first = await products(managerA.ctx, csv(HEADER, ...rows), "commit", "bulk.csv");
    expect(first).toMatchObject({ committed: true, rowCount: 10_000, unchanged: 0, errors: [] });
    expect(first.creates).toHaveLength(10_000);
    expect(await system.product.count({ where: { companyId: a.companyId, sku: { startsWith: `T-${s}-` } } })).toBe(
      10_000,
    );
    expect(await productBySku(a.companyId, `T-${s}-09999`)).toMatchObject({
      name: "Item 9999",
      barcode: `BAR-${s}-9999`,
      reorderPoint: 9999 % 7,
      version: 1,
    });

    // Again with every other name changed: 5,000 updates, 5,000 unchanged.
    const again = rows.map((row, i) => (i % 2 === 0 ? row.replace(`,Item ${i},`, `,Item ${i} v2,`) : row));
    const second = await products(managerA.ctx, csv(HEADER, ...again), "commit", "bulk.csv");
    expect(second).toMatchObject({ committed: true, creates: [], unchanged: 5_000 });
    expect(second.updates).toHaveLength(5_000);
    expect(
      await system.product.count({ where: { companyId: a.companyId, sku: { startsWith: `T-${s}-` }, version: 2 } }),
    ).toBe(5_000);
    expect(await productBySku(a.companyId, `T-${s}-00002`)).toMatchObject({ name: "Item 2 v2", version: 2 });
    expect(await productBySku(a.companyId, `T-${s}-00003`)).toMatchObject({ name: "Item 3", version: 1 });
  });
});

describe("stock level import", () => {
  it("books each changed count as one ADJUSTMENT movement of the difference; equal counts book nothing", async () => {
    const up = await stockedProduct(a, 10);
    const down = await stockedProduct(a, 10, 3);
    const same = await stockedProduct(a, 7);
    const fresh = await stockedProduct(a, 0);
    const file = csv(
      "SKU,Location,On_Hand",
      `${up.sku},${up.location.name},15`,
      `${down.sku},${down.location.name},4`,
      `${same.sku},${same.location.name},7`,
      `${fresh.sku},${fresh.location.name.toLowerCase()},12`,
    );
    const preview = await stock(managerA.ctx, file);
    expect(preview).toMatchObject({ committed: false, unchanged: 1, errors: [] });
    expect(preview.changes.map(({ line, from, to }) => ({ line, from, to }))).toEqual([
      { line: 2, from: 10, to: 15 },
      { line: 3, from: 10, to: 4 },
      { line: 5, from: 0, to: 12 },
    ]);
    expect(await system.stockMovement.count({ where: { productId: { in: [up.id, down.id, fresh.id] } } })).toBe(2);

    const report = await stock(managerA.ctx, file, "commit", "count-march.csv");
    expect(report).toMatchObject({ committed: true, unchanged: 1 });
    const movements = await system.stockMovement.findMany({
      where: { companyId: a.companyId, note: "CSV import count-march.csv" },
      select: { productId: true, quantity: true, balanceAfter: true, reason: true, actorId: true, batchId: true },
    });
    expect(movements).toHaveLength(3);
    expect(new Set(movements.map((m) => m.batchId)).size).toBe(1);
    expect(movements.every((m) => m.reason === "ADJUSTMENT" && m.actorId === managerA.userId)).toBe(true);
    expect(Object.fromEntries(movements.map((m) => [m.productId, [m.quantity, m.balanceAfter]]))).toEqual({
      [up.id]: [5, 15],
      [down.id]: [-6, 4],
      [fresh.id]: [12, 12],
    });
    expect(await system.stockMovement.count({ where: { productId: same.id } })).toBe(1);
    for (const product of [up, down, same, fresh]) await expectLedgerHolds(product.id);
    expect(
      await system.stockLevel.findFirst({ where: { productId: down.id }, select: { onHand: true, reserved: true } }),
    ).toEqual({ onHand: 4, reserved: 3 });
    const audit = await system.auditLog.findFirstOrThrow({
      where: { companyId: a.companyId, action: "stock.imported", actorId: managerA.userId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.after).toMatchObject({
      fileName: "count-march.csv",
      rows: 4,
      changed: 3,
      unchanged: 1,
      movementCount: 3,
    });
  });

  it("names counts below the reserved quantity, unknown SKUs and locations, bad numbers and duplicates; writes nothing", async () => {
    const reservedProduct = await stockedProduct(a, 10, 6);
    const ok = await stockedProduct(a, 5);
    const before = await snapshotOf(a.companyId);
    const file = csv(
      "sku,location,on_hand",
      `${reservedProduct.sku},${reservedProduct.location.name},4`,
      `${ok.sku},${ok.location.name},8`,
      `NOPE-${uniqueSuffix()},${ok.location.name},1`,
      `${ok.sku},Nowhere ${uniqueSuffix()},1`,
      `${ok.sku},${ok.location.name},-2`,
      `${ok.sku},${ok.location.name},9`,
    );
    const report = await stock(managerA.ctx, file);
    expect(report.errors).toEqual([
      {
        line: 2,
        column: "on_hand",
        message: `4 is below the 6 reserved for approved orders at ${reservedProduct.location.name} (available would be -2). Count at least 6, or cancel or fulfil those orders first.`,
      },
      { line: 4, column: "sku", message: expect.stringMatching(/^No product has SKU "NOPE-/) },
      {
        line: 5,
        column: "location",
        message: expect.stringMatching(/^No location is named "Nowhere .*"\. Locations: /),
      },
      { line: 6, column: "on_hand", message: "On hand: enter 0 or more." },
      {
        line: 7,
        column: "sku",
        message: `SKU ${ok.sku} at ${ok.location.name} is also on line 3: one count per product and location.`,
      },
    ]);
    expect(report.changes.map((c) => c.line)).toEqual([3]);
    await expect(stock(managerA.ctx, file, "commit")).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/^Nothing was imported: line 2, on_hand: 4 is below the 6 reserved/),
    });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("computes the change from the stock at commit time, not from the preview", async () => {
    const product = await stockedProduct(a, 10);
    const file = csv("sku,location,on_hand", `${product.sku},${product.location.name},20`);
    expect((await stock(managerA.ctx, file)).changes).toMatchObject([{ from: 10, to: 20 }]);
    await system.stockLevel.updateMany({ where: { productId: product.id }, data: { onHand: 13 } });
    await system.stockMovement.create({
      data: {
        companyId: a.companyId,
        productId: product.id,
        locationId: product.location.id,
        quantity: 3,
        balanceAfter: 13,
        reason: "RECEIVED",
      },
    });
    expect((await stock(managerA.ctx, file, "commit")).changes).toMatchObject([{ from: 13, to: 20 }]);
    expect(await system.stockLevel.findFirst({ where: { productId: product.id }, select: { onHand: true } })).toEqual({
      onHand: 20,
    });
    await expectLedgerHolds(product.id);
  });

  it(
    "two imports creating the same missing stock rows in opposite orders never deadlock",
    { timeout: 120_000 },
    async () => {
      // Many rows per file widen the window in which each insert holds rows the other one wants next.
      for (let round = 0; round < 5; round++) {
        const s = uniqueSuffix();
        const skus = Array.from({ length: 400 }, (_, i) => `DL-${s}-${String(i).padStart(3, "0")}`);
        await system.product.createMany({
          data: skus.map((sku) => ({ companyId: a.companyId, sku, name: `Deadlock ${sku}` })),
        });
        const location = await system.location.create({
          data: { companyId: a.companyId, name: `Dock ${s}` },
          select: { id: true, name: true },
        });
        const forward = csv("sku,location,on_hand", ...skus.map((sku) => `${sku},${location.name},5`));
        const backward = csv("sku,location,on_hand", ...skus.toReversed().map((sku) => `${sku},${location.name},7`));
        const results = await Promise.allSettled([
          stock(managerA.ctx, forward, "commit"),
          stock(managerA.ctx, backward, "commit"),
        ]);
        expect(results.map((result) => (result.status === "rejected" ? String(result.reason) : "ok"))).toEqual([
          "ok",
          "ok",
        ]);
        const levels = await system.stockLevel.findMany({
          where: { locationId: location.id },
          select: { onHand: true },
        });
        expect(levels).toHaveLength(skus.length);
        expect(new Set(levels.map((level) => level.onHand)).size).toBe(1);
        const booked = await system.stockMovement.aggregate({
          where: { locationId: location.id },
          _sum: { quantity: true },
        });
        expect(booked._sum.quantity).toBe(levels.reduce((sum, level) => sum + level.onHand, 0));
      }
    },
  );

  it("imports 10,000 counts in one operation", { timeout: 120_000 }, async () => {
    const s = uniqueSuffix();
    const productFile = csv("sku,name", ...Array.from({ length: 10_000 }, (_, i) => `K-${s}-${i},Counted ${i}`));
    await products(managerA.ctx, productFile, "commit");
    const location = await system.location.create({ data: { companyId: a.companyId, name: `Hall ${s}` } });
    const counts = Array.from({ length: 10_000 }, (_, i) => `K-${s}-${i},Hall ${s},${i % 10}`);
    const report = await stock(managerA.ctx, csv("sku,location,on_hand", ...counts), "commit", "hall.csv");
    expect(report).toMatchObject({ committed: true, rowCount: 10_000, unchanged: 1_000, errors: [] });
    expect(report.changes).toHaveLength(9_000);
    const total = await system.stockLevel.aggregate({
      where: { locationId: location.id },
      _sum: { onHand: true },
      _count: true,
    });
    expect(total._sum.onHand).toBe(45 * 1_000);
    const booked = await system.stockMovement.aggregate({
      where: { locationId: location.id },
      _sum: { quantity: true },
      _count: true,
    });
    expect(booked).toMatchObject({ _count: 9_000, _sum: { quantity: 45_000 } });
  });
});

describe("tenant isolation", () => {
  it("company B importing company A's SKUs creates B's own products and never touches A's", async () => {
    const s = uniqueSuffix();
    await products(a.ctx, csv("sku,name,barcode", `X-${s},A's product,XB-${s}`), "commit");
    const aBefore = await snapshotOf(a.companyId);
    const aProduct = await productBySku(a.companyId, `X-${s}`);

    // The same SKU and barcode are free in B: each company's products are its own.
    const preview = await products(b.ctx, csv("sku,name,barcode", `X-${s},B's product,XB-${s}`));
    expect(preview).toMatchObject({ creates: [{ sku: `X-${s}` }], updates: [], errors: [] });
    await products(b.ctx, csv("sku,name,barcode", `X-${s},B's product,XB-${s}`), "commit");
    const bProduct = await productBySku(b.companyId, `X-${s}`);
    expect(bProduct).toMatchObject({ name: "B's product", companyId: b.companyId, version: 1 });
    expect(bProduct?.id).not.toBe(aProduct?.id);
    expect(await snapshotOf(a.companyId)).toEqual(aBefore);

    // A's SKU (not in B) and A's location name are unknown to B's stock import.
    const stockReport = await stock(b.ctx, csv("sku,location,on_hand", `${(await stockedProduct(a, 1)).sku},Main,5`));
    expect(stockReport.errors).toEqual([
      { line: 2, column: "sku", message: expect.stringMatching(/^No product has SKU/) },
    ]);
  });

  it("exports only the caller's company, all pages, escaping formula cells", async () => {
    const s = uniqueSuffix();
    const own = await createCompanyFixture(system, "csv-export");
    const other = await createCompanyFixture(system, "csv-other");
    await products(
      own.ctx,
      csv(
        HEADER,
        ...Array.from({ length: 5 }, (_, i) => `E-${s}-${i},Export ${i},,,each,,1.5,2,1`),
        `=E-${s}-f,"=HYPERLINK(""x""),x",,,each,,0,0,0`,
      ),
      "commit",
    );
    await system.product.create({ data: { companyId: other.companyId, sku: `E-${s}-other`, name: "Not yours" } });

    const download = await exportProducts(own.ctx, { pageSize: 2 });
    expect(download.fileName).toMatch(new RegExp(`^products-${own.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const bytes = new Uint8Array(await new Response(download.stream).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1).split("\r\n");
    // The import's columns (pack_size, reorder_quantity and target_level last of them, empty for none), then the
    // computed total.
    expect(lines[0]).toBe(`${HEADER},pack_size,reorder_quantity,target_level,total_on_hand`);
    expect(lines.slice(1, -1).sort()).toEqual(
      [
        `'=E-${s}-f,"'=HYPERLINK(""x""),x",,,each,,0.00,0.00,0,,,,0`,
        ...Array.from({ length: 5 }, (_, i) => `E-${s}-${i},Export ${i},,,each,,1.50,2.00,1,,,,0`),
        `SKU-${own.slug.split("-").at(-1)},Widget ${own.slug.split("-").at(-1)},,,each,,2.50,4.00,0,,,,10`,
      ].sort(),
    );
    expect(lines.at(-1)).toBe("");

    const stockText = await readText((await exportStockLevels(own.ctx, { pageSize: 1 })).stream);
    expect(stockText.split("\r\n")).toEqual([
      "\uFEFFsku,name,location,on_hand,reserved,available",
      `SKU-${own.slug.split("-").at(-1)},Widget ${own.slug.split("-").at(-1)},Main,10,0,10`,
      "",
    ]);
  });

  it("an exported file imports back unchanged", async () => {
    const own = await createCompanyFixture(system, "csv-roundtrip");
    const s = uniqueSuffix();
    await products(own.ctx, csv(HEADER, `-${s},"+Tricky, ""quoted""","two\nlines",@cat,box,B-${s},1.25,2,3`), "commit");
    const exported = await readText((await exportProducts(own.ctx)).stream);
    const report = await products(own.ctx, exported, "preview");
    expect(report).toMatchObject({ errors: [], creates: [], updates: [], unchanged: 2 });
    const stockExported = await readText((await exportStockLevels(own.ctx)).stream);
    expect(await stock(own.ctx, stockExported)).toMatchObject({ errors: [], changes: [], unchanged: 1 });
  });
});

describe("archived locations", () => {
  it("a location counted to 0 and archived is left out of the export, and the export imports back with 0 changes", async () => {
    const own = await createCompanyFixture(system, "csv-archived");
    const s = uniqueSuffix();
    const widget = `SKU-${own.slug.split("-").at(-1)}`;
    const bin = await system.location.create({
      data: { companyId: own.companyId, name: `Old bin ${s}` },
      select: { id: true, name: true },
    });
    await stock(own.ctx, csv("sku,location,on_hand", `${widget},${bin.name},4`), "commit");
    await stock(own.ctx, csv("sku,location,on_hand", `${widget},${bin.name},0`), "commit");
    await archiveLocation(own.ctx, { locationId: bin.id });

    const exported = await readText((await exportStockLevels(own.ctx)).stream);
    expect(exported).not.toContain(bin.name);
    const before = await snapshotOf(own.companyId);
    expect(await stock(own.ctx, exported, "commit")).toMatchObject({
      committed: true,
      errors: [],
      changes: [],
      unchanged: 1,
    });

    // A file from before the archive: the row equal to what is on hand there is unchanged, not an error …
    const older = csv("sku,location,on_hand", `${widget},Main,10`, `${widget},${bin.name},0`);
    expect(await stock(own.ctx, older, "commit")).toMatchObject({
      committed: true,
      errors: [],
      changes: [],
      unchanged: 2,
    });
    const after = await snapshotOf(own.companyId);
    expect({ ...after, audits: before.audits }).toEqual(before);
    // … and any other count there is refused.
    expect((await stock(own.ctx, csv("sku,location,on_hand", `${widget},${bin.name},3`))).errors).toEqual([
      { line: 2, column: "location", message: `${bin.name} is archived: restore it before importing stock there.` },
    ]);
  });
});

describe("permissions", () => {
  it("staff may not import or export; nothing is written", async () => {
    const before = await snapshotOf(a.companyId);
    const s = uniqueSuffix();
    await expect(products(staffA.ctx, csv("sku,name", `ST-${s},Nope`), "commit")).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(products(staffA.ctx, csv("sku,name", `ST-${s},Nope`))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      stock(staffA.ctx, csv("sku,location,on_hand", `${a.productId},Main,1`), "commit"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportProducts(staffA.ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportStockLevels(staffA.ctx)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("rejects unknown input keys (no companyId from the client)", async () => {
    await expect(
      importProducts(managerA.ctx, {
        fileName: "x.csv",
        content: "sku,name\nA,B\n",
        mode: "preview",
        companyId: b.companyId,
      } as never),
    ).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(exportProducts(managerA.ctx, { companyId: b.companyId } as never)).rejects.toMatchObject({
      code: "VALIDATION",
    });
  });

  it("route handlers answer 403 to staff, 401 without a session, and a CSV attachment to managers", async () => {
    const resolve = vi.mocked(requireTenantForAction);
    const request = new Request("http://localhost/products/export.csv");
    const asApp = (ctx: TenantContext) =>
      ({
        ...ctx,
        user: { name: "x", email: ctx.email, isPlatformAdmin: false },
        company: { name: "x" },
        memberships: [],
        sessionId: "00000000-0000-4000-8000-000000000000",
      }) as AppContext;

    resolve.mockResolvedValue(asApp(staffA.ctx));
    for (const [route, what] of [
      [productExportRoute, "products"],
      [stockExportRoute, "stock levels"],
    ] as const) {
      const response = await route(request);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe(`Only managers and admins export ${what}.\n`);
    }

    resolve.mockRejectedValue(new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again."));
    const signedOut = await productExportRoute(request);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).toBe("Your session has ended. Please sign in again.\n");

    resolve.mockResolvedValue(asApp(managerA.ctx));
    const ok = await productExportRoute(request);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="products-${a.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const text = await ok.text();
    expect(text).toContain(`SKU-${a.slug.split("-").at(-1)},`);
    expect(text).not.toContain(`SKU-${b.slug.split("-").at(-1)},`);

    const stockResponse = await stockExportRoute(request);
    expect(stockResponse.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="stock-${a.slug}-`),
    );
  });
});

describe("exactly once: a commit's operation id", () => {
  it("two identical stock-level commits racing set the counts once, and both get the same report", async () => {
    const first = await stockedProduct(a, 10);
    const second = await stockedProduct(a, 4);
    const file = csv(
      "sku,location,on_hand",
      `${first.sku},${first.location.name},12`,
      `${second.sku},${second.location.name},1`,
    );
    const input = { fileName: "count.csv", content: file, mode: "commit" as const, operationId: randomUUID() };
    const audits = () => system.auditLog.count({ where: { companyId: a.companyId, action: "stock.imported" } });
    const auditsBefore = await audits();

    const [one, two] = await Promise.all([
      importStockLevels(managerA.ctx, input),
      importStockLevels(managerA.ctx, input),
    ]);
    expect(one).toEqual(two);
    expect(one.changes.map((c) => [c.from, c.to])).toEqual([
      [10, 12],
      [4, 1],
    ]);
    expect(await audits()).toBe(auditsBefore + 1);
    for (const product of [first, second]) {
      expect(await system.stockMovement.count({ where: { productId: product.id } })).toBe(2);
      await expectLedgerHolds(product.id);
    }
    // Later, the same commit again is still the first report, not "2 unchanged".
    expect(await importStockLevels(managerA.ctx, input)).toEqual(one);
  });

  it("a product import committed twice with one id creates its products once and reports them both times", async () => {
    const s = uniqueSuffix();
    const file = csv("sku,name", `X-${s}-1,First`, `X-${s}-2,Second`);
    const input = { fileName: "new.csv", content: file, mode: "commit" as const, operationId: randomUUID() };
    const [one, two] = await Promise.all([importProducts(managerA.ctx, input), importProducts(managerA.ctx, input)]);
    expect(one).toEqual(two);
    expect(one.creates.map((c) => c.sku)).toEqual([`X-${s}-1`, `X-${s}-2`]);
    const again = await importProducts(managerA.ctx, input);
    expect(again).toEqual(one);
    const created = await system.product.findMany({
      where: { companyId: a.companyId, sku: { startsWith: `X-${s}-` } },
      select: { version: true },
    });
    expect(created).toEqual([{ version: 1 }, { version: 1 }]);
  });

  it("the same id with another file is a CONFLICT; a refused commit claims nothing", async () => {
    const product = await stockedProduct(a, 5, 3);
    const operationId = randomUUID();
    const commit = (content: string) =>
      importStockLevels(managerA.ctx, { fileName: "count.csv", content, mode: "commit", operationId });
    const line = (count: number) => csv("sku,location,on_hand", `${product.sku},${product.location.name},${count}`);

    // Below the 3 reserved: refused, and the id stays free for the corrected file.
    await expect(commit(line(2))).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await system.stockOperation.count({ where: { companyId: a.companyId, operationId } })).toBe(0);
    expect((await commit(line(8))).changes).toMatchObject([{ from: 5, to: 8 }]);

    const before = await snapshotOf(a.companyId);
    await expect(commit(line(9))).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already saved, with different values/),
    });
    await expect(
      importProducts(managerA.ctx, {
        fileName: "count.csv",
        content: csv("sku,name", `${product.sku},Renamed`),
        mode: "commit",
        operationId,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await snapshotOf(a.companyId)).toEqual(before);
  });

  it("a commit without an operation id is a field error; a preview needs none", async () => {
    const product = await stockedProduct(a, 5);
    const content = csv("sku,location,on_hand", `${product.sku},${product.location.name},6`);
    const before = await snapshotOf(a.companyId);
    for (const operationId of [undefined, "", "not-a-uuid"]) {
      for (const run of [importStockLevels, importProducts]) {
        const error = await run(managerA.ctx, { fileName: "x.csv", content, mode: "commit", operationId }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: "VALIDATION", fieldErrors: { operationId: [expect.any(String)] } });
      }
    }
    expect(await snapshotOf(a.companyId)).toEqual(before);
    await expect(
      importStockLevels(managerA.ctx, { fileName: "x.csv", content, mode: "preview" }),
    ).resolves.toMatchObject({ committed: false, changes: [{ from: 5, to: 6 }] });
  });

  it("company B committing with company A's operation id imports its own file and never sees A's report", async () => {
    const mine = await stockedProduct(a, 5);
    const theirs = await stockedProduct(b, 2);
    const operationId = randomUUID();
    const reportA = await importStockLevels(managerA.ctx, {
      fileName: "a.csv",
      content: csv("sku,location,on_hand", `${mine.sku},${mine.location.name},7`),
      mode: "commit",
      operationId,
    });
    const reportB = await importStockLevels(b.ctx, {
      fileName: "b.csv",
      content: csv("sku,location,on_hand", `${theirs.sku},${theirs.location.name},9`),
      mode: "commit",
      operationId,
    });
    expect(reportA.changes).toMatchObject([{ sku: mine.sku, from: 5, to: 7 }]);
    expect(reportB).toMatchObject({ fileName: "b.csv", changes: [{ sku: theirs.sku, from: 2, to: 9 }] });
    expect(await system.stockLevel.findFirst({ where: { productId: theirs.id }, select: { onHand: true } })).toEqual({
      onHand: 9,
    });
  });
});
