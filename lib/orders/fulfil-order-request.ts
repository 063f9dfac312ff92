// A manager or admin fulfils an approved request — everything still to come, or part of it (docs/architecture.md §6):
// a delivery received in several parts, or what is on the shelf now with the rest kept as a backorder. In one
// transaction the request is locked and checked, then the ledger moves the stock — a restock is received at the
// request's location, a customer order ships from it — locking the stock rows in sorted order and refusing the whole
// fulfilment, naming the product, when any line is short; a customer order's reservation is released by what shipped;
// each line's fulfilled quantity rises by what moved; the request becomes FULFILLED, or PARTIALLY_FULFILLED while
// something approved is still to come, with one audit row (the ledger's, listing the movements), a live-update event
// and the requester's email. The movements carry the request's id, so the ledger says which request moved the stock.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { applyStockMovements } from "../stock/apply-stock-movements";
import { releaseStock } from "../stock/reserve-stock";
import { findStockProducts } from "../stock/find-stock-products";
import { lockStockLevels } from "../stock/lock-stock-levels";
import { lockStockLocations } from "../stock/lock-stock-locations";
import { findShortfalls, shortFulfilmentMessage } from "../stock/shortage";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition, transitionAudit } from "./commit-order-transition";
import { lockOrderRequest, type LockedOrder } from "./lock-order-request";
import {
  leavesBackorder,
  lineQuantitiesSchema,
  outstanding,
  outstandingLines,
  planFulfilment,
  type FulfilmentPlan,
} from "./order-quantities";
import { writeLineQuantities } from "./write-line-quantities";
import { decisionNoteSchema, orderIdSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { kickOutbox } from "../email/outbox-runner";

export const fulfilSchema = z
  .object({
    orderId: orderIdSchema,
    version: versionSchema,
    note: decisionNoteSchema,
    /** What moves now per product (lines left out move nothing); without it, everything still to come. */
    quantities: lineQuantitiesSchema.optional(),
  })
  .strict();

/**
 * A line that cannot ship because a stocktake counted fewer than approved orders reserve is refused with that
 * explanation (the ledger would only say "not enough"). The rows are locked as the ledger locks them — location,
 * then stock rows in key order — so what is explained is what the ledger would find.
 */
async function refuseShortLines(tx: TenantTx, ctx: TenantContext, order: LockedOrder, moves: Move[], timeZone: string) {
  // In the lock order (./lock-order-request.ts): the location, the products, then the stock rows, as the ledger takes
  // them after this; stock rows first would have the ledger go back for the products while holding them.
  await lockStockLocations(tx, ctx, [order.locationId]);
  await findStockProducts(
    tx,
    ctx,
    moves.map((line) => line.productId),
  );
  const keys = moves.map((line) => ({ productId: line.productId, locationId: order.locationId, counted: 0 }));
  await lockStockLevels(tx, ctx, keys);
  const shortfalls = await findShortfalls(
    tx,
    ctx.companyId,
    order.locationId,
    moves.map((line) => line.productId),
  );
  for (const line of moves) {
    const shortfall = shortfalls.get(line.productId);
    if (shortfall && shortfall.onHand < line.quantity) {
      throw new AppError("INSUFFICIENT_STOCK", shortFulfilmentMessage(shortfall, line.quantity, timeZone));
    }
  }
}

type Move = FulfilmentPlan["moves"][number];

/** What is still to come on each line once `moves` are fulfilled. */
function outstandingLinesAfter(order: LockedOrder, moves: Move[]) {
  const moving = new Map(moves.map((move) => [move.productId, move.quantity]));
  return outstandingLines(
    order.lines.map((line) => ({
      ...line,
      fulfilledQuantity: line.fulfilledQuantity + (moving.get(line.productId) ?? 0),
    })),
  );
}

export async function fulfilOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note, quantities } = parseInput(fulfilSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    // The version and the status first: a stale or finished request is a CONFLICT or a refusal, not a quantity error.
    // Whether a backorder stays (which of the two statuses comes next) needs only the quantities asked for.
    const { company, next } = await checkOrderTransition(
      tx,
      ctx,
      order,
      "fulfil",
      version,
      leavesBackorder(order.lines, quantities),
    );
    const plan = planFulfilment(order.lines, quantities);
    const outgoing = order.type === "CUSTOMER_ORDER";
    if (outgoing) await refuseShortLines(tx, ctx, order, plan.moves, company.timeZone);
    const before = new Map(order.lines.map((line) => [line.productId, outstanding(line)]));
    const priceOf = new Map(order.lines.map((line) => [line.productId, line.unitPrice]));
    const moved = plan.moves.map((move) => ({ ...move, left: before.get(move.productId)! - move.quantity }));
    const write = {
      event: "fulfil",
      next: next as "FULFILLED" | "PARTIALLY_FULFILLED",
      note,
      // Lines with something still to come after this one: the backorder.
      details: plan.leavesBackorder ? { backorder: outstandingLinesAfter(order, plan.moves) } : undefined,
    } as const;
    await applyStockMovements(tx, ctx, {
      changes: plan.moves.map((line) => ({
        productId: line.productId,
        locationId: order.locationId,
        quantity: outgoing ? -line.quantity : line.quantity,
        reason: outgoing ? "SHIPPED" : "RECEIVED",
        // The stock shipped is the stock this order reserved: only going below zero is refused.
        guard: "onHand",
        orderId: order.id,
        // The request itself is the movement's order: its number is shown from there, the note is the note.
        note: note?.slice(0, 500) ?? null,
        // A restock arrives at its line's price, which moves the product's moving-average cost (§5).
        ...(!outgoing && { unitCost: priceOf.get(line.productId)! }),
      })),
      audit: transitionAudit(order, write),
    });
    if (outgoing) await releaseStock(tx, ctx, order.locationId, plan.moves);
    await writeLineQuantities(tx, ctx, order.id, "fulfilled", plan.moves);
    const verb = outgoing ? "shipped" : "received";
    const committed = await commitOrderTransition(tx, ctx, order, company, {
      ...write,
      data: { fulfilledById: ctx.userId, fulfilledAt: new Date() },
      auditedByLedger: true,
      // A fulfilment that is not the whole request in one go says line by line what moved and what is still to come.
      lineNotes:
        plan.leavesBackorder || order.status === "PARTIALLY_FULFILLED"
          ? moved.map((move) => ({
              productId: move.productId,
              describe: ({ name, sku, unit }) =>
                `${name} (${sku}): ${move.quantity} ${unit} ${verb}${move.left > 0 ? `, ${move.left} still to come` : ""}`,
            }))
          : undefined,
    });
    return { id: order.id, number: order.number, ...committed };
  });
  // Committed: the requester (and any low-stock alert) goes out now, not at the next sweep.
  kickOutbox();
  return result;
}
