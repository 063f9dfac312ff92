// Whether the caller may take this event on the request they saw: the version they saw must still be the current
// one (otherwise CONFLICT, naming who changed it and when, so a manager never approves a request edited after they
// opened it, and the loser of two managers clicking at once — or a stale tab — reads "Already approved by Mira
// at …": docs/architecture.md "Decisions on a phone"), and the state machine must allow the event for this status
// and actor (otherwise INVALID_TRANSITION with the machine's reason).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { formatOrderNumber } from "./order-fields";
import { formatMoment } from "../format-moment";
import { readOrderCompany, type OrderCompany } from "./order-company";
import { transition, type OrderEvent, type OrderStatus } from "./order-state-machine";
import type { LockedOrder } from "./lock-order-request";
import { knownMemberName } from "../users/known-member-name";

/** How the refusal opens, by the status the winning change left the request in. */
const CHANGE_LEADS: Record<OrderStatus, string> = {
  PENDING: "Edited",
  APPROVED: "Already approved",
  PARTIALLY_FULFILLED: "Partly fulfilled",
  REJECTED: "Already rejected",
  FULFILLED: "Already fulfilled",
  CLOSED: "Already closed",
  CANCELLED: "Already cancelled",
};

/** Who made the request's latest change, and when. */
function lastChange(order: LockedOrder): { by: string | null; at: Date } {
  switch (order.status) {
    case "APPROVED":
    case "REJECTED":
      return { by: order.decidedById, at: order.decidedAt ?? order.updatedAt };
    case "PARTIALLY_FULFILLED":
    case "FULFILLED":
      return { by: order.fulfilledById, at: order.fulfilledAt ?? order.updatedAt };
    // Closing a backorder ends the request as cancelling does, in the same columns.
    case "CLOSED":
    case "CANCELLED":
      return { by: order.cancelledById, at: order.cancelledAt ?? order.updatedAt };
    case "PENDING":
      return { by: order.requesterId, at: order.updatedAt };
  }
}

/** "Already approved by Mira Manager at 7 Dec 2026, 18:27 (Europe/Berlin): REQ-000012 changed after you opened it. …" */
async function conflict(tx: TenantTx, ctx: TenantContext, order: LockedOrder, company: OrderCompany) {
  const { by, at } = lastChange(order);
  const who = await knownMemberName(tx, ctx, by);
  return new AppError(
    "CONFLICT",
    `${CHANGE_LEADS[order.status]} by ${who} at ${formatMoment(at, company.timeZone)}: ${formatOrderNumber(order.number)} changed after you opened it. Reload the page to see it as it is now.`,
  );
}

export async function checkOrderTransition(
  tx: TenantTx,
  ctx: TenantContext,
  order: LockedOrder,
  event: OrderEvent,
  seenVersion: number,
  leavesBackorder = false,
): Promise<{ next: OrderStatus; company: OrderCompany }> {
  const company = await readOrderCompany(tx);
  if (order.version !== seenVersion) throw await conflict(tx, ctx, order, company);
  const result = transition(
    order.status,
    event,
    { role: ctx.role, isRequester: order.requesterId === ctx.userId },
    { requireSecondApprover: company.requireSecondApprover, leavesBackorder },
  );
  if (!result.ok) throw new AppError("INVALID_TRANSITION", result.reason);
  return { next: result.next, company };
}
