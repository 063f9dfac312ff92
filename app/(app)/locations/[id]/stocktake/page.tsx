import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { EmptyState } from "@/components/ui/list/empty-state";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { SearchForm } from "@/components/stock/search-form";
import { StocktakeForm } from "@/components/stock/stocktake-form";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { orNotFound } from "@/lib/page";
import { can } from "@/lib/auth/permissions";
import { getLocation } from "@/lib/locations/get-location";
import { cursorParams } from "@/lib/list/keyset-page";
import { decodeStocktakeCursor, listStocktakeProducts } from "@/lib/stock/list-stocktake-products";
import { textFromParam } from "@/lib/stock/stock-fields";
import { recordStocktakeAction } from "../../actions";

export const metadata: Metadata = { title: "Stocktake" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const count = new Intl.NumberFormat("en-US");

export default async function StocktakePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "stock.stocktake")) {
    return (
      <ManagersOnly
        title="Only managers and admins record stocktakes"
        back={{ href: "/locations", label: "Back to locations" }}
      >
        Your role can see stock at every location, but booking counted stock changes the books.
      </ManagersOnly>
    );
  }
  const { id } = await params;
  const location = await orNotFound(getLocation(ctx, { locationId: id }));
  const query = await searchParams;
  const search = textFromParam(query.q);
  const at = cursorParams(query.after, query.before, decodeStocktakeCursor);
  const path = `/locations/${location.id}/stocktake`;
  const heading = (
    <div>
      <p className="text-sm">
        <Link href="/locations" className="text-brand-700 underline">
          Locations
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold text-slate-900">Stocktake at {location.name}</h1>
    </div>
  );
  if (location.archived) {
    return (
      <div className="mx-auto max-w-3xl space-y-6">
        {heading}
        <Card>
          <p className="text-slate-700">
            {location.name} is archived. Restore it on the locations page before counting stock there.
          </p>
        </Card>
      </div>
    );
  }
  const list = await listStocktakeProducts(ctx, { locationId: location.id, search, ...at });
  // Which page the counts are of, for the form's key and its draft: the page starting at this product, however it
  // was reached (Next, or Previous from the page after it).
  const pageKey = list.products[0]?.productId ?? "none";
  const pageHref = (cursor: PageCursor) => {
    const next = new URLSearchParams();
    if (search) next.set("q", search);
    if (cursor.after) next.set("after", cursor.after);
    else if (cursor.before) next.set("before", cursor.before);
    const text = next.toString();
    return text ? `${path}?${text}` : path;
  };

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {heading}
      <p className="text-slate-600">
        Enter what you count; leave a box blank to leave that product as it is. Counts are booked as the truth, even
        where approved orders reserved more. Record each page before you move on.
      </p>
      <SearchForm id="stocktake-search" label="Find a product to count" action={path} search={search} />
      <p className="text-sm text-slate-600" aria-live="polite">
        {search
          ? `${count.format(list.total)} ${list.total === 1 ? "product matches" : "products match"} “${search}”. `
          : `${count.format(list.total)} ${list.total === 1 ? "product has" : "products have"} stock records here. `}
        {search && (
          <Link href={path} className="text-brand-700 underline">
            Show this location’s products
          </Link>
        )}
      </p>
      {list.products.length === 0 ? (
        <EmptyState title={search ? "Nothing matches." : "No products have stock records here yet."}>
          {search ? "Try part of the name, the SKU or the barcode." : "Search for a product above to count it."}
        </EmptyState>
      ) : (
        <StocktakeForm
          key={`${search}-${pageKey}`}
          action={recordStocktakeAction}
          locationId={location.id}
          operationId={crypto.randomUUID()}
          draftScope={{ userId: ctx.userId, companyId: ctx.companyId }}
          draftId={`${location.id}:${pageKey}:${search}`}
          products={list.products}
        />
      )}
      <CursorPager
        label="Stocktake pages"
        href={pageHref}
        firstPage={!at.after && !at.before}
        nextCursor={list.nextCursor}
        previousCursor={list.previousCursor}
        labels={{ first: "First page", next: "Next", previous: "Previous" }}
      />
    </div>
  );
}
