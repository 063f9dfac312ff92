import { OrderStatusBadge } from "@/components/orders/order-status-badge";
import { formatMoney } from "@/components/products/labels";
import type { OrderType } from "@/lib/orders/order-fields";
import type { PartnerTotals as Totals } from "@/lib/partners/get-partner-summary";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";
import { formatUnitTotals } from "@/lib/products/unit-totals";

const count = new Intl.NumberFormat("en-GB");

/** What a request type's fulfilments did, and at which prices its value is counted (docs/architecture.md §7). */
const MOVED: Record<OrderType, { units: string; value: string; hidden: string }> = {
  RESTOCK: {
    units: "Received on restocks",
    value: "Value received, at cost",
    hidden: "Cost prices are shown to managers and admins only in your company.",
  },
  CUSTOMER_ORDER: { units: "Shipped on customer orders", value: "Value shipped, at sale price", hidden: "" },
};

/**
 * A partner's totals: its requests by status, and what their fulfilments moved so far — per unit, never added across
 * units (docs/architecture.md §5 "Units") — with their value where the viewer may see it.
 */
export function PartnerTotals({ kind, totals, currency }: { kind: PartnerKind; totals: Totals; currency: string }) {
  const { one } = PARTNER_WORDS[kind];
  if (totals.requests === 0) {
    return (
      <p className="text-sm text-slate-600">
        {totals.ownOnly ? `None of your requests name this ${one} yet.` : `No request names this ${one} yet.`}
      </p>
    );
  }
  return (
    <div className="space-y-4 text-sm">
      {totals.ownOnly && <p className="text-slate-600">Counting the requests you raised.</p>}
      <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-4 gap-y-2">
        <dt className="font-medium text-slate-900">Requests</dt>
        <dd className="text-right font-semibold tabular-nums text-slate-900">{count.format(totals.requests)}</dd>
        {totals.byStatus.map(({ status, count: n }) => (
          <div key={status} className="contents">
            <dt>
              <OrderStatusBadge status={status} />
            </dt>
            <dd className="text-right tabular-nums text-slate-900">{count.format(n)}</dd>
          </div>
        ))}
      </dl>
      {totals.fulfilled.map((moved) => (
        <dl
          key={moved.type}
          className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 border-t border-slate-200 pt-3"
        >
          <dt className="text-slate-500">{MOVED[moved.type].units}</dt>
          <dd className="text-slate-900">{formatUnitTotals(moved.units)}</dd>
          <dt className="text-slate-500">{MOVED[moved.type].value}</dt>
          <dd className="text-slate-900">
            {moved.value === null ? (
              <span className="text-slate-600">{MOVED[moved.type].hidden}</span>
            ) : (
              formatMoney(moved.value, currency)
            )}
          </dd>
        </dl>
      ))}
    </div>
  );
}
