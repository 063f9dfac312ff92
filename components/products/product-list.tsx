import Link from "next/link";
import { formatQuantity } from "./labels";
import { ProductBadges } from "./product-badges";

export interface ProductListItem {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  onHand: number;
  available: number;
  low: boolean;
  archived: boolean;
  /** With a location filter: the stock there. */
  atLocation: { onHand: number; available: number; low: boolean } | null;
}

/**
 * The products: a table on wide screens, one card per product on phones. Each row links to the product. With a
 * location in view, its stock there is shown beside the totals.
 */
export function ProductList({ products, locationName }: { products: ProductListItem[]; locationName?: string }) {
  const lowHere = (product: ProductListItem) =>
    product.atLocation?.low && locationName ? { location: locationName } : null;
  return (
    <>
      <ul aria-label="Products" className="space-y-3 md:hidden">
        {products.map((product) => (
          <li key={product.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <Link href={`/products/${product.id}`} className="block space-y-2">
              <span className="block font-medium text-brand-700 underline-offset-2 hover:underline">
                {product.name}
              </span>
              <span className="block text-sm text-slate-600">
                {product.sku}
                {product.category ? ` · ${product.category}` : ""}
              </span>
              <span className="grid grid-cols-2 gap-2 text-sm">
                <span>
                  <span className="block text-slate-500">On hand</span>
                  <span className="font-semibold text-slate-900">{formatQuantity(product.onHand)}</span> {product.unit}
                </span>
                <span>
                  <span className="block text-slate-500">Available</span>
                  <span className="font-semibold text-slate-900">{formatQuantity(product.available)}</span>
                </span>
                {product.atLocation && locationName && (
                  <span className="col-span-2">
                    <span className="block text-slate-500">At {locationName}</span>
                    {formatQuantity(product.atLocation.onHand)} on hand, {formatQuantity(product.atLocation.available)}{" "}
                    available
                  </span>
                )}
              </span>
              <ProductBadges archived={product.archived} low={product.low} lowHere={lowHere(product)} />
            </Link>
          </li>
        ))}
      </ul>

      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Products</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                SKU
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Category
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                On hand
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Available
              </th>
              {locationName && (
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  At {locationName}
                </th>
              )}
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">State</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {products.map((product) => (
              <tr key={product.id} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-4 py-3 font-mono text-xs text-slate-700">{product.sku}</td>
                <td className="px-4 py-3">
                  <Link
                    href={`/products/${product.id}`}
                    className="font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {product.name}
                  </Link>
                </td>
                <td className="px-4 py-3 text-slate-600">{product.category ?? "—"}</td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                  {formatQuantity(product.onHand)} <span className="text-slate-500">{product.unit}</span>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                  {formatQuantity(product.available)}
                </td>
                {locationName && (
                  <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                    {product.atLocation
                      ? `${formatQuantity(product.atLocation.onHand)} (${formatQuantity(product.atLocation.available)} available)`
                      : "—"}
                  </td>
                )}
                <td className="px-4 py-3">
                  <ProductBadges archived={product.archived} low={product.low} lowHere={lowHere(product)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
