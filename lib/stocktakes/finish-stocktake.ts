// Finish counting (STARTED → COUNTED; docs/architecture.md §5 "Stocktake documents"): managers and admins close the
// count. Every counted line whose difference from its snapshot is above the stocktake's threshold is flagged for
// recount (stocktake-rules.ts, needsRecount); booking waits until each flagged line is recounted. Lines nobody counted
// stay on the document as "not counted" and book nothing: their stock is left as it is. The version the person saw
// makes this exactly once (a double tap's second send is a CONFLICT saying who finished it).
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
import { needsRecount } from "./stocktake-rules";

export const finishStocktakeSchema = z
  .object({ stocktakeId: stocktakeIdSchema, version: stocktakeVersionSchema })
  .strict();

export interface StocktakeFinished {
  id: string;
  number: number;
  version: number;
  counted: number;
  notCounted: number;
  /** How many lines were flagged for recount, and the first of them by name. */
  flagged: number;
  flaggedLines: { productId: string; sku: string; name: string }[];
}

/** Flagged lines named in the answer; the recount view lists them all. */
const NAMED_FLAGGED = 20;

export async function finishStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeFinished> {
  const { stocktakeId, version } = parseInput(finishStocktakeSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden("Only managers and admins finish counting.");
  return withTenantTx(ctx, async (tx) => {
    const stocktake = await lockStocktake(tx, ctx, stocktakeId, "update");
    await checkStocktakeVersion(tx, ctx, stocktake, version);
    checkStocktakeStep(ctx, stocktake, "finish");
    // No count can change under the stocktake's lock: the lines are read once, judged by the one rule, flagged by id.
    const lines = await tx.$queryRaw<
      { product_id: string; sku: string; name: string; counted: number | null; expected: number | null }[]
    >`
      SELECT l.product_id::text, p.sku, p.name, l.counted, l.expected
        FROM stocktake_lines l
        JOIN products p ON p.company_id = l.company_id AND p.id = l.product_id
       WHERE l.company_id = ${ctx.companyId}::uuid AND l.stocktake_id = ${stocktakeId}::uuid
       ORDER BY lower(p.name), p.sku, p.id`;
    const counted = lines.filter((line) => line.counted !== null && line.expected !== null);
    if (counted.length === 0) {
      throw new AppError("VALIDATION", "Count at least one product before finishing: nothing has been counted yet.");
    }
    const threshold = { units: stocktake.recountUnits, percent: stocktake.recountPercent };
    const flagged = counted.filter((line) =>
      needsRecount({ counted: line.counted!, expected: line.expected! }, threshold),
    );
    if (flagged.length > 0) {
      await tx.$executeRaw`
        UPDATE stocktake_lines SET recount = 'REQUESTED', flagged_count = counted
         WHERE company_id = ${ctx.companyId}::uuid AND stocktake_id = ${stocktakeId}::uuid
           AND product_id = ANY(${flagged.map((line) => line.product_id)}::uuid[])`;
    }
    await tx.$executeRaw`
      UPDATE stocktakes
         SET status = 'COUNTED', finished_by = ${ctx.userId}::uuid, finished_at = now(), version = version + 1,
             updated_at = now()
       WHERE company_id = ${ctx.companyId}::uuid AND id = ${stocktakeId}::uuid`;
    const notCounted = lines.length - counted.length;
    await recordAudit(tx, ctx, {
      action: "stocktake.finished",
      entityType: "stocktake",
      entityId: stocktakeId,
      after: {
        number: stocktake.number,
        locationId: stocktake.locationId,
        locationName: stocktake.locationName,
        counted: counted.length,
        notCounted,
        flagged: flagged.length,
      },
    });
    // Pages showing the stocktake refresh (its progress, its status) for everyone counting it.
    await publishEvent(tx, ctx, { type: "stocktake.changed", stocktakeId });
    return {
      id: stocktakeId,
      number: stocktake.number,
      version: stocktake.version + 1,
      counted: counted.length,
      notCounted,
      flagged: flagged.length,
      flaggedLines: flagged
        .slice(0, NAMED_FLAGGED)
        .map((line) => ({ productId: line.product_id, sku: line.sku, name: line.name })),
    };
  });
}
