import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { ProductForm } from "@/components/products/product-form";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listProductFilters } from "@/lib/products/list-product-filters";
import { createProductAction } from "../actions";

export const metadata: Metadata = { title: "Add product" };

export default async function NewProductPage() {
  const ctx = await requireTenant();
  if (!can(ctx.role, "products.manage"))
    return (
      <ManagersOnly
        title="Only managers and admins change products"
        back={{ href: "/products", label: "Back to products" }}
      >
        You can look products up and see their stock.
      </ManagersOnly>
    );
  const filters = await listProductFilters(ctx, {});
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href="/products" className="text-sm font-medium text-brand-700 underline">
          Products
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">Add product</h1>
      </div>
      <Card>
        <ProductForm
          mode="create"
          action={createProductAction}
          categories={filters.categories}
          locations={filters.locations.filter((l) => !l.archived)}
          cancelHref="/products"
        />
      </Card>
    </div>
  );
}
