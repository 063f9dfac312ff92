import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ProductFilters } from "@/components/products/product-filters";
import { ProductList } from "@/components/products/product-list";
import { ScanProductButton } from "@/components/products/scan-product-button";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { productLabelsHref } from "@/lib/labels/label-fields";
import { getProductListView } from "@/lib/products/product-list-page";
import {
  hasFilters,
  productListHref,
  productListInput,
  productListQueryFromSearchParams,
} from "@/lib/products/product-list-params";

export const metadata: Metadata = { title: "Products" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProductsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const query = productListQueryFromSearchParams(await searchParams);
  const { page, filters, duplicates } = await getProductListView(ctx, productListInput(query));
  const canManage = can(ctx.role, "products.manage");
  const location = query.locationId ? filters.locations.find((l) => l.id === query.locationId) : undefined;
  const firstPage = !query.after && !query.before;

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Products</h1>
          <p className="mt-1 text-slate-600">
            Find a product by name, SKU or barcode, and see its stock across {ctx.company.name}.
          </p>
          <LiveRefresh topics={{ stock: true, products: true, locations: true }} className="mt-1" />
        </div>
        <div className="flex flex-wrap gap-2">
          <ScanProductButton />
          {(can(ctx.role, "stock.import") || can(ctx.role, "stock.export")) && (
            <ButtonLink href="/products/import" variant="secondary">
              Import / export CSV
            </ButtonLink>
          )}
          {canManage && <ButtonLink href="/products/new">Add product</ButtonLink>}
        </div>
      </div>

      {duplicates && (
        <Alert tone="info">
          Some products share a SKU or barcode in another letter case.{" "}
          <Link href="/products/duplicates" className="font-medium underline">
            Resolve the duplicates
          </Link>{" "}
          so imports and scans can tell them apart.
        </Alert>
      )}

      <ProductFilters query={query} categories={filters.categories} locations={filters.locations} />

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {page.rows.length === 0 ? (
          <NoProducts filtered={hasFilters(query)} firstPage={firstPage} canManage={canManage} />
        ) : (
          <>
            <form
              id="product-labels"
              method="get"
              action="/labels/products"
              aria-label="Print labels"
              className="flex flex-wrap items-center gap-x-4 gap-y-2"
            >
              <Button type="submit" variant="secondary">
                Print labels for selected
              </Button>
              <Link
                href={productLabelsHref(page.rows.map((row) => row.id))}
                className="text-sm font-medium text-brand-700 underline"
              >
                Labels for all {page.rows.length} on this page
              </Link>
            </form>
            <ProductList
              labelsForm="product-labels"
              locationName={location?.name}
              products={page.rows.map((row) => ({
                id: row.id,
                sku: row.sku,
                name: row.name,
                category: row.category,
                unit: row.unit,
                onHand: row.onHand,
                available: row.available,
                low: row.low,
                archived: row.archived,
                atLocation: row.atLocation,
              }))}
            />
          </>
        )}
        <CursorPager
          label="Product pages"
          href={(cursor) => productListHref({ ...query, ...cursor })}
          firstPage={firstPage}
          nextCursor={page.nextCursor}
          previousCursor={page.previousCursor}
          labels={{ first: "First page", next: "Next", previous: "Previous" }}
        />
      </section>
    </div>
  );
}

function NoProducts({ filtered, firstPage, canManage }: { filtered: boolean; firstPage: boolean; canManage: boolean }) {
  if (!firstPage) {
    return (
      <EmptyState
        title={
          <>
            No products on this page any more.{" "}
            <Link href="/products" className="font-medium text-brand-700 underline">
              Go to the first page
            </Link>
            .
          </>
        }
      />
    );
  }
  if (filtered) {
    return (
      <EmptyState title="No products match">
        Check the spelling, or widen the search. <ClearFiltersLink href="/products" />
      </EmptyState>
    );
  }
  if (!canManage) {
    return (
      <EmptyState title="No products yet">
        Managers and admins add products; ask one of them to set up your catalogue.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No products yet — add your first product"
      action={<ButtonLink href="/products/new">Add your first product</ButtonLink>}
    >
      Add what you stock, with an opening quantity if you hold some already.
    </EmptyState>
  );
}
