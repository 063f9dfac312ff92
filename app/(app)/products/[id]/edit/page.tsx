import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { ProductForm } from "@/components/products/product-form";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { orNotFound } from "@/lib/page";
import { can } from "@/lib/auth/permissions";
import { getProduct } from "@/lib/products/get-product";
import { listProductFilters } from "@/lib/products/list-product-filters";
import { updateProductAction } from "../../actions";

export const metadata: Metadata = { title: "Edit product" };

export default async function EditProductPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireTenant();
  const { id } = await params;
  if (!can(ctx.role, "products.manage"))
    return (
      <ManagersOnly
        title="Only managers and admins change products"
        back={{ href: `/products/${encodeURIComponent(id)}`, label: "Back to the product" }}
      >
        You can look products up and see their stock.
      </ManagersOnly>
    );
  const [detail, filters] = await Promise.all([orNotFound(getProduct(ctx, { id })), listProductFilters(ctx, {})]);
  const { product } = detail;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href={`/products/${product.id}`} className="text-sm font-medium text-brand-700 underline">
          {product.name}
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Edit product</h1>
        <p className="mt-1 text-sm text-slate-600">
          Stock is not edited here: use a stock adjustment, transfer or stocktake.
        </p>
      </div>
      <Card>
        <ProductForm
          mode="edit"
          action={updateProductAction}
          categories={filters.categories}
          cancelHref={`/products/${product.id}`}
          product={{
            id: product.id,
            version: product.version,
            sku: product.sku,
            name: product.name,
            description: product.description ?? "",
            category: product.category ?? "",
            unit: product.unit,
            barcode: product.barcode ?? "",
            // Whoever may change products sees money in every company (lib/auth/permissions.test.ts holds that).
            costPrice: product.costPrice!,
            salePrice: product.salePrice,
            reorderPoint: String(product.reorderPoint),
            packSize: product.packSize === null ? "" : String(product.packSize),
            reorderQuantity: product.reorderQuantity === null ? "" : String(product.reorderQuantity),
            targetLevel: product.targetLevel === null ? "" : String(product.targetLevel),
          }}
        />
      </Card>
    </div>
  );
}
