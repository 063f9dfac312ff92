import Link from "@/components/ui/link";
import { ORDER_STATUS_LABELS } from "@/components/orders/labels";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { Card } from "@/components/ui/card";
import { orderListHref } from "@/lib/orders/order-list-params";
import { ORDER_STATUSES, type OrderStatus } from "@/lib/orders/order-state-machine";
import { formatCount } from "./format";

interface RequestSummaryProps {
  /** "company": every request (managers, admins); "own": the viewer's own (staff). */
  scope: "company" | "own";
  byStatus: Record<OrderStatus, number>;
  total: number;
}

/** Requests by status, each count linking to the request list filtered by that status. */
export function RequestSummary({ scope, byStatus, total }: RequestSummaryProps) {
  const own = scope === "own";
  return (
    <Card>
      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading" className="font-semibold text-slate-900">
          {own ? "Your requests by status" : "Requests by status"}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {total === 0
            ? own
              ? "You have not raised a request yet."
              : "No request has been raised yet."
            : `${formatCount(total)} ${total === 1 ? "request" : "requests"} in all${own ? ", raised by you" : ""}.`}
        </p>
        <ul className="mt-3 divide-y divide-slate-100">
          {ORDER_STATUSES.map((status) => (
            <li key={status} className="flex items-center justify-between gap-3 py-2">
              <OrderStatusBadge status={status} />
              {byStatus[status] > 0 ? (
                <Link
                  href={orderListHref({ status })}
                  className="font-semibold text-brand-700 underline underline-offset-2"
                  aria-label={`Show the ${formatCount(byStatus[status])} ${ORDER_STATUS_LABELS[status].toLowerCase()} ${byStatus[status] === 1 ? "request" : "requests"}`}
                >
                  {formatCount(byStatus[status])}
                </Link>
              ) : (
                <span className="font-semibold text-slate-500">0</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
