import Link from "next/link";
import { PagePager } from "@/components/ui/list/page-pager";
import { SearchForm } from "./search-form";

export interface ProductPickerItem {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  onHand: number;
}

const count = new Intl.NumberFormat("en-US");

/** Find the product to work on: a search, then links that open the page for it. */
export function ProductPicker({
  path,
  search,
  results,
}: {
  /** The page the chosen product opens, e.g. /stock/adjust. */
  path: string;
  search: string;
  results: { products: ProductPickerItem[]; page: number; hasNextPage: boolean };
}) {
  const pageHref = (page: number) =>
    `${path}?${new URLSearchParams({ q: search, ...(page > 1 && { page: String(page) }) })}`;
  return (
    <section aria-labelledby="pick-heading" className="space-y-4">
      <h2 id="pick-heading" className="text-lg font-semibold text-slate-900">
        Choose a product
      </h2>
      <SearchForm id="product-search" label="Find a product" action={path} search={search} />
      {search && results.products.length === 0 && (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-5 text-sm text-slate-600">
          No products match “{search}”.
        </p>
      )}
      {results.products.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
          {results.products.map((product) => (
            <li key={product.productId}>
              <Link
                href={`${path}?productId=${product.productId}`}
                className="flex flex-wrap items-baseline justify-between gap-2 p-4 hover:bg-slate-50 focus-visible:bg-slate-50"
              >
                <span className="min-w-0">
                  <span className="block font-medium text-brand-700 underline">{product.name}</span>
                  <span className="block text-sm text-slate-600">{product.sku}</span>
                </span>
                <span className="text-sm text-slate-600">
                  {count.format(product.onHand)} {product.unit} on hand
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <PagePager label="Product result pages" page={results.page} hasNext={results.hasNextPage} href={pageHref} />
    </section>
  );
}
