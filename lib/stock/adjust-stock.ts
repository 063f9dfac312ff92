// A manager corrects the stock of one product at one location: "set to" a counted value, or "change by" a signed
// amount, always with a reason (the movement's note). "Set to" books the difference from on_hand read under the
// row lock the ledger then updates under, so a receipt or another adjustment in between cannot be overwritten or
// double-booked. Like a transfer, and unlike a stocktake, it may not take on_hand below what approved orders
// have reserved (guard "available"); the ledger's message names the product and what is available. Exactly once per
// client operation id (./stock-operation.ts): a retried or double submit returns the first result.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { applyStockMovements } from "./apply-stock-movements";
import { findStockProducts } from "./find-stock-products";
import { lockStockLevels, stockKey } from "./lock-stock-levels";
import { lockStockLocations } from "./lock-stock-locations";
import { MAX_QUANTITY, quantitySchema } from "./quantity";
import { ADJUST_MODES, locationIdSchema, productIdSchema, reasonSchema, type AdjustMode } from "./stock-fields";
import { onceStockOperation } from "./stock-operation";
import { idempotencyKeySchema } from "../fields";
import { refuseBesideOpenStocktake } from "../stocktakes/refuse-beside-open-stocktake";
import { kickOutbox } from "../email/outbox-runner";

const countedSchema = quantitySchema({ min: 0, label: "Quantity" });
const changeSchema = quantitySchema({ min: -MAX_QUANTITY, label: "Quantity" });

export const adjustStockSchema = z
  .object({
    operationId: idempotencyKeySchema,
    productId: productIdSchema,
    locationId: locationIdSchema,
    mode: z.enum(ADJUST_MODES, { error: "Choose “set to” or “change by”." }),
    quantity: z.unknown(),
    reason: reasonSchema,
  })
  .strict()
  .transform((input, ctx) => {
    // The quantity's rule depends on the mode: a count is 0 or more, a change is signed and never 0.
    const quantity = (input.mode === "set" ? countedSchema : changeSchema).safeParse(input.quantity ?? "");
    if (!quantity.success) {
      for (const issue of quantity.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: ["quantity"] });
      return z.NEVER;
    }
    if (input.mode === "change" && quantity.data === 0) {
      ctx.addIssue({ code: "custom", message: "Quantity: a change of 0 changes nothing.", path: ["quantity"] });
      return z.NEVER;
    }
    return { ...input, quantity: quantity.data };
  });

export interface StockAdjusted {
  product: { id: string; sku: string; name: string; unit: string };
  location: { id: string; name: string };
  mode: AdjustMode;
  before: number;
  after: number;
  /** after − before */
  change: number;
  movementId: string;
}

export async function adjustStock(ctx: TenantContext, input: unknown): Promise<StockAdjusted> {
  const { operationId, ...adjustment } = parseInput(adjustStockSchema, input);
  const { productId, locationId, mode, quantity, reason } = adjustment;
  if (!can(ctx.role, "stock.adjust")) throw AppError.forbidden();
  const claim = { operationId, kind: "ADJUSTMENT", payload: adjustment } as const;
  const adjust = onceStockOperation(ctx, claim, async (tx) => {
    const location = (await lockStockLocations(tx, ctx, [locationId])).get(locationId)!;
    const { costPrice: _cost, ...product } = (await findStockProducts(tx, ctx, [productId])).get(productId)!;
    let change = quantity;
    if (mode === "set") {
      const levels = await lockStockLevels(tx, ctx, [{ productId, locationId, counted: quantity }]);
      await refuseBesideOpenStocktake(tx, ctx, [locationId]);
      const onHand = levels.get(stockKey(productId, locationId))!.onHand;
      change = quantity - onHand;
      if (change === 0) {
        throw AppError.validation(
          {
            quantity: [
              `${product.name} at ${location.name} is already ${onHand.toLocaleString("en-US")}: nothing to change.`,
            ],
          },
          "Nothing to change.",
        );
      }
    }
    if (Math.abs(change) > MAX_QUANTITY) {
      throw AppError.validation({
        quantity: [`Quantity: one adjustment moves at most ${MAX_QUANTITY.toLocaleString("en-US")} units.`],
      });
    }
    const [movement] = await applyStockMovements(tx, ctx, {
      changes: [{ productId, locationId, quantity: change, reason: "ADJUSTMENT", guard: "available", note: reason }],
      audit: {
        action: "stock.adjusted",
        entityType: "product",
        entityId: productId,
        // The location's name as it is today: the log names it as it was (docs/architecture.md §8).
        after: { locationId, locationName: location.name, mode, quantity, reason },
      },
    });
    return {
      product,
      location,
      mode,
      before: movement!.balanceAfter - change,
      after: movement!.balanceAfter,
      change,
      movementId: movement!.id,
    };
  });
  const result = await withTenantTx(ctx, adjust);
  // Committed: a low-stock alert goes out now, not at the next sweep.
  kickOutbox();
  return result;
}
