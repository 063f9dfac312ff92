import type { Metadata } from "next";
import Link from "next/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { hasOrderFilters, OrderFilters } from "@/components/orders/order-filters";
import { OrderList } from "@/components/orders/order-list";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listOrderRequests } from "@/lib/orders/list-order-requests";
import { orderListHref, orderListQueryFromParams } from "@/lib/orders/order-list-params";

export const metadata: Metadata = { title: "Requests" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RequestsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const { query, input } = orderListQueryFromParams(await searchParams);
  const list = await listOrderRequests(ctx, input);
  const seesAll = can(ctx.role, "requests.viewAll");
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: list.timeZone,
  });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">{seesAll ? "Requests" : "My requests"}</h1>
          <p className="mt-1 text-slate-600">
            {seesAll
              ? `Restocks and customer orders raised in ${ctx.company.name}, newest first. Times are in ${list.timeZone}.`
              : `The requests you raised, newest first: you see your own, and a manager decides on them. Times are in ${list.timeZone}.`}
          </p>
          <LiveRefresh topics={{ orders: true }} className="mt-1" />
        </div>
        <ButtonLink href="/requests/new">New request</ButtonLink>
      </div>

      <OrderFilters query={query} requesters={seesAll ? list.requesters : []} />

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {list.rows.length === 0 ? (
          <EmptyState filtered={hasOrderFilters(query)} older={Boolean(query.after)} />
        ) : (
          <OrderList
            showRequester={seesAll}
            orders={list.rows.map((row) => ({
              id: row.id,
              number: row.number,
              type: row.type,
              status: row.status,
              requesterName: row.requesterName,
              locationName: row.locationName,
              lineCount: row.lineCount,
              totalUnits: row.totalUnits,
              createdLabel: moment.format(row.createdAt),
              createdIso: row.createdAt.toISOString(),
            }))}
          />
        )}
        {(list.nextCursor || query.after) && (
          <nav aria-label="Request pages" className="flex flex-wrap items-center justify-between gap-2">
            {query.after ? (
              <Link
                href={orderListHref({ ...query, after: undefined })}
                className="text-sm font-medium text-brand-700 underline"
              >
                Back to newest
              </Link>
            ) : (
              <span />
            )}
            {list.nextCursor && (
              <Link href={orderListHref({ ...query, after: list.nextCursor })} className={buttonClasses("secondary")}>
                Older requests
              </Link>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}

function EmptyState({ filtered, older }: { filtered: boolean; older: boolean }) {
  const box = "rounded-xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600";
  // A page past the oldest request (the link outlived the requests it pointed at): "Back to newest" is below.
  if (older) return <p className={box}>No older requests.</p>;
  if (filtered) {
    return (
      <div className={box}>
        <p className="font-medium text-slate-900">No requests match these filters.</p>
        <p className="mt-1">
          Check the request number, or widen the filters.{" "}
          <Link href="/requests" className="font-medium text-brand-700 underline">
            Clear filters
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className={box}>
      <p className="font-medium text-slate-900">No requests yet. Raise one with New request.</p>
      <p className="mt-1">A restock asks for stock to come in; a customer order asks for stock to go out.</p>
      <ButtonLink href="/requests/new" className="mt-4">
        New request
      </ButtonLink>
    </div>
  );
}
