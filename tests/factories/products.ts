// Catalogues for the product tests: products, locations and stock made with unique names, so test files (and
// tests within one) never see each other's rows. Products and locations are written through the client given
// (superuserClient()); stock goes through the ledger (applyStockMovements), so on_hand always equals the sum
// of the movements.
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import { applyStockMovements } from "../../lib/stock/apply-stock-movements";
import { uniqueSuffix } from "./company";

export interface ProductSpec {
  name: string;
  sku?: string;
  barcode?: string | null;
  category?: string | null;
  reorderPoint?: number;
  archived?: boolean;
  /** Stock to book at each location id. */
  stock?: Record<string, number>;
}

export interface ProductMade {
  id: string;
  name: string;
  sku: string;
}

export async function addLocation(
  system: PrismaClient,
  companyId: string,
  label = "Bin",
): Promise<{ id: string; name: string }> {
  return system.location.create({
    data: { companyId, name: `${label} ${uniqueSuffix()}` },
    select: { id: true, name: true },
  });
}

/** Books `quantity` of a product at a location through the ledger, as `ctx`. */
export async function receiveStock(
  ctx: TenantContext,
  productId: string,
  locationId: string,
  quantity: number,
): Promise<void> {
  await withTenantTx(ctx, (tx) =>
    applyStockMovements(tx, ctx, {
      changes: [{ productId, locationId, quantity, reason: "RECEIVED" }],
      audit: { action: "stock.received", entityType: "product", entityId: productId },
    }),
  );
}

export async function makeProduct(system: PrismaClient, ctx: TenantContext, spec: ProductSpec): Promise<ProductMade> {
  const product = await system.product.create({
    data: {
      companyId: ctx.companyId,
      sku: spec.sku ?? `T-${uniqueSuffix()}`,
      name: spec.name,
      barcode: spec.barcode ?? null,
      category: spec.category ?? null,
      reorderPoint: spec.reorderPoint ?? 0,
      archived: spec.archived ?? false,
      archivedAt: spec.archived ? new Date() : null,
    },
    select: { id: true, name: true, sku: true },
  });
  for (const [locationId, quantity] of Object.entries(spec.stock ?? {})) {
    if (quantity > 0) await receiveStock(ctx, product.id, locationId, quantity);
  }
  return product;
}

/** Everything about a product the product functions could change, read without any scoping. */
export async function productState(system: PrismaClient, productId: string) {
  const [product, levels, movements, audits] = await Promise.all([
    system.product.findUnique({ where: { id: productId } }),
    system.stockLevel.findMany({ where: { productId }, orderBy: { id: "asc" } }),
    system.stockMovement.count({ where: { productId } }),
    system.auditLog.count({ where: { entityId: productId } }),
  ]);
  return { product, levels, movements, audits };
}
