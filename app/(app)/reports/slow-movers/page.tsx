import type { Metadata } from "next";
import { SlowMoversFilters } from "@/components/reports/report-filters";
import { SlowMoversTable, type SlowMoverItem } from "@/components/reports/slow-movers-table";
import { buttonClasses } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { slowMoversExportHref, slowMoversHref, slowMoversQueryFromParams } from "@/lib/reports/report-params";
import { getSlowMovers } from "@/lib/reports/slow-movers";

export const metadata: Metadata = { title: "Slow movers" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Products with stock that none has left for N days (docs/architecture.md §8 "Reports"). */
export default async function SlowMoversPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "reports.view")) {
    return (
      <ManagersOnly title="Reports are for managers and admins">
        Slow movers shows the stock that is not leaving the company.
      </ManagersOnly>
    );
  }
  const query = slowMoversQueryFromParams(await searchParams);
  const report = await getSlowMovers(ctx, query);
  const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: report.timeZone });
  const products: SlowMoverItem[] = report.products.map((item) => ({
    productId: item.productId,
    name: item.name,
    sku: item.sku,
    unit: item.unit,
    onHand: item.onHand,
    unitCost: item.unitCost,
    atCurrentCost: item.atCurrentCost,
    value: item.value,
    lastOutLabel: item.lastOut ? day.format(item.lastOut) : "Never",
    lastMovementLabel: item.lastMovement ? day.format(item.lastMovement) : "Never",
  }));

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">Slow movers</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Active products with stock on hand that none has left in the last {report.days} days: not shipped, not
            adjusted or counted down. Moving between locations does not count as leaving.
          </p>
        </div>
        <a href={slowMoversExportHref(query)} className={buttonClasses("secondary")} download>
          Download CSV
        </a>
      </div>

      <SlowMoversFilters query={query} days={report.days} />

      <section aria-labelledby="slow-movers-heading" className="space-y-3">
        <h2 id="slow-movers-heading" className="sr-only">
          Products
        </h2>
        {products.length === 0 ? (
          <EmptyState
            title={
              query.after ? "No more products." : `Stock of every product has left in the last ${report.days} days.`
            }
          >
            {!query.after && "Choose fewer days to see what moves least."}
          </EmptyState>
        ) : (
          <SlowMoversTable products={products} currency={report.currency} seesMoney={report.seesMoney} />
        )}
        <CursorPager
          label="Slow mover pages"
          href={({ after }) => slowMoversHref({ ...query, after })}
          firstPage={!query.after}
          nextCursor={report.nextCursor}
          labels={{ first: "Back to the first page", next: "Next products" }}
        />
      </section>
    </div>
  );
}
