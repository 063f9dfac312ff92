import Link from "@/components/ui/link";
import { EmptyState } from "@/components/ui/list/empty-state";
import { ClearFiltersLink } from "@/components/ui/list/filter-form";

/** What the reorder page says when it lists nothing: past the last page, nothing for the filters, or nothing at all. */
export function ReorderEmpty({
  filtered,
  firstPage,
  canManage,
}: {
  filtered: boolean;
  firstPage: boolean;
  canManage: boolean;
}) {
  if (!firstPage) {
    return (
      <EmptyState
        title={
          <>
            Nothing more to reorder on this page.{" "}
            <Link href="/reorder" className="font-medium text-brand-700 underline">
              Back to the start
            </Link>
            .
          </>
        }
      />
    );
  }
  if (filtered) {
    return (
      <EmptyState title="Nothing to reorder for these filters">
        Another supplier or location may have something low. <ClearFiltersLink href="/reorder" />
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nothing to reorder: every product is above its reorder point">
      {canManage ? (
        <>
          Products appear here when their stock falls to their reorder point.{" "}
          <Link href="/products" className="font-medium text-brand-700 underline">
            Set reorder points
          </Link>{" "}
          on a product&apos;s page: one for its total in Edit product, and one per location under its stock.
        </>
      ) : (
        "Products appear here when their stock falls to their reorder point, which managers set on each product."
      )}
    </EmptyState>
  );
}
