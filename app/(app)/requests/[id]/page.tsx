import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { SwitchCompanyPrompt } from "@/components/layout/switch-company-prompt";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ORDER_TYPE_LABELS } from "@/components/orders/labels";
import { OrderActionPanel } from "@/components/orders/order-action-panel";
import { OrderLines } from "@/components/orders/order-lines";
import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { ClearDeviceDraft } from "@/components/offline/device-draft-frame";
import { draftKey } from "@/components/offline/device-draft-storage";
import { orderActionNote } from "@/components/orders/order-wording";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { entityHistoryHref } from "@/lib/audit/audit-list-params";
import { getSessionUser, requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getOrderRequest, type OrderDetail, type OrderPerson } from "@/lib/orders/get-order-request";
import { locateOrderRequest } from "@/lib/orders/locate-order-request";
import { formatOrderNumber, orderIdSchema } from "@/lib/orders/order-fields";
import { OPEN_STATUSES, type OrderStatus } from "@/lib/orders/order-state-machine";
import { switchCompanyAction } from "../../actions";
import {
  approveOrderAction,
  cancelOrderAction,
  closeOrderAction,
  fulfilOrderAction,
  rejectOrderAction,
} from "../actions";

export const metadata: Metadata = { title: "Request" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** What the create and edit forms may say on arrival here (`?notice=created`). */
const NOTICES: Record<string, string> = {
  created: "Request sent. A manager approves or rejects it, and you hear back by email.",
  updated: "Changes saved.",
};

/**
 * One request, where email links land (docs/architecture.md §8): its products with the stock at its location, what the viewer
 * may do now (from the state machine, through getOrderRequest), and its history. A request in another of the
 * viewer's companies asks whether to switch there; an unknown id, or one the viewer may not see, is 404.
 */
export default async function RequestPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const parsed = orderIdSchema.safeParse((await params).id);
  if (!parsed.success) notFound();
  const orderId = parsed.data;

  const detail = await getOrderRequest(ctx, { orderId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!detail) {
    const session = await getSessionUser();
    const elsewhere = session ? await locateOrderRequest(session, { orderId }) : null;
    if (!elsewhere) notFound();
    return (
      <SwitchCompanyPrompt
        action={switchCompanyAction}
        companyId={elsewhere.companyId}
        companyName={elsewhere.companyName}
        currentCompanyName={ctx.company.name}
        next={`/requests/${orderId}`}
      />
    );
  }

  const query = await searchParams;
  const notice = typeof query.notice === "string" ? NOTICES[query.notice] : undefined;
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: detail.timeZone,
  });
  const number = formatOrderNumber(detail.number);
  // Open, a backorder included: its stock may still move, so the lines show the stock at its location now.
  const open = (OPEN_STATUSES as readonly OrderStatus[]).includes(detail.status);
  const actionNote = orderActionNote({
    status: detail.status,
    type: detail.type,
    role: ctx.role,
    isRequester: detail.isRequester,
    requireSecondApprover: detail.requireSecondApprover,
  });
  const person = (who: OrderPerson | null) =>
    who ? (who.id === ctx.userId ? `${who.name} (you)` : who.name) : "someone no longer in the company";
  const decides = detail.actions.includes("approve") || detail.actions.includes("reject");
  const locationName = detail.location.archived ? `${detail.location.name} (archived)` : detail.location.name;

  return (
    // Room under the content for the decision bar a phone shows along the bottom of the screen.
    <div className={cn("mx-auto max-w-6xl space-y-6", decides && "pb-24 md:pb-0")}>
      <div className="space-y-3">
        <Link href="/requests" className="text-sm font-medium text-brand-700 underline">
          {can(ctx.role, "requests.viewAll") ? "Requests" : "My requests"}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-2xl font-bold text-slate-900">{number}</h1>
          <OrderStatusBadge status={detail.status} />
          <LiveRefresh
            topics={{ orders: [detail.id], stock: open ? detail.lines.map((line) => line.productId) : [] }}
          />
        </div>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
          <dt className="text-slate-500">Type</dt>
          <dd className="text-slate-900">{ORDER_TYPE_LABELS[detail.type]}</dd>
          <dt className="text-slate-500">Location</dt>
          <dd className="text-slate-900">{locationName}</dd>
          <dt className="text-slate-500">Requested by</dt>
          <dd className="text-slate-900">{person(detail.requester)}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd className="text-slate-900">
            <time dateTime={detail.createdAt.toISOString()}>{moment.format(detail.createdAt)}</time>
          </dd>
        </dl>
        {notice && <Alert tone="success">{notice}</Alert>}
        {/* Arrived from an accepted form: its draft on this device is done with (docs/architecture.md, "Drafts on the device"). */}
        {query.notice === "created" && (
          <ClearDeviceDraft
            draftKey={draftKey(ctx, "request-new")}
            sent={{ clientRequestId: detail.clientRequestId }}
          />
        )}
        {query.notice === "updated" && (
          <ClearDeviceDraft
            draftKey={draftKey(ctx, "request-edit", detail.id)}
            sent={{ version: String(detail.version - 1) }}
          />
        )}
        {actionNote && (
          <p className="rounded-lg border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-900">
            {actionNote}
          </p>
        )}
      </div>

      {/* The panel first: on a phone right under the header (its decision bar fixed along the bottom), on a wide
          screen in a column beside the request, staying in view while it scrolls. */}
      <div
        className={cn("grid gap-6 lg:items-start", detail.actions.length > 0 && "lg:grid-cols-[minmax(0,1fr)_20rem]")}
      >
        <div className="lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1">
          <OrderActionPanel
            order={{
              id: detail.id,
              number: detail.number,
              version: detail.version,
              type: detail.type,
              status: detail.status,
              unitTotals: detail.unitTotals,
              outstandingTotals: detail.outstandingTotals,
              locationName: detail.location.name,
              lines: detail.lines.map((line) => ({
                productId: line.productId,
                name: line.name,
                sku: line.sku,
                unit: line.unit,
                packSize: line.packSize,
                quantity: line.quantity,
                approvedQuantity: line.approvedQuantity,
                outstanding: line.outstanding,
                fulfilNow: line.fulfilNow,
                onHand: line.onHand,
                available: line.available,
              })),
            }}
            actions={detail.actions}
            serverActions={{
              approve: approveOrderAction,
              reject: rejectOrderAction,
              fulfil: fulfilOrderAction,
              close: closeOrderAction,
              cancel: cancelOrderAction,
            }}
          />
        </div>
        <div className="min-w-0 space-y-6 lg:col-start-1 lg:row-start-1">
          {(detail.reference || detail.note) && (
            <Card>
              <dl className="space-y-3 text-sm">
                {detail.reference && (
                  <div>
                    <dt className="text-slate-500">Reference</dt>
                    <dd className="break-words text-slate-900">{detail.reference}</dd>
                  </div>
                )}
                {detail.note && (
                  <div>
                    <dt className="text-slate-500">Note</dt>
                    <dd className="whitespace-pre-line break-words text-slate-900">{detail.note}</dd>
                  </div>
                )}
              </dl>
            </Card>
          )}

          <Card>
            <h2 className="font-semibold text-slate-900">Products</h2>
            {open && <p className="mt-1 text-sm text-slate-600">Stock shown is at {detail.location.name} now.</p>}
            <div className="mt-3">
              <OrderLines
                lines={detail.lines}
                status={detail.status}
                currency={detail.currency}
                locationName={detail.location.name}
                totalValue={detail.totalValue}
                showStock={open}
                checkShortage={detail.status === "PENDING" && detail.type === "CUSTOMER_ORDER"}
              />
            </div>
          </Card>

          <div className="grid gap-6 xl:grid-cols-2">
            <Card>
              <h2 className="font-semibold text-slate-900">Outcome</h2>
              <Outcome detail={detail} person={person} format={(at) => moment.format(at)} />
            </Card>
            <Card>
              <h2 className="font-semibold text-slate-900">History</h2>
              <p className="mt-1 text-sm text-slate-600">
                {detail.timelineTruncated
                  ? `The latest ${detail.timeline.length} entries, oldest first; earlier ones are in the audit log.`
                  : "Oldest first."}{" "}
                Times are in {detail.timeZone}.
              </p>
              {can(ctx.role, "audit.view") && (
                <Link
                  href={entityHistoryHref("order", detail.id)}
                  className="mt-1 inline-block text-sm font-medium text-brand-700 underline"
                >
                  See in the audit log
                </Link>
              )}
              <div className="mt-3">
                <OrderTimeline
                  entries={detail.timeline.map(({ at, ...entry }) => ({
                    ...entry,
                    atLabel: moment.format(at),
                    atIso: at.toISOString(),
                  }))}
                />
              </div>
            </Card>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Who decided, fulfilled or cancelled the request, and when; or that it still waits. */
function Outcome({
  detail,
  person,
  format,
}: {
  detail: OrderDetail;
  person: (who: OrderPerson | null) => string;
  format: (at: Date) => string;
}) {
  const { decision, fulfilment, cancellation } = detail;
  if (!decision && !fulfilment && !cancellation) {
    return <p className="mt-2 text-sm text-slate-600">Waiting for a manager to approve or reject it.</p>;
  }
  const when = (at: Date) => <time dateTime={at.toISOString()}>{format(at)}</time>;
  return (
    <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
      {decision && (
        <>
          <dt className="text-slate-500">{detail.status === "REJECTED" ? "Rejected" : "Approved"}</dt>
          <dd className="text-slate-900">
            by {person(decision.by)}, {when(decision.at)}
          </dd>
          {decision.note && (
            <>
              <dt className="text-slate-500">{detail.status === "REJECTED" ? "Reason" : "Decision note"}</dt>
              <dd className="whitespace-pre-line break-words text-slate-900">{decision.note}</dd>
            </>
          )}
        </>
      )}
      {fulfilment && (
        <>
          {/* A backorder, open or closed, was fulfilled in part: the latest delivery's person and time. */}
          <dt className="text-slate-500">{detail.status === "FULFILLED" ? "Fulfilled" : "Partly fulfilled"}</dt>
          <dd className="text-slate-900">
            by {person(fulfilment.by)}, {when(fulfilment.at)}
          </dd>
        </>
      )}
      {cancellation && (
        <>
          <dt className="text-slate-500">{detail.status === "CLOSED" ? "Closed" : "Cancelled"}</dt>
          <dd className="text-slate-900">
            by {person(cancellation.by)}, {when(cancellation.at)}
          </dd>
        </>
      )}
    </dl>
  );
}
