"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import { formatSignedQuantity } from "@/components/products/labels";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import Link from "@/components/ui/link";
import type { MovementGroup } from "@/lib/reports/report-params";
import type { UnitMovementTotals } from "@/lib/reports/report-types";
import { formatQuantity } from "./report-format";

export interface MovementItem {
  id: string;
  /** Already formatted on the server in the company's time zone. */
  atLabel: string;
  productId: string;
  productName: string;
  sku: string;
  unit: string;
  locationName: string;
  reasonLabel: string;
  quantity: number;
  balanceAfter: number;
  note: string | null;
  /** The report narrowed to this product (same period and other filters). */
  productHref: string;
}

export interface MovementGroupItem {
  id: string;
  label: string;
  detail: string | null;
  units: UnitMovementTotals[];
  movementsIn: number;
  movementsOut: number;
  /** The movements of this group (the report narrowed to it, ungrouped). */
  href: string;
}

/** The movements, newest first: a table from lg, a card each on a phone. */
export function MovementsTable({ rows }: { rows: MovementItem[] }) {
  return (
    <ResponsiveList
      label="Movements"
      caption="Movements, newest first"
      breakpoint="lg"
      rows={rows}
      rowKey={(row) => row.id}
      columns={[
        { header: "When", cell: (row) => row.atLabel, className: "whitespace-nowrap" },
        {
          header: "Product",
          rowHeader: true,
          cell: (row) => (
            <span>
              <Link href={row.productHref} className="font-medium text-brand-700 underline">
                {row.productName}
              </Link>
              <span className="block text-xs text-slate-500">{row.sku}</span>
            </span>
          ),
        },
        { header: "Location", cell: (row) => row.locationName },
        { header: "Reason", cell: (row) => row.reasonLabel },
        { header: "Quantity", numeric: true, cell: (row) => `${formatSignedQuantity(row.quantity)} ${row.unit}` },
        { header: "Balance after", numeric: true, cell: (row) => formatQuantity(row.balanceAfter) },
        { header: "Note", cell: (row) => row.note ?? "", className: "max-w-xs break-words" },
      ]}
      card={(row) => (
        <div className="space-y-1 text-sm">
          <div className="flex items-start justify-between gap-3">
            <Link href={row.productHref} className="min-w-0 break-words font-medium text-brand-700 underline">
              {row.productName}
            </Link>
            <span className="whitespace-nowrap font-semibold tabular-nums">
              {formatSignedQuantity(row.quantity)} {row.unit}
            </span>
          </div>
          <p className="text-slate-600">
            {row.reasonLabel} · {row.locationName} · {row.atLabel}
          </p>
          <p className="text-slate-500">
            {row.sku} · balance after {formatQuantity(row.balanceAfter)}
          </p>
          {row.note && <p className="break-words text-slate-600">{row.note}</p>}
        </div>
      )}
    />
  );
}

const GROUP_HEADERS: Record<MovementGroup, string> = { product: "Product", location: "Location", reason: "Reason" };

function UnitLines({ units, side }: { units: UnitMovementTotals[]; side: "in" | "out" }) {
  const lines = units.filter((u) => (side === "in" ? u.unitsIn : u.unitsOut) > 0);
  if (lines.length === 0) return <span>—</span>;
  return (
    <span className="flex flex-col">
      {lines.map((u) => (
        <span key={u.unit}>
          {formatQuantity(side === "in" ? u.unitsIn : u.unitsOut)} {u.unit}
        </span>
      ))}
    </span>
  );
}

/** The movements per product, location or reason: units in and out per unit, and how many movements. */
export function MovementGroupsTable({ groupBy, groups }: { groupBy: MovementGroup; groups: MovementGroupItem[] }) {
  return (
    <ResponsiveList
      label={`Movements by ${groupBy}`}
      caption={`Movements by ${groupBy}: units in and out per unit, and how many movements`}
      rows={groups}
      rowKey={(group) => group.id}
      columns={[
        {
          header: GROUP_HEADERS[groupBy],
          rowHeader: true,
          cell: (group) => (
            <span>
              <Link href={group.href} className="font-medium text-brand-700 underline">
                {group.label}
              </Link>
              {group.detail && <span className="block text-xs text-slate-500">{group.detail}</span>}
            </span>
          ),
        },
        { header: "In", numeric: true, cell: (group) => <UnitLines units={group.units} side="in" /> },
        { header: "Out", numeric: true, cell: (group) => <UnitLines units={group.units} side="out" /> },
        { header: "Movements in", numeric: true, cell: (group) => formatQuantity(group.movementsIn) },
        { header: "Movements out", numeric: true, cell: (group) => formatQuantity(group.movementsOut) },
      ]}
      card={(group) => (
        <div className="space-y-1 text-sm">
          <Link href={group.href} className="break-words font-medium text-brand-700 underline">
            {group.label}
          </Link>
          {group.detail && <p className="text-xs text-slate-500">{group.detail}</p>}
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
            <dt className="text-slate-500">In</dt>
            <dd className="text-right tabular-nums">
              <UnitLines units={group.units} side="in" />
            </dd>
            <dt className="text-slate-500">Out</dt>
            <dd className="text-right tabular-nums">
              <UnitLines units={group.units} side="out" />
            </dd>
            <dt className="text-slate-500">Movements</dt>
            <dd className="text-right tabular-nums">
              {formatQuantity(group.movementsIn)} in, {formatQuantity(group.movementsOut)} out
            </dd>
          </dl>
        </div>
      )}
    />
  );
}
