import Link from "next/link";
import { formatMoney, formatQuantity } from "@/components/products/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { OrderDetailLine } from "@/lib/orders/get-order-request";
import { formatItems, formatUnits } from "./labels";

/** "Only 3 available", or null when the location can cover the line. */
export function shortageText(line: Pick<OrderDetailLine, "quantity" | "available">): string | null {
  return line.available < line.quantity ? `Only ${formatQuantity(line.available)} available` : null;
}

interface OrderLinesProps {
  lines: OrderDetailLine[];
  currency: string;
  locationName: string;
  totalUnits: number;
  /** Absent, with every line's prices, when the viewer may not see this request's money (a restock's cost prices). */
  totalValue?: string;
  /** While the request is open: the stock at its location now. */
  showStock: boolean;
  /** A pending customer order: mark the lines its location cannot cover, so they are seen before approving. */
  checkShortage: boolean;
}

/**
 * A request's products: a table on wide screens, a card per product on phones, with the totals. While the request
 * is open, each line shows the stock at the request's location now; on a pending customer order a line the
 * location cannot cover is marked, since approving reserves the stock and is refused when any product is short.
 * Without a total value (money the viewer may not see) there are no price columns at all.
 */
export function OrderLines({
  lines,
  currency,
  locationName,
  totalUnits,
  totalValue,
  showStock,
  checkShortage,
}: OrderLinesProps) {
  const money = (amount: string | undefined) => (amount === undefined ? "" : formatMoney(amount, currency));
  const priced = totalValue !== undefined;
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

      <ul aria-label="Products on this request" className="divide-y divide-slate-100 md:hidden">
        {lines.map((line) => (
          <li
            key={line.productId}
            className={cn("space-y-1 py-3 text-sm", (shortage(line) || line.shortForApproved) && "bg-amber-50 px-2")}
          >
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
          </li>
        ))}
        <li className="flex justify-between gap-2 py-3 text-sm font-semibold text-slate-900">
          <span>
            Total: {formatItems(lines.length)}, {formatUnits(totalUnits)}
          </span>
          {priced && <span>{money(totalValue)}</span>}
        </li>
      </ul>

      <div className="hidden overflow-x-auto md:block">
        <table className="min-w-full text-sm">
          <caption className="sr-only">
            Products on this request{showStock ? `, with the stock at ${locationName} now` : ""}
          </caption>
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-4 font-medium">
                Product
              </th>
              <th scope="col" className="py-2 pr-4 font-medium">
                SKU
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-medium">
                Quantity
              </th>
              {priced && (
                <>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Unit price
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Value
                  </th>
                </>
              )}
              {showStock && (
                <>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    On hand
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">
                    Reserved
                  </th>
                  <th scope="col" className="py-2 text-right font-medium">
                    Available
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lines.map((line) => (
              <tr key={line.productId} className={cn((shortage(line) || line.shortForApproved) && "bg-amber-50")}>
                <td className="py-2 pr-4">
                  {productLink(line)}
                  {shortNote(line)}
                </td>
                <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs text-slate-700">{line.sku}</td>
                <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
                  {formatQuantity(line.quantity)} <span className="text-slate-500">{line.unit}</span>
                  {shortage(line) && <span className="block text-xs font-medium text-amber-900">{shortage(line)}</span>}
                </td>
                {priced && (
                  <>
                    <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">{money(line.unitPrice)}</td>
                    <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">{money(line.value)}</td>
                  </>
                )}
                {showStock && (
                  <>
                    <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
                      {formatQuantity(line.onHand)}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">
                      {formatQuantity(line.reserved)}
                    </td>
                    <td className="whitespace-nowrap py-2 text-right tabular-nums">{formatQuantity(line.available)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t border-slate-200 font-semibold text-slate-900">
            <tr>
              <th scope="row" colSpan={2} className="py-2 pr-4 text-left">
                Total ({formatItems(lines.length)})
              </th>
              <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">{formatUnits(totalUnits)}</td>
              {priced && (
                <>
                  <td className="py-2 pr-4" />
                  <td className="whitespace-nowrap py-2 pr-4 text-right tabular-nums">{money(totalValue)}</td>
                </>
              )}
              {showStock && <td colSpan={3} className="py-2" />}
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
