import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { LiveRefresh } from "@/components/live/live-refresh";
import { DuplicateResolveForm } from "@/components/products/duplicate-resolve-form";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listProductDuplicates } from "@/lib/products/product-duplicates";
import { resolveProductDuplicateAction } from "../actions";

export const metadata: Metadata = { title: "Duplicate SKUs and barcodes" };

export default async function ProductDuplicatesPage() {
  const ctx = await requireTenant();
  if (!can(ctx.role, "products.manage"))
    return (
      <ManagersOnly
        title="Only managers and admins resolve duplicate SKUs and barcodes"
        back={{ href: "/products", label: "Back to products" }}
      >
        You can look products up and see their stock.
      </ManagersOnly>
    );
  const groups = await listProductDuplicates(ctx);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <Link href="/products" className="text-sm font-medium text-brand-700 underline">
          Products
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Duplicate SKUs and barcodes</h1>
        <p className="mt-1 text-slate-600">
          A SKU or barcode is one value whatever its letter case. These products shared one in another case before that
          was enforced: give each of them but one another value. Until then the imports and scans cannot tell them
          apart, and their stock and history are kept as they are.
        </p>
        <LiveRefresh topics={{ products: true }} className="mt-1" />
      </div>
      {groups.length === 0 ? (
        <Card>
          <p className="text-slate-700">Nothing to resolve: every SKU and barcode belongs to one product.</p>
        </Card>
      ) : (
        groups.map((group) => (
          <section
            key={`${group.field}:${group.key}`}
            aria-labelledby={`group-${group.field}-${group.key}`}
            className="space-y-3"
          >
            <h2 id={`group-${group.field}-${group.key}`} className="text-lg font-semibold text-slate-900">
              {group.field === "sku" ? "SKU" : "Barcode"} {group.key} ({group.products.length} products)
            </h2>
            {group.products.map((product) => (
              <Card key={product.id}>
                <p className="mb-3 text-sm text-slate-700">
                  <Link href={`/products/${product.id}`} className="font-medium text-brand-700 underline">
                    {product.name}
                  </Link>
                  {product.archived && " (archived)"} · SKU {product.sku}
                  {product.barcode && ` · barcode ${product.barcode}`}
                </p>
                <DuplicateResolveForm product={product} action={resolveProductDuplicateAction} />
              </Card>
            ))}
          </section>
        ))
      )}
    </div>
  );
}
