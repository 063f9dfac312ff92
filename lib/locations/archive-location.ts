// Archives a location: it leaves the pickers and no stock may move there until it is restored. Refused while it is
// the default, still holds stock, has stock reserved for approved orders, or is named by requests still open —
// pending, approved or partly fulfilled (they could never be approved or fulfilled there) — or by an open stocktake
// document (its booking could never move stock there). Its own reorder points are
// cleared with it. Race-free: the row is locked first, so a stock change
// that references it either finished before the check (and the check sees its stock) or waits until the archive
// committed (and the ledger then refuses the archived location).
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { OPEN_STATUSES_SQL } from "../orders/open-statuses-sql";
import { formatOrderNumber } from "../orders/order-fields";
import { refuseBesideOpenStocktake } from "../stocktakes/refuse-beside-open-stocktake";
import { lockLocation } from "./lock-location";
import { locationIdSchema } from "./location-fields";
import { locationSummarySelect, toLocationSummary, type LocationSummary } from "./location-summary";

// Counted in products: their quantities are in their own units, never added up (docs/architecture.md §5).
const productsOf = (count: number) => `${count.toLocaleString("en-US")} ${count === 1 ? "product" : "products"}`;

export const archiveLocationSchema = z.object({ locationId: locationIdSchema }).strict();

export async function archiveLocation(ctx: TenantContext, input: unknown): Promise<LocationSummary> {
  const { locationId } = parseInput(archiveLocationSchema, input);
  if (!can(ctx.role, "locations.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const location = await lockLocation(tx, ctx, locationId, "update");
    if (location.archived) return location;
    if (location.isDefault) {
      throw new AppError(
        "CONFLICT",
        `${location.name} is the default location: make another location the default first.`,
      );
    }
    const [held] = await tx.$queryRaw<{ products: number; reserved_products: number }[]>`
      SELECT count(*) FILTER (WHERE on_hand > 0)::int AS products,
             count(*) FILTER (WHERE reserved > 0)::int AS reserved_products
        FROM stock_levels
       WHERE company_id = ${ctx.companyId}::uuid AND location_id = ${locationId}::uuid
         AND (on_hand > 0 OR reserved > 0)`;
    if (held && held.products > 0) {
      throw new AppError(
        "CONFLICT",
        `${location.name} still holds stock of ${productsOf(held.products)}: transfer it elsewhere or count it out first.`,
      );
    }
    // Approved orders still expect to ship from here (even when a stocktake counted it out): archiving would strand them.
    if (held && held.reserved_products > 0) {
      throw new AppError(
        "CONFLICT",
        `${location.name} has stock of ${productsOf(held.reserved_products)} reserved for approved orders: fulfil or cancel those orders first.`,
      );
    }
    // Requests still to be decided or fulfilled here: approving a customer order or fulfilling any request needs an
    // active location. The three lowest numbers are named so the person can find them.
    const [open] = await tx.$queryRaw<{ count: number; numbers: number[] | null }[]>`
      SELECT count(*)::int AS count,
             (array_agg(number ORDER BY number))[1:3] AS numbers
        FROM order_requests
       WHERE company_id = ${ctx.companyId}::uuid AND location_id = ${locationId}::uuid
         AND status IN ${OPEN_STATUSES_SQL}`;
    if (open && open.count > 0) {
      const named = (open.numbers ?? []).map(formatOrderNumber).join(", ");
      const more = open.count > 3 ? ` and ${open.count - 3} more` : "";
      throw new AppError(
        "CONFLICT",
        `${location.name} has ${open.count} open ${open.count === 1 ? "request" : "requests"} (${named}${more}): fulfil, reject or cancel ${open.count === 1 ? "it" : "them"} first.`,
      );
    }
    await refuseBesideOpenStocktake(tx, ctx, [locationId], "book or cancel it before archiving the location");
    const updated = await tx.location.update({
      where: { id: locationId },
      data: { archivedAt: new Date() },
      select: locationSummarySelect,
    });
    // Its own reorder points go with it: an empty shelf nobody stocks any more is not "low here" (lib/stock/low-stock.ts),
    // and an archived location's point could no longer be cleared. The totals' count of low locations follows.
    const cleared = await tx.$executeRaw`
      UPDATE stock_levels SET reorder_point = NULL, updated_at = now()
       WHERE company_id = ${ctx.companyId}::uuid AND location_id = ${locationId}::uuid AND reorder_point IS NOT NULL`;
    await recordAudit(tx, ctx, {
      action: "location.archived",
      entityType: "location",
      entityId: locationId,
      before: { name: location.name, archived: false },
      after: { name: location.name, archived: true, ...(cleared > 0 && { reorderPointsCleared: cleared }) },
    });
    await publishEvent(tx, ctx, { type: "location.changed", locationId });
    return toLocationSummary(updated);
  });
}
