import { TextField } from "@/components/ui/field";
import { DayRangeFields, FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import {
  DEFAULT_SLOW_DAYS,
  MAX_SLOW_DAYS,
  MOVEMENT_REASONS,
  REASON_LABELS,
  type MovementsQuery,
  type SlowMoversQuery,
  type ValuationQuery,
} from "@/lib/reports/report-params";

type Option = { id: string; name: string };

function locationChoices(options: Option[], anyLabel: string) {
  return [{ value: "", label: anyLabel }, ...options.map((o) => ({ value: o.id, label: o.name }))];
}

/** The valuation's day (today at most) and location. */
export function ValuationFilters({
  query,
  date,
  today,
  locations,
  errors,
}: {
  query: ValuationQuery;
  date: string;
  today: string;
  locations: Option[];
  errors?: Record<string, string[]>;
}) {
  return (
    <FilterForm
      action="/reports/valuation"
      label="Choose the day and location"
      filtered={Boolean(query.date || query.locationId)}
      active={[query.date, query.locationId].filter(Boolean).length}
    >
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4 [&>*]:min-w-0">
        <div className="col-span-2 sm:col-span-1">
          <TextField
            id="valuation-date"
            name="date"
            type="date"
            label="Stock held at the end of"
            max={today}
            defaultValue={date}
            errors={errors?.date}
          />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <SelectField
            id="valuation-location"
            name="locationId"
            label="Location"
            defaultValue={query.locationId ?? ""}
            options={locationChoices(locations, "All locations")}
          />
        </div>
      </div>
    </FilterForm>
  );
}

/** The movements report's product (kept from a link), location, reason, period and grouping. */
export function MovementFilters({
  query,
  from,
  to,
  product,
  locations,
}: {
  query: MovementsQuery;
  from?: string;
  to?: string;
  product: { id: string; name: string; sku: string } | null;
  locations: Option[];
}) {
  const active = [query.productId, query.locationId, query.reason, query.from, query.to, query.groupBy].filter(
    Boolean,
  ).length;
  return (
    <FilterForm action="/reports/movements" label="Filter the movements" filtered={active > 0} active={active}>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-6 [&>*]:min-w-0">
        {product && (
          <div className="col-span-2">
            <SelectField
              id="movements-product"
              name="productId"
              label="Product"
              defaultValue={product.id}
              options={[
                { value: product.id, label: `${product.name} (${product.sku})` },
                { value: "", label: "All products" },
              ]}
            />
          </div>
        )}
        <div className="col-span-2 sm:col-span-1">
          <SelectField
            id="movements-location"
            name="locationId"
            label="Location"
            defaultValue={query.locationId ?? ""}
            options={locationChoices(locations, "All locations")}
          />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <SelectField
            id="movements-reason"
            name="reason"
            label="Reason"
            defaultValue={query.reason ?? ""}
            options={[
              { value: "", label: "Any reason" },
              ...MOVEMENT_REASONS.map((reason) => ({ value: reason, label: REASON_LABELS[reason] })),
            ]}
          />
        </div>
        <DayRangeFields idPrefix="movements" from={from} to={to} cellClassName="col-span-1" />
        <div className="col-span-2 sm:col-span-1">
          <SelectField
            id="movements-group"
            name="groupBy"
            label="Show"
            defaultValue={query.groupBy ?? ""}
            options={[
              { value: "", label: "Each movement" },
              { value: "product", label: "By product" },
              { value: "location", label: "By location" },
              { value: "reason", label: "By reason" },
            ]}
          />
        </div>
      </div>
    </FilterForm>
  );
}

/** The slow movers' number of days. */
export function SlowMoversFilters({ query, days }: { query: SlowMoversQuery; days: number }) {
  return (
    <FilterForm
      action="/reports/slow-movers"
      label="Choose the number of days"
      filtered={query.days !== undefined}
      active={query.days !== undefined ? 1 : 0}
    >
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4 [&>*]:min-w-0">
        <div className="col-span-2 sm:col-span-1">
          <TextField
            id="slow-days"
            name="days"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SLOW_DAYS}
            label="No stock out for (days)"
            hint={`${DEFAULT_SLOW_DAYS} unless you choose.`}
            defaultValue={String(days)}
          />
        </div>
      </div>
    </FilterForm>
  );
}
