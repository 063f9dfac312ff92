// Adds a product to the caller's company, optionally with its opening stock at one location (booked through the
// ledger as an INITIAL movement, in the same transaction: the product and its stock exist together or not at
// all). SKU and barcode are unique per company regardless of letter case (./product-keys.ts): a value another
// product holds, in any case, is a field error naming it; the unique indexes decide a race, so two people creating
// the same SKU at the same moment get one product and one field error.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { applyStockMovements } from "../stock/apply-stock-movements";
import { quantitySchema } from "../stock/quantity";
import { isUuid } from "./product-list-params";
import { productFieldsSchema, refineReorderLevels } from "./product-fields";
import { findKeyHolders, keyClashErrors } from "./product-keys";
import {
  productSelect,
  productSnapshot,
  toProductRecord,
  uniqueClashError,
  type ProductRecord,
} from "./product-record";

/** Forms send "" for a field left blank: no opening stock. */
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const createProductSchema = productFieldsSchema
  .extend({
    openingQuantity: z.preprocess(blankAsMissing, quantitySchema({ min: 0, label: "Opening quantity" }).optional()),
    openingLocationId: z.preprocess(blankAsMissing, z.string().max(64).optional()),
  })
  .strict()
  .superRefine(refineReorderLevels)
  .superRefine((input, ctx) => {
    if (input.openingQuantity && !input.openingLocationId) {
      ctx.addIssue({ code: "custom", path: ["openingLocationId"], message: "Choose where the opening stock is." });
    }
  });

export interface CreatedProduct extends ProductRecord {
  /** The opening stock booked, if any. */
  opening: { locationId: string; quantity: number } | null;
}

export async function createProduct(ctx: TenantContext, input: unknown): Promise<CreatedProduct> {
  const { openingQuantity, openingLocationId, ...fields } = parseInput(createProductSchema, input);
  if (!can(ctx.role, "products.manage")) throw AppError.forbidden();
  const opening =
    openingQuantity && openingLocationId ? { locationId: openingLocationId, quantity: openingQuantity } : null;
  try {
    return await withTenantTx(ctx, async (tx) => {
      if (opening) {
        const location = isUuid(opening.locationId)
          ? await tx.location.findUnique({ where: { id: opening.locationId }, select: { archivedAt: true } })
          : null;
        if (!location) throw AppError.validation({ openingLocationId: ["That location was not found."] });
        if (location.archivedAt) throw AppError.validation({ openingLocationId: ["That location is archived."] });
      }
      const clash = keyClashErrors(fields, await findKeyHolders(tx, ctx.companyId, fields));
      if (clash) throw AppError.validation(clash, "Another product already uses that SKU or barcode.");
      const product = toProductRecord(
        await tx.product.create({ data: { ...fields, companyId: ctx.companyId }, select: productSelect }),
      );
      await recordAudit(tx, ctx, {
        action: "product.created",
        entityType: "product",
        entityId: product.id,
        after: { ...productSnapshot(product), ...(opening && { opening }) },
      });
      if (opening) {
        await applyStockMovements(tx, ctx, {
          changes: [
            {
              productId: product.id,
              locationId: opening.locationId,
              quantity: opening.quantity,
              reason: "INITIAL",
              note: "Opening stock",
              // Opening stock comes in at the cost price typed with it: the product's first moving average (§5).
              unitCost: product.costPrice,
            },
          ],
          audit: { action: "stock.initial", entityType: "product", entityId: product.id },
        });
      }
      await publishEvent(tx, ctx, { type: "product.changed", productIds: [product.id] });
      return { ...product, opening };
    });
  } catch (error) {
    throw (await uniqueClashError(ctx, error, fields)) ?? error;
  }
}
