import Link from "@/components/ui/link";
import { Card } from "@/components/ui/card";
import type { Dashboard } from "@/lib/dashboard/get-dashboard";
import { formatCount } from "./format";

/**
 * Products whose stock approved orders reserve beyond what is on hand (a stocktake counted fewer): how many, the most
 * short first, each linking to its page, and the product list of all of them. Nothing when there are none.
 */
export function ShortForApproved({ short }: { short: Dashboard["shortForApproved"] }) {
  if (short.count === 0) return null;
  return (
    <Card className="border-amber-300 bg-amber-50">
      <section aria-labelledby="short-for-approved-heading">
        <h2 id="short-for-approved-heading" className="font-semibold text-amber-950">
          Short for approved orders: {short.count === 1 ? "1 product" : `${formatCount(short.count)} products`}
        </h2>
        <p className="mt-1 text-sm text-amber-900">
          A stocktake counted fewer than approved orders reserve. Those orders cannot all be fulfilled until stock is
          received or recounted.
        </p>
        <ul className="mt-3 divide-y divide-amber-200">
          {short.products.map((product) => (
            <li key={product.id} className="flex items-start justify-between gap-3 py-2 text-sm">
              <span className="min-w-0">
                <Link
                  href={`/products/${product.id}`}
                  className="break-words font-medium text-brand-700 underline underline-offset-2"
                >
                  {product.name}
                </Link>{" "}
                <span className="font-mono text-slate-600">{product.sku}</span>
              </span>
              <span className="shrink-0 font-semibold text-amber-950">short by {formatCount(product.shortBy)}</span>
            </li>
          ))}
        </ul>
        <Link href="/products?stock=short" className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
          {short.count === 1 ? "See it in the product list" : `See all ${formatCount(short.count)} in the product list`}
        </Link>
      </section>
    </Card>
  );
}
