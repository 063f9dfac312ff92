"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import Link from "@/components/ui/link";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import { formatQuantity, formatSignedQuantity, REASON_LABELS } from "./labels";
import type { MovementRow } from "@/lib/products/get-product";
import { formatOrderNumber } from "@/lib/orders/order-fields";

export type MovementListItem = Omit<MovementRow, "at"> & {
  /** Already formatted on the server in the company's time zone. */
  atLabel: string;
  atIso: string;
};

/** The request behind a movement: a link for whoever may open it, else its number. */
function OrderReference({ order }: { order: MovementRow["order"] }) {
  if (!order) return null;
  const number = formatOrderNumber(order.number);
  return order.visible ? (
    <Link href={`/requests/${order.id}`} className="font-mono text-brand-700 underline">
      {number}
    </Link>
  ) : (
    <span className="font-mono">{number}</span>
  );
}

/** What a movement says beside its numbers: the request behind it and its note. */
function MovementNote({ movement }: { movement: MovementListItem }) {
  return (
    <>
      <OrderReference order={movement.order} />
      {movement.order && movement.note ? ": " : ""}
      {movement.note ?? ""}
    </>
  );
}

const quantityClass = (quantity: number) => (quantity > 0 ? "text-green-800" : "text-red-800");

/** The ledger of one product, newest first: a table on wide screens, cards on phones. */
export function MovementList({ movements }: { movements: MovementListItem[] }) {
  if (movements.length === 0) return <p className="text-sm text-slate-600">No movements yet.</p>;
  return (
    <ResponsiveList
      variant="plain"
      label="Movements"
      caption="Movements, newest first"
      rows={movements}
      rowKey={(m) => m.id}
      columns={[
        {
          header: "Time",
          className: "whitespace-nowrap text-slate-700",
          cell: (m) => <time dateTime={m.atIso}>{m.atLabel}</time>,
        },
        { header: "Reason", cell: (m) => REASON_LABELS[m.reason] },
        { header: "Location", className: "text-slate-700", cell: (m) => m.locationName },
        {
          header: "Quantity",
          numeric: true,
          className: "font-semibold",
          cell: (m) => <span className={quantityClass(m.quantity)}>{formatSignedQuantity(m.quantity)}</span>,
        },
        { header: "Balance after", numeric: true, cell: (m) => formatQuantity(m.balanceAfter) },
        { header: "Who", className: "text-slate-700", cell: (m) => m.actorName ?? "—" },
        { header: "Note", className: "text-slate-600", cell: (m) => <MovementNote movement={m} /> },
      ]}
      cardClassName={() => "space-y-1"}
      card={(m) => (
        <>
          <p className="flex items-baseline justify-between gap-2">
            <span className="font-medium text-slate-900">{REASON_LABELS[m.reason]}</span>
            <span className={`font-semibold tabular-nums ${quantityClass(m.quantity)}`}>
              {formatSignedQuantity(m.quantity)}
            </span>
          </p>
          <p className="text-slate-600">
            <time dateTime={m.atIso}>{m.atLabel}</time> · {m.locationName} · balance {formatQuantity(m.balanceAfter)}
          </p>
          <p className="text-slate-500">
            {m.actorName ?? "—"}
            {(m.order || m.note) && " · "}
            <MovementNote movement={m} />
          </p>
        </>
      )}
    />
  );
}
