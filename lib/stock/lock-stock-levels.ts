// For operations that book a counted value ("set to", stocktake): the delta must come from on_hand read under the
// same lock the ledger then updates under, or two people counting at once would both book their difference.
// Rows a positive count needs are created first (as the ledger would), so a concurrent first receipt cannot slip
// in between; then every row is locked in the ledger's own order (product, location), so no deadlocks. The
// ledger's FOR UPDATE on the same rows later in this transaction is a no-op: the lock is already held.
import "server-only";
import { randomUUID } from "node:crypto";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";

export interface CountedKey {
  productId: string;
  locationId: string;
  /** The value to be booked; a row is created for it when it is above zero and none exists. */
  counted: number;
}

export interface LockedStockLevel {
  onHand: number;
  reserved: number;
}

/** (product, location) as PostgreSQL orders uuids: lowercase hex compares the same byte for byte. */
function compareKeys(
  x: { productId: string; locationId: string },
  y: { productId: string; locationId: string },
): number {
  const [px, py] = [x.productId.toLowerCase(), y.productId.toLowerCase()];
  if (px !== py) return px < py ? -1 : 1;
  const [lx, ly] = [x.locationId.toLowerCase(), y.locationId.toLowerCase()];
  return lx < ly ? -1 : lx > ly ? 1 : 0;
}

export const stockKey = (productId: string, locationId: string) => `${productId}:${locationId}`;

/** Locked levels by `productId:locationId`; a key without a row (and a count of zero) reads as 0 on hand. */
export async function lockStockLevels(
  tx: TenantTx,
  ctx: TenantContext,
  keys: CountedKey[],
): Promise<Map<string, LockedStockLevel>> {
  // Created in the ledger's order too, not the caller's (file order, name order): two operations creating the same
  // missing rows in opposite orders would otherwise each wait on the other's uncommitted insert and deadlock.
  const needed = keys.filter((key) => key.counted > 0).sort((x, y) => compareKeys(x, y));
  if (needed.length > 0) {
    await tx.$executeRaw`
      INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
      SELECT k.id, ${ctx.companyId}::uuid, k.product_id, k.location_id, 0, 0, now()
        FROM unnest(${needed.map(() => randomUUID())}::uuid[], ${needed.map((k) => k.productId)}::uuid[],
                    ${needed.map((k) => k.locationId)}::uuid[]) AS k(id, product_id, location_id)
       ORDER BY k.product_id, k.location_id
      ON CONFLICT (company_id, product_id, location_id) DO NOTHING`;
  }
  const rows = await tx.$queryRaw<{ product_id: string; location_id: string; on_hand: number; reserved: number }[]>`
    SELECT s.product_id::text, s.location_id::text, s.on_hand, s.reserved
      FROM stock_levels s
      JOIN unnest(${keys.map((k) => k.productId)}::uuid[], ${keys.map((k) => k.locationId)}::uuid[]) AS k(product_id, location_id)
        ON s.product_id = k.product_id AND s.location_id = k.location_id
     WHERE s.company_id = ${ctx.companyId}::uuid
     ORDER BY s.product_id, s.location_id
       FOR UPDATE OF s`;
  const levels = new Map(
    rows.map((row) => [stockKey(row.product_id, row.location_id), { onHand: row.on_hand, reserved: row.reserved }]),
  );
  for (const key of keys) {
    if (!levels.has(stockKey(key.productId, key.locationId)))
      levels.set(stockKey(key.productId, key.locationId), { onHand: 0, reserved: 0 });
  }
  return levels;
}
