import Link from "next/link";
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

/** The ledger of one product, newest first: a table on wide screens, cards on phones. */
export function MovementList({ movements }: { movements: MovementListItem[] }) {
  if (movements.length === 0) return <p className="text-sm text-slate-600">No movements yet.</p>;
  const quantityClass = (quantity: number) => (quantity > 0 ? "text-green-800" : "text-red-800");
  return (
    <>
      <ul aria-label="Movements" className="divide-y divide-slate-100 md:hidden">
        {movements.map((m) => (
          <li key={m.id} className="space-y-1 py-3 text-sm">
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
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Movements, newest first</caption>
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Time
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Reason
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Location
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Quantity
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Balance after
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                Who
              </th>
              <th scope="col" className="py-2 font-medium">
                Note
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {movements.map((m) => (
              <tr key={m.id}>
                <td className="whitespace-nowrap py-2 pr-4 text-slate-700">
                  <time dateTime={m.atIso}>{m.atLabel}</time>
                </td>
                <td className="py-2 pr-4">{REASON_LABELS[m.reason]}</td>
                <td className="py-2 pr-4 text-slate-700">{m.locationName}</td>
                <td
                  className={`whitespace-nowrap py-2 pr-4 text-right font-semibold tabular-nums ${quantityClass(m.quantity)}`}
                >
                  {formatSignedQuantity(m.quantity)}
                </td>
                <td className="py-2 pr-4 text-right tabular-nums">{formatQuantity(m.balanceAfter)}</td>
                <td className="py-2 pr-4 text-slate-700">{m.actorName ?? "—"}</td>
                <td className="py-2 text-slate-600">
                  <MovementNote movement={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
