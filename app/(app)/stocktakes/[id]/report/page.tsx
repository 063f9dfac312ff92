import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { StocktakeStatusBadge } from "@/components/stocktakes/stocktake-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager, type PageCursor } from "@/components/ui/list/cursor-pager";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import { requireTenant } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { cursorParams } from "@/lib/list/keyset-page";
import { orNotFound } from "@/lib/page";
import { formatStocktakeNumber } from "@/lib/stocktakes/stocktake-fields";
import { thresholdText } from "@/lib/stocktakes/stocktake-rules";
import {
  decodeVarianceCursor,
  getStocktakeVariance,
  type VarianceLine,
  type VarianceReport,
} from "@/lib/stocktakes/stocktake-variance";

export const metadata: Metadata = { title: "Variance report" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const whole = new Intl.NumberFormat("en-US");
const signed = (n: number) => (n > 0 ? `+${whole.format(n)}` : n < 0 ? `−${whole.format(-n)}` : "0");

/** A report refused for being blind and not booked yet: said on the page, with the way back. */
async function reportOrRefusal(work: Promise<VarianceReport>): Promise<VarianceReport | AppError> {
  return orNotFound(work).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "INVALID_TRANSITION") return error;
    throw error;
  });
}

export default async function VarianceReportPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const ctx = await requireTenant();
  const { id } = await params;
  const query = await searchParams;
  const at = cursorParams(query.after, query.before, decodeVarianceCursor);
  const report = await reportOrRefusal(getStocktakeVariance(ctx, { stocktakeId: id, ...at }));
  const back = `/stocktakes/${id}`;
  if (report instanceof AppError) {
    return (
      <div className="mx-auto max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold text-slate-900">Variance report</h1>
        <Card>
          <p className="text-slate-700">{report.message}</p>
          <ButtonLink href={back} variant="secondary" className="mt-4">
            Back to the stocktake
          </ButtonLink>
        </Card>
      </div>
    );
  }
  const { stocktake, totals, money } = report;
  const number = formatStocktakeNumber(stocktake.number);
  const booked = stocktake.status === "BOOKED";
  const currency = new Intl.NumberFormat("en-GB", { style: "currency", currency: report.currency });
  const amount = (value: string) => currency.format(Number(value));
  const href = (cursor: PageCursor) => {
    const next = new URLSearchParams();
    if (cursor.after) next.set("after", cursor.after);
    else if (cursor.before) next.set("before", cursor.before);
    const text = next.toString();
    return text ? `${back}/report?${text}` : `${back}/report`;
  };
  const recount = (line: VarianceLine) =>
    line.firstCount !== null
      ? `Recounted (first count ${whole.format(line.firstCount)})`
      : line.recount === "REQUESTED"
        ? "To recount"
        : line.overThreshold
          ? "Over the threshold"
          : "";

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href={back} className="text-brand-700 underline">
            {number}
          </Link>
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-2xl font-bold text-slate-900">
            Variance report: {number} at {stocktake.locationName}
          </h1>
          <StocktakeStatusBadge status={stocktake.status} blind={stocktake.blind} />
        </div>
        <p className="mt-1 max-w-3xl text-slate-600">
          Each line compares its count with what the books held when it was counted.{" "}
          {booked
            ? "Booked: what the ledger moved for each line, valued at the cost price when it was booked."
            : money
              ? "Not booked yet: values are at today's cost prices."
              : "Not booked yet."}{" "}
          Recount rule: {thresholdText(stocktake.threshold)}.
        </p>
        <div className="mt-4">
          <ButtonLink href={`${back}/variance.csv`} variant="secondary">
            Download CSV
          </ButtonLink>
        </div>
      </div>

      <section aria-labelledby="totals-heading">
        <Card>
          <h2 id="totals-heading" className="font-semibold text-slate-900">
            Totals
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-900">Counted</dt>
            <dd>
              {whole.format(totals.counted)} {totals.counted === 1 ? "product" : "products"},{" "}
              {whole.format(totals.withDifference)} with a difference
              {totals.notCounted > 0 && `; ${whole.format(totals.notCounted)} not counted (left as they are)`}
            </dd>
            {totals.byUnit.map((unit) => (
              <div key={unit.unit} className="contents">
                <dt className="font-medium text-slate-900">In {unit.unit}</dt>
                <dd>
                  {signed(unit.gained)} found, {signed(unit.lost)} missing: {signed(unit.net)} {unit.unit} in all
                </dd>
              </div>
            ))}
            {totals.value && (
              <>
                <dt className="font-medium text-slate-900">Value</dt>
                <dd>
                  {amount(totals.value.gained)} found, {amount(totals.value.lost)} missing: {amount(totals.value.net)}{" "}
                  in all
                </dd>
              </>
            )}
          </dl>
        </Card>
      </section>

      {report.lines.rows.length === 0 ? (
        <EmptyState title="Nothing has been counted yet." />
      ) : (
        <ResponsiveList
          label="Lines"
          caption={`Counted lines of ${number}`}
          breakpoint="lg"
          rows={report.lines.rows}
          rowKey={(line) => line.productId}
          columns={[
            {
              header: "Product",
              rowHeader: true,
              cell: (line) => (
                <>
                  {line.name} <span className="text-slate-500">({line.sku})</span>
                </>
              ),
            },
            { header: "Expected", numeric: true, cell: (line) => whole.format(line.expected) },
            { header: "Counted", numeric: true, cell: (line) => `${whole.format(line.counted)} ${line.unit}` },
            { header: "Difference", numeric: true, cell: (line) => signed(line.difference) },
            booked && {
              header: "Booked",
              numeric: true,
              cell: (line) => (line.booked === null ? "" : signed(line.booked)),
            },
            money && {
              header: "Value",
              numeric: true,
              cell: (line) => (line.value === null ? "" : amount(line.value)),
            },
            { header: "Recount", cell: recount },
            { header: "Counted by", cell: (line) => line.countedBy },
          ]}
          card={(line) => (
            <div className="space-y-1 text-sm">
              <p className="font-medium text-slate-900">
                {line.name} <span className="font-normal text-slate-500">({line.sku})</span>
              </p>
              <p className="text-slate-700">
                Expected {whole.format(line.expected)}, counted {whole.format(line.counted)} {line.unit}:{" "}
                <span className="font-medium">{signed(line.difference)}</span>
                {booked && line.booked !== null && line.booked !== line.difference && `, booked ${signed(line.booked)}`}
                {money && line.value !== null && ` · ${amount(line.value)}`}
              </p>
              {recount(line) && <p className="text-slate-600">{recount(line)}</p>}
              <p className="text-slate-500">Counted by {line.countedBy}</p>
            </div>
          )}
        />
      )}
      <CursorPager
        label="Report pages"
        href={href}
        firstPage={!at.after && !at.before}
        nextCursor={report.lines.nextCursor}
        previousCursor={report.lines.previousCursor}
        labels={{ first: "First page", next: "Next", previous: "Previous" }}
      />
    </div>
  );
}
