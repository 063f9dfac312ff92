// Cancel a stocktake that has not been booked (STARTED or COUNTED → CANCELLED; docs/architecture.md §5 "Stocktake
// documents"): nothing is booked, the counts stay on the document for the record, and the location is free for a new
// stocktake. Managers and admins, at the version they saw.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { checkStocktakeStep, checkStocktakeVersion, lockStocktake } from "./lock-stocktake";
import { stocktakeIdSchema, stocktakeVersionSchema } from "./stocktake-fields";

export const cancelStocktakeSchema = z
  .object({ stocktakeId: stocktakeIdSchema, version: stocktakeVersionSchema })
  .strict();

export interface StocktakeCancelled {
  id: string;
  number: number;
  version: number;
}

export async function cancelStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeCancelled> {
  const { stocktakeId, version } = parseInput(cancelStocktakeSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden("Only managers and admins cancel stocktakes.");
  return withTenantTx(ctx, async (tx) => {
    const stocktake = await lockStocktake(tx, ctx, stocktakeId, "update");
    await checkStocktakeVersion(tx, ctx, stocktake, version);
    checkStocktakeStep(ctx, stocktake, "cancel");
    await tx.$executeRaw`
      UPDATE stocktakes
         SET status = 'CANCELLED', cancelled_by = ${ctx.userId}::uuid, cancelled_at = now(), version = version + 1,
             updated_at = now()
       WHERE company_id = ${ctx.companyId}::uuid AND id = ${stocktakeId}::uuid`;
    await recordAudit(tx, ctx, {
      action: "stocktake.cancelled",
      entityType: "stocktake",
      entityId: stocktakeId,
      before: { status: stocktake.status },
      after: { number: stocktake.number, locationId: stocktake.locationId, locationName: stocktake.locationName },
    });
    // Pages showing the stocktake refresh (its progress, its status) for everyone counting it.
    await publishEvent(tx, ctx, { type: "stocktake.changed", stocktakeId });
    return { id: stocktakeId, number: stocktake.number, version: stocktake.version + 1 };
  });
}
