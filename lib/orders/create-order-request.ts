// Anyone in the company raises a request: a customer order (stock leaves when it is fulfilled) or a restock (stock
// arrives), at one location, with one or more product lines. The request gets the company's next number
// (REQ-000123): the counter row is locked first and incremented in the same transaction, so numbers have no gaps
// and no duplicates however many people submit at once (a rolled-back request gives its number back).
// Exactly once: the form sends a client request id. Under the same counter lock, a request that already carries
// it is returned as it is (a double click, a retry after a timeout, the offline queue replaying) — or refused as
// a CONFLICT when the same id comes with different contents or from someone else.
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { absoluteUrl } from "../email/links";
import { enqueueEmail } from "../email/enqueue-email";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { withNotificationsOn } from "../notifications/recipients";
import { formatUnitTotals } from "../products/unit-totals";
import { enqueuePush } from "../push/enqueue-push";
import { readOrderCompany } from "./order-company";
import { idempotencyKeySchema } from "../fields";
import {
  formatOrderNumber,
  ORDER_AUDIT_ACTIONS,
  orderDraftShape,
  refineDistinctProducts,
  refinePartnerKind,
  type OrderDraft,
} from "./order-fields";
import { partnerAudit, resolveOrderDraft, type ResolvedDraft } from "./resolve-order-draft";
import { kickOutbox } from "../email/outbox-runner";

export const createSchema = z
  .object({ clientRequestId: idempotencyKeySchema, ...orderDraftShape })
  .strict()
  .superRefine(refineDistinctProducts)
  .superRefine(refinePartnerKind);

export interface OrderCreated {
  id: string;
  number: number;
  /** False when this client request id had already created the request: nothing new was made. */
  created: boolean;
}

/**
 * The same request, whatever order its lines were added in. The supplier or customer it names is part of it, appended
 * only when there is one: a request without one hashes as before partners existed, so a request queued on a phone by
 * the previous release and replayed after the deploy is still the same request.
 */
function payloadHash(draft: OrderDraft): string {
  const lines = [...draft.lines].sort((x, y) => (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
  const fields: unknown[] = [
    draft.type,
    draft.locationId,
    lines.map((l) => [l.productId, l.quantity]),
    draft.reference,
    draft.note,
  ];
  if (draft.supplierId) fields.push(["supplier", draft.supplierId]);
  if (draft.customerId) fields.push(["customer", draft.customerId]);
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** Takes the company's counter row lock; it is held until commit, so creates in one company run one at a time. */
async function lockCounter(tx: TenantTx, companyId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO order_request_counters (company_id, last_number) VALUES (${companyId}::uuid, 0)
    ON CONFLICT (company_id) DO NOTHING`;
  await tx.$executeRaw`SELECT 1 FROM order_request_counters WHERE company_id = ${companyId}::uuid FOR UPDATE`;
}

async function nextNumber(tx: TenantTx, companyId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ last_number: number }[]>`
    UPDATE order_request_counters SET last_number = last_number + 1
     WHERE company_id = ${companyId}::uuid
    RETURNING last_number`;
  return row!.last_number;
}

async function notifyApprovers(
  tx: TenantTx,
  ctx: TenantContext,
  order: { id: string; number: number },
  draft: OrderDraft,
  resolved: ResolvedDraft,
): Promise<void> {
  const candidates = await tx.membership.findMany({
    where: { role: { in: ["ADMIN", "MANAGER"] }, active: true, user: { active: true }, userId: { not: ctx.userId } },
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  // Those who turned "a request needs a decision" off in this company are not emailed, nor pushed to.
  const candidateIds = candidates.map((c) => c.userId);
  const wanted = await withNotificationsOn(tx, "order.created", candidateIds);
  const approvers = candidates.filter((c) => wanted.has(c.userId));
  if (candidateIds.length === 0) return;
  const company = await readOrderCompany(tx);
  const requester = await tx.user.findFirst({ where: { id: ctx.userId }, select: { name: true } });
  const requesterName = requester?.name || ctx.email;
  // Per unit, never one number across units (docs/architecture.md §5): "12 each and 5 pair".
  const total = formatUnitTotals(resolved.unitTotals);
  await enqueuePush(tx, ctx, "order.created", candidateIds, {
    title: `${formatOrderNumber(order.number)} needs a decision`,
    body: `${company.name}: ${requesterName} asks for ${total} at ${resolved.location.name}`,
    url: `/requests/${order.id}`,
    tag: `order-${order.id}`,
  });
  for (const { user } of approvers) {
    await enqueueEmail(tx, ctx, {
      template: "order-submitted",
      to: user.email,
      props: {
        recipientName: user.name || user.email,
        companyName: company.name,
        requestNumber: formatOrderNumber(order.number),
        requestType: draft.type,
        requesterName,
        locationName: resolved.location.name,
        summary: resolved.summary,
        total,
        reference: draft.reference ?? "",
        note: draft.note ?? "",
        requestUrl: absoluteUrl(`/requests/${order.id}`),
      },
    });
  }
}

/**
 * The client request id already made a request: a CONFLICT that names the `clientRequestId` field, so the form offers
 * to send what was typed under a new id (components/orders/order-form.tsx). Other CONFLICTs claimed nothing.
 */
function clientRequestIdTaken(message: string): AppError {
  return new AppError("CONFLICT", message, { clientRequestId: [message] });
}

export async function createOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderCreated> {
  const { clientRequestId, ...draft } = parseInput(createSchema, input);
  if (!can(ctx.role, "requests.create")) throw AppError.forbidden();
  const hash = payloadHash(draft);
  const result = await withTenantTx(ctx, async (tx) => {
    await lockCounter(tx, ctx.companyId);
    const existing = await tx.orderRequest.findFirst({
      where: { clientRequestId },
      select: { id: true, number: true, requesterId: true, payloadHash: true },
    });
    if (existing) {
      // Another person's form never learns about a request it may not see.
      if (existing.requesterId !== ctx.userId) {
        throw clientRequestIdTaken("This form is out of date. Send it as a new request.");
      }
      // The first submit went through (its answer was lost) and the form was changed since: say where it is.
      if (existing.payloadHash !== hash) {
        throw clientRequestIdTaken(
          `${formatOrderNumber(existing.number)} was already created from this form, with different contents. Open it from your requests to change it, or send this as a new request.`,
        );
      }
      return { id: existing.id, number: existing.number, created: false };
    }

    const resolved = await resolveOrderDraft(tx, ctx.companyId, draft);
    const number = await nextNumber(tx, ctx.companyId);
    const order = await tx.orderRequest.create({
      data: {
        companyId: ctx.companyId,
        number,
        type: draft.type,
        locationId: draft.locationId,
        requesterId: ctx.userId,
        supplierId: draft.supplierId,
        customerId: draft.customerId,
        reference: draft.reference,
        note: draft.note,
        clientRequestId,
        payloadHash: hash,
        lines: {
          createMany: {
            data: resolved.lines.map((line) => ({
              productId: line.productId,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
            })),
          },
        },
      },
      select: { id: true, number: true },
    });
    await recordAudit(tx, ctx, {
      action: ORDER_AUDIT_ACTIONS.create,
      entityType: "order",
      entityId: order.id,
      after: {
        status: "PENDING",
        version: 1,
        number: formatOrderNumber(number),
        type: draft.type,
        locationId: draft.locationId,
        lines: draft.lines,
        ...partnerAudit(resolved),
        reference: draft.reference,
        note: draft.note,
      },
    });
    await publishEvent(tx, ctx, {
      type: "order.changed",
      orderId: order.id,
      requesterId: ctx.userId,
      status: "PENDING",
    });
    await notifyApprovers(tx, ctx, order, draft, resolved);
    return { ...order, created: true };
  });
  // Committed: the approvers hear now (email and push), not at the next sweep.
  kickOutbox();
  return result;
}
