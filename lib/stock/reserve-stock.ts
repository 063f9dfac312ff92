// Reservations: approving a customer order holds its quantities (stock_levels.reserved) so nobody else's
// adjustment, transfer or approval can take them; fulfilling or cancelling it lets them go. Reservations never
// change on_hand, so they write no movements; the caller's transition audits them. Stock rows are locked in the
// ledger's order (product, location) — when reserving, after the location and the products, as every stock
// operation does (./find-stock-products.ts) — so no deadlocks.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { findStockProducts } from "./find-stock-products";
import { lockStockLevels, stockKey } from "./lock-stock-levels";
import { lockStockLocations } from "./lock-stock-locations";

export interface ReservedLine {
  productId: string;
  quantity: number;
}

async function changeReserved(
  tx: TenantTx,
  ctx: TenantContext,
  locationId: string,
  lines: ReservedLine[],
  sign: 1 | -1,
): Promise<void> {
  const productIds = lines.map((line) => line.productId);
  const deltas = lines.map((line) => sign * line.quantity);
  // Reserving needs available stock, and releasing needs the reservation: both re-checked in SQL under the lock.
  const updated = await tx.$executeRaw`
    UPDATE stock_levels s
       SET reserved = s.reserved + c.delta, updated_at = now()
      FROM unnest(${productIds}::uuid[], ${deltas}::int[]) AS c(product_id, delta)
     WHERE s.company_id = ${ctx.companyId}::uuid AND s.location_id = ${locationId}::uuid
       AND s.product_id = c.product_id
       AND s.reserved + c.delta >= 0
       AND (c.delta < 0 OR s.on_hand - s.reserved >= c.delta)`;
  if (updated !== lines.length) {
    // Unreachable while the rows are locked and checked; if it happens, nothing of this transition may commit.
    throw new Error(`Reservation change touched ${updated} of ${lines.length} stock rows`);
  }
  await publishEvent(tx, ctx, { type: "stock.changed", productIds, locationIds: [locationId] });
}

/** Holds each line's quantity at the location, or refuses the whole set naming the first product that is short. */
export async function reserveStock(
  tx: TenantTx,
  ctx: TenantContext,
  locationId: string,
  lines: ReservedLine[],
): Promise<void> {
  const location = (await lockStockLocations(tx, ctx, [locationId])).get(locationId)!;
  const products = await findStockProducts(
    tx,
    ctx,
    lines.map((line) => line.productId),
  );
  const levels = await lockStockLevels(
    tx,
    ctx,
    lines.map((line) => ({ productId: line.productId, locationId, counted: 0 })),
  );
  for (const line of lines) {
    const { onHand, reserved } = levels.get(stockKey(line.productId, locationId))!;
    const available = Math.max(0, onHand - reserved);
    if (available < line.quantity) {
      const product = products.get(line.productId)!;
      const detail = reserved > 0 ? ` (${onHand} on hand, ${reserved} reserved for other approved orders)` : "";
      throw new AppError(
        "INSUFFICIENT_STOCK",
        `Not enough ${product.name} (${product.sku}) at ${location.name} to approve: ${available} available${detail}, ${line.quantity} needed.`,
      );
    }
  }
  await changeReserved(tx, ctx, locationId, lines, 1);
}

/** Lets go of what reserveStock held for these lines (fulfilment ships it; cancelling frees it). */
export async function releaseStock(
  tx: TenantTx,
  ctx: TenantContext,
  locationId: string,
  lines: ReservedLine[],
): Promise<void> {
  await lockStockLevels(
    tx,
    ctx,
    lines.map((line) => ({ productId: line.productId, locationId, counted: 0 })),
  );
  await changeReserved(tx, ctx, locationId, lines, -1);
}
