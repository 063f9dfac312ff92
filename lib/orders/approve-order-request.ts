// A manager or admin approves a pending request they have seen (its version), as requested or with lower quantities
// (never higher; a lowered line needs a note saying why, and the requester is told what changed: ./order-quantities.ts).
// Approving a customer order reserves the approved quantities at the request's location, refusing the whole approval
// when any product is short; a restock reserves nothing (its stock arrives when it is received).
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
import { lineQuantitiesSchema, planApproval } from "./order-quantities";
import { writeLineQuantities } from "./write-line-quantities";
import { kickOutbox } from "../email/outbox-runner";

export const approveSchema = z
  .object({
    orderId: orderIdSchema,
    version: versionSchema,
    note: decisionNoteSchema,
    /** Lower quantities per product; lines left out are approved as requested. */
    quantities: lineQuantitiesSchema.optional(),
  })
  .strict();

export async function approveOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, note, quantities } = parseInput(approveSchema, input);
  const result = await withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    const { company } = await checkOrderTransition(tx, ctx, order, "approve", version);
    const plan = planApproval(order.lines, quantities, note);
    const reserved = plan.approved.filter((line) => line.quantity > 0);
    if (order.type === "CUSTOMER_ORDER") await reserveStock(tx, ctx, order.locationId, reserved);
    await writeLineQuantities(tx, ctx, order.id, "approved", plan.approved);
    const now = new Date();
    const moved = await commitOrderTransition(tx, ctx, order, company, {
      event: "approve",
      next: "APPROVED",
      note,
      data: { decidedById: ctx.userId, decidedAt: now, decisionNote: note },
      details: {
        ...(plan.changes.length > 0 && { changed: plan.changes }),
        ...(order.type === "CUSTOMER_ORDER" && { reserved }),
      },
      lineNotes: plan.changes.map((change) => ({
        productId: change.productId,
        describe: ({ name, sku, unit }) =>
          `${name} (${sku}): ${change.to} ${unit} approved of ${change.from} requested`,
      })),
    });
    return { id: order.id, number: order.number, ...moved };
  });
  // Committed: the requester hears now, not at the next sweep.
  kickOutbox();
  return result;
}
