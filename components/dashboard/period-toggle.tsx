import Link from "@/components/ui/link";
import { cn } from "@/components/ui/cn";
import { DASHBOARD_PERIODS, dashboardHref, type DashboardPeriod } from "@/lib/dashboard/dashboard-params";

/** 30 or 90 days: links (?days=90), so a period can be bookmarked and works without JavaScript. */
export function PeriodToggle({ days }: { days: DashboardPeriod }) {
  return (
    <nav aria-label="Chart period">
      <ul className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 text-sm">
        {DASHBOARD_PERIODS.map((period) => (
          <li key={period}>
            <Link
              href={dashboardHref(period)}
              scroll={false}
              aria-current={period === days ? "page" : undefined}
              className={cn(
                "inline-flex min-h-9 items-center rounded-md px-3 font-medium",
                period === days ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {period} days
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
