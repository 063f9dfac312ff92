// Every change to a request starts here: the request row is locked (FOR UPDATE) before anything else, so two people
// acting at once are served one after the other, and the second reads what the first committed. Its lines are read
// here under that lock and written only while it is held (never locked on their own). Locks are then always taken in
// the ledger's order (docs/architecture.md §5 "Lock order, every path") — the location (KEY SHARE,
// lib/stock/lock-stock-locations.ts), the lines' products in id order (KEY SHARE, lib/stock/find-stock-products.ts),
// the stock rows in (product, location) order (lib/stock/lock-stock-levels.ts), then the totals rows and value shards
// their triggers lock — so no two transitions, and no transition and a stock operation or a product import, can
// deadlock. A step may skip a level, never go back to an earlier one. A request the caller may not see (another
// company's, or for staff another person's) is NOT_FOUND, exactly like one that does not exist.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import type { OrderStatus } from "./order-state-machine";
import type { OrderType } from "./order-fields";

export interface LockedOrderLine {
  productId: string;
  /** Requested. */
  quantity: number;
  /** Null until approved (./order-quantities.ts). */
  approvedQuantity: number | null;
  fulfilledQuantity: number;
  /** The line's unit price as decimal text: what a restock is received at (the moving-average cost, §5). */
  unitPrice: string;
}

export interface LockedOrder {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  version: number;
  locationId: string;
  requesterId: string;
  decidedById: string | null;
  decidedAt: Date | null;
  fulfilledById: string | null;
  fulfilledAt: Date | null;
  cancelledById: string | null;
  cancelledAt: Date | null;
  updatedAt: Date;
  /** Sorted by product id: the order the stock rows are locked in. */
  lines: LockedOrderLine[];
}

export async function lockOrderRequest(tx: TenantTx, ctx: TenantContext, orderId: string): Promise<LockedOrder> {
  const ownOnly = !can(ctx.role, "requests.viewAll");
  const [row] = await tx.$queryRaw<Omit<LockedOrder, "lines">[]>`
    SELECT id::text, number, type::text AS type, status::text AS status, version, location_id::text AS "locationId",
           requester_id::text AS "requesterId",
           decided_by_id::text AS "decidedById", decided_at AS "decidedAt",
           fulfilled_by_id::text AS "fulfilledById", fulfilled_at AS "fulfilledAt",
           cancelled_by_id::text AS "cancelledById", cancelled_at AS "cancelledAt", updated_at AS "updatedAt"
      FROM order_requests
     WHERE company_id = ${ctx.companyId}::uuid AND id = ${orderId}::uuid
       AND (${!ownOnly} OR requester_id = ${ctx.userId}::uuid)
       FOR UPDATE`;
  if (!row) throw AppError.notFound("That request");
  const lines = await tx.orderLine.findMany({
    where: { orderId },
    select: { productId: true, quantity: true, approvedQuantity: true, fulfilledQuantity: true, unitPrice: true },
    orderBy: { productId: "asc" },
  });
  return { ...row, lines: lines.map((line) => ({ ...line, unitPrice: line.unitPrice.toFixed(2) })) };
}
