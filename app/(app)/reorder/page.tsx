import type { Metadata } from "next";
import { LiveRefresh } from "@/components/live/live-refresh";
import { ReorderEmpty } from "@/components/reorder/reorder-empty";
import { ReorderFilters } from "@/components/reorder/reorder-filters";
import { groupKey, ReorderList } from "@/components/reorder/reorder-list";
import { CursorPager } from "@/components/ui/list/cursor-pager";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import {
  hasReorderFilters,
  reorderListHref,
  reorderListInput,
  reorderQueryFromSearchParams,
} from "@/lib/stock/reorder-list-params";
import { getReorderView } from "@/lib/stock/reorder-page";
import { draftRestockAction } from "./actions";

export const metadata: Metadata = { title: "To reorder" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ReorderPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const query = reorderQueryFromSearchParams(await searchParams);
  const { page, groups, filters, currency } = await getReorderView(ctx, reorderListInput(query));
  const canManage = can(ctx.role, "products.manage");
  // A fresh client request id per button and rendering: a double tap is one request, a tap after a refresh a new one.
  const clientRequestIds = Object.fromEntries(
    groups.flatMap((group) =>
      group.locations.map((location) => [`${groupKey(group.supplier)}:${location.id}`, crypto.randomUUID()]),
    ),
  );

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">To reorder</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Products at or below a reorder point, with how many to order less what open restock requests already bring. A
          product is low when its total on hand is at or below its own reorder point, or when a location that sets a
          reorder point of its own holds that many or fewer; the dashboard, the product list&apos;s Low stock filter and
          the low-stock alerts use the same rule.
        </p>
        <LiveRefresh topics={{ stock: true, products: true, locations: true }} className="mt-1" />
      </div>

      <ReorderFilters query={query} suppliers={filters.suppliers} locations={filters.locations} />

      <section aria-labelledby="reorder-results" className="space-y-4">
        <h2 id="reorder-results" className="sr-only">
          Suggestions
        </h2>
        {page.rows.length === 0 ? (
          <ReorderEmpty filtered={hasReorderFilters(query)} firstPage={!query.after} canManage={canManage} />
        ) : (
          <ReorderList
            rows={page.rows}
            groups={groups}
            seesMoney={page.seesMoney}
            currency={currency}
            draft={can(ctx.role, "requests.create") ? { action: draftRestockAction, clientRequestIds } : null}
          />
        )}
        <CursorPager
          label="Reorder list pages"
          href={({ after }) => reorderListHref({ ...query, after })}
          firstPage={!query.after}
          nextCursor={page.next}
          labels={{ first: "Back to the start", next: "Show more" }}
        />
      </section>
    </div>
  );
}
