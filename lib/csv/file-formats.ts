// The CSV files StockFlow reads and writes, in one place: the import pages show these columns, the imports accept
// them, and the exports write them (plus computed columns the imports skip), so an exported file imports back as it
// is. Pure.
import { z } from "zod";
import { AppError } from "../errors";
import { idempotencyKeySchema, isSingleLine } from "../fields";
import type { ColumnSpec } from "./csv-columns";
import type { CsvProblem } from "./parse-csv";

export const PRODUCT_CSV_COLUMNS = [
  "sku",
  "name",
  "description",
  "category",
  "unit",
  "barcode",
  "cost_price",
  "sale_price",
  "reorder_point",
  // Each after the older importable columns (optional on import, which reads columns by name), so a file made before
  // them imports as it did; the export's computed total_on_hand, after these, moved to the right with them.
  "pack_size",
  "reorder_quantity",
  "target_level",
] as const;
export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

export const PRODUCT_EXPORT_HEADER = [...PRODUCT_CSV_COLUMNS, "total_on_hand"] as const;

export const PRODUCT_IMPORT: ColumnSpec<ProductCsvColumn> = {
  columns: PRODUCT_CSV_COLUMNS,
  required: ["sku", "name"],
  ignored: ["total_on_hand"],
};

export const STOCK_CSV_COLUMNS = ["sku", "location", "on_hand"] as const;
export type StockCsvColumn = (typeof STOCK_CSV_COLUMNS)[number];

export const STOCK_EXPORT_HEADER = ["sku", "name", "location", "on_hand", "reserved", "available"] as const;

export const STOCK_IMPORT: ColumnSpec<StockCsvColumn> = {
  columns: STOCK_CSV_COLUMNS,
  required: STOCK_CSV_COLUMNS,
  ignored: ["name", "reserved", "available"],
};

/** The supplier and customer directories' file: the same columns for both (lib/partners/import-partners.ts). */
export const PARTNER_CSV_COLUMNS = ["name", "contact_name", "email", "phone", "notes", "archived"] as const;
export type PartnerCsvColumn = (typeof PARTNER_CSV_COLUMNS)[number];

export const PARTNER_IMPORT: ColumnSpec<PartnerCsvColumn> = {
  columns: PARTNER_CSV_COLUMNS,
  required: ["name"],
};

/**
 * A download's name: `<kind>-<company slug>-<YYYY-MM-DD in the company's time zone>.csv` (a stocktake's report names its
 * number: `stocktake-ST-000003-acme-2026-12-14.csv`).
 */
export function exportFileName(
  kind: "products" | "stock" | "suppliers" | "customers" | `stocktake-${string}`,
  slug: string,
  timeZone: string,
  now = new Date(),
): string {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );
  return `${kind}-${slug}-${date}.csv`;
}

/**
 * The input of an import: the uploaded file and whether to preview it (a dry run) or commit it. A commit carries the
 * form's client operation id (lib/stock/stock-operation.ts): a retried commit imports nothing twice.
 */
export const importFileShape = {
  fileName: z
    .string({ error: "Choose a CSV file." })
    .trim()
    .min(1, "Choose a CSV file.")
    .max(255, "The file name is too long.")
    .refine(isSingleLine, "The file name has control characters."),
  content: z.union([z.string(), z.instanceof(Uint8Array)], { error: "Choose a CSV file." }),
  mode: z.enum(["preview", "commit"], { error: "Choose preview or import." }),
  operationId: idempotencyKeySchema.optional(),
};

/** An import's schema with its rule that a commit needs the form's operation id (a preview writes nothing). */
export function commitNeedsOperationId<S extends z.ZodType<{ mode: "preview" | "commit"; operationId?: string }>>(
  schema: S,
): S {
  return schema.refine((input) => input.mode !== "commit" || input.operationId !== undefined, {
    message: "The form is out of date: reload the page and submit again.",
    path: ["operationId"],
  });
}

export const importFileSchema = commitNeedsOperationId(z.object(importFileShape).strict());

export type ImportFileInput = z.input<typeof importFileSchema>;

/** Problems in file order (problems with the whole file first). */
export function sortProblems(problems: CsvProblem[]): CsvProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Why a commit wrote nothing, naming the first problem's line and column. */
export function importRefusal(problems: CsvProblem[]): AppError {
  const [first] = problems;
  const where = first?.line ? `line ${first.line}${first.column ? `, ${first.column}` : ""}: ` : "";
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  return new AppError(
    "VALIDATION",
    `Nothing was imported: ${where}${first?.message ?? "the file has problems."}${more} Check the file again.`,
  );
}
