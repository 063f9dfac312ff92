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

/**
 * Why the viewer may not take the step they would look for next — a manager the decision (or the fulfilment),
 * anyone else an edit — in the state machine's own words; for the requester of a pending request, what happens
 * next; null when there is nothing to explain.
 */
export function orderActionNote(viewer: OrderViewer): string | null {
  const decides = can(viewer.role, "requests.approve");
  const event: OrderEvent = decides ? (viewer.status === "APPROVED" ? "fulfil" : "approve") : "edit";
  const result = transition(
    viewer.status,
    event,
    { role: viewer.role, isRequester: viewer.isRequester },
    { requireSecondApprover: viewer.requireSecondApprover },
  );
  if (!result.ok) return viewer.status === "APPROVED" ? `${result.reason} A manager fulfils it.` : result.reason;
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

/** What approving does: a customer order reserves its stock, a restock moves nothing yet. */
export function approveSummary({ type, unitTotals, locationName }: OrderQuantities): string {
  return type === "CUSTOMER_ORDER"
    ? `Reserves ${formatUnitTotals(unitTotals)} at ${locationName} for this order. Approval is refused if any product is short.`
    : "Nothing moves yet: the stock is received when the request is fulfilled.";
}

/** What fulfilling does to the stock: "Ships 12 each and 5 pair from Main." / "Receives 40 box into Main." */
export function fulfilSummary({ type, outstandingTotals, locationName }: OrderQuantities): string {
  return type === "CUSTOMER_ORDER"
    ? `Ships ${formatUnitTotals(outstandingTotals)} from ${locationName}.`
    : `Receives ${formatUnitTotals(outstandingTotals)} into ${locationName}.`;
}

/** What cancelling does: an approved customer order gives back its reservation. */
export function cancelSummary({ type, status, unitTotals, locationName }: OrderQuantities): string {
  return type === "CUSTOMER_ORDER" && status === "APPROVED"
    ? `Releases the ${formatUnitTotals(unitTotals)} reserved at ${locationName}. The request stays on record as cancelled.`
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
