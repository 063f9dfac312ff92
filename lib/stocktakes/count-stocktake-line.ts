// Count one product on a stocktake document (docs/architecture.md §5 "Stocktake documents"): each count is its own
// short transaction, so several people count one location at once, each on a phone, and a count is saved the moment
// it is made. Exactly once per client operation id (lib/stock/stock-operation.ts): a double tap or a replay after a
// dropped connection returns the first answer and counts nothing again.
//
// The snapshot: the line's `expected` is the ledger's on hand for the product at the location, read under the stock
// row's lock (lib/stock/lock-stock-levels.ts) at the moment of this count — the point in the ledger the count
// stands for. Booking applies counted − expected, so stock that moves after the count is kept.
//
// Two people counting the same product: the stock row's lock puts their counts in order, and the later count replaces
// the earlier one, its snapshot with it (a count is the whole quantity of the product at the location, not one
// shelf's share). The answer says whose count it replaced.
//
// Lock order: the stocktake (FOR SHARE: counts run side by side; finishing, booking and cancelling wait for them) →
// the location (KEY SHARE) → the product (KEY SHARE) → its stock row → the line.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { findStockProducts } from "../stock/find-stock-products";
import { lockStockLevels, stockKey } from "../stock/lock-stock-levels";
import { lockStockLocations } from "../stock/lock-stock-locations";
import { onceStockOperation } from "../stock/stock-operation";
import { knownMemberName } from "../users/known-member-name";
import { checkStocktakeStep, lockStocktake } from "./lock-stocktake";
import {
  countedSchema,
  formatStocktakeNumber,
  idempotencyKeySchema,
  productIdSchema,
  recountState,
  stocktakeIdSchema,
} from "./stocktake-fields";
import { countShown, expectedRevealed } from "./stocktake-rules";

export const countStocktakeLineSchema = z
  .object({
    operationId: idempotencyKeySchema,
    stocktakeId: stocktakeIdSchema,
    productId: productIdSchema,
    counted: countedSchema,
  })
  .strict();

export interface StocktakeCounted {
  stocktakeId: string;
  number: number;
  product: { id: string; sku: string; name: string; unit: string };
  counted: number;
  /** When the count was saved (ISO 8601: the answer is stored for replays as JSON). */
  countedAt: string;
  /** Whether this was the recount of a line flagged when counting finished. */
  recount: boolean;
  /**
   * The count this one replaced — someone else's, or the caller's own ("you") — or null for the line's first count.
   * Its quantity is left out of a blind stocktake's recount, which is made afresh.
   */
  replaced: { by: string; counted: number | null } | null;
  /** The ledger's on hand at the moment of this count, and counted − that: null where expected quantities are hidden. */
  expected: number | null;
  difference: number | null;
}

interface LineRow {
  counted: number | null;
  counted_by: string | null;
  recount: string;
}

export async function countStocktakeLine(ctx: TenantContext, input: unknown): Promise<StocktakeCounted> {
  const { operationId, stocktakeId, productId, counted } = parseInput(countStocktakeLineSchema, input);
  if (!can(ctx.role, "stocktakes.count")) throw AppError.forbidden();
  const claim = { operationId, kind: "STOCKTAKE_COUNT", payload: { stocktakeId, productId, counted } } as const;
  return withTenantTx(
    ctx,
    onceStockOperation(ctx, claim, async (tx) => {
      const stocktake = await lockStocktake(tx, ctx, stocktakeId, "share");
      checkStocktakeStep(ctx, stocktake, "count");
      const locationId = stocktake.locationId;
      await lockStockLocations(tx, ctx, [locationId]);
      const product = (await findStockProducts(tx, ctx, [productId])).get(productId)!;
      const levels = await lockStockLevels(tx, ctx, [{ productId, locationId, counted }]);
      const expected = levels.get(stockKey(productId, locationId))!.onHand;

      // Read after the stock row's lock: a count of the same product that committed while this one waited is seen.
      const [line] = await tx.$queryRaw<LineRow[]>`
        SELECT counted, counted_by::text, recount FROM stocktake_lines
         WHERE company_id = ${ctx.companyId}::uuid AND stocktake_id = ${stocktakeId}::uuid
           AND product_id = ${productId}::uuid
           FOR UPDATE`;
      const recount = line ? recountState(line.recount) : "NONE";
      if (stocktake.status === "COUNTED" && recount === "NONE") {
        throw new AppError(
          "INVALID_TRANSITION",
          `Counting on ${formatStocktakeNumber(stocktake.number)} has finished: only the lines flagged for recount can be counted now.`,
        );
      }
      const [saved] = await tx.$queryRaw<{ counted_at: Date }[]>`
        INSERT INTO stocktake_lines (company_id, stocktake_id, product_id, counted, expected, counted_by, counted_at)
        VALUES (${ctx.companyId}::uuid, ${stocktakeId}::uuid, ${productId}::uuid, ${counted}, ${expected},
                ${ctx.userId}::uuid, now())
        ON CONFLICT (company_id, stocktake_id, product_id) DO UPDATE
          SET counted = EXCLUDED.counted, expected = EXCLUDED.expected, counted_by = EXCLUDED.counted_by,
              counted_at = EXCLUDED.counted_at,
              recount = CASE WHEN stocktake_lines.recount = 'REQUESTED' THEN 'DONE' ELSE stocktake_lines.recount END
        RETURNING counted_at`;

      const previous = line && line.counted !== null ? line : null;
      const replaced = previous && {
        by: await knownMemberName(tx, ctx, previous.counted_by),
        counted: countShown(stocktake, { recount }) ? previous.counted : null,
      };
      const isRecount = stocktake.status === "COUNTED";
      // The audit names what was counted and whose count it replaced, never the expected quantity (a blind stocktake's
      // is kept from everyone until booked; the booking's entry holds the movements).
      await recordAudit(tx, ctx, {
        action: isRecount ? "stocktake.recounted" : "stocktake.counted",
        entityType: "stocktake",
        entityId: stocktakeId,
        after: {
          number: stocktake.number,
          locationId,
          locationName: stocktake.locationName,
          productId,
          name: product.name,
          sku: product.sku,
          counted,
          ...(previous && { replacedCount: previous.counted, replacedBy: previous.counted_by }),
        },
      });
      // Pages showing the stocktake refresh (its progress, its status) for everyone counting it.
      await publishEvent(tx, ctx, { type: "stocktake.changed", stocktakeId });
      const revealed = expectedRevealed(stocktake);
      return {
        stocktakeId,
        number: stocktake.number,
        product: { id: productId, sku: product.sku, name: product.name, unit: product.unit },
        counted,
        countedAt: saved!.counted_at.toISOString(),
        recount: isRecount,
        replaced,
        expected: revealed ? expected : null,
        difference: revealed ? counted - expected : null,
      };
    }),
  );
}
