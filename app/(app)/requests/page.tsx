import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { WaitingToSend } from "@/components/offline/waiting-to-send";
import { hasOrderFilters, OrderFilters } from "@/components/orders/order-filters";
import { OrderList } from "@/components/orders/order-list";
import { ButtonLink } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";
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
  // "Needs my decision" (docs/architecture.md "Decisions on a phone"): the pending requests the viewer may decide.
  const deciding = query.view === "decide";
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: list.timeZone,
  });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">
            {deciding ? "Needs my decision" : seesAll ? "Requests" : "My requests"}
          </h1>
          <p className="mt-1 text-slate-600">
            {deciding
              ? `Pending requests waiting for you to approve or reject them, the longest waiting first. Times are in ${list.timeZone}.`
              : seesAll
                ? `Restocks and customer orders raised in ${ctx.company.name}, newest first. Times are in ${list.timeZone}.`
                : `The requests you raised, newest first: you see your own, and a manager decides on them. Times are in ${list.timeZone}.`}
          </p>
          {deciding && (
            <Link href="/requests" className="mt-1 inline-block text-sm font-medium text-brand-700 underline">
              All requests
            </Link>
          )}
          <LiveRefresh topics={{ orders: true }} className="mt-1" />
        </div>
        {/* Staff land here (lib/auth/home.ts): the next request is one full-width tap away on a phone. */}
        <ButtonLink href="/requests/new" className="min-h-11 w-full sm:w-auto">
          New request
        </ButtonLink>
      </div>

      <WaitingToSend />

      {!deciding && (
        <OrderFilters query={query} requesters={seesAll ? list.requesters : []} partner={list.partnerFilter} />
      )}

      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        {list.rows.length === 0 ? (
          deciding && !query.after ? (
            <EmptyState title="Nothing waits for your decision." />
          ) : (
            <NoRequests filtered={hasOrderFilters(query)} older={Boolean(query.after)} />
          )
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
              unitTotals: row.unitTotals,
              productNames: row.productNames,
              partner: row.partner,
              reference: row.reference,
              createdLabel: moment.format(row.createdAt),
              createdIso: row.createdAt.toISOString(),
            }))}
          />
        )}
        <CursorPager
          label="Request pages"
          href={({ after }) => orderListHref({ ...query, after })}
          firstPage={!query.after}
          nextCursor={list.nextCursor}
          labels={
            deciding
              ? { first: "Back to the longest waiting", next: "More requests" }
              : { first: "Back to newest", next: "Older requests" }
          }
        />
      </section>
    </div>
  );
}

function NoRequests({ filtered, older }: { filtered: boolean; older: boolean }) {
  // A page past the oldest request (the link outlived the requests it pointed at): "Back to newest" is below.
  if (older) return <EmptyState title="No older requests." />;
  if (filtered) {
    return (
      <EmptyState title="No requests match these filters.">
        Check the request number, or widen the filters. <ClearFiltersLink href="/requests" />
      </EmptyState>
    );
  }
  return (
    <EmptyState
      title="No requests yet. Raise one with New request."
      action={<ButtonLink href="/requests/new">New request</ButtonLink>}
    >
      A restock asks for stock to come in; a customer order asks for stock to go out.
    </EmptyState>
  );
}
