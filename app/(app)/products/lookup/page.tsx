// Scan to open a product (docs/architecture.md "Camera scanning"): /products/lookup?code=… opens the product whose
// barcode or SKU is the code (lib/products/find-product-by-code.ts); otherwise it says that no product has it and
// offers the list's search, or lists the few that share it. A plain GET: the scanner, a typed code and a
// keyboard-wedge scanner all arrive here the same way.
import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { ScanProductButton } from "@/components/products/scan-product-button";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { findProductByCode, type ProductCodeLookup } from "@/lib/products/find-product-by-code";
import { normaliseProductCode } from "@/lib/products/product-code";
import { productListHref } from "@/lib/products/product-list-params";

export const metadata: Metadata = { title: "Scanned code" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ProductLookupPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const { code: param } = await searchParams;
  const code = normaliseProductCode(typeof param === "string" ? param : "");
  if (!code) redirect("/products");

  let lookup: ProductCodeLookup | null = null;
  let refusal: string | null = null;
  try {
    lookup = await findProductByCode(ctx, { code });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    refusal = error.fieldErrors?.code?.join(" ") ?? error.message;
  }
  if (lookup?.products.length === 1) redirect(`/products/${lookup.products[0]!.id}`);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p className="text-sm">
        <Link href="/products" className="text-brand-700 underline">
          Products
        </Link>
      </p>
      <Card>
        {refusal ? (
          <>
            <h1 className="text-xl font-bold text-slate-900">That code cannot be looked up</h1>
            <p className="mt-2 text-slate-600">{refusal}</p>
          </>
        ) : lookup && lookup.products.length > 1 ? (
          <>
            <h1 className="text-xl font-bold text-slate-900">Several products have code “{lookup.code}”</h1>
            <p className="mt-2 text-slate-600">
              Open the one you meant.{" "}
              {can(ctx.role, "products.manage") ? (
                <>
                  So that the next scan finds one, give each product a code of its own — or, if they are the same
                  product,{" "}
                  <Link href="/products/duplicates" className="text-brand-700 underline">
                    resolve the duplicates
                  </Link>
                  .
                </>
              ) : (
                "A manager can give each its own code, so that the next scan finds one."
              )}
            </p>
            <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200">
              {lookup.products.map((product) => (
                <li key={product.id}>
                  <Link
                    href={`/products/${product.id}`}
                    className="flex min-h-11 items-center px-3 py-2 text-brand-700 underline"
                  >
                    {product.name} — {product.matchedBy === "barcode" ? "barcode" : "SKU"} {product.matchedCode}
                    {product.archived && " (archived)"}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <h1 className="text-xl font-bold text-slate-900">No product with code “{code}”</h1>
            <p className="mt-2 text-slate-600">
              No product in {ctx.company.name} has this barcode or SKU.{" "}
              <Link href={productListHref({ q: code })} className="font-medium text-brand-700 underline">
                Search for it?
              </Link>{" "}
              The search also finds names and parts of codes.
            </p>
          </>
        )}
        <div className="mt-4 flex flex-wrap gap-2">
          <ScanProductButton label="Scan again" />
          <ButtonLink href="/products" variant="secondary">
            Back to products
          </ButtonLink>
        </div>
      </Card>
    </div>
  );
}
