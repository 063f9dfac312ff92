import { FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import type { ReorderListQuery } from "@/lib/stock/reorder-list-params";

interface ReorderFiltersProps {
  query: ReorderListQuery;
  suppliers: { id: string; name: string; archived: boolean }[];
  locations: { id: string; name: string }[];
}

/** The reorder list's filters as a FilterForm (a GET form): a supplier's group, a location. */
export function ReorderFilters({ query, suppliers, locations }: ReorderFiltersProps) {
  return (
    <FilterForm
      action="/reorder"
      label="Filter the reorder list"
      filtered={Boolean(query.supplierId || query.locationId)}
      active={[query.supplierId, query.locationId].filter(Boolean).length}
    >
      <div className="grid gap-3 sm:grid-cols-2 sm:gap-4">
        <SelectField
          id="reorder-supplier"
          name="supplier"
          label="Preferred supplier"
          defaultValue={query.supplierId ?? ""}
          options={[
            { value: "", label: "All suppliers" },
            { value: "none", label: "No preferred supplier" },
            ...suppliers.map((s) => ({ value: s.id, label: s.archived ? `${s.name} (archived)` : s.name })),
          ]}
        />
        <SelectField
          id="reorder-location"
          name="location"
          label="Location"
          hint="Where it is received: the default location for a product low in total."
          defaultValue={query.locationId ?? ""}
          options={[{ value: "", label: "All locations" }, ...locations.map((l) => ({ value: l.id, label: l.name }))]}
        />
      </div>
    </FilterForm>
  );
}
