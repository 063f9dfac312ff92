import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LiveRefresh } from "@/components/live/live-refresh";
import { StocktakeStatusBadge } from "@/components/stocktakes/stocktake-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { cursorParams } from "@/lib/list/keyset-page";
import {
  decodeStocktakeListCursor,
  listStocktakes,
  STOCKTAKE_LIST_FILTERS,
  type StocktakeListFilter,
  type StocktakeListRow,
} from "@/lib/stocktakes/list-stocktakes";
import { formatStocktakeNumber } from "@/lib/stocktakes/stocktake-fields";

export const metadata: Metadata = { title: "Stocktakes" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const whole = new Intl.NumberFormat("en-US");

/** The list's views, as links: a filtered list is a deep link. "all" is no filter. */
const VIEWS: { filter: StocktakeListFilter | "all"; label: string }[] = [
  { filter: "open", label: "Open" },
  { filter: "all", label: "All" },
  { filter: "BOOKED", label: "Booked" },
  { filter: "CANCELLED", label: "Cancelled" },
];

function progress(row: StocktakeListRow): string {
  const counted = `${whole.format(row.counted)} of ${whole.format(row.lines)} counted`;
  return row.recountRequested > 0 ? `${counted}, ${whole.format(row.recountRequested)} to recount` : counted;
}

export default async function StocktakesPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const query = await searchParams;
  const requested = typeof query.status === "string" ? query.status : undefined;
  // A view that is not one of the list's (a hand-edited link) shows the open ones, as a first visit does.
  const filter: StocktakeListFilter | "all" =
    requested === "all" || (STOCKTAKE_LIST_FILTERS as readonly string[]).includes(requested ?? "")
      ? (requested as StocktakeListFilter | "all")
      : "open";
  const at = cursorParams(query.after, query.before, decodeStocktakeListCursor);
  const list = await listStocktakes(ctx, { ...(filter !== "all" && { status: filter }), ...at });
  const canStart = can(ctx.role, "stock.stocktake");
  const moment = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: list.timeZone });
  const href = (view: string, cursor?: PageCursor) => {
    const params = new URLSearchParams();
    if (view !== "open") params.set("status", view);
    if (cursor?.after) params.set("after", cursor.after);
    else if (cursor?.before) params.set("before", cursor.before);
    const text = params.toString();
    return text ? `/stocktakes?${text}` : "/stocktakes";
  };
  const name = (row: StocktakeListRow) => (
    <Link href={`/stocktakes/${row.id}`} className="font-medium text-brand-700 underline">
      {formatStocktakeNumber(row.number)}
    </Link>
  );

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-x-3">
            <h1 className="text-2xl font-bold text-slate-900">Stocktakes</h1>
            <LiveRefresh topics={{ stocktakes: true }} />
          </div>
          <p className="mt-1 max-w-2xl text-slate-600">
            Counts of a location saved as they are made, by everyone counting at once, then booked. Each line books its
            count against what the books held when it was counted, so stock that moves meanwhile is kept. Times are in{" "}
            {list.timeZone}.
          </p>
        </div>
        {canStart && <ButtonLink href="/stocktakes/new">Start a stocktake</ButtonLink>}
      </div>
      <nav aria-label="Show stocktakes" className="flex flex-wrap gap-2">
        {VIEWS.map((view) => (
          <Link
            key={view.filter}
            href={href(view.filter)}
            aria-current={view.filter === filter ? "page" : undefined}
            className={
              view.filter === filter
                ? "inline-flex min-h-10 items-center rounded-full bg-brand-600 px-4 text-sm font-semibold text-white"
                : "inline-flex min-h-10 items-center rounded-full border border-slate-300 bg-white px-4 text-sm font-medium text-slate-700"
            }
          >
            {view.label}
          </Link>
        ))}
      </nav>
      {list.rows.length === 0 ? (
        <EmptyState
          title={filter === "open" ? "No stocktake is open." : "No stocktakes here yet."}
          action={canStart ? <ButtonLink href="/stocktakes/new">Start a stocktake</ButtonLink> : undefined}
        >
          {canStart
            ? "Start one for a location; everyone can then count it on their phones."
            : "A manager starts a stocktake; you can then count it here."}
        </EmptyState>
      ) : (
        <ResponsiveList
          label="Stocktakes"
          caption="Stocktakes"
          rows={list.rows}
          rowKey={(row) => row.id}
          columns={[
            { header: "Stocktake", rowHeader: true, cell: name },
            { header: "Location", cell: (row) => row.locationName },
            { header: "Status", cell: (row) => <StocktakeStatusBadge status={row.status} blind={row.blind} /> },
            { header: "Progress", cell: progress },
            { header: "Started", cell: (row) => `${moment.format(row.createdAt)} by ${row.createdBy}` },
          ]}
          card={(row) => (
            <div className="space-y-1">
              <div className="flex flex-wrap items-center justify-between gap-2">
                {name(row)}
                <StocktakeStatusBadge status={row.status} blind={row.blind} />
              </div>
              <p className="text-sm text-slate-700">{row.locationName}</p>
              <p className="text-sm text-slate-600">{progress(row)}</p>
              <p className="text-sm text-slate-500">
                Started {moment.format(row.createdAt)} by {row.createdBy}
              </p>
            </div>
          )}
        />
      )}
      <CursorPager
        label="Stocktake pages"
        href={(cursor) => href(filter, cursor)}
        firstPage={!at.after && !at.before}
        nextCursor={list.nextCursor}
        previousCursor={list.previousCursor}
        labels={{ first: "Back to newest", next: "Older stocktakes", previous: "Newer stocktakes" }}
      />
    </div>
  );
}
