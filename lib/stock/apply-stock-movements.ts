// The only way stock changes (docs/architecture.md §5): every change to on_hand goes through here, in the caller's
// transaction. For a set of product × location changes it
//   1. locks the locations against archiving (FOR KEY SHARE), then the products' keys in id order
//      (./find-stock-products.ts), then the affected stock rows in one fixed order (sorted keys), so two operations
//      over the same rows —
//      a transfer A→B and one B→A, two fulfilments listing products in opposite orders — never deadlock;
//   2. refuses the whole operation if any result would go below zero, or (for stock leaving, where the guard is
//      "available") below the reserved quantity, naming the product, the location and what is available — or
//      above MAX_QUANTITY, so on_hand never overflows;
//   3. applies one conditional UPDATE (on_hand + delta, re-checking the guard in SQL: never a blind write of a
//      value read earlier) and checks it touched every row;
//   4. works out the moving-average cost of the products that receipts at a cost raise (docs/architecture.md §5
//      "Moving-average cost") and each product's change of value at it (§8 "Reports"), under the totals-row locks the
//      UPDATE's trigger has just taken;
//   5. appends the movements with their balance after and, on those receipts, the new average (adding them to the
//      dashboard's daily rollups: ../dashboard/stock-movement-days.ts; a trigger copies the average to the product's
//      totals row), one audit row and one live-update event;
//   6. alerts the managers about products it took to their reorder point (./alert-low-stock.ts).
// Set-based: a 10k-row import or a stocktake of a whole warehouse is a handful of statements, not 30k.
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import type { TenantContext } from "../context";
import { lockRollups, upsertDayTotalsSql, upsertMovementDaysSql } from "../dashboard/stock-movement-days";
import { Prisma } from "../db/generated/client";
import type { MovementReason } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { publishEvent } from "../events/publish-event";
import { alertLowStock, type StockRowChange } from "./alert-low-stock";
import { findStockProducts } from "./find-stock-products";
import { MAX_QUANTITY } from "./quantity";

/**
 * "available" (adjustments, transfers): the result may not go below what approved orders have reserved.
 * "onHand" (stocktake, which books the counted truth; fulfilment, which ships reserved stock): only below zero.
 */
export type StockGuard = "available" | "onHand";

export interface StockChange {
  productId: string;
  locationId: string;
  /** Signed, non-zero, whole. */
  quantity: number;
  reason: MovementReason;
  guard?: StockGuard;
  orderId?: string | null;
  note?: string | null;
  /**
   * What one unit of a receipt cost, as decimal text ("7.25"): the movement records it and it moves the product's
   * moving-average cost. Only stock coming in carries one (a restock received at its line's price, a new product's
   * opening stock); without it the movement records today's cost price and leaves the average as it is.
   */
  unitCost?: string;
}

export interface StockOperation {
  changes: StockChange[];
  /** The audit entry describing the whole operation (the movements are added to its `after`). */
  audit: {
    action: string;
    entityType: string;
    entityId: string | null;
    before?: Record<string, unknown>;
    after?: Record<string, unknown>;
  };
}

export interface AppliedMovement {
  id: string;
  productId: string;
  locationId: string;
  quantity: number;
  balanceAfter: number;
  reason: MovementReason;
}

interface LockedLevel {
  id: string;
  product_id: string;
  location_id: string;
  on_hand: number;
  reserved: number;
}

const AUDITED_MOVEMENTS = 50;
/** Changes per live-update event: 2 × 80 ids of 39 bytes stay well inside PostgreSQL's 8000-byte NOTIFY limit. */
const EVENT_CHUNK = 80;

const keyOf = (change: { productId: string; locationId: string }) => `${change.productId}:${change.locationId}`;

function assertWellFormed(changes: StockChange[]): void {
  const keys = new Set<string>();
  for (const change of changes) {
    if (!Number.isSafeInteger(change.quantity) || change.quantity === 0 || Math.abs(change.quantity) > MAX_QUANTITY) {
      throw new Error(`A stock change must be a non-zero whole number within bounds, got ${change.quantity}`);
    }
    if (keys.has(keyOf(change))) throw new Error(`One change per product × location per operation (${keyOf(change)})`);
    keys.add(keyOf(change));
    if (change.unitCost !== undefined && (change.quantity < 0 || !/^\d{1,10}(\.\d{1,2})?$/.test(change.unitCost))) {
      throw new Error(`Only stock coming in carries a unit cost (0 or more, two decimals), got ${change.unitCost}`);
    }
  }
  // A product received at a cost only gains stock in its operation: its total after the operation, less what the
  // receipts brought, is then the stock the average stood for (step 4 above), and the totals
  // row the average is written to is one the stock UPDATE locked (its net change is not nothing).
  const costed = new Set(changes.filter((c) => c.unitCost !== undefined).map((c) => c.productId));
  const leaving = changes.find((c) => c.quantity < 0 && costed.has(c.productId));
  if (leaving)
    throw new Error(`A product received at a cost cannot also leave in the same operation (${leaving.productId})`);
}

interface ProductValuation {
  /** The product's moving-average cost after this operation, where receipts at a cost raise it; else null. */
  averageCost: string | null;
  /** What this operation changed the product's value at the moving average by (decimal text). */
  valueChange: string;
  /** The created_at of the product's latest movement when it is later than this operation's (see below). */
  crossedUntil: string | null;
}

/**
 * Per product of the operation, read after the stock UPDATE, whose trigger holds the totals rows of every product
 * whose stock this operation changes until commit (a product whose movements net to nothing changes no value):
 *   * the moving-average cost after this operation of each product that receipts at a cost raise, per product over
 *     all its locations (docs/architecture.md §5): (stock before × average before + Σ quantity × cost) / stock after,
 *     rounded to four decimals, where the stock before is the product's total now (the UPDATE has applied this
 *     operation) less what the receipts brought, and a product without an average yet counts that stock at today's
 *     cost price. A concurrent receipt of the same product waits for this one and then reads the average it leaves,
 *     so concurrent receipts end where serial ones do;
 *   * the change of its value at the moving average, on hand × (average, or today's cost price without one) after
 *     less before: the valuation total of a past day subtracts these (lib/reports/valuation-query.ts);
 *   * crossedUntil: an operation that started earlier than one already applied to the product (its created_at, the
 *     transaction's start, is earlier) has crossed it; the valuation values the product from the ledger for the days
 *     in between — and for good after a receipt at a cost that crossed, whose average the product's later receipts
 *     at a cost may have been worked out without.
 */
async function valueProducts(
  tx: TenantTx,
  companyId: string,
  changes: StockChange[],
): Promise<Map<string, ProductValuation>> {
  const rows = await tx.$queryRaw<
    { product_id: string; average_cost: string | null; value_change: string; crossed_until: string | null }[]
  >`
    SELECT t.product_id::text, a.average_cost::text,
           (t.on_hand * coalesce(a.average_cost, t.average_cost, t.cost_price)
            - (t.on_hand - c.quantity) * coalesce(t.average_cost, t.cost_price))::text AS value_change,
           CASE WHEN l.created_at > now()::timestamptz(3)
                THEN CASE WHEN c.received > 0 THEN 'infinity'::timestamptz ELSE l.created_at END END::text AS crossed_until
      FROM (SELECT c.product_id, sum(c.quantity) AS quantity,
                   coalesce(sum(c.quantity) FILTER (WHERE c.unit_cost IS NOT NULL), 0) AS received,
                   sum(c.quantity * c.unit_cost) AS cost
              FROM unnest(${changes.map((c) => c.productId)}::uuid[], ${changes.map((c) => c.quantity)}::int[],
                          ${changes.map((c) => c.unitCost ?? null)}::numeric[]) AS c(product_id, quantity, unit_cost)
             GROUP BY c.product_id) c
      JOIN product_stock_totals t ON t.company_id = ${companyId}::uuid AND t.product_id = c.product_id
     CROSS JOIN LATERAL (
       SELECT CASE WHEN c.received > 0
                   THEN round(((t.on_hand - c.received) * coalesce(t.average_cost, t.cost_price) + c.cost) / t.on_hand, 4)
              END AS average_cost) a
      LEFT JOIN LATERAL (
        SELECT m.created_at FROM stock_movements m
         WHERE m.company_id = ${companyId}::uuid AND m.product_id = c.product_id
         ORDER BY m.created_at DESC LIMIT 1) l ON true`;
  return new Map(
    rows.map((row) => [
      row.product_id,
      { averageCost: row.average_cost, valueChange: row.value_change, crossedUntil: row.crossed_until },
    ]),
  );
}

export async function applyStockMovements(
  tx: TenantTx,
  ctx: TenantContext,
  operation: StockOperation,
): Promise<AppliedMovement[]> {
  const changes = [...operation.changes].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  if (changes.length === 0) return [];
  assertWellFormed(changes);

  const productIds = [...new Set(changes.map((c) => c.productId))];
  const locationIds = [...new Set(changes.map((c) => c.locationId))];
  // One query at a time: a transaction is one connection.
  // FOR KEY SHARE: an archive locks the location FOR UPDATE before checking it is empty, so it and this operation
  // cannot interleave (either the archive sees this stock, or this operation sees the location archived).
  const locations = await tx.$queryRaw<{ id: string; name: string; archivedAt: Date | null }[]>`
      SELECT id::text, name, archived_at AS "archivedAt"
        FROM locations
       WHERE company_id = ${ctx.companyId}::uuid AND id = ANY(${locationIds}::uuid[])
       ORDER BY id
         FOR KEY SHARE`;
  const locationById = new Map(locations.map((l) => [l.id, l]));
  if (locationById.size !== locationIds.length) throw AppError.notFound("That location");
  // Then the products' keys, in id order, before any row that references them is written (./find-stock-products.ts).
  const productById = await findStockProducts(tx, ctx, productIds);
  const archived = locations.find((l) => l.archivedAt);
  if (archived) throw new AppError("VALIDATION", `${archived.name} is archived: restore it before moving stock there.`);

  const companyId = ctx.companyId;
  const changeProductIds = changes.map((c) => c.productId);
  const changeLocationIds = changes.map((c) => c.locationId);
  const deltas = changes.map((c) => c.quantity);
  const floors = changes.map((c) => ((c.guard ?? "available") === "available" ? "available" : "onHand"));

  // Incoming stock may start a row; outgoing stock from a missing row is refused below like any shortage.
  const incoming = changes.filter((c) => c.quantity > 0);
  if (incoming.length > 0) {
    await tx.$executeRaw`
      INSERT INTO stock_levels (id, company_id, product_id, location_id, on_hand, reserved, updated_at)
      SELECT i.id, ${companyId}::uuid, i.product_id, i.location_id, 0, 0, now()
        FROM unnest(${incoming.map(() => randomUUID())}::uuid[], ${incoming.map((c) => c.productId)}::uuid[],
                    ${incoming.map((c) => c.locationId)}::uuid[]) AS i(id, product_id, location_id)
      ON CONFLICT (company_id, product_id, location_id) DO NOTHING`;
  }

  const locked = await tx.$queryRaw<LockedLevel[]>`
    SELECT s.id::text, s.product_id::text, s.location_id::text, s.on_hand, s.reserved
      FROM stock_levels s
      JOIN unnest(${changeProductIds}::uuid[], ${changeLocationIds}::uuid[]) AS k(product_id, location_id)
        ON s.product_id = k.product_id AND s.location_id = k.location_id
     WHERE s.company_id = ${companyId}::uuid
     ORDER BY s.product_id, s.location_id
       FOR UPDATE OF s`;
  const levelByKey = new Map(locked.map((l) => [`${l.product_id}:${l.location_id}`, l]));

  for (const [i, change] of changes.entries()) {
    const level = levelByKey.get(keyOf(change));
    const onHand = level?.on_hand ?? 0;
    const reserved = level?.reserved ?? 0;
    const product = productById.get(change.productId)!;
    const location = locationById.get(change.locationId)!;
    if (onHand + change.quantity > MAX_QUANTITY) {
      throw new AppError(
        "VALIDATION",
        `${product.name} (${product.sku}) at ${location.name} would hold ${(onHand + change.quantity).toLocaleString("en-US")}: at most ${MAX_QUANTITY.toLocaleString("en-US")} is allowed.`,
      );
    }
    // Only stock that leaves is held to the reserved floor: receiving where approved orders already exceed what
    // is on hand (after a stocktake booked the counted truth) is exactly what covers them.
    const floor = change.quantity < 0 && floors[i] === "available" ? reserved : 0;
    if (!level || onHand + change.quantity < floor) {
      const available = Math.max(0, onHand - floor);
      const detail = floor > 0 ? ` (${onHand} on hand, ${reserved} reserved for approved orders)` : "";
      throw new AppError(
        "INSUFFICIENT_STOCK",
        `Not enough ${product.name} (${product.sku}) at ${location.name}: ${available} available${detail}, ${-change.quantity} needed.`,
      );
    }
  }

  const updated = await tx.$queryRaw<{ product_id: string; location_id: string; on_hand: number }[]>`
    UPDATE stock_levels s
       SET on_hand = s.on_hand + c.delta, updated_at = now()
      FROM unnest(${changeProductIds}::uuid[], ${changeLocationIds}::uuid[], ${deltas}::int[], ${floors}::text[])
           AS c(product_id, location_id, delta, floor)
     WHERE s.company_id = ${companyId}::uuid AND s.product_id = c.product_id AND s.location_id = c.location_id
       AND s.on_hand + c.delta >= CASE WHEN c.delta < 0 AND c.floor = 'available' THEN s.reserved ELSE 0 END
       AND s.on_hand + c.delta <= ${MAX_QUANTITY}
    RETURNING s.product_id::text, s.location_id::text, s.on_hand`;
  if (updated.length !== changes.length) {
    // Unreachable while the rows are locked; if it ever happens, nothing of this operation may commit.
    throw new Error(`Stock update touched ${updated.length} of ${changes.length} rows`);
  }
  const balanceByKey = new Map(updated.map((u) => [`${u.product_id}:${u.location_id}`, u.on_hand]));
  const valuations = await valueProducts(tx, companyId, changes);

  // One id for the movements of one operation: the two legs of a transfer, the lines of a stocktake or import.
  const batchId = randomUUID();
  const movements = changes.map((change) => ({
    id: randomUUID(),
    productId: change.productId,
    locationId: change.locationId,
    quantity: change.quantity,
    balanceAfter: balanceByKey.get(keyOf(change))!,
    reason: change.reason,
  }));
  // The rollups' generation and time zone, read once for both rollup statements under the company's rollup lock
  // (shared), which also keeps a rebuild's watermark and swap from interleaving with these movements
  // (docs/architecture.md, "Rollups").
  const rollups = await lockRollups(tx, companyId);
  // One statement for any number of movements (Prisma's createMany spends seconds building 10k rows), which also
  // adds them to the dashboard's per-product day rows from the rows as stored (their created_at: the day is the
  // movement's own day in the company's time zone).
  const costs = changes.map((c) => c.unitCost ?? productById.get(c.productId)!.costPrice);
  const averageCosts = changes.map((c) => (c.unitCost === undefined ? null : valuations.get(c.productId)!.averageCost));
  // The product's value change on its first movement of the operation (they share one created_at, so one day).
  const valued = new Set<string>();
  const valueChanges = changes.map((c) => {
    if (valued.has(c.productId)) return "0";
    valued.add(c.productId);
    return valuations.get(c.productId)!.valueChange;
  });
  const crossedUntil = changes.map((c) => valuations.get(c.productId)!.crossedUntil);
  await tx.$executeRaw`
    WITH moved AS (
      INSERT INTO stock_movements
        (id, company_id, product_id, location_id, quantity, balance_after, reason, actor_id, order_id, batch_id, note, unit_cost,
         average_cost, value_change, crossed_until)
      SELECT m.id, ${companyId}::uuid, m.product_id, m.location_id, m.quantity, m.balance_after, m.reason::"MovementReason",
             ${ctx.userId}::uuid, m.order_id, ${batchId}::uuid, m.note, m.unit_cost, m.average_cost, m.value_change,
             m.crossed_until
        FROM unnest(${movements.map((m) => m.id)}::uuid[], ${changeProductIds}::uuid[], ${changeLocationIds}::uuid[], ${deltas}::int[],
                    ${movements.map((m) => m.balanceAfter)}::int[], ${movements.map((m) => m.reason)}::text[],
                    ${changes.map((c) => c.orderId ?? null)}::uuid[], ${changes.map((c) => c.note ?? null)}::text[],
                    ${costs}::numeric[], ${averageCosts}::numeric[], ${valueChanges}::numeric[],
                    ${crossedUntil}::timestamptz[])
          AS m(id, product_id, location_id, quantity, balance_after, reason, order_id, note, unit_cost, average_cost,
               value_change, crossed_until)
      RETURNING product_id, quantity, reason, created_at)
    ${upsertMovementDaysSql(rollups, Prisma.sql`moved`)}`;
  // And to the chart's day totals, in a statement of their own (lock order). The movements' created_at is their
  // column default, the transaction's now() stored to the millisecond: the same instant, so the same day.
  await tx.$executeRaw(
    upsertDayTotalsSql(
      rollups,
      Prisma.sql`(SELECT c.product_id, c.quantity, c.reason, c.value_change, now()::timestamptz(3) AS created_at
                    FROM unnest(${changeProductIds}::uuid[], ${deltas}::int[], ${movements.map((m) => m.reason)}::text[],
                                ${valueChanges}::numeric[])
                      AS c(product_id, quantity, reason, value_change))`,
    ),
  );

  await recordAudit(tx, ctx, {
    action: operation.audit.action,
    entityType: operation.audit.entityType,
    entityId: operation.audit.entityId,
    before: operation.audit.before,
    after: {
      ...operation.audit.after,
      batchId,
      movementCount: movements.length,
      // The movements themselves are in the ledger (by batchId); a small operation's are repeated here to read.
      ...(movements.length <= AUDITED_MOVEMENTS && {
        movements: movements.map((m) => ({
          productId: m.productId,
          locationId: m.locationId,
          quantity: m.quantity,
          balanceAfter: m.balanceAfter,
        })),
      }),
    },
  });
  // Each stock row's net change (an operation may move one row more than once).
  const netByRow = new Map<string, StockRowChange>();
  for (const change of changes) {
    const key = `${change.productId}:${change.locationId}`;
    const row = netByRow.get(key) ?? { productId: change.productId, locationId: change.locationId, quantity: 0 };
    netByRow.set(key, { ...row, quantity: row.quantity + change.quantity });
  }
  await alertLowStock(tx, ctx, [...netByRow.values()]);
  // A NOTIFY payload is capped at 8000 bytes: a large operation is announced in chunks of a few dozen changes.
  for (let start = 0; start < changes.length; start += EVENT_CHUNK) {
    const chunk = changes.slice(start, start + EVENT_CHUNK);
    await publishEvent(tx, ctx, {
      type: "stock.changed",
      productIds: [...new Set(chunk.map((c) => c.productId))],
      locationIds: [...new Set(chunk.map((c) => c.locationId))],
    });
  }
  return movements;
}
