import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { Button } from "../button";
import { TextField } from "../field";
import { FilterPanel } from "./filter-panel";

/** The way back to the whole list, wherever a filtered list offers it (the filters, an empty result). */
export function ClearFiltersLink({ href }: { href: string }) {
  return (
    <Link href={href} className="text-sm font-medium text-brand-700 underline">
      Clear filters
    </Link>
  );
}

/** Apply, and Clear filters while something is filtered. */
export function FilterFormFooter({ clearHref }: { clearHref?: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit">Apply</Button>
      {clearHref && <ClearFiltersLink href={clearHref} />}
    </div>
  );
}

/**
 * A list's filters as a plain GET form: applying them is navigating to a URL, so a filtered list is a deep link,
 * the back button works and nothing needs JavaScript. Submitting starts again at the first page (the form holds
 * no cursor). The fields are the caller's: `search` (optional) stays in view at every width, the rest sit in a
 * FilterPanel, behind a "Filters" button counting the `active` ones on a phone; `filtered` offers Clear filters.
 */
export function FilterForm({
  action,
  label,
  filtered,
  active,
  search,
  children,
}: {
  /** The list's path, which is also where Clear filters leads. */
  action: string;
  /** The search landmark's name ("Find requests"). */
  label: string;
  /** Whether anything narrows the list (the search included). */
  filtered: boolean;
  /** How many of the fields in the panel are set. */
  active: number;
  /** The list's search box, never collapsed. */
  search?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:space-y-4"
    >
      {search}
      <FilterPanel active={active}>{children}</FilterPanel>
      {/* Outside the panel: the search applies with the filters closed. */}
      <FilterFormFooter clearHref={filtered ? action : undefined} />
    </form>
  );
}

/**
 * From and To as date inputs (lib/list/day-range.ts reads them), each in its own grid cell; To cannot be set
 * before From. `cellClassName` places the cells in the caller's grid.
 */
export function DayRangeFields({
  idPrefix,
  from,
  to,
  cellClassName,
}: {
  idPrefix: string;
  from?: string;
  to?: string;
  cellClassName: string;
}) {
  return (
    <>
      <div className={cellClassName}>
        <TextField id={`${idPrefix}-from`} name="from" type="date" label="From" defaultValue={from ?? ""} />
      </div>
      <div className={cellClassName}>
        <TextField id={`${idPrefix}-to`} name="to" type="date" label="To" min={from} defaultValue={to ?? ""} />
      </div>
    </>
  );
}
