import type { Metadata } from "next";
import { MovementChart } from "@/components/dashboard/movement-chart";
import { OldestPending } from "@/components/dashboard/oldest-pending";
import { RequestSummary } from "@/components/dashboard/request-summary";
import { ShortForApproved } from "@/components/dashboard/short-for-approved";
import { StatTile } from "@/components/dashboard/stat-tile";
import { TopMovers } from "@/components/dashboard/top-movers";
import { formatCount, formatTileMoney } from "@/components/dashboard/format";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ButtonLink } from "@/components/ui/button";
import { requireTenant } from "@/lib/auth/context";
import { dashboardPeriodFromParams } from "@/lib/dashboard/dashboard-params";
import { getDashboard } from "@/lib/dashboard/get-dashboard";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const days = dashboardPeriodFromParams(await searchParams);
  const dashboard = await getDashboard(ctx, { days });
  const own = dashboard.scope === "own";
  const pending = dashboard.requests.byStatus.PENDING;
  const atCost = dashboard.stockValue && formatTileMoney(dashboard.stockValue.atCost, dashboard.currency);
  const atSale = dashboard.stockValue && formatTileMoney(dashboard.stockValue.atSale, dashboard.currency);
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: dashboard.timeZone,
  });

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">Dashboard</h1>
          <p className="mt-1 text-slate-600">
            {ctx.company.name} · signed in as {ctx.user.name} ({ROLE_LABELS[ctx.role]})
          </p>
          {/* Every change may move a number here; the server already filters what each role receives. */}
          <LiveRefresh topics="all" className="mt-1" />
        </div>
        <ButtonLink href="/requests/new">New request</ButtonLink>
      </div>

      {/* Two tiles a row from the narrowest phone, four on wide screens. */}
      <section aria-label="Summary" className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4 [&>*]:min-w-0">
        {atCost && atSale && (
          <>
            <StatTile
              label="Stock value at cost"
              value={atCost.figure}
              detail={withExact(atCost.exact, "Everything on hand at today's cost prices.")}
            />
            <StatTile
              label="Stock value at sale price"
              value={atSale.figure}
              detail={withExact(atSale.exact, "The same stock at today's sale prices.")}
            />
          </>
        )}
        <StatTile
          label="Low stock"
          value={formatCount(dashboard.lowStock)}
          detail={
            dashboard.lowStock === 1
              ? "Product at or below its reorder point."
              : "Products at or below their reorder point."
          }
          attention={dashboard.lowStock > 0}
          link={{
            href: "/products?stock=low",
            text:
              dashboard.lowStock === 1
                ? "product is at or below its reorder point"
                : "products are at or below their reorder point",
          }}
        />
        <StatTile
          label={own ? "Your requests awaiting approval" : "Awaiting approval"}
          value={formatCount(pending)}
          detail={
            pending === 1 ? "Request waiting for a manager's decision." : "Requests waiting for a manager's decision."
          }
          attention={!own && pending > 0}
          link={{
            href: "/requests?status=PENDING",
            text: `${own ? "of your requests" : pending === 1 ? "request" : "requests"} ${pending === 1 ? "awaits" : "await"} approval`,
          }}
        />
      </section>

      <ShortForApproved short={dashboard.shortForApproved} />

      <MovementChart movements={dashboard.movements} days={dashboard.days} timeZone={dashboard.timeZone} />

      <div className="grid gap-6 lg:grid-cols-3">
        <TopMovers movers={dashboard.topMovers} days={dashboard.days} />
        <OldestPending
          scope={dashboard.scope}
          pendingCount={pending}
          requests={dashboard.oldestPending.map((request) => ({
            id: request.id,
            number: request.number,
            type: request.type,
            requesterName: request.requesterName,
            locationName: request.locationName,
            lineCount: request.lineCount,
            createdLabel: moment.format(request.createdAt),
            createdIso: request.createdAt.toISOString(),
          }))}
        />
        <RequestSummary
          scope={dashboard.scope}
          byStatus={dashboard.requests.byStatus}
          total={dashboard.requests.total}
        />
      </div>
    </div>
  );
}

/** A tile's detail, led by the exact amount when the figure above it is compact. */
function withExact(exact: string | null, detail: string): string {
  return exact ? `${exact}: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}` : detail;
}
