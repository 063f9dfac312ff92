// What the product list page shows, read in one tenant transaction: the page of products, the filters' options and
// whether there are duplicates to resolve. One transaction, not three side by side: each costs a pooled connection
// and a BEGIN … COMMIT (docs/architecture.md §3, "Cost of a page"), and the three agree with one another.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { readProductFilters, type ProductFilterOptions } from "./list-product-filters";
import { readProductListPage, type ProductListPage } from "./list-products";
import { readHasProductDuplicates } from "./product-duplicates";
import { productListInputSchema } from "./product-list-params";

export interface ProductListView {
  page: ProductListPage;
  filters: ProductFilterOptions;
  /** Products share a SKU or barcode in another letter case; false for whoever may not resolve them. */
  duplicates: boolean;
}

export async function getProductListView(ctx: TenantContext, input: unknown): Promise<ProductListView> {
  const query = parseInput(productListInputSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => ({
    page: await readProductListPage(tx, ctx, query),
    filters: await readProductFilters(tx, ctx.companyId),
    duplicates: await readHasProductDuplicates(tx, ctx),
  }));
}
