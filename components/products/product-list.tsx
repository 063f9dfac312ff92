"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import Link from "@/components/ui/link";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
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
 * Ticks a product for the labels form (`form`, the id of a GET form elsewhere on the page: the list is not inside
 * it). The table's and the cards' boxes are separate fields; only the displayed one can be ticked.
 */
function SelectForLabels({ product, form, place }: { product: ProductListItem; form: string; place: string }) {
  return (
    <input
      type="checkbox"
      name="id"
      value={product.id}
      form={form}
      aria-label={`Select ${product.name} for labels`}
      id={`${form}-${place}-${product.id}`}
      className="size-5 shrink-0 rounded border-slate-300 accent-brand-600"
    />
  );
}

/**
 * The products: a table on wide screens, one card per product on phones. Each row links to the product. With a
 * location in view, its stock there is shown beside the totals. With `labelsForm`, each product has a box to tick
 * for labels.
 */
export function ProductList({
  products,
  locationName,
  labelsForm,
}: {
  products: ProductListItem[];
  locationName?: string;
  labelsForm?: string;
}) {
  const lowHere = (product: ProductListItem) =>
    product.atLocation?.low && locationName ? { location: locationName } : null;
  return (
    <ResponsiveList
      label="Products"
      caption="Products"
      rows={products}
      rowKey={(product) => product.id}
      highlightRows
      columns={[
        Boolean(labelsForm) && {
          header: <span className="sr-only">Select for labels</span>,
          cell: (product: ProductListItem) => <SelectForLabels product={product} form={labelsForm!} place="row" />,
        },
        {
          header: "SKU",
          className: "whitespace-nowrap font-mono text-xs text-slate-700",
          cell: (product) => product.sku,
        },
        {
          header: "Name",
          cell: (product) => (
            <Link
              href={`/products/${product.id}`}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {product.name}
            </Link>
          ),
        },
        { header: "Category", className: "text-slate-600", cell: (product) => product.category ?? "—" },
        {
          header: "On hand",
          numeric: true,
          cell: (product) => (
            <>
              {formatQuantity(product.onHand)} <span className="text-slate-500">{product.unit}</span>
            </>
          ),
        },
        { header: "Available", numeric: true, cell: (product) => formatQuantity(product.available) },
        Boolean(locationName) && {
          header: `At ${locationName}`,
          numeric: true,
          cell: (product: ProductListItem) =>
            product.atLocation
              ? `${formatQuantity(product.atLocation.onHand)} (${formatQuantity(product.atLocation.available)} available)`
              : "—",
        },
        {
          header: <span className="sr-only">State</span>,
          cell: (product) => <ProductBadges archived={product.archived} low={product.low} lowHere={lowHere(product)} />,
        },
      ]}
      card={(product) => (
        <div className="flex items-start gap-3">
          {labelsForm && <SelectForLabels product={product} form={labelsForm} place="card" />}
          <ProductCard product={product} locationName={locationName} lowHere={lowHere(product)} />
        </div>
      )}
    />
  );
}

function ProductCard({
  product,
  locationName,
  lowHere,
}: {
  product: ProductListItem;
  locationName?: string;
  lowHere: { location: string } | null;
}) {
  return (
    <Link href={`/products/${product.id}`} className="block min-w-0 flex-1 space-y-2">
      <span className="block font-medium text-brand-700 underline-offset-2 hover:underline">{product.name}</span>
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
      <ProductBadges archived={product.archived} low={product.low} lowHere={lowHere} />
    </Link>
  );
}
