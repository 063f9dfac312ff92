import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AdjustStockForm } from "@/components/stock/adjust-stock-form";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { ProductPicker } from "@/components/stock/product-picker";
import { StockOperationHeader } from "@/components/stock/stock-operation-header";
import { StockByLocation } from "@/components/stock/stock-by-location";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { orNotFound } from "@/lib/page";
import { can } from "@/lib/auth/permissions";
import { getProductStock } from "@/lib/stock/get-product-stock";
import { cursorParams } from "@/lib/list/keyset-page";
import { decodePickerCursor, searchStockProducts } from "@/lib/stock/search-stock-products";
import { textFromParam } from "@/lib/stock/stock-fields";
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
    const at = cursorParams(query.after, query.before, decodePickerCursor);
    const results = await searchStockProducts(ctx, { search, ...at });
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-2xl font-bold text-slate-900">Adjust stock</h1>
        <ProductPicker path="/stock/adjust" search={search} firstPage={!at.after && !at.before} results={results} />
      </div>
    );
  }
  const stock = await orNotFound(getProductStock(ctx, { productId }));
  const wanted = textFromParam(query.locationId);
  const defaultLocationId =
    stock.locations.find((location) => location.id === wanted)?.id ??
    stock.locations.find((location) => location.isDefault)?.id;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <StockOperationHeader
        title="Adjust stock"
        product={stock.product}
        pickAnotherHref="/stock/adjust"
        switchTo={
          can(ctx.role, "stock.transfer")
            ? { href: `/stock/transfer?productId=${stock.product.id}`, label: "Transfer this product instead" }
            : undefined
        }
      />
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
            countedIn={stock.product}
            operationId={crypto.randomUUID()}
            draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
            locations={stock.locations}
            defaultLocationId={defaultLocationId}
          />
        )}
      </Card>
    </div>
  );
}
