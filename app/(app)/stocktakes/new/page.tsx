import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { StartStocktakeForm } from "@/components/stocktakes/start-stocktake-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ManagersOnly } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listLocations } from "@/lib/locations/list-locations";
import { startStocktakeAction } from "../actions";

export const metadata: Metadata = { title: "Start a stocktake" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StartStocktakePage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  if (!can(ctx.role, "stock.stocktake")) {
    return (
      <ManagersOnly
        title="Only managers and admins start stocktakes"
        back={{ href: "/stocktakes", label: "Back to stocktakes" }}
      >
        Anyone can count a stocktake once it is started: open it from the stocktakes page.
      </ManagersOnly>
    );
  }
  const locations = (await listLocations(ctx, { includeArchived: false })).filter((location) => !location.archived);
  const { location } = await searchParams;
  const chosen = locations.find((row) => row.id === location) ?? locations.find((row) => row.isDefault);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/stocktakes" className="text-brand-700 underline">
            Stocktakes
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">Start a stocktake</h1>
        <p className="mt-1 text-slate-600">
          Once started, everyone can count it on their phones — scanning or searching — at the same time. Counting
          finishes when you say so; then flagged lines are recounted and you book it.
        </p>
      </div>
      {locations.length === 0 ? (
        <EmptyState title="There is no location to count." action={<Link href="/locations">Add a location</Link>}>
          Add a location first.
        </EmptyState>
      ) : (
        <Card>
          <StartStocktakeForm
            action={startStocktakeAction}
            locations={locations.map((row) => ({ id: row.id, name: row.name }))}
            defaultLocationId={chosen?.id}
          />
        </Card>
      )}
    </div>
  );
}
