// Whether the caller may take this event on the request they saw: the version they saw must still be the current
// one (otherwise CONFLICT, naming who changed it and when, so a manager never approves a request edited after they
// opened it, and the loser of two managers clicking at once learns who decided), and the state machine must allow
// the event for this status and actor (otherwise INVALID_TRANSITION with the machine's reason).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { formatOrderNumber } from "./order-fields";
import { formatMoment } from "../format-moment";
import { readOrderCompany, type OrderCompany } from "./order-company";
import { transition, type OrderEvent, type OrderStatus } from "./order-state-machine";
import type { LockedOrder } from "./lock-order-request";

const CHANGE_VERBS: Record<OrderStatus, string> = {
  PENDING: "edited",
  APPROVED: "approved",
  REJECTED: "rejected",
  FULFILLED: "fulfilled",
  CANCELLED: "cancelled",
};

/** Who made the request's latest change, and when. */
function lastChange(order: LockedOrder): { by: string | null; at: Date } {
  switch (order.status) {
    case "APPROVED":
    case "REJECTED":
      return { by: order.decidedById, at: order.decidedAt ?? order.updatedAt };
    case "FULFILLED":
      return { by: order.fulfilledById, at: order.fulfilledAt ?? order.updatedAt };
    case "CANCELLED":
      return { by: order.cancelledById, at: order.cancelledAt ?? order.updatedAt };
    case "PENDING":
      return { by: order.requesterId, at: order.updatedAt };
  }
}

async function conflict(tx: TenantTx, order: LockedOrder, company: OrderCompany): Promise<AppError> {
  const { by, at } = lastChange(order);
  const person = by ? await tx.user.findFirst({ where: { id: by }, select: { name: true, email: true } }) : null;
  const who = person ? ` by ${person.name || person.email}` : "";
  return new AppError(
    "CONFLICT",
    `${formatOrderNumber(order.number)} was ${CHANGE_VERBS[order.status]}${who} on ${formatMoment(at, company.timeZone)}, after you opened it. Reload the page to see it as it is now.`,
  );
}

export async function checkOrderTransition(
  tx: TenantTx,
  ctx: TenantContext,
  order: LockedOrder,
  event: OrderEvent,
  seenVersion: number,
): Promise<{ next: OrderStatus; company: OrderCompany }> {
  const company = await readOrderCompany(tx);
  if (order.version !== seenVersion) throw await conflict(tx, order, company);
  const result = transition(
    order.status,
    event,
    { role: ctx.role, isRequester: order.requesterId === ctx.userId },
    { requireSecondApprover: company.requireSecondApprover },
  );
  if (!result.ok) throw new AppError("INVALID_TRANSITION", result.reason);
  return { next: result.next, company };
}
