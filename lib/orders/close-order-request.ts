// A manager or admin closes a backorder (docs/architecture.md §6): a partly fulfilled request whose rest is not
// coming — the supplier cannot deliver, the customer no longer wants it. What was fulfilled stays; a customer order's
// reservation for what was still to come is released; the request ends as CLOSED with the reason, which the
// requester reads.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { releaseStock } from "../stock/reserve-stock";
import { checkOrderTransition } from "./check-order-transition";
import { commitOrderTransition } from "./commit-order-transition";
import { lockOrderRequest } from "./lock-order-request";
import { closingNoteSchema, orderIdSchema, versionSchema } from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { outstandingLines } from "./order-quantities";
import { kickOutbox } from "../email/outbox-runner";

export const closeSchema = z
  .object({
    orderId: orderIdSchema,
    version: versionSchema,
    note: closingNoteSchema,
  })
  .strict();

export async function closeOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note } = parseInput(closeSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "close", version);
    const notComing = outstandingLines(order.lines);
    const releases = order.type === "CUSTOMER_ORDER" && notComing.length > 0;
    if (releases) await releaseStock(tx, ctx, order.locationId, notComing);
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "close",
      next: "CLOSED",
      note,
      data: { cancelledById: ctx.userId, cancelledAt: new Date() },
      details: { notComing, ...(releases && { released: notComing }) },
      lineNotes: notComing.map((line) => ({
        productId: line.productId,
        describe: ({ name, sku, unit }) => `${name} (${sku}): ${line.quantity} ${unit} not coming`,
      })),
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
