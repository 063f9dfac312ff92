// What the request page says about what happens next: why the viewer cannot act (or cannot take one step), what
// each action will do before it is taken, and what it did. Pure, so the wording is tested without a page.
import { can, type Role } from "@/lib/auth/permissions";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import type { OrderMoved } from "@/lib/orders/order-moved";
import { transition, type OrderEvent, type OrderStatus } from "@/lib/orders/order-state-machine";
import { formatUnitTotals, type UnitTotal } from "@/lib/products/unit-totals";

export interface OrderViewer {
  status: OrderStatus;
  type: OrderType;
  role: Role;
  /** Whether the viewer made the request. */
  isRequester: boolean;
  requireSecondApprover: boolean;
}

/** To whoever may fulfil a backorder: the two ways on (the page's "Fulfil" and "Close backorder"). */
const BACKORDER_FOR_DECIDERS: Record<OrderType, string> = {
  CUSTOMER_ORDER:
    "Part of this order has shipped and the rest is on backorder: fulfil it when the stock is there, or close the backorder, saying why it is not coming.",
  RESTOCK:
    "Part of this delivery has been received and the rest is still expected: fulfil it when it arrives, or close the backorder, saying why it is not coming.",
};

/** To the requester of a backorder: what a manager does with the rest. */
const BACKORDER_FOR_OTHERS: Record<OrderType, string> = {
  CUSTOMER_ORDER: "Part of it has shipped; a manager ships the rest when the stock is there, or closes it, saying why.",
  RESTOCK: "Part of it has been received; a manager receives the rest when it arrives, or closes it, saying why.",
};

/**
 * Why the viewer may not take the step they would look for next — a manager the decision (or the fulfilment),
 * anyone else an edit — in the state machine's own words; for the requester of a pending request, what happens
 * next; on a partly fulfilled request (a backorder, docs/architecture.md §6), that the rest is fulfilled later or
 * closed; null when there is nothing to explain.
 */
export function orderActionNote(viewer: OrderViewer): string | null {
  const decides = can(viewer.role, "requests.approve");
  const backorder = viewer.status === "PARTIALLY_FULFILLED";
  const fulfilling = viewer.status === "APPROVED" || backorder;
  const event: OrderEvent = decides ? (fulfilling ? "fulfil" : "approve") : "edit";
  const result = transition(
    viewer.status,
    event,
    { role: viewer.role, isRequester: viewer.isRequester },
    { requireSecondApprover: viewer.requireSecondApprover },
  );
  if (!result.ok) {
    if (viewer.status === "APPROVED") return `${result.reason} A manager fulfils it.`;
    if (backorder) return `${result.reason} ${BACKORDER_FOR_OTHERS[viewer.type]}`;
    return result.reason;
  }
  if (backorder) return BACKORDER_FOR_DECIDERS[viewer.type];
  return viewer.status === "PENDING" && !decides
    ? "A manager approves or rejects this request. Until then you can edit or cancel it."
    : null;
}

export interface OrderQuantities {
  type: OrderType;
  status: OrderStatus;
  /** The request's quantities per unit: never added across units (docs/architecture.md §5). */
  unitTotals: readonly UnitTotal[];
  /** What is approved and still to come, per unit: what fulfilling the rest moves. */
  outstandingTotals: readonly UnitTotal[];
  locationName: string;
}

/**
 * What approving does: a customer order reserves what is approved — as requested, or lower where the approver
 * changes a line's quantity — and a restock moves nothing yet.
 */
export function approveSummary({ type, unitTotals, locationName }: OrderQuantities): string {
  return type === "CUSTOMER_ORDER"
    ? `Reserves what you approve at ${locationName} for this order (as requested: ${formatUnitTotals(unitTotals)}). Approval is refused if any product is short.`
    : "Nothing moves yet: the stock is received when the request is fulfilled.";
}

/**
 * What fulfilling does: the quantities typed per line move now (docs/architecture.md §6), and whatever is not
 * fulfilled stays open as a backorder. "Still to ship from Main: 12 each and 5 pair. …"
 */
export function fulfilSummary({ type, outstandingTotals, locationName }: OrderQuantities): string {
  const rest = formatUnitTotals(outstandingTotals);
  return type === "CUSTOMER_ORDER"
    ? `Still to ship from ${locationName}: ${rest}. Whatever does not ship now stays open as a backorder, to ship later or close with a reason.`
    : `Still to receive into ${locationName}: ${rest}. Whatever is not received now stays open as a backorder, to receive later or close with a reason.`;
}

/**
 * What cancelling does: an approved customer order gives back its reservation, which is what was approved (the
 * approver may have lowered it) and is still to come.
 */
export function cancelSummary({ type, status, outstandingTotals, locationName }: OrderQuantities): string {
  return type === "CUSTOMER_ORDER" && status === "APPROVED"
    ? `Releases the ${formatUnitTotals(outstandingTotals)} reserved at ${locationName}. The request stays on record as cancelled.`
    : "Nothing moves. The request stays on record as cancelled.";
}

/** What closing a backorder does: a customer order gives back what it still reserved. */
export function closeSummary({ type, outstandingTotals, locationName }: OrderQuantities): string {
  const rest = formatUnitTotals(outstandingTotals);
  return type === "CUSTOMER_ORDER"
    ? `The ${rest} still to come will not ship: their reservation at ${locationName} is released. What was shipped stays.`
    : `The ${rest} still expected will not be received. What arrived stays.`;
}

const MOVED_TEXT: Record<OrderMoved["status"], string> = {
  PENDING: "is pending",
  APPROVED: "is approved",
  PARTIALLY_FULFILLED: "is partly fulfilled: the stock has moved, the rest is on backorder",
  REJECTED: "is rejected",
  FULFILLED: "is fulfilled: the stock has moved",
  CLOSED: "is closed: the rest is not coming",
  CANCELLED: "is cancelled",
};

/** The message after an action worked: "REQ-000123 is approved." */
export function movedMessage(moved: Pick<OrderMoved, "number" | "status">): string {
  return `${formatOrderNumber(moved.number)} ${MOVED_TEXT[moved.status]}.`;
}
