"use server";

// Thin: read the uploaded file, run the import as the signed-in caller (tenantAction resolves the caller and turns
// errors into safe results), shape the report for the screen. The file travels in the server action's body, so this
// page's actions alone get a 6 MiB body limit (lib/http/action-guard.ts; next.config.mjs's cap matches it).
import { revalidatePath } from "next/cache";
import type { ImportItemView, ImportView } from "@/components/csv/import-view";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import type { CsvProblem } from "@/lib/csv/parse-csv";
import { importProducts, type ProductImportReport } from "@/lib/products/import-products";
import { importStockLevels, type StockImportReport } from "@/lib/stock/import-stock-levels";

/** A screen shows this many cards and problems; the counts say how many there are in all. */
const ITEMS_SHOWN = 50;
const PROBLEMS_SHOWN = 200;

async function fileInput(formData: FormData) {
  const file = formData.get("file");
  const operationId = formData.get("operationId");
  return {
    fileName: file instanceof File ? file.name : "",
    content: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : "",
    mode: formData.get("intent") === "commit" ? ("commit" as const) : ("preview" as const),
    operationId: typeof operationId === "string" ? operationId : undefined,
  };
}

const blank = (value: string | null) => (value === null || value === "" ? "(blank)" : value);

function view(
  kind: ImportView["kind"],
  report: { fileName: string; committed: boolean; rowCount: number; unchanged: number; errors: CsvProblem[] },
  counts: { created: number; changed: number },
  items: ImportItemView[],
): ImportView {
  return {
    kind,
    fileName: report.fileName,
    committed: report.committed,
    rowCount: report.rowCount,
    ...counts,
    unchanged: report.unchanged,
    items: items.sort((a, b) => a.line - b.line).slice(0, ITEMS_SHOWN),
    problems: report.errors.slice(0, PROBLEMS_SHOWN),
    problemCount: report.errors.length,
  };
}

function productView(report: ProductImportReport): ImportView {
  return view("products", report, { created: report.creates.length, changed: report.updates.length }, [
    ...report.creates
      .slice(0, ITEMS_SHOWN)
      .map((c) => ({ line: c.line, title: `${c.sku} — ${c.name}`, isNew: true, details: [] })),
    ...report.updates.slice(0, ITEMS_SHOWN).map((u) => ({
      line: u.line,
      title: `${u.sku} — ${u.name}`,
      isNew: false,
      details: u.changes.map((change) => `${change.column}: ${blank(change.from)} → ${blank(change.to)}`),
    })),
  ]);
}

function stockView(report: StockImportReport): ImportView {
  return view(
    "stock",
    report,
    { created: 0, changed: report.changes.length },
    report.changes.slice(0, ITEMS_SHOWN).map((c) => ({
      line: c.line,
      title: `${c.sku} — ${c.productName}`,
      isNew: false,
      details: [`${c.location}: ${c.from} → ${c.to} (${c.to > c.from ? "+" : ""}${c.to - c.from})`],
    })),
  );
}

export async function importProductsAction(
  _state: FormState<ImportView>,
  formData: FormData,
): Promise<FormState<ImportView>> {
  const result = await tenantAction(formData, async (ctx) =>
    productView(await importProducts(ctx, await fileInput(formData))),
  );
  if (result.ok && result.data.committed) revalidatePath("/products");
  return result;
}

export async function importStockLevelsAction(
  _state: FormState<ImportView>,
  formData: FormData,
): Promise<FormState<ImportView>> {
  const result = await tenantAction(formData, async (ctx) =>
    stockView(await importStockLevels(ctx, await fileInput(formData))),
  );
  if (result.ok && result.data.committed) revalidatePath("/products");
  return result;
}
