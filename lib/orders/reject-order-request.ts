// A manager or admin rejects a pending request they have seen, saying why: the requester reads the note.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition } from "./commit-order-transition";
import { lockOrderRequest } from "./lock-order-request";
import { orderIdSchema, rejectionNoteSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { kickOutbox } from "../email/outbox-runner";

export const rejectSchema = z
  .object({ orderId: orderIdSchema, version: versionSchema, note: rejectionNoteSchema })
  .strict();

export async function rejectOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note } = parseInput(rejectSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "reject", version);
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "reject",
      next: "REJECTED",
      note,
      data: { decidedById: ctx.userId, decidedAt: new Date(), decisionNote: note },
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
