import type { OrderStatus } from "./order-state-machine";

/** What a transition returns: the request's new status and version (the next action must carry that version). */
export interface OrderMoved {
  id: string;
  number: number;
  status: OrderStatus;
  version: number;
}
