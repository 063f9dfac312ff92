import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { ProductPicker } from "@/components/stock/product-picker";
import { StockOperationHeader } from "@/components/stock/stock-operation-header";
import { StockByLocation } from "@/components/stock/stock-by-location";
import { TransferStockForm } from "@/components/stock/transfer-stock-form";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { orNotFound } from "@/lib/page";
import { can } from "@/lib/auth/permissions";
import { getProductStock } from "@/lib/stock/get-product-stock";
import { cursorParams } from "@/lib/list/keyset-page";
import { decodePickerCursor, searchStockProducts } from "@/lib/stock/search-stock-products";
import { textFromParam } from "@/lib/stock/stock-fields";
import { transferStockAction } from "../actions";

export const metadata: Metadata = { title: "Transfer stock" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function TransferStockPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "stock.transfer")) {
    return (
      <ManagersOnly
        title="Only managers and admins transfer stock"
        back={{ href: "/locations", label: "Back to locations" }}
      >
        Your role can see where stock is, but moving it between locations changes the books.
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
        <h1 className="text-2xl font-bold text-slate-900">Transfer stock</h1>
        <ProductPicker path="/stock/transfer" search={search} firstPage={!at.after && !at.before} results={results} />
      </div>
    );
  }
  const stock = await orNotFound(getProductStock(ctx, { productId }));

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <StockOperationHeader
        title="Transfer stock"
        product={stock.product}
        pickAnotherHref="/stock/transfer"
        switchTo={
          can(ctx.role, "stock.adjust")
            ? { href: `/stock/adjust?productId=${stock.product.id}`, label: "Adjust this product instead" }
            : undefined
        }
      />
      <StockByLocation productName={stock.product.name} locations={stock.locations} />
      <Card>
        {stock.locations.length < 2 ? (
          <p className="text-slate-700">
            A transfer needs two locations in use.{" "}
            <Link href="/locations" className="text-brand-700 underline">
              Add one
            </Link>{" "}
            first.
          </p>
        ) : (
          <TransferStockForm
            action={transferStockAction}
            productId={stock.product.id}
            countedIn={stock.product}
            operationId={crypto.randomUUID()}
            draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
            locations={stock.locations}
          />
        )}
      </Card>
    </div>
  );
}
