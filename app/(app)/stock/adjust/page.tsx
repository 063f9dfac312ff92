import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdjustStockForm } from "@/components/stock/adjust-stock-form";
import { ManagersOnly } from "@/components/layout/managers-only";
import { ProductPicker } from "@/components/stock/product-picker";
import { StockByLocation } from "@/components/stock/stock-by-location";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getProductStock } from "@/lib/stock/get-product-stock";
import { searchStockProducts } from "@/lib/stock/search-stock-products";
import { pageFromParam, textFromParam } from "@/lib/stock/stock-fields";
import { adjustStockAction } from "../actions";

export const metadata: Metadata = { title: "Adjust stock" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdjustStockPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "stock.adjust")) {
    return (
      <ManagersOnly
        title="Only managers and admins adjust stock"
        back={{ href: "/locations", label: "Back to locations" }}
      >
        Your role can see stock levels, but correcting them changes the books.
      </ManagersOnly>
    );
  }
  const query = await searchParams;
  const productId = textFromParam(query.productId);
  if (!productId) {
    const search = textFromParam(query.q);
    const results = await searchStockProducts(ctx, { search, page: pageFromParam(query.page) });
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-bold text-slate-900">Adjust stock</h1>
        <ProductPicker path="/stock/adjust" search={search} results={results} />
      </div>
    );
  }
  const stock = await getProductStock(ctx, { productId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const wanted = textFromParam(query.locationId);
  const defaultLocationId =
    stock.locations.find((location) => location.id === wanted)?.id ??
    stock.locations.find((location) => location.isDefault)?.id;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Adjust stock</h1>
        <p className="mt-1 text-slate-600">
          {stock.product.name} <span className="text-slate-500">· {stock.product.sku}</span>
        </p>
        <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
          <Link href="/stock/adjust" className="text-brand-700 underline">
            Choose another product
          </Link>
          {can(ctx.role, "stock.transfer") && (
            <Link href={`/stock/transfer?productId=${stock.product.id}`} className="text-brand-700 underline">
              Transfer this product instead
            </Link>
          )}
        </p>
      </div>
      <StockByLocation productName={stock.product.name} locations={stock.locations} />
      <Card>
        {stock.locations.length === 0 ? (
          <p className="text-slate-700">
            There is no location in use.{" "}
            <Link href="/locations" className="text-brand-700 underline">
              Add or restore one
            </Link>{" "}
            first.
          </p>
        ) : (
          <AdjustStockForm
            action={adjustStockAction}
            productId={stock.product.id}
            locations={stock.locations}
            defaultLocationId={defaultLocationId}
          />
        )}
      </Card>
    </div>
  );
}
