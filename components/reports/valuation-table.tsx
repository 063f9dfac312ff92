"use client";

// A client component for its payload only: the lines travel as data (docs/architecture.md §3, "Cost of a page").
import { Badge } from "@/components/ui/badge";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import Link from "@/components/ui/link";
import type { ValuationLine } from "@/lib/reports/report-types";
import { formatQuantity, formatReportMoney } from "./report-format";

const AT_CURRENT_COST = "at current cost";

function UnitCost({ line, currency }: { line: ValuationLine; currency: string }) {
  if (line.unitCost === undefined) return null;
  return (
    <span>
      {formatReportMoney(line.unitCost, currency)}
      {line.atCurrentCost && (
        <>
          {" "}
          <Badge tone="warning">{AT_CURRENT_COST}</Badge>
        </>
      )}
    </span>
  );
}

/** The valuation's lines: a table from md, a card per product on a phone (the day's total is the page's). */
export function ValuationTable({
  lines,
  currency,
  seesMoney,
  dateLabel,
}: {
  lines: ValuationLine[];
  currency: string;
  seesMoney: boolean;
  dateLabel: string;
}) {
  return (
    <ResponsiveList
      label={`Stock held at the end of ${dateLabel}`}
      caption={`Stock held at the end of ${dateLabel}, by product`}
      rows={lines}
      rowKey={(line) => line.productId}
      columns={[
        {
          header: "Product",
          rowHeader: true,
          cell: (line) => (
            <span>
              <Link href={`/products/${line.productId}`} className="font-medium text-brand-700 underline">
                {line.name}
              </Link>
              <span className="block text-xs text-slate-500">{line.sku}</span>
            </span>
          ),
        },
        { header: "Quantity", numeric: true, cell: (line) => `${formatQuantity(line.quantity)} ${line.unit}` },
        seesMoney && {
          header: "Unit cost",
          numeric: true,
          cell: (line) => <UnitCost line={line} currency={currency} />,
        },
        seesMoney && {
          header: "Value",
          numeric: true,
          cell: (line) => (line.value !== undefined ? formatReportMoney(line.value, currency) : null),
        },
      ]}
      card={(line) => (
        <div className="space-y-1">
          <Link href={`/products/${line.productId}`} className="font-medium text-brand-700 underline">
            {line.name}
          </Link>
          <p className="text-xs text-slate-500">{line.sku}</p>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Quantity</dt>
            <dd className="text-right tabular-nums">
              {formatQuantity(line.quantity)} {line.unit}
            </dd>
            {seesMoney && (
              <>
                <dt className="text-slate-500">Unit cost</dt>
                <dd className="text-right tabular-nums">
                  <UnitCost line={line} currency={currency} />
                </dd>
                <dt className="text-slate-500">Value</dt>
                <dd className="text-right font-semibold tabular-nums">
                  {line.value !== undefined && formatReportMoney(line.value, currency)}
                </dd>
              </>
            )}
          </dl>
        </div>
      )}
    />
  );
}
