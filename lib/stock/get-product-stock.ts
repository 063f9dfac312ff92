// One product's stock at every active location (0 where it has none yet), for the adjust and transfer pages.
// Unknown ids, malformed ones and other companies' ids are all NOT_FOUND; any other key is a VALIDATION error.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productIdSchema } from "./stock-fields";

export interface ProductStock {
  /** With its unit and pack size: how the quantity typed is counted (lib/products/quantity-hint.ts). */
  product: { id: string; sku: string; name: string; unit: string; packSize: number | null; archived: boolean };
  /** Active locations, the default first, then by name. */
  locations: { id: string; name: string; isDefault: boolean; onHand: number; reserved: number; available: number }[];
}

// The id is checked on its own below: a malformed one (a hand-edited URL) is NOT_FOUND, not a field error.
export const getProductStockSchema = z.object({ productId: z.unknown() }).strict();

export async function getProductStock(ctx: TenantContext, input: unknown): Promise<ProductStock> {
  const { productId: rawId } = parseInput(getProductStockSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  const parsed = productIdSchema.safeParse(rawId);
  if (!parsed.success) throw AppError.notFound("That product");
  const productId = parsed.data;
  return withTenantTx(ctx, async (tx) => {
    const product = await tx.product.findUnique({
      where: { id: productId },
      select: { id: true, sku: true, name: true, unit: true, packSize: true, archived: true },
    });
    if (!product) throw AppError.notFound("That product");
    const rows = await tx.$queryRaw<
      { id: string; name: string; is_default: boolean; on_hand: number | null; reserved: number | null }[]
    >`
      SELECT l.id::text, l.name, l.is_default, s.on_hand, s.reserved
        FROM locations l
        LEFT JOIN stock_levels s ON s.company_id = l.company_id AND s.location_id = l.id AND s.product_id = ${productId}::uuid
       WHERE l.company_id = ${ctx.companyId}::uuid AND l.archived_at IS NULL
       ORDER BY l.is_default DESC, lower(l.name), l.id`;
    return {
      product,
      locations: rows.map((row) => {
        const onHand = row.on_hand ?? 0;
        const reserved = row.reserved ?? 0;
        return {
          id: row.id,
          name: row.name,
          isDefault: row.is_default,
          onHand,
          reserved,
          available: Math.max(0, onHand - reserved),
        };
      }),
    };
  });
}
