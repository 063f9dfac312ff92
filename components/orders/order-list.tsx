"use client";

// A client component for its payload only: the rows travel as data (docs/architecture.md §3, "Cost of a page").
import Link from "@/components/ui/link";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import type { OrderStatus } from "@/lib/orders/order-state-machine";
import { formatUnitTotal, formatUnitTotals, type UnitTotal } from "@/lib/products/unit-totals";
import { formatItems, ORDER_TYPE_LABELS, summarizeProducts } from "./labels";
import { OrderStatusBadge } from "./order-status-badge";

/** "From Acme Supplies" on a restock, "For Bob's Bikes" on a customer order. */
const PARTNER_LABELS = { supplier: "From", customer: "For" } as const;

export interface OrderListItem {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  requesterName: string;
  locationName: string;
  lineCount: number;
  /** The quantities per unit (listOrderRequests): never added across units (docs/architecture.md §5). */
  unitTotals: UnitTotal[];
  /** The first two products' names (listOrderRequests); lineCount says how many more. */
  productNames: string[];
  /** The supplier or customer it names, from the directory. */
  partner: { kind: "supplier" | "customer"; id: string; name: string } | null;
  reference: string | null;
  /** Already formatted on the server in the company's time zone. */
  createdLabel: string;
  createdIso: string;
}

/**
 * The requests, newest first: a table on wide screens, one card per request on phones. Each links to its page and
 * says what it is for: its first products by name ("… and 3 more"), its supplier or customer and its reference, with
 * its quantities per unit.
 */
export function OrderList({ orders, showRequester }: { orders: OrderListItem[]; showRequester: boolean }) {
  return (
    <ResponsiveList
      label="Requests"
      caption="Requests, newest first"
      rows={orders}
      rowKey={(order) => order.id}
      highlightRows
      breakpoint="lg"
      columns={[
        {
          header: "Request",
          className: "whitespace-nowrap",
          cell: (order) => (
            <Link
              href={`/requests/${order.id}`}
              className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              {formatOrderNumber(order.number)}
            </Link>
          ),
        },
        {
          header: "Type",
          className: "whitespace-nowrap text-slate-700",
          cell: (order) => ORDER_TYPE_LABELS[order.type],
        },
        { header: "Status", cell: (order) => <OrderStatusBadge status={order.status} /> },
        {
          header: "Products",
          className: "min-w-48 text-slate-900",
          cell: (order) => (
            <>
              <span className="block">{summarizeProducts(order.productNames, order.lineCount)}</span>
              {order.partner && (
                <span className="block text-sm break-words text-slate-600">
                  {PARTNER_LABELS[order.partner.kind]}{" "}
                  <Link
                    href={`/${order.partner.kind === "supplier" ? "suppliers" : "customers"}/${order.partner.id}`}
                    className="text-brand-700 underline-offset-2 hover:underline"
                  >
                    {order.partner.name}
                  </Link>
                </span>
              )}
              {order.reference && (
                <span className="block text-sm break-words text-slate-600">Ref. {order.reference}</span>
              )}
            </>
          ),
        },
        showRequester && { header: "Requested by", className: "text-slate-700", cell: (order) => order.requesterName },
        { header: "Location", className: "text-slate-700", cell: (order) => order.locationName },
        { header: "Items", numeric: true, cell: (order) => order.lineCount.toLocaleString("en-GB") },
        {
          header: "Quantity",
          numeric: true,
          cell: (order) =>
            order.unitTotals.map((total) => (
              <span key={total.unit} className="block">
                {formatUnitTotal(total)}
              </span>
            )),
        },
        {
          header: "Created",
          className: "whitespace-nowrap text-slate-600",
          cell: (order) => <time dateTime={order.createdIso}>{order.createdLabel}</time>,
        },
      ]}
      card={(order) => (
        <Link href={`/requests/${order.id}`} className="block space-y-2">
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline">
              {formatOrderNumber(order.number)}
            </span>
            <OrderStatusBadge status={order.status} />
          </span>
          <span className="block font-medium break-words text-slate-900">
            {summarizeProducts(order.productNames, order.lineCount)}
          </span>
          {/* The whole card is one link: the partner is named here, and linked on its page and in the table. */}
          {order.partner && (
            <span className="block text-sm break-words text-slate-700">
              {PARTNER_LABELS[order.partner.kind]} {order.partner.name}
            </span>
          )}
          {order.reference && <span className="block text-sm break-words text-slate-700">Ref. {order.reference}</span>}
          <span className="block text-sm text-slate-700">
            {ORDER_TYPE_LABELS[order.type]} · {order.locationName}
          </span>
          <span className="block text-sm text-slate-600">
            {formatItems(order.lineCount)} · {formatUnitTotals(order.unitTotals)}
          </span>
          <span className="block text-sm text-slate-500">
            {showRequester && `${order.requesterName} · `}
            <time dateTime={order.createdIso}>{order.createdLabel}</time>
          </span>
        </Link>
      )}
    />
  );
}
