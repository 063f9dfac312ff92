import Link from "@/components/ui/link";
import { formatMoney, formatQuantity } from "@/components/products/labels";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { tableCellClassName } from "@/components/ui/list/data-table";
import { ResponsiveList } from "@/components/ui/list/responsive-list";
import type { OrderDetailLine } from "@/lib/orders/get-order-request";
import type { OrderStatus } from "@/lib/orders/order-state-machine";
import { formatUnitTotal, formatUnitTotals, unitTotals, type UnitTotal } from "@/lib/products/unit-totals";
import { formatItems } from "./labels";

/** "Lowered from 10" under an approved quantity below what was requested; null when approved as requested. */
export function loweredText(line: Pick<OrderDetailLine, "quantity" | "approvedQuantity">): string | null {
  return line.approvedQuantity !== null && line.approvedQuantity < line.quantity
    ? `Lowered from ${formatQuantity(line.quantity)}`
    : null;
}

/** One quantity column of an approved request: what each line holds, in the line's unit. */
interface Progress {
  header: string;
  value: (line: OrderDetailLine) => number;
  /** Said under the quantity when there is something to say (a lowered approval). */
  mark?: (line: OrderDetailLine) => string | null;
}

/**
 * The quantity columns once a request is approved (docs/architecture.md §6): requested, approved (maybe lower),
 * fulfilled so far and, while it is open, what is still to come; on a closed backorder, what is not coming.
 */
function progressColumns(status: OrderStatus): Progress[] {
  const columns: Progress[] = [
    { header: "Requested", value: (line) => line.quantity },
    { header: "Approved", value: (line) => line.approvedQuantity ?? 0, mark: loweredText },
    { header: "Fulfilled", value: (line) => line.fulfilledQuantity },
  ];
  if (status === "APPROVED" || status === "PARTIALLY_FULFILLED") {
    columns.push({ header: "Still to come", value: (line) => line.outstanding });
  }
  if (status === "CLOSED") columns.push({ header: "Not coming", value: (line) => line.outstanding });
  return columns;
}

const SKU_CLASS = "font-mono text-xs text-slate-700";

/** A column's total when its lines hold nothing (nothing fulfilled yet, nothing still to come). */
const NONE = "None";

/** "Only 3 available", or null when the location can cover the line. */
export function shortageText(line: Pick<OrderDetailLine, "quantity" | "available">): string | null {
  return line.available < line.quantity ? `Only ${formatQuantity(line.available)} available` : null;
}

interface OrderLinesProps {
  lines: OrderDetailLine[];
  /** Once approved, each line shows requested, approved, fulfilled and what is still to come. */
  status: OrderStatus;
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
 * unit, never added across units (docs/architecture.md §5), and the value. Once the request is approved, each line
 * says what was requested, approved (a lowered line marked), fulfilled so far and is still to come (a backorder),
 * each in the product's unit. While the request is open, each line shows the stock at the request's location now; on
 * a pending customer order a line the location cannot cover is marked, since approving reserves the stock and is
 * refused when any product is short. Without a total value (money the viewer may not see) there are no price columns
 * at all.
 */
export function OrderLines({
  lines,
  status,
  currency,
  locationName,
  totalValue,
  showStock,
  checkShortage,
}: OrderLinesProps) {
  const money = (amount: string | undefined) => (amount === undefined ? "" : formatMoney(amount, currency));
  const priced = totalValue !== undefined;
  const totals = unitTotals(lines);
  // Approved lines carry the approved quantity; a request never approved (pending, rejected) has none.
  const progress = lines.some((line) => line.approvedQuantity !== null) ? progressColumns(status) : [];
  // A column's totals per unit, leaving out the units it holds none of ("2 each", not "2 each and 0 pair").
  const totalsOf = (column: Progress) =>
    unitTotals(lines.map((line) => ({ unit: line.unit, quantity: column.value(line) }))).filter(
      (total) => total.quantity > 0,
    );
  const inUnit = (value: number, unit: string) => (
    <>
      <span className="tabular-nums">{formatQuantity(value)}</span> <span className="text-slate-500">{unit}</span>
    </>
  );
  const marked = (column: Progress, line: OrderDetailLine) => {
    const mark = column.mark?.(line);
    return mark && <span className="block text-xs font-medium text-amber-900">{mark}</span>;
  };
  const perUnit = (columnTotals: UnitTotal[]) =>
    columnTotals.length === 0
      ? NONE
      : columnTotals.map((total) => (
          <span key={total.unit} className="block">
            {formatUnitTotal(total)}
          </span>
        ));
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
        // Approved, the table has three or four quantity columns: cards until the screen is wide enough for them.
        breakpoint={progress.length > 0 ? "lg" : "md"}
        label="Products on this request"
        caption={`Products on this request${showStock ? `, with the stock at ${locationName} now` : ""}`}
        rows={lines}
        rowKey={(line) => line.productId}
        rowClassName={(line) => (shortage(line) || line.shortForApproved) && "bg-amber-50"}
        columns={[
          {
            header: "Product",
            // With the quantity columns of an approved request, the SKU goes under the name: one column fewer, and
            // the name is not squeezed a word per line.
            className: progress.length > 0 ? "min-w-36" : undefined,
            cell: (line) => (
              <>
                {productLink(line)}
                {progress.length > 0 && <span className={cn("block", SKU_CLASS)}>{line.sku}</span>}
                {shortNote(line)}
              </>
            ),
          },
          progress.length === 0 && {
            header: "SKU",
            className: cn("whitespace-nowrap", SKU_CLASS),
            cell: (line: OrderDetailLine) => line.sku,
          },
          ...(progress.length > 0
            ? progress.map((column) => ({
                header: column.header,
                numeric: true,
                cell: (line: OrderDetailLine) => (
                  <>
                    {inUnit(column.value(line), line.unit)}
                    {marked(column, line)}
                  </>
                ),
              }))
            : [
                {
                  header: "Quantity",
                  numeric: true,
                  cell: (line: OrderDetailLine) => (
                    <>
                      {inUnit(line.quantity, line.unit)}
                      {shortage(line) && (
                        <span className="block text-xs font-medium text-amber-900">{shortage(line)}</span>
                      )}
                    </>
                  ),
                },
              ]),
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
            <th
              scope="row"
              colSpan={progress.length > 0 ? 1 : 2}
              className={`${tableCellClassName("plain")} text-left`}
            >
              Total ({formatItems(lines.length)})
            </th>
            {progress.length > 0 ? (
              progress.map((column) => (
                <td key={column.header} className={tableCellClassName("plain", true)}>
                  {perUnit(totalsOf(column))}
                </td>
              ))
            ) : (
              <td className={tableCellClassName("plain", true)}>{perUnit(totals)}</td>
            )}
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
              {progress.length > 0 && <span className="text-slate-500">Requested </span>}
              <span className="font-semibold tabular-nums">{formatQuantity(line.quantity)}</span> {line.unit}
              {priced && (
                <>
                  {" "}
                  × {money(line.unitPrice)} = <span className="font-semibold">{money(line.value)}</span>
                </>
              )}
            </p>
            {progress.length > 0 && (
              <dl className="grid grid-cols-3 gap-x-3 gap-y-1">
                {progress.slice(1).map((column) => (
                  <div key={column.header}>
                    <dt className="text-slate-500">{column.header}</dt>
                    <dd className="text-slate-900">
                      {inUnit(column.value(line), line.unit)}
                      {marked(column, line)}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
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
          <>
            <span className="flex justify-between gap-2">
              <span>
                Total ({formatItems(lines.length)}){progress.length === 0 && `: ${formatUnitTotals(totals)}`}
              </span>
              {priced && <span>{money(totalValue)}</span>}
            </span>
            {progress.map((column) => (
              <span key={column.header} className="block font-normal text-slate-700">
                {column.header}: {formatUnitTotals(totalsOf(column)) || NONE}
              </span>
            ))}
          </>
        }
      />
    </div>
  );
}
