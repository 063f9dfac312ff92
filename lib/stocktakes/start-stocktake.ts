// Start a stocktake document at one location (docs/architecture.md §5 "Stocktake documents"): managers and admins
// choose the location, whether it is blind, and when a line is recounted. Its number comes from the company's
// stocktakes under an advisory lock (two starts at once never draw the same one), and one location has at most one
// open stocktake: a second start there — a double tap included — is a CONFLICT naming the open one. Every product
// with stock recorded there becomes a line to count; a product found on the shelf but not listed is added when it is
// counted.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { lockStockLocations } from "../stock/lock-stock-locations";
import { formatStocktakeNumber, locationIdSchema, recountPercentSchema, recountUnitsSchema } from "./stocktake-fields";

export const startStocktakeSchema = z
  .object({
    locationId: locationIdSchema,
    blind: z.boolean({ error: "Blind: choose whether counters see what is expected." }),
    recountUnits: recountUnitsSchema,
    recountPercent: recountPercentSchema,
  })
  .strict();

export interface StocktakeStarted {
  id: string;
  number: number;
  location: { id: string; name: string };
  /** The products listed to count: those with stock recorded at the location. */
  lines: number;
}

export async function startStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeStarted> {
  const { locationId, blind, recountUnits, recountPercent } = parseInput(startStocktakeSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden("Only managers and admins start stocktakes.");
  return withTenantTx(ctx, async (tx) => {
    // Numbers are drawn one start at a time per company; the open check below then sees every start before it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stockflow.stocktake-number:${ctx.companyId}`}, 0))`;
    const location = (await lockStockLocations(tx, ctx, [locationId])).get(locationId)!;
    const [open] = await tx.$queryRaw<{ id: string; number: number }[]>`
      SELECT id::text, number FROM stocktakes
       WHERE company_id = ${ctx.companyId}::uuid AND location_id = ${locationId}::uuid
         AND status IN ('STARTED', 'COUNTED')`;
    if (open) {
      const message = `${formatStocktakeNumber(open.number)} is already open at ${location.name}: count in it, or cancel it first.`;
      throw new AppError("CONFLICT", message, { locationId: [message] });
    }
    const [next] = await tx.$queryRaw<{ number: number }[]>`
      SELECT coalesce(max(number), 0)::int + 1 AS number FROM stocktakes WHERE company_id = ${ctx.companyId}::uuid`;
    const stocktake = await tx.stocktake.create({
      data: {
        companyId: ctx.companyId,
        number: next!.number,
        locationId,
        blind,
        recountUnits,
        recountPercent,
        createdById: ctx.userId,
      },
      select: { id: true, number: true },
    });
    // The location's stock rows, in product id order (each line's foreign key takes its product's KEY SHARE lock in
    // the project's order). An archived product is listed only while it still holds stock here.
    const lines = await tx.$executeRaw`
      INSERT INTO stocktake_lines (company_id, stocktake_id, product_id)
      SELECT s.company_id, ${stocktake.id}::uuid, s.product_id
        FROM stock_levels s
        JOIN products p ON p.company_id = s.company_id AND p.id = s.product_id
       WHERE s.company_id = ${ctx.companyId}::uuid AND s.location_id = ${locationId}::uuid
         AND (NOT p.archived OR s.on_hand > 0)
       ORDER BY s.product_id`;
    await recordAudit(tx, ctx, {
      action: "stocktake.started",
      entityType: "stocktake",
      entityId: stocktake.id,
      after: {
        number: stocktake.number,
        locationId,
        locationName: location.name,
        blind,
        recountUnits,
        recountPercent,
        lines,
      },
    });
    // Pages showing the stocktake refresh (its progress, its status) for everyone counting it.
    await publishEvent(tx, ctx, { type: "stocktake.changed", stocktakeId: stocktake.id });
    return { id: stocktake.id, number: stocktake.number, location, lines };
  });
}
