// docs/architecture.md §6 as code: the one place that decides which event may move a request (an order) from which status,
// and who may take it. Pure, so the server checks it before its conditional write and the UI asks it which
// buttons to show, and the two cannot disagree. Which roles may act comes from the permission table (§7); this
// file adds only what depends on the request itself: its status and whether the actor is the one who made it.
import { can, type Role } from "../auth/permissions";
import type { OrderStatus as StoredOrderStatus } from "../db/generated/enums";

export const ORDER_STATUSES = [
  "PENDING",
  "APPROVED",
  "PARTIALLY_FULFILLED",
  "REJECTED",
  "FULFILLED",
  "CLOSED",
  "CANCELLED",
] as const satisfies readonly StoredOrderStatus[];
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = ["approve", "reject", "fulfil", "close", "cancel", "edit"] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

export interface OrderActor {
  role: Role;
  /** Whether the actor is the person who made the request. */
  isRequester: boolean;
}

export interface TransitionOptions {
  /** The company setting "require a second person": nobody may approve their own request. */
  requireSecondApprover?: boolean;
  /**
   * Fulfil: whether something the approver allowed is still to come after this fulfilment (./order-quantities.ts
   * decides it from the lines). The request then stays open as a backorder (PARTIALLY_FULFILLED).
   */
  leavesBackorder?: boolean;
}

export type Transition = { ok: true; next: OrderStatus } | { ok: false; reason: string };

/** The statuses in which a request is still open: it may still move stock. */
export const OPEN_STATUSES = ["PENDING", "APPROVED", "PARTIALLY_FULFILLED"] as const satisfies readonly OrderStatus[];
type OpenStatus = (typeof OPEN_STATUSES)[number];
type FinalStatus = Exclude<OrderStatus, OpenStatus>;

const FINAL_REASONS: Record<FinalStatus, string> = {
  FULFILLED: "A fulfilled request is final.",
  CLOSED: "A closed request is final; make a new request if the rest is still needed.",
  REJECTED: "A rejected request is final; make a new request if the items are still needed.",
  CANCELLED: "A cancelled request is final; make a new request if the items are still needed.",
};

function isFinal(status: OrderStatus): status is FinalStatus {
  return !(OPEN_STATUSES as readonly OrderStatus[]).includes(status);
}

const allow = (next: OrderStatus): Transition => ({ ok: true, next });
const refuse = (reason: string): Transition => ({ ok: false, reason });

export function transition(
  status: OrderStatus,
  event: OrderEvent,
  actor: OrderActor,
  options: TransitionOptions = {},
): Transition {
  if (isFinal(status)) return refuse(FINAL_REASONS[status]);
  const partlyFulfilled = status === "PARTIALLY_FULFILLED";

  switch (event) {
    case "approve":
      if (status !== "PENDING") return refuse("This request is already approved.");
      if (!can(actor.role, "requests.approve")) return refuse("Only managers and admins can approve requests.");
      if (options.requireSecondApprover && actor.isRequester) {
        return refuse(
          "Your company requires a second person to approve each request, so another manager or admin must approve your own.",
        );
      }
      return allow("APPROVED");

    case "reject":
      if (status !== "PENDING") return refuse("This request was already approved, so it can no longer be rejected.");
      if (!can(actor.role, "requests.reject")) return refuse("Only managers and admins can reject requests.");
      return allow("REJECTED");

    case "fulfil":
      if (status === "PENDING") return refuse("This request must be approved before it can be fulfilled.");
      if (!can(actor.role, "requests.fulfil")) return refuse("Only managers and admins can fulfil requests.");
      return allow(options.leavesBackorder ? "PARTIALLY_FULFILLED" : "FULFILLED");

    case "close":
      // Ends a backorder: what was fulfilled stays, the rest is not coming. Before anything was fulfilled, that is
      // cancelling.
      if (!partlyFulfilled) {
        return refuse(
          status === "PENDING"
            ? "Only a partly fulfilled request can be closed; cancel or reject a pending one."
            : "Nothing has been fulfilled yet, so there is no backorder to close; cancel the request instead.",
        );
      }
      if (!can(actor.role, "requests.fulfil")) return refuse("Only managers and admins can close a backorder.");
      return allow("CLOSED");

    case "cancel":
      if (partlyFulfilled) {
        return refuse(
          "Part of this request has been fulfilled, so it can no longer be cancelled; close the rest instead.",
        );
      }
      // Whoever may cancel an approved request may also cancel a pending one; the requester only the latter.
      if (status === "APPROVED") {
        if (!can(actor.role, "requests.cancelApproved")) {
          return refuse("Once a request is approved, only a manager or admin can cancel it.");
        }
        return allow("CANCELLED");
      }
      if (!actor.isRequester && !can(actor.role, "requests.cancelApproved")) {
        return refuse("Only the person who made this request, or a manager or admin, can cancel it.");
      }
      return allow("CANCELLED");

    case "edit":
      if (status !== "PENDING") return refuse("This request was already approved, so it can no longer be edited.");
      if (!actor.isRequester) return refuse("Only the person who made this request can edit it.");
      return allow("PENDING");
  }
}

/** The events the actor may take on a request in this status now: the buttons the UI shows. */
export function availableEvents(status: OrderStatus, actor: OrderActor, options: TransitionOptions = {}): OrderEvent[] {
  return ORDER_EVENTS.filter((event) => transition(status, event, actor, options).ok);
}
