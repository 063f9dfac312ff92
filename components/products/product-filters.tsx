import { TextField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/list/filter-form";
import {
  DEFAULT_DIRECTION,
  hasFilters,
  SORT_OPTIONS,
  sortParam,
  type ProductListQuery,
} from "@/lib/products/product-list-params";
import { SelectField } from "@/components/ui/select-field";

interface ProductFiltersProps {
  query: ProductListQuery;
  categories: string[];
  locations: { id: string; name: string; archived: boolean }[];
}

/** How many of the choices behind the "Filters" button differ from the list's defaults (a sort counts). */
function activeProductFilters(query: ProductListQuery): number {
  return [
    query.category,
    query.locationId,
    query.stock && query.stock !== "all",
    query.status && query.status !== "active",
    query.sort,
  ].filter(Boolean).length;
}

/**
 * Search, filters and sort as a FilterForm: a filtered, sorted list is a deep link. Clear filters also drops the
 * sort.
 */
export function ProductFilters({ query, categories, locations }: ProductFiltersProps) {
  const sort = query.sort ?? "name";
  const categoryOptions =
    query.category && !categories.includes(query.category) ? [query.category, ...categories] : categories;
  return (
    <FilterForm
      action="/products"
      label="Find products"
      filtered={hasFilters(query) || Boolean(query.sort)}
      active={activeProductFilters(query)}
      search={
        <TextField
          id="products-q"
          name="q"
          type="search"
          label="Search"
          placeholder="Name, SKU or barcode"
          defaultValue={query.q ?? ""}
          autoComplete="off"
          enterKeyHint="search"
        />
      }
    >
      <div className="grid gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-5">
        <SelectField
          id="products-category"
          name="category"
          label="Category"
          defaultValue={query.category ?? ""}
          options={[{ value: "", label: "All categories" }, ...categoryOptions.map((c) => ({ value: c, label: c }))]}
        />
        <SelectField
          id="products-location"
          name="location"
          label="Location"
          defaultValue={query.locationId ?? ""}
          options={[
            { value: "", label: "All locations" },
            ...locations.map((l) => ({ value: l.id, label: l.archived ? `${l.name} (archived)` : l.name })),
          ]}
        />
        <SelectField
          id="products-stock"
          name="stock"
          label="Stock"
          defaultValue={query.stock ?? "all"}
          options={[
            { value: "all", label: "Any stock level" },
            { value: "low", label: "Low stock" },
            { value: "short", label: "Short for approved orders" },
          ]}
        />
        <SelectField
          id="products-status"
          name="status"
          label="Status"
          defaultValue={query.status ?? "active"}
          options={[
            { value: "active", label: "Active" },
            { value: "archived", label: "Archived" },
            { value: "all", label: "Active and archived" },
          ]}
        />
        <SelectField
          id="products-sort"
          name="sort"
          label="Sort by"
          defaultValue={sortParam(sort, query.dir ?? DEFAULT_DIRECTION[sort])}
          options={SORT_OPTIONS.map((o) => ({ value: sortParam(o.sort, o.dir), label: o.label }))}
        />
      </div>
    </FilterForm>
  );
}
