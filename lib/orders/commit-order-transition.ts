// Persists a transition the caller has checked (checkOrderTransition) on a request it has locked
// (lockOrderRequest): a conditional write on (id, status, version), one audit row with the status before and after
// and the note, a live-update event, and — when someone other than the requester moved the request — an email to
// the requester listing what changed line by line (quantities lowered, delivered, still to come) and a push to their
// devices, all in the caller's transaction.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { absoluteUrl } from "../email/links";
import { enqueueEmail } from "../email/enqueue-email";
import { publishEvent } from "../events/publish-event";
import { withNotificationsOn } from "../notifications/recipients";
import { enqueuePush } from "../push/enqueue-push";
import type { LockedOrder } from "./lock-order-request";
import type { OrderCompany } from "./order-company";
import { formatOrderNumber, ORDER_AUDIT_ACTIONS } from "./order-fields";
import type { OrderStatus } from "./order-state-machine";

type DecisiveEvent = "approve" | "reject" | "fulfil" | "close" | "cancel";

export interface TransitionWrite {
  event: DecisiveEvent;
  next: Exclude<OrderStatus, "PENDING">;
  note: string | null;
  /** The columns recording who did it and when. */
  data: {
    decidedById?: string;
    decidedAt?: Date;
    decisionNote?: string | null;
    fulfilledById?: string;
    fulfilledAt?: Date;
    cancelledById?: string;
    cancelledAt?: Date;
  };
  /** Set when the stock ledger already wrote this transition's audit row (fulfilment moves stock and audits once). */
  auditedByLedger?: boolean;
  /** Added to the audit entry's `after` (reservations made or released, quantities changed or moved). */
  details?: Record<string, unknown>;
  /** What the requester's email says line by line, from each product as it is named now. */
  lineNotes?: { productId: string; describe: (product: NamedProduct) => string }[];
}

export interface NamedProduct {
  name: string;
  sku: string;
  unit: string;
}

/** What the push says happened, by the status the request reached. */
const PUSH_VERBS: Record<TransitionWrite["next"], string> = {
  APPROVED: "approved",
  PARTIALLY_FULFILLED: "partly fulfilled",
  REJECTED: "rejected",
  FULFILLED: "fulfilled",
  CLOSED: "closed",
  CANCELLED: "cancelled",
};

async function describeLines(tx: TenantTx, notes: NonNullable<TransitionWrite["lineNotes"]>): Promise<string[]> {
  if (notes.length === 0) return [];
  const products = await tx.product.findMany({
    where: { id: { in: notes.map((note) => note.productId) } },
    select: { id: true, name: true, sku: true, unit: true },
  });
  const byId = new Map(products.map((product) => [product.id, product]));
  return notes.flatMap((note) => {
    const product = byId.get(note.productId);
    return product ? [note.describe(product)] : [];
  });
}

/** The audit entry of a transition: what the request's timeline shows. */
export function transitionAudit(
  order: LockedOrder,
  write: Pick<TransitionWrite, "event" | "next" | "note" | "details">,
) {
  return {
    action: ORDER_AUDIT_ACTIONS[write.event],
    entityType: "order",
    entityId: order.id,
    before: { status: order.status, version: order.version },
    after: { status: write.next, version: order.version + 1, note: write.note, ...write.details },
  };
}

export async function commitOrderTransition(
  tx: TenantTx,
  ctx: TenantContext,
  order: LockedOrder,
  company: OrderCompany,
  write: TransitionWrite,
): Promise<{ status: OrderStatus; version: number }> {
  const { count } = await tx.orderRequest.updateMany({
    where: { id: order.id, status: order.status, version: order.version },
    data: { ...write.data, status: write.next, version: { increment: 1 } },
  });
  // The row is locked by this transaction, so it cannot have moved: if it did, nothing of this may commit.
  if (count !== 1) throw new Error(`Order ${order.id} changed while locked`);
  if (!write.auditedByLedger) await recordAudit(tx, ctx, transitionAudit(order, write));
  await publishEvent(tx, ctx, {
    type: "order.changed",
    orderId: order.id,
    requesterId: order.requesterId,
    status: write.next,
  });

  if (order.requesterId !== ctx.userId) {
    // Someone who has left the company (or whose account is off) no longer hears about it.
    const members = await tx.membership.findMany({
      where: { userId: { in: [order.requesterId, ctx.userId] }, active: true, user: { active: true } },
      select: { userId: true, user: { select: { name: true, email: true } } },
    });
    const requester = members.find((m) => m.userId === order.requesterId)?.user;
    const actor = members.find((m) => m.userId === ctx.userId)?.user;
    // Every step also reaches the requester's devices (push), under the same per-kind switch as the email.
    if (requester) {
      const verb =
        write.event === "approve" && write.lineNotes?.length ? "approved with changes" : PUSH_VERBS[write.next];
      await enqueuePush(tx, ctx, "order.status", [order.requesterId], {
        title: `${formatOrderNumber(order.number)} ${verb}`,
        body: `${company.name}: ${verb} by ${actor?.name || ctx.email}`,
        url: `/requests/${order.id}`,
        tag: `order-${order.id}`,
      });
    }
    // Nor does a requester who turned "your request was decided or completed" off in this company.
    const wanted = requester ? await withNotificationsOn(tx, "order.status", [order.requesterId]) : new Set();
    if (requester && wanted.has(order.requesterId)) {
      await enqueueEmail(tx, ctx, {
        template: "order-status",
        to: requester.email,
        props: {
          recipientName: requester.name || requester.email,
          companyName: company.name,
          requestNumber: formatOrderNumber(order.number),
          requestType: order.type,
          status: write.next,
          actorName: actor?.name || ctx.email,
          note: write.note ?? "",
          lines: await describeLines(tx, write.lineNotes ?? []),
          requestUrl: absoluteUrl(`/requests/${order.id}`),
        },
      });
    }
  }
  return { status: write.next, version: order.version + 1 };
}
