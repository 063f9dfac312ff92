import type { Metadata } from "next";
import { formatLongDay } from "@/components/dashboard/format";
import {
  MovementGroupsTable,
  MovementsTable,
  type MovementGroupItem,
  type MovementItem,
} from "@/components/reports/movements-table";
import { describeUnitTotals, formatQuantity } from "@/components/reports/report-format";
import { MovementFilters } from "@/components/reports/report-filters";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getMovementsReport, type MovementReportGroup } from "@/lib/reports/movements-report";
import {
  movementsExportHref,
  movementsHref,
  movementsQueryFromParams,
  REASON_LABELS,
  type MovementGroup,
  type MovementsQuery,
  type ReportReason,
} from "@/lib/reports/report-params";

export const metadata: Metadata = { title: "Movements report" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The movements of a group: the same report narrowed to it, each movement listed. */
function groupHref(query: MovementsQuery, groupBy: MovementGroup, group: MovementReportGroup): string {
  const narrowed: MovementsQuery = { ...query, groupBy: undefined, after: undefined };
  if (groupBy === "product") narrowed.productId = group.id;
  if (groupBy === "location") narrowed.locationId = group.id;
  if (groupBy === "reason") narrowed.reason = group.id as ReportReason;
  return movementsHref(narrowed);
}

/** Stock in and out by product, location, reason and period (docs/architecture.md §8 "Reports"). */
export default async function MovementsReportPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "reports.view")) {
    return (
      <ManagersOnly title="Reports are for managers and admins">
        The movements report shows how stock came and went across the company.
      </ManagersOnly>
    );
  }
  const asked = movementsQueryFromParams(await searchParams);
  const report = await getMovementsReport(ctx, asked);
  // A product or location of the link that is not the company's was dropped (report.dropped says so): the links
  // carry what the report shows.
  const query: MovementsQuery = { ...asked, productId: report.product?.id, locationId: report.location?.id };
  const moment = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: report.timeZone,
  });
  // The period as shown (the last 30 days unless chosen) is kept in every link, so paging never changes it.
  const shown: MovementsQuery = { ...query, from: report.from, to: report.to };
  const rows: MovementItem[] = report.rows.map((row) => ({
    id: row.id,
    atLabel: moment.format(row.at),
    productId: row.productId,
    productName: row.productName,
    sku: row.sku,
    unit: row.unit,
    locationName: row.locationName,
    reasonLabel: REASON_LABELS[row.reason],
    quantity: row.quantity,
    balanceAfter: row.balanceAfter,
    note: row.note,
    productHref: movementsHref({ ...shown, productId: row.productId, after: undefined }),
  }));
  const groups: MovementGroupItem[] = report.groupBy
    ? report.groups.map((group) => ({ ...group, href: groupHref(shown, report.groupBy!, group) }))
    : [];
  const period =
    report.from && report.to
      ? `${formatLongDay(report.from)} to ${formatLongDay(report.to)}`
      : report.from
        ? `from ${formatLongDay(report.from)}`
        : `until ${formatLongDay(report.to!)}`;
  const empty = report.groupBy ? groups.length === 0 : rows.length === 0;

  return (
    <div className="mx-auto max-w-7xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">Movements</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            Stock in and out, {period} ({report.timeZone}). A transfer is one movement out and one in.
          </p>
        </div>
        <a href={movementsExportHref(shown)} className={buttonClasses("secondary")} download>
          Download CSV
        </a>
      </div>

      {report.dropped.map((message) => (
        <Alert key={message} tone="info">
          {message}
        </Alert>
      ))}

      <MovementFilters
        query={query}
        from={report.from}
        to={report.to}
        product={report.product}
        locations={report.locationOptions}
      />

      <section
        aria-labelledby="movement-totals-heading"
        className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id="movement-totals-heading" className="font-semibold text-slate-900">
          Totals
        </h2>
        <p className="mt-1 text-slate-700">{describeUnitTotals(report.totals.units)}</p>
        <p className="text-sm text-slate-600">
          {formatQuantity(report.totals.movementsIn)} movements in, {formatQuantity(report.totals.movementsOut)} out
        </p>
      </section>

      <section aria-labelledby="movement-rows-heading" className="space-y-3">
        <h2 id="movement-rows-heading" className="sr-only">
          {report.groupBy ? `By ${report.groupBy}` : "Movements"}
        </h2>
        {empty ? (
          <EmptyState title={query.after ? "No more movements." : "No movements match these filters."}>
            {!query.after && (
              <>
                Widen the period or clear a filter. <ClearFiltersLink href="/reports/movements" />
              </>
            )}
          </EmptyState>
        ) : report.groupBy ? (
          <MovementGroupsTable groupBy={report.groupBy} groups={groups} />
        ) : (
          <MovementsTable rows={rows} />
        )}
        <CursorPager
          label="Movement report pages"
          href={({ after }) => movementsHref({ ...shown, after })}
          firstPage={!query.after}
          nextCursor={report.nextCursor}
          labels={{ first: "Back to the first page", next: report.groupBy ? "Next page" : "Older movements" }}
        />
      </section>
    </div>
  );
}
