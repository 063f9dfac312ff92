// A manager or admin approves a pending request they have seen (its version). Approving a customer order reserves
// its quantities at the request's location, refusing the whole approval when any product is short; a restock
// reserves nothing (its stock arrives when it is fulfilled).
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { reserveStock } from "../stock/reserve-stock";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition } from "./commit-order-transition";
import { lockOrderRequest } from "./lock-order-request";
import { decisionNoteSchema, orderIdSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { kickOutbox } from "../email/outbox-runner";

export const approveSchema = z
  .object({ orderId: orderIdSchema, version: versionSchema, note: decisionNoteSchema })
  .strict();

export async function approveOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note } = parseInput(approveSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "approve", version);
    if (order.type === "CUSTOMER_ORDER") await reserveStock(tx, ctx, order.locationId, order.lines);
    const now = new Date();
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "approve",
      next: "APPROVED",
      note,
      data: { decidedById: ctx.userId, decidedAt: now, decisionNote: note },
      details: order.type === "CUSTOMER_ORDER" ? { reserved: order.lines } : undefined,
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
