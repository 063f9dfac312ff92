// What the product list's filters offer: the company's categories and its locations. Categories are read with a
// loose index scan over (company_id, category) — one index probe per distinct category, not a pass over 100k
// products.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";

const MAX_CATEGORIES = 500;

/** Takes nothing: the filters are the company's. */
export const listProductFiltersSchema = z.object({}).strict();

export interface ProductFilterOptions {
  categories: string[];
  /** Default location first, then by name; archived ones are marked (stock may still be recorded there). */
  locations: { id: string; name: string; isDefault: boolean; archived: boolean }[];
}

export async function listProductFilters(ctx: TenantContext, input: unknown): Promise<ProductFilterOptions> {
  parseInput(listProductFiltersSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return withTenantTx(ctx, (tx) => readProductFilters(tx, ctx.companyId));
}

/** The filters' options in the caller's transaction (the role already checked). */
export async function readProductFilters(tx: TenantTx, companyId: string): Promise<ProductFilterOptions> {
  // One query at a time: a transaction is one connection.
  const categories = await tx.$queryRaw<{ category: string }[]>`
      WITH RECURSIVE found(category) AS (
        (SELECT p.category FROM products p
          WHERE p.company_id = ${companyId}::uuid AND p.category IS NOT NULL
          ORDER BY p.category LIMIT 1)
        UNION ALL
        SELECT (SELECT p.category FROM products p
                 WHERE p.company_id = ${companyId}::uuid AND p.category > found.category
                 ORDER BY p.category LIMIT 1)
          FROM found
         WHERE found.category IS NOT NULL)
      SELECT category FROM found WHERE category IS NOT NULL LIMIT ${MAX_CATEGORIES}`;
  const locations = await tx.location.findMany({
    where: {},
    select: { id: true, name: true, isDefault: true, archivedAt: true },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }, { id: "asc" }],
  });
  return {
    categories: categories.map((row) => row.category),
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      isDefault: l.isDefault,
      archived: l.archivedAt !== null,
    })),
  };
}
