import Link from "@/components/ui/link";
import { formatMoney, formatQuantity } from "@/components/products/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { tableCellClassName } from "@/components/ui/list/data-table";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import type { OrderDetailLine } from "@/lib/orders/get-order-request";
import { formatUnitTotal, formatUnitTotals, unitTotals } from "@/lib/products/unit-totals";
import { formatItems } from "./labels";

/** "Only 3 available", or null when the location can cover the line. */
export function shortageText(line: Pick<OrderDetailLine, "quantity" | "available">): string | null {
  return line.available < line.quantity ? `Only ${formatQuantity(line.available)} available` : null;
}

interface OrderLinesProps {
  lines: OrderDetailLine[];
  currency: string;
  locationName: string;
  /** Absent, with every line's prices, when the viewer may not see this request's money (a restock's cost prices). */
  totalValue?: string;
  /** While the request is open: the stock at its location now. */
  showStock: boolean;
  /** A pending customer order: mark the lines its location cannot cover, so they are seen before approving. */
  checkShortage: boolean;
}

/**
 * A request's products: a table on wide screens, a card per product on phones, with the totals: the quantities per
 * unit, never added across units (docs/architecture.md §5), and the value. While the request is open, each line shows
 * the stock at the request's location now; on a pending customer order a line the location cannot cover is marked,
 * since approving reserves the stock and is refused when any product is short. Without a total value (money the
 * viewer may not see) there are no price columns at all.
 */
export function OrderLines({ lines, currency, locationName, totalValue, showStock, checkShortage }: OrderLinesProps) {
  const money = (amount: string | undefined) => (amount === undefined ? "" : formatMoney(amount, currency));
  const priced = totalValue !== undefined;
  const totals = unitTotals(lines);
  const shortage = (line: OrderDetailLine) => (checkShortage ? shortageText(line) : null);
  const shortCount = lines.filter((line) => shortage(line)).length;
  // An approved order at a location a stocktake left short for approved orders (lib/stock/shortage.ts).
  const stuck = lines.filter((line) => line.shortForApproved && !line.shortForApproved.canShip).length;
  const shortNote = (line: OrderDetailLine) =>
    line.shortForApproved && (
      <span className="block text-xs font-medium text-amber-900">{line.shortForApproved.text}</span>
    );
  const productLink = (line: OrderDetailLine) => (
    <>
      <Link
        href={`/products/${line.productId}`}
        className="font-medium text-brand-700 underline-offset-2 hover:underline"
      >
        {line.name}
      </Link>
      {line.archived && (
        <>
          {" "}
          <Badge tone="muted">Archived</Badge>
        </>
      )}
    </>
  );

  return (
    <div className="space-y-3">
      {shortCount > 0 && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {shortCount === 1 ? "1 product is" : `${shortCount} products are`} short at {locationName}: approval is
          refused until there is enough stock available for every line.
        </p>
      )}
      {stuck > 0 && (
        <p className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {stuck === 1 ? "1 product is" : `${stuck} products are`} short for approved orders at {locationName}: a
          stocktake counted fewer than they reserve, so fulfilling this request is refused until the stock is received
          or recounted.
        </p>
      )}

      <ResponsiveList
        variant="plain"
        label="Products on this request"
        caption={`Products on this request${showStock ? `, with the stock at ${locationName} now` : ""}`}
        rows={lines}
        rowKey={(line) => line.productId}
        rowClassName={(line) => (shortage(line) || line.shortForApproved) && "bg-amber-50"}
        columns={[
          {
            header: "Product",
            cell: (line) => (
              <>
                {productLink(line)}
                {shortNote(line)}
              </>
            ),
          },
          { header: "SKU", className: "whitespace-nowrap font-mono text-xs text-slate-700", cell: (line) => line.sku },
          {
            header: "Quantity",
            numeric: true,
            cell: (line) => (
              <>
                {formatQuantity(line.quantity)} <span className="text-slate-500">{line.unit}</span>
                {shortage(line) && <span className="block text-xs font-medium text-amber-900">{shortage(line)}</span>}
              </>
            ),
          },
          priced && { header: "Unit price", numeric: true, cell: (line: OrderDetailLine) => money(line.unitPrice) },
          priced && { header: "Value", numeric: true, cell: (line: OrderDetailLine) => money(line.value) },
          showStock && {
            header: "On hand",
            numeric: true,
            cell: (line: OrderDetailLine) => formatQuantity(line.onHand),
          },
          showStock && {
            header: "Reserved",
            numeric: true,
            cell: (line: OrderDetailLine) => formatQuantity(line.reserved),
          },
          showStock && {
            header: "Available",
            numeric: true,
            cell: (line: OrderDetailLine) => formatQuantity(line.available),
          },
        ]}
        footer={
          <tr>
            <th scope="row" colSpan={2} className={`${tableCellClassName("plain")} text-left`}>
              Total ({formatItems(lines.length)})
            </th>
            <td className={tableCellClassName("plain", true)}>
              {totals.map((total) => (
                <span key={total.unit} className="block">
                  {formatUnitTotal(total)}
                </span>
              ))}
            </td>
            {priced && (
              <>
                <td className={tableCellClassName("plain")} />
                <td className={tableCellClassName("plain", true)}>{money(totalValue)}</td>
              </>
            )}
            {showStock && <td colSpan={3} className={tableCellClassName("plain")} />}
          </tr>
        }
        cardClassName={(line) => cn("space-y-1", (shortage(line) || line.shortForApproved) && "bg-amber-50 px-2")}
        card={(line) => (
          <>
            <p>{productLink(line)}</p>
            <p className="font-mono text-xs text-slate-600">{line.sku}</p>
            <p className="text-slate-900">
              <span className="font-semibold tabular-nums">{formatQuantity(line.quantity)}</span> {line.unit}
              {priced && (
                <>
                  {" "}
                  × {money(line.unitPrice)} = <span className="font-semibold">{money(line.value)}</span>
                </>
              )}
            </p>
            {showStock && (
              <p className="text-slate-600">
                At {locationName}: {formatQuantity(line.onHand)} on hand, {formatQuantity(line.reserved)} reserved,{" "}
                {formatQuantity(line.available)} available
              </p>
            )}
            {shortage(line) && <p className="font-medium text-amber-900">{shortage(line)}</p>}
            {shortNote(line)}
          </>
        )}
        cardFooter={
          <span className="flex justify-between gap-2">
            <span>
              Total ({formatItems(lines.length)}): {formatUnitTotals(totals)}
            </span>
            {priced && <span>{money(totalValue)}</span>}
          </span>
        }
      />
    </div>
  );
}
