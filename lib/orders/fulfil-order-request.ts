// A manager or admin fulfils an approved request, in one transaction (docs/architecture.md §6): the request is locked and
// checked, then the ledger moves the stock — a restock is received at the request's location, a customer order
// ships from it — locking the stock rows in sorted order and refusing the whole fulfilment, naming the product,
// when any line is short; a customer order's reservation is released; the request becomes FULFILLED with one
// audit row (the ledger's, listing the movements), a live-update event and the requester's email. The movements
// carry the request's id, so the ledger says which request moved the stock.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { applyStockMovements } from "../stock/apply-stock-movements";
import { releaseStock } from "../stock/reserve-stock";
import { lockStockLevels } from "../stock/lock-stock-levels";
import { lockStockLocations } from "../stock/lock-stock-locations";
import { findShortfalls, shortFulfilmentMessage } from "../stock/shortage";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition, transitionAudit } from "./commit-order-transition";
import { lockOrderRequest, type LockedOrder } from "./lock-order-request";
import { decisionNoteSchema, orderIdSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { kickOutbox } from "../email/outbox-runner";

export const fulfilSchema = z
  .object({ orderId: orderIdSchema, version: versionSchema, note: decisionNoteSchema })
  .strict();

/**
 * A line that cannot ship because a stocktake counted fewer than approved orders reserve is refused with that
 * explanation (the ledger would only say "not enough"). The rows are locked as the ledger locks them — location,
 * then stock rows in key order — so what is explained is what the ledger would find.
 */
async function refuseShortLines(tx: TenantTx, ctx: TenantContext, order: LockedOrder, timeZone: string) {
  await lockStockLocations(tx, ctx, [order.locationId]);
  const keys = order.lines.map((line) => ({ productId: line.productId, locationId: order.locationId, counted: 0 }));
  await lockStockLevels(tx, ctx, keys);
  const shortfalls = await findShortfalls(
    tx,
    ctx.companyId,
    order.locationId,
    order.lines.map((line) => line.productId),
  );
  for (const line of order.lines) {
    const shortfall = shortfalls.get(line.productId);
    if (shortfall && shortfall.onHand < line.quantity) {
      throw new AppError("INSUFFICIENT_STOCK", shortFulfilmentMessage(shortfall, line.quantity, timeZone));
    }
  }
}

export async function fulfilOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note } = parseInput(fulfilSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "fulfil", version);
    const outgoing = order.type === "CUSTOMER_ORDER";
    if (outgoing) await refuseShortLines(tx, ctx, order, company.timeZone);
    const write = { event: "fulfil", next: "FULFILLED", note } as const;
    await applyStockMovements(tx, ctx, {
      changes: order.lines.map((line) => ({
        productId: line.productId,
        locationId: order.locationId,
        quantity: outgoing ? -line.quantity : line.quantity,
        reason: outgoing ? "SHIPPED" : "RECEIVED",
        // The stock shipped is the stock this order reserved: only going below zero is refused.
        guard: "onHand",
        orderId: order.id,
        // The request itself is the movement's order: its number is shown from there, the note is the note.
        note: note?.slice(0, 500) ?? null,
      })),
      audit: transitionAudit(order, write),
    });
    if (outgoing) await releaseStock(tx, ctx, order.locationId, order.lines);
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      ...write,
      data: { fulfilledById: ctx.userId, fulfilledAt: new Date() },
      auditedByLedger: true,
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester (and any low-stock alert) goes out now, not at the next sweep.
  kickOutbox();
  return result;
}
