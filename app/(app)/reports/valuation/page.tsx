import type { Metadata } from "next";
import { Suspense } from "react";
import { formatLongDay } from "@/components/dashboard/format";
import { formatReportMoney } from "@/components/reports/report-format";
import { ValuationFilters } from "@/components/reports/report-filters";
import { ValuationTable } from "@/components/reports/valuation-table";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import {
  valuationExportHref,
  valuationHref,
  valuationQueryFromParams,
  type ValuationQuery,
} from "@/lib/reports/report-params";
import type { TenantContext } from "@/lib/context";
import { getValuation, getValuationTotal } from "@/lib/reports/valuation";

export const metadata: Metadata = { title: "Stock valuation" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The stock held at the end of a chosen day and what it was worth (docs/architecture.md §8 "Reports"). */
export default async function ValuationPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "reports.view")) {
    return (
      <ManagersOnly title="Reports are for managers and admins">
        The stock valuation shows what the company&apos;s stock was worth.
      </ManagersOnly>
    );
  }
  const asked = valuationQueryFromParams(await searchParams);
  let errors: Record<string, string[]> | undefined;
  let report;
  try {
    report = await getValuation(ctx, asked);
  } catch (error) {
    // A day still to come: the message goes on the field, and the report shows today.
    if (!(error instanceof AppError) || error.code !== "VALIDATION" || !error.fieldErrors?.date) throw error;
    errors = error.fieldErrors;
    report = await getValuation(ctx, { ...asked, date: undefined, after: undefined });
  }
  // A location of the link that is not the company's was dropped (report.dropped says so): the links carry what the
  // report shows.
  const query: ValuationQuery = { ...asked, locationId: report.location?.id };
  const dateLabel = formatLongDay(report.date);
  const anyAtCurrentCost = report.lines.some((line) => line.atCurrentCost);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold text-slate-900">Stock valuation</h1>
          <p className="mt-1 max-w-3xl text-slate-600">
            What {report.location ? report.location.name : "every location"} held at the end of {dateLabel} (
            {report.timeZone}), at the moving-average cost of then.
          </p>
        </div>
        <a href={valuationExportHref({ ...query, date: report.date })} className={buttonClasses("secondary")} download>
          Download CSV
        </a>
      </div>

      {report.dropped.map((message) => (
        <Alert key={message} tone="info">
          {message}
        </Alert>
      ))}

      <ValuationFilters
        query={query}
        date={report.date}
        today={report.today}
        locations={report.locationOptions}
        errors={errors}
      />

      {report.seesMoney && (
        <p className="rounded-xl border border-slate-200 bg-white p-4 text-lg shadow-sm" aria-live="polite">
          Total value at the end of {dateLabel}:{" "}
          <Suspense fallback={<span className="text-slate-500">working it out…</span>}>
            <ValuationTotal
              ctx={ctx}
              filters={{ date: report.date, locationId: report.location?.id }}
              currency={report.currency}
            />
          </Suspense>
        </p>
      )}
      {anyAtCurrentCost && (
        <p className="text-sm text-slate-600">
          Lines marked “at current cost” had no receipt at a cost by then (before the moving average was kept, or stock
          that came without a cost): they are valued at today&apos;s cost price.
        </p>
      )}

      <section aria-labelledby="valuation-lines-heading" className="space-y-3">
        <h2 id="valuation-lines-heading" className="sr-only">
          Products
        </h2>
        {report.lines.length === 0 ? (
          <EmptyState title={query.after ? "No more products." : `Nothing was in stock at the end of ${dateLabel}.`}>
            {!query.after && "Choose a later day or another location."}
          </EmptyState>
        ) : (
          <ValuationTable
            lines={report.lines}
            currency={report.currency}
            seesMoney={report.seesMoney}
            dateLabel={dateLabel}
          />
        )}
        <CursorPager
          label="Valuation pages"
          href={({ after }) => valuationHref({ ...query, after })}
          firstPage={!query.after}
          nextCursor={report.nextCursor}
          labels={{ first: "Back to the first page", next: "Next products" }}
        />
      </section>
    </div>
  );
}

/**
 * The day's total, streamed after the lines: it reads the movements since that day, which for a day long ago in a
 * busy company takes longer than the page (docs/architecture.md §8 "Reports").
 */
async function ValuationTotal({
  ctx,
  filters,
  currency,
}: {
  ctx: TenantContext;
  filters: { date: string; locationId?: string };
  currency: string;
}) {
  const total = await getValuationTotal(ctx, filters);
  return total === null ? null : <strong className="tabular-nums">{formatReportMoney(total, currency)}</strong>;
}
