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
    const releases = order.status === "APPROVED" && order.type === "CUSTOMER_ORDER";
    if (releases) await releaseStock(tx, ctx, order.locationId, order.lines);
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "cancel",
      next: "CANCELLED",
      note,
      data: { cancelledById: ctx.userId, cancelledAt: new Date() },
      details: releases ? { released: order.lines } : undefined,
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
