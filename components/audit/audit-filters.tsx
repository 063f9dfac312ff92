import { TextField } from "@/components/ui/field";
import { DayRangeFields, FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { hasAuditFilters, MAX_ENTITY_ID_LENGTH, type AuditListQuery } from "@/lib/audit/audit-list-params";
import { auditActionLabel } from "@/lib/audit/describe-audit-entry";

export interface AuditFilterOptions {
  actors: { id: string; name: string; active: boolean }[];
  actions: string[];
  entityTypes: string[];
}

/** The choices, plus the current value when a link named one the list does not hold (it still filters). */
function choices(values: string[], current: string | undefined): string[] {
  return current && !values.includes(current) ? [current, ...values] : values;
}

/**
 * The audit log's filters (a FilterForm: a filtered log is a deep link, and the request and product pages link to
 * theirs).
 */
export function AuditFilters({ query, options }: { query: AuditListQuery; options: AuditFilterOptions }) {
  const actors = options.actors.some((actor) => actor.id === query.actorId)
    ? options.actors
    : query.actorId
      ? [{ id: query.actorId, name: "Someone no longer in the company", active: false }, ...options.actors]
      : options.actors;
  return (
    <FilterForm
      action="/audit"
      label="Filter the audit log"
      filtered={hasAuditFilters(query)}
      active={
        [query.actorId, query.action, query.entityType, query.entityId, query.from, query.to].filter(Boolean).length
      }
    >
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-6 [&>*]:min-w-0">
        <div className="col-span-2">
          <SelectField
            id="audit-actor"
            name="actorId"
            label="Who"
            defaultValue={query.actorId ?? ""}
            options={[
              { value: "", label: "Anyone" },
              ...actors.map((actor) => ({
                value: actor.id,
                label: actor.active ? actor.name : `${actor.name} (deactivated)`,
              })),
            ]}
          />
        </div>
        <div className="col-span-2">
          <SelectField
            id="audit-action"
            name="action"
            label="Action"
            defaultValue={query.action ?? ""}
            options={[
              { value: "", label: "Any action" },
              ...choices(options.actions, query.action).map((action) => ({
                value: action,
                label: auditActionLabel(action),
              })),
            ]}
          />
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <SelectField
            id="audit-entity-type"
            name="entityType"
            label="Entity type"
            defaultValue={query.entityType ?? ""}
            options={[
              { value: "", label: "Any type" },
              ...choices(options.entityTypes, query.entityType).map((type) => ({
                value: type,
                label: type.replaceAll("_", " "),
              })),
            ]}
          />
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <TextField
            id="audit-entity-id"
            name="entityId"
            label="Entity id"
            defaultValue={query.entityId ?? ""}
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_ENTITY_ID_LENGTH}
            className="font-mono"
          />
        </div>
        <DayRangeFields idPrefix="audit" from={query.from} to={query.to} cellClassName="col-span-2 sm:col-span-1" />
      </div>
    </FilterForm>
  );
}
