"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import { Badge } from "@/components/ui/badge";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import Link from "@/components/ui/link";
import { formatQuantity, formatReportMoney } from "./report-format";

export interface SlowMoverItem {
  productId: string;
  name: string;
  sku: string;
  unit: string;
  onHand: number;
  unitCost?: string;
  atCurrentCost: boolean;
  value?: string;
  /** Already formatted on the server in the company's time zone; "Never" when stock has never left. */
  lastOutLabel: string;
  lastMovementLabel: string;
}

/** Products no stock has left for a while: a table from md, a card each on a phone. */
export function SlowMoversTable({
  products,
  currency,
  seesMoney,
}: {
  products: SlowMoverItem[];
  currency: string;
  seesMoney: boolean;
}) {
  const value = (item: SlowMoverItem) =>
    item.value === undefined ? null : (
      <span>
        {formatReportMoney(item.value, currency)}
        {item.atCurrentCost && (
          <>
            {" "}
            <Badge tone="warning">at current cost</Badge>
          </>
        )}
      </span>
    );
  return (
    <ResponsiveList
      label="Slow movers"
      caption="Slow movers, by name"
      rows={products}
      rowKey={(item) => item.productId}
      columns={[
        {
          header: "Product",
          rowHeader: true,
          cell: (item) => (
            <span>
              <Link href={`/products/${item.productId}`} className="font-medium text-brand-700 underline">
                {item.name}
              </Link>
              <span className="block text-xs text-slate-500">{item.sku}</span>
            </span>
          ),
        },
        { header: "On hand", numeric: true, cell: (item) => `${formatQuantity(item.onHand)} ${item.unit}` },
        seesMoney && { header: "Value", numeric: true, cell: value },
        { header: "Stock last left", cell: (item) => item.lastOutLabel, className: "whitespace-nowrap" },
        { header: "Last movement", cell: (item) => item.lastMovementLabel, className: "whitespace-nowrap" },
      ]}
      card={(item) => (
        <div className="space-y-1 text-sm">
          <Link href={`/products/${item.productId}`} className="break-words font-medium text-brand-700 underline">
            {item.name}
          </Link>
          <p className="text-xs text-slate-500">{item.sku}</p>
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
            <dt className="text-slate-500">On hand</dt>
            <dd className="text-right tabular-nums">
              {formatQuantity(item.onHand)} {item.unit}
            </dd>
            {seesMoney && (
              <>
                <dt className="text-slate-500">Value</dt>
                <dd className="text-right tabular-nums">{value(item)}</dd>
              </>
            )}
            <dt className="text-slate-500">Stock last left</dt>
            <dd className="text-right">{item.lastOutLabel}</dd>
            <dt className="text-slate-500">Last movement</dt>
            <dd className="text-right">{item.lastMovementLabel}</dd>
          </dl>
        </div>
      )}
    />
  );
}
