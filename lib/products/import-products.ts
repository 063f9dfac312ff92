// Products from a CSV file (issue "Inventory", part 8). One function for both steps of the flow:
// - "preview" (the dry run) reads the file and says what would happen — products to create, products to update with
//   each change, and every problem as line / column / message — and writes nothing;
// - "commit" does all of it again from the file (the preview is never trusted), with the products it touches locked,
//   and writes everything in one transaction or nothing: one problem anywhere refuses the whole import.
// Every row is judged by productFieldsSchema, the same rule as the product form. A row whose SKU exists updates that
// product (its version bumped), otherwise it creates one. Columns the file leaves out keep their values on update;
// a blank cell clears optional text (description, category, barcode) and keeps the unit, prices and reorder point.
// Set-based: the products are read in one query and written with INSERT … SELECT FROM unnest(…) ON CONFLICT in
// batches, so 10,000 rows take a handful of statements.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { cellOf, readHeader, widthProblem } from "../csv/csv-columns";
import { importFileSchema, importRefusal, PRODUCT_CSV_COLUMNS, PRODUCT_IMPORT, sortProblems, type ImportFileInput, type ProductCsvColumn } from "../csv/file-formats";
import { parseCsv, type CsvProblem } from "../csv/parse-csv";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput, isUniqueViolation } from "../errors";
import { EVENT_CHANNEL, type CompanyEvent } from "../events/types";
import { productFieldsSchema, type ProductFields } from "./product-fields";

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
};
const COLUMN = Object.fromEntries(Object.entries(FIELD).map(([column, field]) => [field, column])) as Record<keyof ProductFields, ProductCsvColumn>;
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
  sku: string;
  name: string;
  description: string | null;
  category: string | null;
  unit: string;
  barcode: string | null;
  cost_price: string;
  sale_price: string;
  reorder_point: number;
}

type ProductValues = Omit<ExistingProduct, "id">;

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
  const lineOfSku = new Map<string, number>();
  const lineOfBarcode = new Map<string, { line: number; sku: string }>();
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
    const fields = result.data;
    const firstLine = lineOfSku.get(fields.sku);
    if (firstLine !== undefined) {
      errors.push({ line: record.line, column: "sku", message: `SKU "${fields.sku}" is also on line ${firstLine}: each product once per file.` });
      continue;
    }
    lineOfSku.set(fields.sku, record.line);
    if (fields.barcode !== null) {
      const first = lineOfBarcode.get(fields.barcode);
      if (first) {
        errors.push({
          line: record.line,
          column: "barcode",
          message: `Barcode "${fields.barcode}" is also on line ${first.line} (SKU ${first.sku}): a barcode belongs to one product.`,
        });
        continue;
      }
      lineOfBarcode.set(fields.barcode, { line: record.line, sku: fields.sku });
    }
    rows.push({ line: record.line, fields, given: new Set(Object.keys(input) as (keyof ProductFields)[]) });
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
 * changes, and the problems only the database can show — a barcode another product already has.
 */
async function planAgainstDatabase(tx: TenantTx, companyId: string, rows: ProductRow[], lock: boolean): Promise<Plan> {
  const skus = rows.map((row) => row.fields.sku);
  const barcodes = rows.flatMap((row) => (row.fields.barcode === null ? [] : [row.fields.barcode]));
  // Locking the matched products (in id order, so two imports never deadlock) keeps them as read until commit.
  const existing = lock
    ? await tx.$queryRaw<ExistingProduct[]>`
        SELECT id::text, sku, name, description, category, unit, barcode, cost_price::text, sale_price::text, reorder_point
          FROM products
         WHERE company_id = ${companyId}::uuid AND (sku = ANY(${skus}::text[]) OR barcode = ANY(${barcodes}::text[]))
         ORDER BY id
           FOR UPDATE`
    : await tx.$queryRaw<ExistingProduct[]>`
        SELECT id::text, sku, name, description, category, unit, barcode, cost_price::text, sale_price::text, reorder_point
          FROM products
         WHERE company_id = ${companyId}::uuid AND (sku = ANY(${skus}::text[]) OR barcode = ANY(${barcodes}::text[]))`;
  const bySku = new Map(existing.map((product) => [product.sku, product]));
  const byBarcode = new Map(existing.flatMap((product) => (product.barcode === null ? [] : [[product.barcode, product] as const])));
  const fileSkus = new Set(skus);
  const fileBarcodes = new Set(barcodes);

  const plan: Plan = { creates: [], updates: [], unchanged: 0, errors: [] };
  for (const row of rows) {
    const { fields } = row;
    const holder = fields.barcode === null ? undefined : byBarcode.get(fields.barcode);
    // A product in the file gets the file's barcode (or none), so only a product outside it keeps a clashing one.
    if (holder && holder.sku !== fields.sku && !fileSkus.has(holder.sku)) {
      plan.errors.push({
        line: row.line,
        column: "barcode",
        message: `Barcode "${fields.barcode}" already belongs to SKU ${holder.sku} (${holder.name}). Use another barcode, or change that product's first.`,
      });
      continue;
    }
    const current = bySku.get(fields.sku);
    const proposed = valuesOf(fields);
    if (!current) {
      plan.creates.push({ line: row.line, values: proposed });
      continue;
    }
    const { id, ...values } = current;
    const changes: ProductFieldChange[] = [];
    for (const field of row.given) {
      const column = COLUMN[field];
      const key = column as keyof ProductValues;
      if (proposed[key] === current[key]) continue;
      changes.push({ column, from: display(current[key]), to: display(proposed[key]) });
      (values as Record<string, unknown>)[key] = proposed[key];
    }
    if (changes.length === 0) {
      plan.unchanged++;
      continue;
    }
    // Its barcode moving to another row of this file: free it first, or the unique index would see both at once.
    const freesBarcode = current.barcode !== null && values.barcode !== current.barcode && fileBarcodes.has(current.barcode);
    plan.updates.push({ line: row.line, id, values, changes, freesBarcode });
  }
  return plan;
}


async function writeProducts(tx: TenantTx, companyId: string, plan: Plan): Promise<string[]> {
  const freed = plan.updates.filter((update) => update.freesBarcode).map((update) => update.id);
  if (freed.length > 0) {
    await tx.$executeRaw`UPDATE products SET barcode = NULL WHERE company_id = ${companyId}::uuid AND id = ANY(${freed}::uuid[])`;
  }
  const rows = [
    ...plan.creates.map((create) => ({ id: randomUUID(), values: create.values })),
    ...plan.updates.map((update) => ({ id: update.id, values: update.values })),
  ];
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const column = <K extends keyof ProductValues>(key: K) => batch.map((row) => row.values[key]);
    // An existing SKU (locked above) takes the UPDATE branch with its version bumped; the rest are inserted.
    const written = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO products AS p (id, company_id, sku, name, description, category, unit, barcode,
                                 cost_price, sale_price, reorder_point, updated_at)
      SELECT r.id, ${companyId}::uuid, r.sku, r.name, r.description, r.category, r.unit, r.barcode,
             r.cost_price::numeric, r.sale_price::numeric, r.reorder_point, now()
        FROM unnest(${batch.map((row) => row.id)}::uuid[], ${column("sku")}::text[], ${column("name")}::text[],
                    ${column("description")}::text[], ${column("category")}::text[], ${column("unit")}::text[],
                    ${column("barcode")}::text[], ${column("cost_price")}::text[], ${column("sale_price")}::text[],
                    ${column("reorder_point")}::int[])
             AS r(id, sku, name, description, category, unit, barcode, cost_price, sale_price, reorder_point)
      ON CONFLICT (company_id, sku) DO UPDATE
         SET name = EXCLUDED.name, description = EXCLUDED.description, category = EXCLUDED.category,
             unit = EXCLUDED.unit, barcode = EXCLUDED.barcode, cost_price = EXCLUDED.cost_price,
             sale_price = EXCLUDED.sale_price, reorder_point = EXCLUDED.reorder_point,
             version = p.version + 1, updated_at = now()
       WHERE p.company_id = ${companyId}::uuid
      RETURNING p.id::text`;
    if (written.length !== batch.length) throw new Error(`Product import wrote ${written.length} of ${batch.length} rows`);
    ids.push(...written.map((row) => row.id));
  }
  return ids;
}

/** One live-update event per product, sent in one statement (delivered on commit like publishEvent's). */
async function publishProductEvents(tx: TenantTx, companyId: string, productIds: string[]): Promise<void> {
  const at = new Date().toISOString();
  const payloads = productIds.map((productId) =>
    JSON.stringify({ type: "product.changed", productId, companyId, at } satisfies CompanyEvent),
  );
  await tx.$executeRaw`SELECT pg_notify(${EVENT_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`;
}

export async function importProducts(ctx: TenantContext, input: ImportProductsInput): Promise<ProductImportReport> {
  const { fileName, content, mode } = parseInput(importFileSchema, input);
  if (!can(ctx.role, "stock.import")) throw AppError.forbidden("Only managers and admins import products.");

  const read = readRows(content);
  const report = (plan: Plan | null, committed: boolean): ProductImportReport => ({
    fileName,
    committed,
    rowCount: read.rowCount,
    creates: (plan?.creates ?? []).map((create) => ({ line: create.line, sku: create.values.sku, name: create.values.name })),
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
  // The dry run, and a commit of a file with problems of its own: every problem is found (the database's too), so
  // a refusal names the first one in the file.
  if (mode === "preview" || read.errors.length > 0) {
    const plan = read.rows.length === 0 ? null : await withTenantTx(ctx, (tx) => planAgainstDatabase(tx, ctx.companyId, read.rows, false));
    const dryRun = report(plan, false);
    if (mode === "commit") throw importRefusal(dryRun.errors);
    return dryRun;
  }

  try {
    return await withTenantTx(
      ctx,
      async (tx) => {
        const plan = await planAgainstDatabase(tx, ctx.companyId, read.rows, true);
        if (plan.errors.length > 0) throw importRefusal(report(plan, false).errors);
        const productIds = await writeProducts(tx, ctx.companyId, plan);
        await recordAudit(tx, ctx, {
          action: "product.imported",
          entityType: "product",
          entityId: null,
          after: { fileName, rows: read.rowCount, created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged },
        });
        if (productIds.length > 0) await publishProductEvents(tx, ctx.companyId, productIds);
        return report(plan, true);
      },
      { timeoutMs: 120_000 },
    );
  } catch (error) {
    // Another product saved between our read and our write took one of the file's barcodes: nothing was written.
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Nothing was imported: another product was saved with one of these barcodes just now. Check the file again.");
    }
    throw error;
  }
}
