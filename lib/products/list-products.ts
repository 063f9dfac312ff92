// The product list: search over name, SKU and barcode, filters, sorts and keyset pages (lib/products/
// product-list-query.ts has the SQL and why it is shaped as it is). Every role may look.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productListInputSchema, type ProductListInput } from "./product-list-params";
import type { Prisma } from "../db/generated/client";
import {
  productListSql,
  readsAscending,
  toProductListPage,
  type ProductListPage,
  type ProductListSqlRow,
} from "./product-list-query";
import { firstProductsByName, resolveProductSearch } from "./product-search";

export type { ProductListPage, ProductListRow } from "./product-list-query";

export async function listProducts(ctx: TenantContext, input: unknown): Promise<ProductListPage> {
  const query = parseInput(productListInputSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return withTenantTx(ctx, (tx) => readProductListPage(tx, ctx, query));
}

/** How many pages of a common term's matches are read as candidates: room for the list's filters to drop some. */
const CANDIDATE_PAGES = 4;

/**
 * One page of the list in the caller's transaction (`query` already parsed, the role already checked). A common term
 * in name order is first looked for among the first matches from the cursor (firstProductsByName, ./product-search.ts):
 * the page is right when they fill it, or when they were every match from there; only when the list's other filters
 * left less than a page of them does the plain condition read on. `idLimit` and `walkRows` are for tests, to take
 * each way with a few products.
 */
export async function readProductListPage(
  tx: TenantTx,
  ctx: TenantContext,
  query: ProductListInput,
  { idLimit, walkRows }: { idLimit?: number; walkRows?: number } = {},
): Promise<ProductListPage> {
  const page = async (search: Prisma.Sql | undefined) =>
    tx.$queryRaw<ProductListSqlRow[]>(productListSql(ctx.companyId, query, search));
  if (!query.q) return toProductListPage(query, await page(undefined));
  const search = await resolveProductSearch(tx, query.q, idLimit);
  if (search.common && query.sort === "name") {
    const cursor = query.after ?? query.before;
    const first = await firstProductsByName(
      tx,
      query.q,
      {
        descending: !readsAscending(query),
        ...(cursor && { after: { name: String(cursor.value), id: cursor.id } }),
      },
      CANDIDATE_PAGES * (query.limit + 1),
      walkRows,
    );
    const rows = await page(first.condition);
    if (rows.length > query.limit || first.exhausted) return toProductListPage(query, rows);
  }
  return toProductListPage(query, await page(search.condition));
}
