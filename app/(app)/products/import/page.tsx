import type { Metadata } from "next";
import { CsvImportForm } from "@/components/csv/csv-import-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NotAllowed } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { PRODUCT_CSV_COLUMNS, STOCK_CSV_COLUMNS } from "@/lib/csv/file-formats";
import { importProductsAction, importStockLevelsAction } from "./actions";

export const metadata: Metadata = { title: "Import and export" };

export default async function ImportPage() {
  const ctx = await requireTenant();
  if (!can(ctx.role, "stock.import")) return <ImportNotAllowed />;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Import and export</h1>
        <p className="mt-1 text-slate-600">
          Bring products and counted stock in from a spreadsheet saved as CSV. Each file is checked first and shows what
          would change; it is imported all at once, or not at all.
        </p>
      </div>

      {can(ctx.role, "stock.export") && (
        <section aria-labelledby="export-heading" className="space-y-2">
          <h2 id="export-heading" className="text-lg font-semibold text-slate-900">
            Export
          </h2>
          <p className="text-sm text-slate-600">A file you download here can be edited and imported back as it is.</p>
          <div className="flex flex-wrap gap-2">
            {/* Plain links: these are file downloads from route handlers, not pages. */}
            <a href="/products/export.csv" download className={buttonClasses("secondary")}>
              Download products (CSV)
            </a>
            <a href="/products/stock-export.csv" download className={buttonClasses("secondary")}>
              Download stock levels (CSV)
            </a>
          </div>
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="min-w-0">
          <section aria-labelledby="import-products-heading" className="space-y-2">
            <h2 id="import-products-heading" className="font-semibold text-slate-900">
              Products
            </h2>
            <p className="text-sm text-slate-600">
              A row whose SKU exists updates that product; any other row adds one. Columns you leave out stay as they
              are. Only sku and name are required.
            </p>
            <CsvImportForm
              kind="products"
              action={importProductsAction}
              operationId={crypto.randomUUID()}
              columns={PRODUCT_CSV_COLUMNS}
            />
          </section>
        </Card>
        <Card className="min-w-0">
          <section aria-labelledby="import-stock-heading" className="space-y-2">
            <h2 id="import-stock-heading" className="font-semibold text-slate-900">
              Stock levels
            </h2>
            <p className="text-sm text-slate-600">
              Each row sets what you counted for a product at a location (by name). Differences are booked as
              adjustments; a count may not go below what approved orders have reserved.
            </p>
            <CsvImportForm
              kind="stock"
              action={importStockLevelsAction}
              operationId={crypto.randomUUID()}
              columns={STOCK_CSV_COLUMNS}
            />
          </section>
        </Card>
      </div>
    </div>
  );
}

function ImportNotAllowed() {
  return (
    <NotAllowed title="Only managers and admins import and export">
      Your role in this company does not include changing products or stock in bulk. Ask a manager if a file needs to be
      imported.
    </NotAllowed>
  );
}
