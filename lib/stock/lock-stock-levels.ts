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

export const stockKey = (productId: string, locationId: string) => `${productId}:${locationId}`;

/** Locked levels by `productId:locationId`; a key without a row (and a count of zero) reads as 0 on hand. */
export async function lockStockLevels(
  tx: TenantTx,
  ctx: TenantContext,
  keys: CountedKey[],
): Promise<Map<string, LockedStockLevel>> {
  const needed = keys.filter((key) => key.counted > 0);
  if (needed.length > 0) {
    await tx.$executeRaw`
      INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
      SELECT k.id, ${ctx.companyId}::uuid, k.product_id, k.location_id, 0, 0, now()
        FROM unnest(${needed.map(() => randomUUID())}::uuid[], ${needed.map((k) => k.productId)}::uuid[],
                    ${needed.map((k) => k.locationId)}::uuid[]) AS k(id, product_id, location_id)
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
