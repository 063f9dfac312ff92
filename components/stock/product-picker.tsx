import Link from "@/components/ui/link";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
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
  firstPage,
  results,
}: {
  /** The page the chosen product opens, e.g. /stock/adjust. */
  path: string;
  search: string;
  /** The page of matches shown: the first (no cursor in the address) or the one after or before a match. */
  firstPage: boolean;
  results: { products: ProductPickerItem[]; nextCursor: string | null; previousCursor: string | null };
}) {
  const pageHref = (cursor: PageCursor) =>
    `${path}?${new URLSearchParams({
      q: search,
      ...(cursor.after ? { after: cursor.after } : cursor.before && { before: cursor.before }),
    })}`;
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
      <CursorPager
        label="Product result pages"
        href={pageHref}
        firstPage={firstPage}
        nextCursor={results.nextCursor}
        previousCursor={results.previousCursor}
        labels={{ first: "First page", next: "Next", previous: "Previous" }}
      />
    </section>
  );
}
