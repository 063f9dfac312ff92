import Link from "@/components/ui/link";

/** The heading of a stock operation page for one product, with a way to pick another or switch operation. */
export function StockOperationHeader({
  title,
  product,
  pickAnotherHref,
  switchTo,
}: {
  title: string;
  product: { name: string; sku: string };
  pickAnotherHref: string;
  /** The other operation on the same product, when the person may do it. */
  switchTo?: { href: string; label: string };
}) {
  return (
    <div>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      <p className="mt-1 text-slate-600">
        {product.name} <span className="text-slate-500">· {product.sku}</span>
      </p>
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
        <Link href={pickAnotherHref} className="text-brand-700 underline">
          Choose another product
        </Link>
        {switchTo && (
          <Link href={switchTo.href} className="text-brand-700 underline">
            {switchTo.label}
          </Link>
        )}
      </p>
    </div>
  );
}
