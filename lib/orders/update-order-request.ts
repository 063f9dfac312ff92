// The requester edits their own request while it is pending, from the version they saw: a manager deciding in
// between (or another tab editing) makes this a CONFLICT naming who and when. The lines are replaced as a whole and
// the version moves on, so a manager who opened the old version cannot approve it unseen.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { checkOrderTransition } from "./check-order-transition";
import { lockOrderRequest } from "./lock-order-request";
import {
  ORDER_AUDIT_ACTIONS,
  orderDraftShape,
  orderIdSchema,
  refineDistinctProducts,
  refinePartnerKind,
  versionSchema,
} from "./order-fields";
import type { OrderMoved } from "./order-moved";
import { partnerAudit, resolveOrderDraft, type ResolvedPartner } from "./resolve-order-draft";

type PartnerRow = { id: string; name: string } | null;

/** The partner the request named before this edit. */
function partnerOf(row: { supplier: PartnerRow; customer: PartnerRow } | null): ResolvedPartner | null {
  if (row?.supplier) return { kind: "supplier", ...row.supplier };
  if (row?.customer) return { kind: "customer", ...row.customer };
  return null;
}

export const updateSchema = z
  .object({ orderId: orderIdSchema, version: versionSchema, ...orderDraftShape })
  .strict()
  .superRefine(refineDistinctProducts)
  .superRefine(refinePartnerKind);

export async function updateOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderMoved> {
  const { orderId, version, ...draft } = parseInput(updateSchema, input);
  return withTenantTx(ctx, async (tx) => {
    const order = await lockOrderRequest(tx, ctx, orderId);
    await checkOrderTransition(tx, ctx, order, "edit", version);
    const before = await tx.orderRequest.findFirst({
      where: { id: orderId },
      select: {
        type: true,
        locationId: true,
        reference: true,
        note: true,
        supplier: { select: { id: true, name: true } },
        customer: { select: { id: true, name: true } },
      },
    });
    const resolved = await resolveOrderDraft(tx, ctx.companyId, draft);
    const { count } = await tx.orderRequest.updateMany({
      where: { id: orderId, status: "PENDING", version: order.version },
      data: {
        type: draft.type,
        locationId: draft.locationId,
        supplierId: draft.supplierId,
        customerId: draft.customerId,
        reference: draft.reference,
        note: draft.note,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new Error(`Order ${orderId} changed while locked`);
    await tx.orderLine.deleteMany({ where: { orderId } });
    await tx.orderLine.createMany({
      data: resolved.lines.map((line) => ({
        companyId: ctx.companyId,
        orderId,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
      })),
    });
    await recordAudit(tx, ctx, {
      action: ORDER_AUDIT_ACTIONS.edit,
      entityType: "order",
      entityId: orderId,
      before: {
        status: "PENDING",
        version: order.version,
        type: before?.type,
        locationId: before?.locationId,
        reference: before?.reference,
        note: before?.note,
        ...partnerAudit({ partner: partnerOf(before) }),
        lines: order.lines.map(({ productId, quantity }) => ({ productId, quantity })),
      },
      after: { status: "PENDING", version: order.version + 1, ...draft, ...partnerAudit(resolved) },
    });
    await publishEvent(tx, ctx, { type: "order.changed", orderId, requesterId: order.requesterId, status: "PENDING" });
    return { id: orderId, number: order.number, status: "PENDING", version: order.version + 1 };
  });
}
