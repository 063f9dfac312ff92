import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { DashboardPeriod } from "@/lib/dashboard/dashboard-params";
import type { TopMover } from "@/lib/dashboard/get-dashboard";
import { formatCount } from "./format";

/** The products that sent out the most units over the period, most first, each linking to its page. */
export function TopMovers({ movers, days }: { movers: TopMover[]; days: DashboardPeriod }) {
  return (
    <Card>
      <section aria-labelledby="top-movers-heading">
        <h2 id="top-movers-heading" className="font-semibold text-slate-900">
          Top moving products
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          By units out (shipped or written off) over the last {days} days; transfers not counted.
        </p>
        {movers.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No stock went out in the last {days} days.</p>
        ) : (
          <ol className="mt-3 divide-y divide-slate-100">
            {movers.map((mover, i) => (
              <li key={mover.id} className="flex items-start gap-3 py-2">
                <span
                  className="w-5 shrink-0 pt-0.5 text-right text-sm font-semibold text-slate-500"
                  aria-hidden="true"
                >
                  {i + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/products/${mover.id}`}
                    className="break-words font-medium text-brand-700 underline underline-offset-2"
                  >
                    {mover.name}
                  </Link>
                  <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                    <span className="font-mono">{mover.sku}</span>
                    {mover.archived && <Badge tone="muted">Archived</Badge>}
                  </p>
                </div>
                <p className="shrink-0 text-right text-sm font-semibold text-slate-900">
                  {formatCount(mover.unitsOut)} {mover.unit} out
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </Card>
  );
}
