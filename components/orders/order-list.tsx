import Link from "next/link";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import type { OrderStatus } from "@/lib/orders/order-state-machine";
import { formatItems, formatUnits, ORDER_TYPE_LABELS } from "./labels";
import { OrderStatusBadge } from "./order-status-badge";

export interface OrderListItem {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  requesterName: string;
  locationName: string;
  lineCount: number;
  totalUnits: number;
  /** Already formatted on the server in the company's time zone. */
  createdLabel: string;
  createdIso: string;
}

/** The requests, newest first: a table on wide screens, one card per request on phones. Each links to its page. */
export function OrderList({ orders, showRequester }: { orders: OrderListItem[]; showRequester: boolean }) {
  return (
    <>
      <ul aria-label="Requests" className="space-y-3 md:hidden">
        {orders.map((order) => (
          <li key={order.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <Link href={`/requests/${order.id}`} className="block space-y-2">
              <span className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
                  {formatOrderNumber(order.number)}
                </span>
                <OrderStatusBadge status={order.status} />
              </span>
              <span className="block text-sm text-slate-900">
                {ORDER_TYPE_LABELS[order.type]} · {order.locationName}
              </span>
              <span className="block text-sm text-slate-600">
                {formatItems(order.lineCount)}, {formatUnits(order.totalUnits)}
              </span>
              <span className="block text-sm text-slate-500">
                {showRequester && `${order.requesterName} · `}
                <time dateTime={order.createdIso}>{order.createdLabel}</time>
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Requests, newest first</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Request
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Type
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Status
              </th>
              {showRequester && (
                <th scope="col" className="px-4 py-3 font-medium">
                  Requested by
                </th>
              )}
              <th scope="col" className="px-4 py-3 font-medium">
                Location
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Items
              </th>
              <th scope="col" className="px-4 py-3 text-right font-medium">
                Units
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Created
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {orders.map((order) => (
              <tr key={order.id} className="hover:bg-slate-50">
                <td className="whitespace-nowrap px-4 py-3">
                  <Link
                    href={`/requests/${order.id}`}
                    className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline"
                  >
                    {formatOrderNumber(order.number)}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-700">{ORDER_TYPE_LABELS[order.type]}</td>
                <td className="px-4 py-3">
                  <OrderStatusBadge status={order.status} />
                </td>
                {showRequester && <td className="px-4 py-3 text-slate-700">{order.requesterName}</td>}
                <td className="px-4 py-3 text-slate-700">{order.locationName}</td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                  {order.lineCount.toLocaleString("en-GB")}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                  {order.totalUnits.toLocaleString("en-GB")}
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  <time dateTime={order.createdIso}>{order.createdLabel}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
