import Link from "@/components/ui/link";
import { TextField } from "@/components/ui/field";
import { DayRangeFields, FilterForm } from "@/components/ui/list/filter-form";
import { SelectField } from "@/components/ui/select-field";
import { ORDER_TYPES } from "@/lib/orders/order-fields";
import { orderListHref, type OrderListQuery } from "@/lib/orders/order-list-params";
import { ORDER_STATUSES } from "@/lib/orders/order-state-machine";
import { ORDER_STATUS_LABELS, ORDER_TYPE_LABELS } from "./labels";

/** How many of the filters behind the "Filters" button are set (the request number is always in view). */
function activeOrderFilters(query: OrderListQuery): number {
  return [
    query.status,
    query.type,
    query.requesterId,
    query.supplierId ?? query.customerId,
    query.from,
    query.to,
  ].filter(Boolean).length;
}

/** Whether the list is narrowed by anything but its page. */
export function hasOrderFilters(query: OrderListQuery): boolean {
  return Boolean(query.q) || activeOrderFilters(query) > 0;
}

/**
 * The request list's filters (a FilterForm: a filtered list is a deep link, and the dashboard links to the pending
 * ones). The requester filter is offered only to those who see everyone's. A supplier or customer filter comes from a
 * link (a directory entry's page): it is named here, kept by Apply, and removed by its own link or Clear filters.
 */
export function OrderFilters({
  query,
  requesters,
  partner,
}: {
  query: OrderListQuery;
  /** Who may be picked; empty for staff, who see only their own requests. */
  requesters: { id: string; name: string }[];
  /** The supplier or customer the list is filtered by (listOrderRequests' partnerFilter). */
  partner: { kind: "supplier" | "customer"; id: string; name: string } | null;
}) {
  const partnerField = query.supplierId ? "supplierId" : query.customerId ? "customerId" : null;
  return (
    <FilterForm
      action="/requests"
      label="Find requests"
      filtered={hasOrderFilters(query)}
      active={activeOrderFilters(query)}
      search={
        <TextField
          id="requests-q"
          name="q"
          type="search"
          label="Request number"
          placeholder="REQ-000123"
          defaultValue={query.q ?? ""}
          autoComplete="off"
          enterKeyHint="search"
          maxLength={40}
        />
      }
    >
      {partnerField && (
        <p className="mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
          <input type="hidden" name={partnerField} value={query[partnerField]} />
          <span>
            {partnerField === "supplierId" ? "Supplier" : "Customer"}:{" "}
            <span className="font-medium text-slate-900">{partner?.name ?? "not found"}</span>
          </span>
          <Link
            href={orderListHref({ ...query, supplierId: undefined, customerId: undefined, after: undefined })}
            className="font-medium text-brand-700 underline"
          >
            Remove the {partnerField === "supplierId" ? "supplier" : "customer"} filter
          </Link>
        </p>
      )}
      {/* Status and type share a row even on phones; dates need the full width there. */}
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-6 [&>*]:min-w-0">
        <div className="lg:col-span-2">
          <SelectField
            id="requests-status"
            name="status"
            label="Status"
            defaultValue={query.status ?? ""}
            options={[
              { value: "", label: "Any status" },
              ...ORDER_STATUSES.map((status) => ({ value: status, label: ORDER_STATUS_LABELS[status] })),
            ]}
          />
        </div>
        <div className="lg:col-span-2">
          <SelectField
            id="requests-type"
            name="type"
            label="Type"
            defaultValue={query.type ?? ""}
            options={[
              { value: "", label: "Any type" },
              ...ORDER_TYPES.map((type) => ({ value: type, label: ORDER_TYPE_LABELS[type] })),
            ]}
          />
        </div>
        {requesters.length > 0 && (
          <div className="col-span-2">
            <SelectField
              id="requests-requester"
              name="requesterId"
              label="Requested by"
              defaultValue={query.requesterId ?? ""}
              options={[
                { value: "", label: "Anyone" },
                ...requesters.map((person) => ({ value: person.id, label: person.name })),
              ]}
            />
          </div>
        )}
        <DayRangeFields
          idPrefix="requests"
          from={query.from}
          to={query.to}
          cellClassName="col-span-2 sm:col-span-1 lg:col-span-2"
        />
      </div>
    </FilterForm>
  );
}
