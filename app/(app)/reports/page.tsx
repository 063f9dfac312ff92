import type { Metadata } from "next";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import Link from "@/components/ui/link";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Reports" };

const REPORTS = [
  {
    href: "/reports/valuation",
    title: "Stock valuation",
    text: "What you held at the end of any day, at the moving-average cost of then, and what it was worth.",
  },
  {
    href: "/reports/movements",
    title: "Movements",
    text: "Stock in and out by product, location, reason and period, with totals per unit.",
  },
  {
    href: "/reports/slow-movers",
    title: "Slow movers",
    text: "Products with stock on hand that none has left in a number of days you choose.",
  },
];

/** The reports (managers and admins), each with its filters and a CSV download. */
export default async function ReportsPage() {
  const ctx = await requireTenant();
  if (!can(ctx.role, "reports.view")) {
    return (
      <ManagersOnly title="Reports are for managers and admins">
        Reports show the value of the stock and how it moved across the whole company.
      </ManagersOnly>
    );
  }
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Reports</h1>
        <p className="mt-1 text-slate-600">Each report can be filtered and downloaded as a CSV file.</p>
      </div>
      <ul className="grid gap-4 md:grid-cols-3">
        {REPORTS.map((report) => (
          <li key={report.href} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link href={report.href} className="text-brand-700 underline">
                {report.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600">{report.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
