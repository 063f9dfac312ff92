import { Badge } from "@/components/ui/badge";
import { DataTable, tableCellClassName } from "@/components/ui/list/data-table";
import { formatQuantity } from "./labels";

export interface StockByLocationProps {
  locations: {
    locationId: string;
    locationName: string;
    locationArchived: boolean;
    onHand: number;
    reserved: number;
    available: number;
    /** The location's own reorder point for the product; null when it sets none. */
    reorderPoint: number | null;
    /** At or below that point (lib/stock/low-stock.ts): never judged by the product's point. */
    low: boolean;
    /** Reserved for approved orders beyond what is on hand (a stocktake counted fewer); 0 when not short. */
    shortBy: number;
  }[];
  /** The totals, with the product's own reorder point, which is about the total. */
  total: { onHand: number; reserved: number; available: number; low: boolean; reorderPoint: number };
  unit: string;
}

/** A reorder point under the stock it is judged against (a location's own, or the product's for the total). */
function ReorderPoint({ point }: { point: number | null }) {
  if (point === null) return null;
  return (
    <span className="block text-xs font-normal text-slate-500">
      <span className="sr-only">reorder </span>point {formatQuantity(point)}
    </span>
  );
}

/**
 * A product's stock where it is stocked, and in total. Reserved is held for approved customer orders; where it is
 * more than is on hand (a stocktake counted fewer), the location is marked short for them. Each location shows its own
 * reorder point under its stock (and the total the product's), and "Low here" only by that point (docs/architecture.md §5 "Low stock").
 */
export function StockByLocation({ locations, total, unit }: StockByLocationProps) {
  if (locations.length === 0) {
    return <p className="text-sm text-slate-600">No stock recorded at any location yet.</p>;
  }
  const cell = (numeric: boolean) => tableCellClassName("plain", numeric);
  return (
    <DataTable
      variant="plain"
      caption={`Stock by location (${unit})`}
      rows={locations}
      rowKey={(level) => level.locationId}
      columns={[
        {
          header: "Location",
          rowHeader: true,
          cell: (level) => (
            <span className="inline-flex flex-wrap items-center gap-2">
              {level.locationName}
              {level.locationArchived && <Badge tone="muted">Archived location</Badge>}
              {level.low && <Badge tone="warning">Low here</Badge>}
              {level.shortBy > 0 && (
                <Badge tone="warning">Short by {formatQuantity(level.shortBy)} for approved orders</Badge>
              )}
            </span>
          ),
        },
        {
          header: "On hand",
          numeric: true,
          cell: (level) => (
            <>
              {formatQuantity(level.onHand)}
              <ReorderPoint point={level.reorderPoint} />
            </>
          ),
        },
        { header: "Reserved", numeric: true, cell: (level) => formatQuantity(level.reserved) },
        { header: "Available", numeric: true, cell: (level) => formatQuantity(level.available) },
      ]}
      footer={
        <tr>
          <th scope="row" className={`${cell(false)} text-left`}>
            Total
          </th>
          <td className={cell(true)}>
            {formatQuantity(total.onHand)} <span className="font-normal text-slate-500">{unit}</span>
            <ReorderPoint point={total.reorderPoint > 0 ? total.reorderPoint : null} />
          </td>
          <td className={cell(true)}>{formatQuantity(total.reserved)}</td>
          <td className={cell(true)}>{formatQuantity(total.available)}</td>
        </tr>
      }
    />
  );
}
