// A manager sets (or clears) a location's own reorder point for a product (issue 15, item 3; docs/architecture.md §5
// "Low stock"): the product is then "low here" when its stock at that location is at or below that point, whatever
// its total. Setting one makes the product stocked there (a stock row with 0 on hand if there was none), so an empty
// shelf that should hold it shows as low at once. The stock row is locked in the ledger's order (the location, the
// product, then the row), like every stock operation, so a point set while stock moves is never lost; the totals
// row's count of low locations follows through the stock_levels trigger. Audited in the same transaction.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { findStockProducts } from "./find-stock-products";
import { lockStockLevels } from "./lock-stock-levels";
import { lockStockLocations } from "./lock-stock-locations";
import { quantitySchema } from "./quantity";
import { locationIdSchema, productIdSchema } from "./stock-fields";

const pointSchema = quantitySchema({ min: 1, label: "Reorder point here" });

export const setLocationReorderPointSchema = z
  .object({
    productId: productIdSchema,
    locationId: locationIdSchema,
    /** Blank or null clears the location's own point (the location is then never "low here"). */
    reorderPoint: z
      .union([z.number(), z.string(), z.null()], {
        error: "Reorder point here: enter a whole number, or leave it empty.",
      })
      .transform((value, ctx) => {
        if (value === null || String(value).trim() === "") return null;
        const parsed = pointSchema.safeParse(value);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
          return z.NEVER;
        }
        return parsed.data;
      }),
  })
  .strict();

export interface LocationReorderPointSet {
  productId: string;
  locationId: string;
  locationName: string;
  reorderPoint: number | null;
  onHand: number;
  /** At or below the point now. */
  low: boolean;
}

export async function setLocationReorderPoint(ctx: TenantContext, input: unknown): Promise<LocationReorderPointSet> {
  const { productId, locationId, reorderPoint } = parseInput(setLocationReorderPointSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const location = (await lockStockLocations(tx, ctx, [locationId])).get(locationId)!;
    // NOT_FOUND for another company's (or no) product, and the product locked as every stock operation locks it.
    await findStockProducts(tx, ctx, [productId]);
    // A point needs the row (created as the ledger would); clearing one where there is no row changes nothing.
    const levels = await lockStockLevels(tx, ctx, [{ productId, locationId, counted: reorderPoint === null ? 0 : 1 }]);
    const [row] = await tx.$queryRaw<{ before: number | null; on_hand: number }[]>`
      SELECT reorder_point AS before, on_hand FROM stock_levels
       WHERE company_id = ${ctx.companyId}::uuid AND product_id = ${productId}::uuid AND location_id = ${locationId}::uuid`;
    const before = row?.before ?? null;
    const onHand = row?.on_hand ?? levels.get(`${productId}:${locationId}`)?.onHand ?? 0;
    if (row && before !== reorderPoint) {
      await tx.$executeRaw`
        UPDATE stock_levels SET reorder_point = ${reorderPoint}, updated_at = now()
         WHERE company_id = ${ctx.companyId}::uuid AND product_id = ${productId}::uuid
           AND location_id = ${locationId}::uuid`;
      await recordAudit(tx, ctx, {
        action: "stock.reorder_point_set",
        entityType: "product",
        entityId: productId,
        before: { locationId, locationName: location.name, reorderPoint: before },
        after: { locationId, locationName: location.name, reorderPoint },
      });
      await publishEvent(tx, ctx, { type: "stock.changed", productIds: [productId], locationIds: [locationId] });
    }
    return {
      productId,
      locationId,
      locationName: location.name,
      reorderPoint,
      onHand,
      low: reorderPoint !== null && onHand <= reorderPoint,
    };
  });
}
