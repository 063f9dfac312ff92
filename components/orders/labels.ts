// How requests read on screen. Pure: shared by server and client components.
import type { BadgeTone } from "@/components/ui/badge";
import type { TimelineAction } from "@/lib/orders/get-order-request";
import type { OrderType } from "@/lib/orders/order-fields";
import type { OrderEvent, OrderStatus } from "@/lib/orders/order-state-machine";

export const ORDER_TYPE_LABELS: Record<OrderType, string> = {
  CUSTOMER_ORDER: "Customer order",
  RESTOCK: "Restock",
};

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  PENDING: "Pending",
  APPROVED: "Approved",
  PARTIALLY_FULFILLED: "Partly fulfilled",
  REJECTED: "Rejected",
  FULFILLED: "Fulfilled",
  CLOSED: "Closed",
  CANCELLED: "Cancelled",
};

export const ORDER_STATUS_TONES: Record<OrderStatus, BadgeTone> = {
  PENDING: "pending",
  APPROVED: "warning",
  PARTIALLY_FULFILLED: "warning",
  REJECTED: "muted",
  FULFILLED: "positive",
  CLOSED: "muted",
  CANCELLED: "muted",
};

/** The buttons of the request page. */
export const ORDER_EVENT_LABELS: Record<OrderEvent, string> = {
  approve: "Approve",
  reject: "Reject",
  fulfil: "Fulfil",
  close: "Close backorder",
  cancel: "Cancel request",
  edit: "Edit request",
};

/** A timeline entry: "Approved by Maria Manager". */
export const TIMELINE_LABELS: Record<TimelineAction, string> = {
  create: "Requested",
  edit: "Edited",
  approve: "Approved",
  reject: "Rejected",
  fulfil: "Fulfilled",
  close: "Closed",
  cancel: "Cancelled",
};

/**
 * What a timeline entry says happened: a fulfilment that left part of the request to come reads "Partly fulfilled"
 * (the status it led to says so), the last one "Fulfilled".
 */
export function timelineLabel(entry: { action: TimelineAction; toStatus: OrderStatus | null }): string {
  return entry.action === "fulfil" && entry.toStatus === "PARTIALLY_FULFILLED"
    ? ORDER_STATUS_LABELS.PARTIALLY_FULFILLED
    : TIMELINE_LABELS[entry.action];
}

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** "1 item", "3 items": the number of lines (products) on a request. */
export function formatItems(count: number): string {
  return `${whole.format(count)} ${count === 1 ? "item" : "items"}`;
}

/**
 * What a request is for, from its first two products' names and its number of lines: "Claw hammer",
 * "Claw hammer and Wood screws", "Claw hammer, Wood screws and 3 more".
 */
export function summarizeProducts(names: string[], lineCount: number): string {
  const shown = names.slice(0, 2);
  const more = lineCount - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${whole.format(more)} more`;
  return shown.join(" and ");
}
