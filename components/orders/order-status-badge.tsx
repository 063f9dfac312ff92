import { Badge } from "@/components/ui/badge";
import type { OrderStatus } from "@/lib/orders/order-state-machine";
import { ORDER_STATUS_LABELS, ORDER_STATUS_TONES } from "./labels";

/** A request's status in words, with its colour. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={ORDER_STATUS_TONES[status]}>{ORDER_STATUS_LABELS[status]}</Badge>;
}
