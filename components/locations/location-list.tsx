import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { locationLabelsHref } from "@/lib/labels/label-fields";
import { LocationActions, type LocationActionSet } from "./location-actions";
import { CardList } from "@/components/ui/list/card-list";

export interface LocationListItem {
  id: string;
  name: string;
  code: string | null;
  isDefault: boolean;
  archived: boolean;
  /** Products with stock on hand here: their quantities are in their own units, so never added up. */
  productCount: number;
}

const count = new Intl.NumberFormat("en-US");
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

/** The locations as cards: stacked on phones, details and controls side by side on wider screens. */
export function LocationList({
  locations,
  actions,
  canStocktake,
}: {
  locations: LocationListItem[];
  /** Present for people who may manage locations. */
  actions?: LocationActionSet;
  canStocktake: boolean;
}) {
  return (
    <CardList
      variant="grouped"
      items={locations}
      itemKey={(location) => location.id}
      itemClassName="grid gap-3 lg:grid-cols-[minmax(0,1fr)_auto] lg:items-start"
      card={(location) => (
        <>
          <div className="min-w-0 space-y-1">
            <p className="break-words font-medium text-slate-900">
              {location.name}
              {location.code && <span className="font-normal text-slate-500"> · {location.code}</span>}
            </p>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              {location.isDefault && <Badge tone="positive">Default</Badge>}
              {location.archived && <Badge tone="muted">Archived</Badge>}
              <span className="text-slate-600">{plural(location.productCount, "product", "products")} in stock</span>
            </p>
            <p className="flex flex-wrap gap-x-4 gap-y-1 pt-1 text-sm">
              {canStocktake && !location.archived && (
                <Link href={`/locations/${location.id}/stocktake`} className="font-medium text-brand-700 underline">
                  Count stock<span className="sr-only"> at {location.name}</span>
                </Link>
              )}
              <Link href={locationLabelsHref([location.id])} className="font-medium text-brand-700 underline">
                Print label<span className="sr-only"> for {location.name}</span>
              </Link>
            </p>
          </div>
          {actions && <LocationActions location={location} actions={actions} />}
        </>
      )}
    />
  );
}
