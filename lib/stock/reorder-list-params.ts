// What the reorder page can be asked for in its URL — a supplier's group (or "none"), a location and the keyset cursor
// of the page — so a filtered list is a deep link (docs/architecture.md §3 "Lists"). Whatever someone typed or pasted,
// the page renders: a malformed id or a stale cursor is left out.
import { isUuid } from "../fields";
import { NO_SUPPLIER, reorderListSchema } from "./reorder-query";

export interface ReorderListQuery {
  /** A supplier's id, or "none" for the products without a preferred supplier. */
  supplierId?: string;
  locationId?: string;
  after?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function reorderQueryFromSearchParams(params: SearchParams): ReorderListQuery {
  const supplier = first(params.supplier);
  const location = first(params.location);
  const after = first(params.after);
  return {
    supplierId: supplier === NO_SUPPLIER ? NO_SUPPLIER : isUuid(supplier) ? supplier.toLowerCase() : undefined,
    locationId: isUuid(location) ? location.toLowerCase() : undefined,
    after: after && reorderListSchema.safeParse({ after }).success ? after : undefined,
  };
}

/** The input getReorderView takes for a query. */
export function reorderListInput(query: ReorderListQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Whether a filter narrows the list. */
export function hasReorderFilters(query: ReorderListQuery): boolean {
  return Boolean(query.supplierId || query.locationId);
}

/** The page's address for a query, parameters named as the filter form names them. */
export function reorderListHref(query: ReorderListQuery): string {
  const params = new URLSearchParams();
  if (query.supplierId) params.set("supplier", query.supplierId);
  if (query.locationId) params.set("location", query.locationId);
  if (query.after) params.set("after", query.after);
  const text = params.toString();
  return text ? `/reorder?${text}` : "/reorder";
}
