// Each product's preferred supplier (docs/architecture.md §5, "Product suppliers"), for pages that group products by
// where they are bought — restock suggestions first: read the preferred supplier of the products at hand, then
// `groupByPreferredSupplier` puts them in one group per supplier and one group (supplier null) for those without one.
//
// A product has at most one preferred supplier (the partial unique index product_suppliers_one_preferred). An archived
// supplier can still be a product's preferred one (it was marked before it was archived): it comes with
// `archived: true`, and the caller decides whether to offer it. The purchase price is a cost price: absent for
// whoever may not see money (docs/architecture.md §7).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productIdSchema } from "../fields";

/** One read covers at most this many products (a page of suggestions is far smaller). */
export const MAX_PREFERRED_LOOKUP = 1000;

export const preferredSuppliersSchema = z
  .object({
    productIds: z
      .array(productIdSchema)
      .max(MAX_PREFERRED_LOOKUP, `Ask for at most ${MAX_PREFERRED_LOOKUP} products at once.`),
  })
  .strict();

export interface PreferredSupplier {
  supplier: { id: string; name: string; archived: boolean };
  supplierSku: string | null;
  /** Absent for whoever may not see money; null when not known. */
  purchasePrice?: string | null;
  leadTimeDays: number | null;
}

export interface SupplierGroup {
  /** null: the products with no preferred supplier. */
  supplier: PreferredSupplier["supplier"] | null;
  /** In the order they were given. */
  productIds: string[];
}

/**
 * The preferred supplier of each of `productIds` that has one, inside the caller's transaction (a page that reads
 * its products in the same snapshot). Products without one, and ids of no product of this company, are absent.
 */
export async function readPreferredSuppliers(
  tx: TenantTx,
  productIds: string[],
  seesMoney: boolean,
): Promise<Map<string, PreferredSupplier>> {
  if (productIds.length === 0) return new Map();
  const rows = await tx.productSupplier.findMany({
    where: { productId: { in: productIds }, preferred: true },
    select: {
      productId: true,
      supplierSku: true,
      purchasePrice: true,
      leadTimeDays: true,
      supplier: { select: { id: true, name: true, archivedAt: true } },
    },
  });
  return new Map(
    rows.map((row) => [
      row.productId,
      {
        supplier: { id: row.supplier.id, name: row.supplier.name, archived: row.supplier.archivedAt !== null },
        supplierSku: row.supplierSku,
        leadTimeDays: row.leadTimeDays,
        ...(seesMoney && { purchasePrice: row.purchasePrice?.toFixed(2) ?? null }),
      },
    ]),
  );
}

/** The preferred supplier of each of the given products that has one (see readPreferredSuppliers). */
export async function preferredSuppliers(ctx: TenantContext, input: unknown): Promise<Map<string, PreferredSupplier>> {
  const { productIds } = parseInput(preferredSuppliersSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => readPreferredSuppliers(tx, productIds, await callerSeesMoney(tx, ctx)));
}

/**
 * The products in one group per preferred supplier, by supplier name (letter case aside), then one group of those
 * without a preferred supplier (supplier null), if any. Pure.
 */
export function groupByPreferredSupplier(
  productIds: string[],
  preferred: ReadonlyMap<string, PreferredSupplier>,
): SupplierGroup[] {
  const groups = new Map<string, SupplierGroup>();
  const without: string[] = [];
  for (const productId of productIds) {
    const supplier = preferred.get(productId)?.supplier;
    if (!supplier) {
      without.push(productId);
      continue;
    }
    const group = groups.get(supplier.id) ?? { supplier, productIds: [] };
    group.productIds.push(productId);
    groups.set(supplier.id, group);
  }
  const named = [...groups.values()].sort((a, b) =>
    a.supplier!.name.localeCompare(b.supplier!.name, "en", { sensitivity: "base" }),
  );
  return without.length > 0 ? [...named, { supplier: null, productIds: without }] : named;
}
