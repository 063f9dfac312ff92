import Link from "@/components/ui/link";
import { formatMoney, formatQuantity } from "@/components/products/labels";
import { Badge } from "@/components/ui/badge";
import type { FormAction } from "@/components/ui/form-state";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import type { ReorderGroup, ReorderRow } from "@/lib/stock/reorder-query";
import { DraftRestockForm, type RestockDraftedView } from "./draft-restock-form";

/** The key of a group: its supplier's id, or "none". */
export const groupKey = (supplier: { id: string } | null) => supplier?.id ?? "none";

export interface ReorderListProps {
  rows: ReorderRow[];
  /** Every group the filters leave (lib/stock/reorder-page.ts): their sizes and locations, beyond this page. */
  groups: ReorderGroup[];
  seesMoney: boolean;
  currency: string;
  /** Null for whoever may not raise requests. */
  draft: {
    action: FormAction<RestockDraftedView>;
    /** A fresh client request id for each group × location button of this rendering: `${groupKey}:${locationId}`. */
    clientRequestIds: Record<string, string>;
  } | null;
}

const productCount = (count: number) => `${formatQuantity(count)} ${count === 1 ? "product" : "products"}`;

export function groupName(supplier: ReorderGroup["supplier"]): string {
  return supplier ? supplier.name : "No preferred supplier";
}

/** "in total, to Main" for a product low in total; "at Annex" for one low at a location by its own point. */
export function whereText(row: Pick<ReorderRow, "scope" | "locationName">): string {
  return row.scope === "total" ? `in total, to ${row.locationName}` : `at ${row.locationName}`;
}

function suggestedText(row: ReorderRow): string {
  return row.suggested === 0 ? "Nothing now" : `${formatQuantity(row.suggested)} ${row.unit}`;
}

function packText(row: ReorderRow): string | null {
  if (!row.packSize || row.suggested === 0) return null;
  const packs = row.suggested / row.packSize;
  return `${formatQuantity(packs)} ${packs === 1 ? "pack" : "packs"} of ${formatQuantity(row.packSize)}`;
}

function stockText(row: ReorderRow): string {
  return `${formatQuantity(row.onHand)} on hand, point ${formatQuantity(row.reorderPoint)}`;
}

function comingText(row: ReorderRow): string {
  return row.incoming > 0 ? `${formatQuantity(row.incoming)} coming` : "None coming";
}

function supplierText(row: ReorderRow): string | null {
  if (!row.supplier) return null;
  const parts = [
    row.supplier.supplierSku && `Part ${row.supplier.supplierSku}`,
    row.supplier.leadTimeDays !== null &&
      `${formatQuantity(row.supplier.leadTimeDays)} ${row.supplier.leadTimeDays === 1 ? "day" : "days"} lead time`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" · ") : null;
}

function costText(row: ReorderRow, currency: string): string | null {
  if (!row.estimate || row.suggested === 0) return null;
  return `${formatMoney(row.estimate.amount, currency)} ${row.estimate.at === "purchase" ? "at the supplier's price" : "at cost price"}`;
}

function Suggested({ row }: { row: ReorderRow }) {
  const pack = packText(row);
  return (
    <span className="block">
      <span className="font-semibold text-slate-900">{suggestedText(row)}</span>
      {pack && <span className="block text-xs text-slate-600">{pack}</span>}
      <span className="block text-xs text-slate-500">
        {row.suggested === 0 ? "What is coming covers it" : `Needs ${formatQuantity(row.need)}: ${row.basisText}`}
      </span>
    </span>
  );
}

function ProductName({ row }: { row: ReorderRow }) {
  return (
    <span className="block min-w-0">
      <Link href={`/products/${row.productId}`} className="font-medium text-brand-700 underline">
        {row.name}
      </Link>
      <span className="block font-mono text-xs text-slate-500">{row.sku}</span>
    </span>
  );
}

function RowCard({ row, seesMoney, currency }: { row: ReorderRow; seesMoney: boolean; currency: string }) {
  const supplier = supplierText(row);
  const cost = seesMoney ? costText(row, currency) : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <ProductName row={row} />
        <Badge tone="warning">Low {whereText(row)}</Badge>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">Stock</dt>
        <dd className="text-slate-900">{stockText(row)}</dd>
        <dt className="text-slate-500">Coming</dt>
        <dd className="text-slate-900">{comingText(row)}</dd>
        <dt className="text-slate-500">Order</dt>
        <dd>
          <Suggested row={row} />
        </dd>
        {supplier && (
          <>
            <dt className="text-slate-500">Supplier</dt>
            <dd className="text-slate-900">{supplier}</dd>
          </>
        )}
        {cost && (
          <>
            <dt className="text-slate-500">Estimate</dt>
            <dd className="text-slate-900">{cost}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function GroupSection({
  group,
  rows,
  seesMoney,
  currency,
  draft,
}: {
  group: ReorderGroup;
  rows: ReorderRow[];
  seesMoney: boolean;
  currency: string;
  draft: ReorderListProps["draft"];
}) {
  const key = groupKey(group.supplier);
  const name = groupName(group.supplier);
  const headingId = `reorder-group-${key}`;
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          {name} — {productCount(group.products)}
        </h2>
        {group.supplier?.archived && <Badge tone="muted">Archived supplier</Badge>}
      </div>
      {draft && (
        <div className="flex flex-wrap items-start gap-3">
          {group.locations.map((location) => (
            <DraftRestockForm
              key={`${key}:${location.id}`}
              action={draft.action}
              clientRequestId={draft.clientRequestIds[`${key}:${location.id}`] ?? ""}
              supplierId={key}
              group={name}
              location={location}
            />
          ))}
        </div>
      )}
      <ResponsiveList
        label={`To reorder from ${name}`}
        caption={`To reorder from ${name}`}
        rows={rows}
        rowKey={(row) => `${row.productId}:${row.scope}:${row.locationId}`}
        breakpoint="lg"
        alignTop
        card={(row) => <RowCard row={row} seesMoney={seesMoney} currency={currency} />}
        columns={[
          { header: "Product", rowHeader: true, cell: (row) => <ProductName row={row} /> },
          { header: "Low", cell: (row) => whereText(row) },
          { header: "Stock", cell: (row) => stockText(row) },
          { header: "Coming", numeric: true, cell: (row) => comingText(row) },
          { header: "Order", cell: (row) => <Suggested row={row} /> },
          { header: "Supplier's part and lead time", cell: (row) => supplierText(row) ?? "—" },
          seesMoney && {
            header: "Estimate",
            numeric: true,
            cell: (row) => (row.estimate && row.suggested > 0 ? formatMoney(row.estimate.amount, currency) : "—"),
          },
        ]}
      />
    </section>
  );
}

/**
 * The suggestions of one page, under a header per supplier group ("Acme — 3 products", products without a preferred
 * supplier last) with a "Draft restock" button for each location the group receives at: one request per location.
 * Rows are cards on a phone and a table from lg.
 */
export function ReorderList({ rows, groups, seesMoney, currency, draft }: ReorderListProps) {
  const byKey = new Map(groups.map((group) => [groupKey(group.supplier), group]));
  const sections: { group: ReorderGroup; rows: ReorderRow[] }[] = [];
  for (const row of rows) {
    const key = groupKey(row.supplier);
    const last = sections[sections.length - 1];
    if (last && groupKey(last.group.supplier) === key) {
      last.rows.push(row);
      continue;
    }
    // The summary was read with the page; a row of a group it does not know still gets a header of its own.
    const group = byKey.get(key) ?? {
      supplier: row.supplier && { id: row.supplier.id, name: row.supplier.name, archived: row.supplier.archived },
      products: new Set(rows.filter((r) => groupKey(r.supplier) === key).map((r) => r.productId)).size,
      locations: [],
    };
    sections.push({ group, rows: [row] });
  }
  return (
    <div className="space-y-8">
      {sections.map((section) => (
        <GroupSection
          key={groupKey(section.group.supplier)}
          group={section.group}
          rows={section.rows}
          seesMoney={seesMoney}
          currency={currency}
          draft={draft}
        />
      ))}
    </div>
  );
}
