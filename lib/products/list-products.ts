// The product list: search over name, SKU and barcode, filters, sorts and keyset pages (lib/products/
// product-list-query.ts has the SQL and why it is shaped as it is). Every role may look.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productListInputSchema, type ProductListInput } from "./product-list-params";
import { productListSql, toProductListPage, type ProductListPage, type ProductListSqlRow } from "./product-list-query";
import { productSearchCondition } from "./product-search";

export type { ProductListPage, ProductListRow } from "./product-list-query";

export async function listProducts(ctx: TenantContext, input: unknown): Promise<ProductListPage> {
  const query = parseInput(productListInputSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return withTenantTx(ctx, (tx) => readProductListPage(tx, ctx, query));
}

/** One page of the list in the caller's transaction (`query` already parsed, the role already checked). */
export async function readProductListPage(
  tx: TenantTx,
  ctx: TenantContext,
  query: ProductListInput,
): Promise<ProductListPage> {
  const search = query.q ? await productSearchCondition(tx, query.q) : undefined;
  return toProductListPage(
    query,
    await tx.$queryRaw<ProductListSqlRow[]>(productListSql(ctx.companyId, query, search)),
  );
}
