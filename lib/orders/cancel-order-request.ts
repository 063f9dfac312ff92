// Cancelling: the requester while the request is pending, a manager or admin while it is pending or approved.
// Cancelling an approved customer order releases its reservation in the same transaction.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { releaseStock } from "../stock/reserve-stock";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition } from "./commit-order-transition";
import { lockOrderRequest } from "./lock-order-request";
import { outstandingLines } from "./order-quantities";
import { decisionNoteSchema, orderIdSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { kickOutbox } from "../email/outbox-runner";

export const cancelSchema = z
  .object({ orderId: orderIdSchema, version: versionSchema, note: decisionNoteSchema })
  .strict();

export async function cancelOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note } = parseInput(cancelSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "cancel", version);
    // What the approval reserved: the approved quantities (a line approved at 0 holds nothing).
    const reserved = outstandingLines(order.lines);
    const releases = order.status === "APPROVED" && order.type === "CUSTOMER_ORDER" && reserved.length > 0;
    if (releases) await releaseStock(tx, ctx, order.locationId, reserved);
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "cancel",
      next: "CANCELLED",
      note,
      data: { cancelledById: ctx.userId, cancelledAt: new Date() },
      details: releases ? { released: reserved } : undefined,
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
