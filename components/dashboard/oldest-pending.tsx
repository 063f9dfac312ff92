import Link from "@/components/ui/link";
import { formatItems, ORDER_TYPE_LABELS } from "@/components/orders/labels";
import { Card } from "@/components/ui/card";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import { orderListHref } from "@/lib/orders/order-list-params";

export interface PendingRequestItem {
  id: string;
  number: number;
  type: OrderType;
  requesterName: string;
  locationName: string;
  lineCount: number;
  /** Formatted on the server in the company's time zone. */
  createdLabel: string;
  createdIso: string;
}

interface OldestPendingProps {
  requests: PendingRequestItem[];
  /** "own": the viewer's own requests (staff), so the requester is not repeated. */
  scope: "company" | "own";
  /** How many are pending in all (the list shows the oldest few). */
  pendingCount: number;
}

/** The requests waiting longest for a decision, oldest first, each linking to its page. */
export function OldestPending({ requests, scope, pendingCount }: OldestPendingProps) {
  const own = scope === "own";
  return (
    <Card>
      <section aria-labelledby="oldest-pending-heading">
        <h2 id="oldest-pending-heading" className="font-semibold text-slate-900">
          {own ? "Your requests waiting longest" : "Waiting longest for approval"}
        </h2>
        {requests.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            {own ? "None of your requests is waiting for approval." : "No request is waiting for approval."}
          </p>
        ) : (
          <>
            <ol className="mt-3 divide-y divide-slate-100">
              {requests.map((request) => (
                <li key={request.id} className="py-2">
                  <Link
                    href={`/requests/${request.id}`}
                    className="font-mono font-medium text-brand-700 underline underline-offset-2"
                  >
                    {formatOrderNumber(request.number)}
                  </Link>
                  <span className="block text-sm text-slate-900">
                    {ORDER_TYPE_LABELS[request.type]} · {request.locationName} · {formatItems(request.lineCount)}
                  </span>
                  <span className="block text-sm text-slate-600">
                    {!own && `${request.requesterName} · `}
                    since <time dateTime={request.createdIso}>{request.createdLabel}</time>
                  </span>
                </li>
              ))}
            </ol>
            {pendingCount > requests.length && (
              <Link
                href={orderListHref({ status: "PENDING" })}
                className="mt-2 inline-block text-sm font-medium text-brand-700 underline"
              >
                All {pendingCount.toLocaleString("en-GB")} pending requests
              </Link>
            )}
          </>
        )}
      </section>
    </Card>
  );
}
