import { TextField } from "@/components/ui/field";
import { FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";
import { hasPartnerFilters, type PartnerListQuery } from "@/lib/partners/partner-list-params";

/** The directory's search and its active/archived choice, as a FilterForm: a filtered list is a deep link. */
export function PartnerFilters({ kind, query }: { kind: PartnerKind; query: PartnerListQuery }) {
  const { many, path } = PARTNER_WORDS[kind];
  return (
    <FilterForm
      action={path}
      label={`Find ${many}`}
      filtered={hasPartnerFilters(query)}
      active={query.status && query.status !== "active" ? 1 : 0}
      search={
        <TextField
          id={`${kind}-q`}
          name="q"
          type="search"
          label="Search"
          placeholder="Name, contact or email"
          defaultValue={query.q ?? ""}
          autoComplete="off"
          enterKeyHint="search"
        />
      }
    >
      <div className="grid gap-3 sm:grid-cols-2 sm:gap-4 lg:grid-cols-4">
        <SelectField
          id={`${kind}-status`}
          name="status"
          label="Show"
          defaultValue={query.status ?? "active"}
          options={[
            { value: "active", label: `Active ${many}` },
            { value: "archived", label: `Archived ${many}` },
            { value: "all", label: "Active and archived" },
          ]}
        />
      </div>
    </FilterForm>
  );
}
