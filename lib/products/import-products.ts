// Products from a CSV file (issue "Inventory", part 8). One function for both steps of the flow, run by
// ../csv/run-import.ts:
// - "preview" (the dry run) reads the file and says what would happen — products to create, products to update with
//   each change, and every problem as line / column / message — and writes nothing;
// - "commit" does all of it again from the file (the preview is never trusted), with the products it touches locked,
//   and writes everything in one transaction or nothing: one problem anywhere refuses the whole import.
// Every row is judged by productFieldsSchema, the same rule as the product form. A row whose SKU exists, in any letter
// case (./product-keys.ts), updates that product (its version bumped; the SKU keeps the product's spelling),
// otherwise it creates one. A SKU or barcode shared by products flagged on the duplicates page is not guessed at:
// such a row is a problem until they are resolved. Columns the file leaves out keep their values on update;
// a blank cell clears optional text (description, category, barcode), the pack size, the reorder quantity and the target
// level, and keeps the unit, prices and reorder point. So a file from before pack sizes or reorder levels (no pack_size,
// reorder_quantity or target_level column) leaves those of every product alone. A target level must stay above the
// reorder point as the row leaves them (the file's values, else the product's), or the row is a problem.
// Set-based: the products are read in one query and written in batches — the locked updates with UPDATE … FROM
// unnest(…), the creates with a plain INSERT … SELECT FROM unnest(…) (a SKU someone saved meanwhile refuses the
// import, it is never overwritten) — so 10,000 rows take a handful of statements.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { cellOf, readHeader, widthProblem } from "../csv/csv-columns";
import {
  importFileSchema,
  PRODUCT_CSV_COLUMNS,
  PRODUCT_IMPORT,
  sortProblems,
  type ImportFileInput,
  type ProductCsvColumn,
} from "../csv/file-formats";
import { runCsvImport } from "../csv/run-import";
import { parseCsv, type CsvProblem } from "../csv/parse-csv";
import { Prisma } from "../db/generated/client";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { chunkIds, publishEvents } from "../events/publish-event";
import { productFieldsSchema, reorderLevelsProblem, type ProductFields } from "./product-fields";
import { foldKeys, keyMatches } from "./product-keys";

const FIELD: Record<ProductCsvColumn, keyof ProductFields> = {
  sku: "sku",
  name: "name",
  description: "description",
  category: "category",
  unit: "unit",
  barcode: "barcode",
  cost_price: "costPrice",
  sale_price: "salePrice",
  reorder_point: "reorderPoint",
  pack_size: "packSize",
  reorder_quantity: "reorderQuantity",
  target_level: "targetLevel",
};
const COLUMN = Object.fromEntries(Object.entries(FIELD).map(([column, field]) => [field, column])) as Record<
  keyof ProductFields,
  ProductCsvColumn
>;
/** A blank cell in these columns means "as it is" (the default for a new product), not "clear it". */
const KEEP_WHEN_BLANK = new Set<ProductCsvColumn>(["unit", "cost_price", "sale_price", "reorder_point"]);

const BATCH = 2_000;

export type ImportProductsInput = ImportFileInput;

export interface ProductFieldChange {
  column: ProductCsvColumn;
  from: string | null;
  to: string | null;
}

export interface ProductImportReport {
  fileName: string;
  /** True once the products were written (commit with no problems). */
  committed: boolean;
  /** Data rows in the file (blank rows are not counted). */
  rowCount: number;
  creates: { line: number; sku: string; name: string }[];
  updates: { line: number; sku: string; name: string; productId: string; changes: ProductFieldChange[] }[];
  /** Rows equal to their product as it is: nothing to write. */
  unchanged: number;
  /** Every problem, in file order; any problem means nothing is imported. */
  errors: CsvProblem[];
}

interface ProductRow {
  line: number;
  fields: ProductFields;
  /** The fields the row sets (columns the file has, minus blank cells that keep a value). */
  given: Set<keyof ProductFields>;
}

interface ExistingProduct {
  id: string;
  sku_key: string;
  barcode_key: string | null;
  barcode_conflict: boolean;
  sku: string;
  name: string;
  description: string | null;
  category: string | null;
  unit: string;
  barcode: string | null;
  cost_price: string;
  sale_price: string;
  reorder_point: number;
  pack_size: number | null;
  reorder_quantity: number | null;
  target_level: number | null;
}

type ProductValues = Omit<ExistingProduct, "id" | "sku_key" | "barcode_key" | "barcode_conflict">;

/** "12.5", "012.50" and "12.50" are one amount: compare and show money with two decimals. */
function money(value: string): string {
  const [whole = "0", fraction = ""] = value.split(".");
  return `${BigInt(whole)}.${fraction.padEnd(2, "0")}`;
}

function valuesOf(fields: ProductFields): ProductValues {
  return {
    sku: fields.sku,
    name: fields.name,
    description: fields.description,
    category: fields.category,
    unit: fields.unit,
    barcode: fields.barcode,
    cost_price: money(fields.costPrice),
    sale_price: money(fields.salePrice),
    reorder_point: fields.reorderPoint,
    pack_size: fields.packSize,
    reorder_quantity: fields.reorderQuantity,
    target_level: fields.targetLevel,
  };
}

const display = (value: string | number | null) => (value === null ? null : String(value));

/** Reads and checks every row in memory: the file's own problems, before any database work. */
function readRows(content: string | Uint8Array): { rows: ProductRow[]; rowCount: number; errors: CsvProblem[] } {
  const parsed = parseCsv(content);
  if (!parsed.ok) return { rows: [], rowCount: 0, errors: [parsed.problem] };
  const header = readHeader(parsed.header, PRODUCT_IMPORT);
  if (!header.ok) return { rows: [], rowCount: parsed.rows.length, errors: header.problems };
  const { columns } = header;

  const rows: ProductRow[] = [];
  const errors: CsvProblem[] = [];
  for (const record of parsed.rows) {
    const width = widthProblem(record, columns.width);
    if (width) {
      errors.push(width);
      continue;
    }
    const input: Record<string, string> = {};
    for (const column of PRODUCT_CSV_COLUMNS) {
      const cell = cellOf(record, columns, column);
      if (cell === undefined || (KEEP_WHEN_BLANK.has(column) && cell.trim() === "")) continue;
      input[FIELD[column]] = cell;
    }
    const result = productFieldsSchema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] as keyof ProductFields | undefined;
        errors.push({ line: record.line, column: field ? COLUMN[field] : null, message: issue.message });
      }
      continue;
    }
    rows.push({
      line: record.line,
      fields: result.data,
      given: new Set(Object.keys(input) as (keyof ProductFields)[]),
    });
  }
  return { rows, rowCount: parsed.rows.length, errors };
}

interface Plan {
  creates: { line: number; values: ProductValues }[];
  updates: { line: number; id: string; values: ProductValues; changes: ProductFieldChange[]; freesBarcode: boolean }[];
  unchanged: number;
  errors: CsvProblem[];
}

/**
 * What the rows do to the company's products as they are now (locked when committing): creates, updates with their
 * changes, and the problems only the database can show — a SKU or barcode twice in the file, a barcode another
 * product already has, a SKU or barcode that products flagged as duplicates share. SKUs and barcodes are compared by
 * the keys the database computes for sku_key and barcode_key (`lower()`), within the file as against stored products,
 * so a SKU that JavaScript folds otherwise (a Turkish İ, a final Σ) is a row error here rather than a unique
 * violation at the write.
 */
async function planAgainstDatabase(tx: TenantTx, companyId: string, rows: ProductRow[], lock: boolean): Promise<Plan> {
  const skus = rows.map((row) => row.fields.sku);
  const barcodes = rows.flatMap((row) => (row.fields.barcode === null ? [] : [row.fields.barcode]));
  const folded = { skus: await foldKeys(tx, skus), barcodes: await foldKeys(tx, barcodes) };
  const matching = Prisma.sql`p.company_id = ${companyId}::uuid AND (${keyMatches("sku", skus)} OR ${keyMatches("barcode", barcodes)})`;
  // Committing, the matched products are locked in id order — the order every path that locks products keeps
  // (lib/stock/find-stock-products.ts) — and stay as read until commit. FOR NO KEY UPDATE: it excludes other
  // writers, but not a stock change's foreign-key check on these products (FOR KEY SHARE). The writes below change
  // no key column (SKU and barcode are unique through partial indexes, which are not keys to PostgreSQL), so they
  // need no stronger lock, and the products are locked once, in that order, from start to end.
  const existing = await tx.$queryRaw<ExistingProduct[]>`
    SELECT p.id::text, p.sku_key, p.barcode_key, p.barcode_conflict, p.sku, p.name, p.description, p.category,
           p.unit, p.barcode, p.cost_price::text, p.sale_price::text, p.reorder_point, p.pack_size,
           p.reorder_quantity, p.target_level
      FROM products p
     WHERE ${matching}
     ORDER BY p.id
     ${lock ? Prisma.sql`FOR NO KEY UPDATE` : Prisma.empty}`;
  const group = <K extends "sku_key" | "barcode_key">(key: K) => {
    const groups = new Map<string, ExistingProduct[]>();
    for (const product of existing) {
      const value = product[key];
      if (value !== null) groups.set(value, [...(groups.get(value) ?? []), product]);
    }
    return groups;
  };
  const bySku = group("sku_key");
  const byBarcode = group("barcode_key");
  const fileSkus = new Set(folded.skus);
  const fileBarcodes = new Set(folded.barcodes);
  const skuKeyOf = new Map(skus.map((sku, i) => [sku, folded.skus[i]!]));
  const barcodeKeyOf = new Map(barcodes.map((barcode, i) => [barcode, folded.barcodes[i]!]));
  const named = (products: ExistingProduct[]) =>
    products.map((product) => `SKU ${product.sku} (${product.name})`).join(", ");

  const firstOfSku = new Map<string, { line: number; sku: string }>();
  const firstOfBarcode = new Map<string, { line: number; sku: string }>();

  const plan: Plan = { creates: [], updates: [], unchanged: 0, errors: [] };
  for (const row of rows) {
    const { fields } = row;
    const skuKey = skuKeyOf.get(fields.sku)!;
    const first = firstOfSku.get(skuKey);
    if (first !== undefined) {
      const spelled = first.sku === fields.sku ? "" : ` as "${first.sku}" (letter case does not make another SKU)`;
      plan.errors.push({
        line: row.line,
        column: "sku",
        message: `SKU "${fields.sku}" is also on line ${first.line}${spelled}: each product once per file.`,
      });
      continue;
    }
    firstOfSku.set(skuKey, { line: row.line, sku: fields.sku });
    const barcodeKey = fields.barcode === null ? null : barcodeKeyOf.get(fields.barcode)!;
    const sharer = barcodeKey === null ? undefined : firstOfBarcode.get(barcodeKey);
    if (sharer !== undefined) {
      plan.errors.push({
        line: row.line,
        column: "barcode",
        message: `Barcode "${fields.barcode}" is also on line ${sharer.line} (SKU ${sharer.sku}): a barcode belongs to one product.`,
      });
      continue;
    }
    if (barcodeKey !== null) firstOfBarcode.set(barcodeKey, { line: row.line, sku: fields.sku });
    const matches = bySku.get(skuKey) ?? [];
    if (matches.length > 1) {
      plan.errors.push({
        line: row.line,
        column: "sku",
        message: `SKU "${fields.sku}" matches ${matches.length} products that differ only in letter case: ${named(matches)}. Resolve them under Products → Duplicates first.`,
      });
      continue;
    }
    const current = matches[0];
    // A product in the file gets the file's barcode (or none), so only a product outside it keeps a clashing one.
    const holders = (barcodeKey === null ? [] : (byBarcode.get(barcodeKey) ?? [])).filter(
      (holder) => holder.id !== current?.id && !fileSkus.has(holder.sku_key),
    );
    if (holders.length > 0) {
      plan.errors.push({
        line: row.line,
        column: "barcode",
        message: `Barcode "${fields.barcode}" already belongs to ${named(holders)}. Use another barcode, or change that product's first.`,
      });
      continue;
    }
    const proposed = valuesOf(fields);
    if (!current) {
      const levels = levelsProblem(row, proposed);
      if (levels) plan.errors.push(levels);
      else plan.creates.push({ line: row.line, values: proposed });
      continue;
    }
    const { id, sku_key: _skuKey, barcode_key: _barcodeKey, barcode_conflict: barcodeConflict, ...values } = current;
    const changes: ProductFieldChange[] = [];
    for (const field of row.given) {
      // The SKU is what matched the product: it keeps its own spelling.
      if (field === "sku") continue;
      const column = COLUMN[field];
      const key = column as keyof ProductValues;
      if (proposed[key] === current[key]) continue;
      changes.push({ column, from: display(current[key]), to: display(proposed[key]) });
      (values as Record<string, unknown>)[key] = proposed[key];
    }
    if (barcodeConflict && values.barcode !== current.barcode) {
      plan.errors.push({
        line: row.line,
        column: "barcode",
        message: `The barcode of SKU ${current.sku} (${current.name}), ${current.barcode}, is shared with another product in another letter case: resolve it under Products → Duplicates first.`,
      });
      continue;
    }
    const levels = levelsProblem(row, values);
    if (levels) {
      plan.errors.push(levels);
      continue;
    }
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    // Its barcode moving to another row of this file: free it first, or the unique index would see both at once.
    const freesBarcode =
      current.barcode_key !== null && values.barcode !== current.barcode && fileBarcodes.has(current.barcode_key);
    plan.updates.push({ line: row.line, id, values, changes, freesBarcode });
  }
  return plan;
}

/**
 * A target level the row would leave at or below the reorder point (lib/products/product-fields.ts), on the column the
 * row sets: its target_level, or else its reorder_point, which then moved up to the product's target level.
 */
function levelsProblem(row: ProductRow, values: ProductValues): CsvProblem | null {
  const problem = reorderLevelsProblem({ reorderPoint: values.reorder_point, targetLevel: values.target_level });
  if (!problem) return null;
  if (row.given.has("targetLevel")) return { line: row.line, column: "target_level", message: problem };
  return {
    line: row.line,
    column: "reorder_point",
    message: `Reorder point: enter a number below the product's target level (${values.target_level!.toLocaleString("en-GB")}), or set a higher target_level in this row (or an empty one to remove it).`,
  };
}

/** One batch of rows as unnest(…) columns. */
function columnsOf(batch: { id: string; values: ProductValues }[]) {
  const column = <K extends keyof ProductValues>(key: K) => batch.map((row) => row.values[key]);
  return {
    ids: batch.map((row) => row.id),
    sku: column("sku"),
    name: column("name"),
    description: column("description"),
    category: column("category"),
    unit: column("unit"),
    barcode: column("barcode"),
    costPrice: column("cost_price"),
    salePrice: column("sale_price"),
    reorderPoint: column("reorder_point"),
    packSize: column("pack_size"),
    reorderQuantity: column("reorder_quantity"),
    targetLevel: column("target_level"),
  };
}

async function writeProducts(tx: TenantTx, companyId: string, plan: Plan): Promise<string[]> {
  const freed = plan.updates.filter((update) => update.freesBarcode).map((update) => update.id);
  if (freed.length > 0) {
    await tx.$executeRaw`UPDATE products SET barcode = NULL WHERE company_id = ${companyId}::uuid AND id = ANY(${freed}::uuid[])`;
  }
  const ids: string[] = [];
  // Updates: the products locked by planAgainstDatabase, by id, their version bumped. A plain UPDATE, so a row whose
  // barcode stays takes only a no-key lock and stock changes referencing the product do not wait for it.
  const updates = plan.updates.map((update) => ({ id: update.id, values: update.values }));
  for (let start = 0; start < updates.length; start += BATCH) {
    const batch = updates.slice(start, start + BATCH);
    const c = columnsOf(batch);
    const written = await tx.$queryRaw<{ id: string }[]>`
      UPDATE products AS p
         SET name = r.name, description = r.description, category = r.category, unit = r.unit, barcode = r.barcode,
             cost_price = r.cost_price::numeric, sale_price = r.sale_price::numeric, reorder_point = r.reorder_point,
             pack_size = r.pack_size, reorder_quantity = r.reorder_quantity, target_level = r.target_level,
             version = p.version + 1, updated_at = now()
        FROM unnest(${c.ids}::uuid[], ${c.name}::text[], ${c.description}::text[], ${c.category}::text[],
                    ${c.unit}::text[], ${c.barcode}::text[], ${c.costPrice}::text[], ${c.salePrice}::text[],
                    ${c.reorderPoint}::int[], ${c.packSize}::int[], ${c.reorderQuantity}::int[],
                    ${c.targetLevel}::int[])
             AS r(id, name, description, category, unit, barcode, cost_price, sale_price, reorder_point, pack_size,
                  reorder_quantity, target_level)
       WHERE p.company_id = ${companyId}::uuid AND p.id = r.id
      RETURNING p.id::text`;
    if (written.length !== batch.length)
      throw new Error(`Product import updated ${written.length} of ${batch.length} rows`);
    ids.push(...written.map((row) => row.id));
  }
  // Creates: plain INSERTs. A SKU someone else saved since it was read is a unique violation that refuses the whole
  // import (importProducts names the row), never an overwrite of their product.
  const creates = plan.creates.map((create) => ({ id: randomUUID(), values: create.values }));
  for (let start = 0; start < creates.length; start += BATCH) {
    const batch = creates.slice(start, start + BATCH);
    const c = columnsOf(batch);
    const written = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO products AS p (id, company_id, sku, name, description, category, unit, barcode,
                                 cost_price, sale_price, reorder_point, pack_size, reorder_quantity, target_level,
                                 updated_at)
      SELECT r.id, ${companyId}::uuid, r.sku, r.name, r.description, r.category, r.unit, r.barcode,
             r.cost_price::numeric, r.sale_price::numeric, r.reorder_point, r.pack_size, r.reorder_quantity,
             r.target_level, now()
        FROM unnest(${c.ids}::uuid[], ${c.sku}::text[], ${c.name}::text[], ${c.description}::text[],
                    ${c.category}::text[], ${c.unit}::text[], ${c.barcode}::text[], ${c.costPrice}::text[],
                    ${c.salePrice}::text[], ${c.reorderPoint}::int[], ${c.packSize}::int[],
                    ${c.reorderQuantity}::int[], ${c.targetLevel}::int[])
             AS r(id, sku, name, description, category, unit, barcode, cost_price, sale_price, reorder_point,
                  pack_size, reorder_quantity, target_level)
      RETURNING p.id::text`;
    if (written.length !== batch.length)
      throw new Error(`Product import inserted ${written.length} of ${batch.length} rows`);
    ids.push(...written.map((row) => row.id));
  }
  return ids;
}

export async function importProducts(ctx: TenantContext, input: ImportProductsInput): Promise<ProductImportReport> {
  const { fileName, content, mode, operationId } = parseInput(importFileSchema, input);
  if (!can(ctx.role, "stock.import")) throw AppError.forbidden("Only managers and admins import products.");

  const read = readRows(content);
  const report = (plan: Plan | null, committed: boolean): ProductImportReport => ({
    fileName,
    committed,
    rowCount: read.rowCount,
    creates: (plan?.creates ?? []).map((create) => ({
      line: create.line,
      sku: create.values.sku,
      name: create.values.name,
    })),
    updates: (plan?.updates ?? []).map((update) => ({
      line: update.line,
      sku: update.values.sku,
      name: update.values.name,
      productId: update.id,
      changes: update.changes,
    })),
    unchanged: plan?.unchanged ?? 0,
    errors: sortProblems([...read.errors, ...(plan?.errors ?? [])]),
  });
  return runCsvImport(
    ctx,
    { fileName, content, mode, operationId },
    {
      kind: "PRODUCT_IMPORT",
      read,
      plan: (tx, lock) => planAgainstDatabase(tx, ctx.companyId, read.rows, lock),
      report,
      write: async (tx, plan) => {
        const productIds = await writeProducts(tx, ctx.companyId, plan);
        await recordAudit(tx, ctx, {
          action: "product.imported",
          entityType: "product",
          entityId: null,
          after: {
            fileName,
            rows: read.rowCount,
            created: plan.creates.length,
            updated: plan.updates.length,
            unchanged: plan.unchanged,
          },
        });
        // Ids in chunks, not one event per product: a 10,000-row import is a few dozen notifications.
        await publishEvents(
          tx,
          ctx,
          chunkIds(productIds).map((ids) => ({ type: "product.changed", productIds: ids })),
        );
      },
      // Another product saved between our read and our write took one of the file's SKUs or barcodes: nothing was
      // written. The insert waited for that product's transaction to commit, so it can be read now and named.
      clash: async (plan) => {
        const taken = await takenSku(ctx, plan.creates);
        return taken
          ? new AppError(
              "CONFLICT",
              `Nothing was imported: line ${taken.line}, sku: another product with SKU "${taken.values.sku}" was saved just now. Check the file again.`,
            )
          : new AppError(
              "CONFLICT",
              "Nothing was imported: another product was saved with one of these barcodes just now. Check the file again.",
            );
      },
    },
  );
}

/** The first row planned as a create whose SKU (in any letter case) another product now has. */
async function takenSku(ctx: TenantContext, creates: Plan["creates"]): Promise<Plan["creates"][number] | undefined> {
  if (creates.length === 0) return undefined;
  const skus = creates.map((create) => create.values.sku);
  const { rows, keys } = await withTenantTx(ctx, async (tx) => ({
    rows: await tx.$queryRaw<{ sku_key: string }[]>`
      SELECT p.sku_key FROM products p WHERE p.company_id = ${ctx.companyId}::uuid AND ${keyMatches("sku", skus)}`,
    keys: await foldKeys(tx, skus),
  }));
  const taken = new Set(rows.map((row) => row.sku_key));
  return creates.find((_, i) => taken.has(keys[i]!));
}
