import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS } from "@/components/layout/navigation";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { countOrderRequests } from "@/lib/orders/count-order-requests";
import { countLowStock } from "@/lib/stock/low-stock";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const ctx = await requireTenant();
  const [lowStock, requests] = await Promise.all([countLowStock(ctx, {}), countOrderRequests(ctx)]);
  const seesAll = can(ctx.role, "requests.viewAll");
  const pending = requests.pending.toLocaleString("en-GB");
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Dashboard</h1>
        <p className="mt-1 text-slate-600">
          {ctx.company.name} · signed in as {ctx.user.name} ({ROLE_LABELS[ctx.role]})
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <h2 className="font-semibold text-slate-900">{seesAll ? "Requests" : "Your requests"}</h2>
          {seesAll ? (
            <p className="mt-1 text-sm text-slate-600">
              {requests.pending === 0 ? (
                "No request is waiting for approval."
              ) : (
                <Link href="/requests?status=PENDING" className="font-medium text-brand-700 underline">
                  {requests.pending === 1 ? "1 request awaits approval" : `${pending} requests await approval`}
                </Link>
              )}
            </p>
          ) : (
            <p className="mt-1 text-sm text-slate-600">
              {requests.pending === 0
                ? "None of your requests is waiting for approval."
                : requests.pending === 1
                  ? "1 of your requests awaits approval."
                  : `${pending} of your requests await approval.`}
            </p>
          )}
          <div className="mt-4 flex flex-wrap gap-2">
            <ButtonLink href="/requests/new">New request</ButtonLink>
            <ButtonLink href="/requests" variant="secondary">
              {seesAll ? "Go to requests" : "Go to your requests"}
            </ButtonLink>
          </div>
        </Card>
        <Card>
          <h2 className="font-semibold text-slate-900">Products</h2>
          {lowStock === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No product is at or below its reorder point.</p>
          ) : (
            <p className="mt-1 text-sm text-slate-600">
              <Link href="/products?stock=low" className="font-medium text-amber-900 underline">
                {lowStock === 1
                  ? "1 product is at or below its reorder point"
                  : `${lowStock.toLocaleString("en-GB")} products are at or below their reorder point`}
              </Link>
            </p>
          )}
          <ButtonLink href="/products" variant="secondary" className="mt-4">
            Go to products
          </ButtonLink>
        </Card>
        <Card>
          <h2 className="font-semibold text-slate-900">Locations</h2>
          <p className="mt-1 text-sm text-slate-600">Your warehouses, sites and bins, with the stock each one holds.</p>
          <ButtonLink href="/locations" variant="secondary" className="mt-4">
            Go to locations
          </ButtonLink>
        </Card>
      </div>
    </div>
  );
}
