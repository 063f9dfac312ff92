import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ROLE_LABELS } from "@/components/layout/navigation";
import { requireTenant } from "@/lib/auth/context";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const ctx = await requireTenant();
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
          <h2 className="font-semibold text-slate-900">Requests</h2>
          <p className="mt-1 text-sm text-slate-600">Raise a restock or a customer order, or follow one you raised.</p>
          <ButtonLink href="/requests" variant="secondary" className="mt-4">
            Go to requests
          </ButtonLink>
        </Card>
        <Card>
          <h2 className="font-semibold text-slate-900">Products</h2>
          <p className="mt-1 text-sm text-slate-600">Look up stock by name, SKU or barcode, per location.</p>
          <ButtonLink href="/products" variant="secondary" className="mt-4">
            Go to products
          </ButtonLink>
        </Card>
      </div>
    </div>
  );
}
