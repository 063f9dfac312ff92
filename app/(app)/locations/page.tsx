import type { Metadata } from "next";
import { CreateLocationForm } from "@/components/locations/create-location-form";
import { ButtonLink } from "@/components/ui/button";
import { LocationList } from "@/components/locations/location-list";
import { Card } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { locationLabelsHref } from "@/lib/labels/label-fields";
import { listLocations } from "@/lib/locations/list-locations";
import {
  archiveLocationAction,
  createLocationAction,
  renameLocationAction,
  restoreLocationAction,
  setDefaultLocationAction,
} from "./actions";

export const metadata: Metadata = { title: "Locations" };

export default async function LocationsPage() {
  const ctx = await requireTenant();
  const locations = await listLocations(ctx);
  const canManage = can(ctx.role, "locations.manage");
  const active = locations.filter((location) => !location.archived).length;

  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Locations</h1>
        <p className="mt-1 text-slate-600">
          Where {ctx.company.name} keeps stock: warehouses, sites and bins. The default location is where stock and
          requests go unless someone picks another.
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          {active > 0 && (
            <ButtonLink href={locationLabelsHref()} variant="secondary">
              Print location labels
            </ButtonLink>
          )}
          {can(ctx.role, "stock.transfer") && (
            <ButtonLink href="/stock/transfer" variant="secondary">
              Transfer stock
            </ButtonLink>
          )}
          {can(ctx.role, "stock.adjust") && (
            <ButtonLink href="/stock/adjust" variant="secondary">
              Adjust stock
            </ButtonLink>
          )}
        </div>
      </div>

      {canManage && (
        <Card className="max-w-xl">
          <h2 className="font-semibold text-slate-900">Add a location</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">Names are unique within your company.</p>
          <CreateLocationForm action={createLocationAction} />
        </Card>
      )}

      <section aria-labelledby="locations-heading" className="space-y-3">
        <h2 id="locations-heading" className="text-lg font-semibold text-slate-900">
          All locations <span className="font-normal text-slate-500">({active} in use)</span>
        </h2>
        {canManage && (
          <p className="text-sm text-slate-600">
            A location can be archived once it holds no stock and is not the default; archived locations keep their
            history and can be restored.
          </p>
        )}
        <LocationList
          locations={locations}
          canStocktake={can(ctx.role, "stock.stocktake")}
          actions={
            canManage
              ? {
                  rename: renameLocationAction,
                  archive: archiveLocationAction,
                  restore: restoreLocationAction,
                  setDefault: setDefaultLocationAction,
                }
              : undefined
          }
        />
      </section>
    </div>
  );
}
