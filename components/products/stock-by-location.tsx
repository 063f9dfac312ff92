import { Badge } from "@/components/ui/badge";
import { formatQuantity } from "./labels";

export interface StockByLocationProps {
  locations: {
    locationId: string;
    locationName: string;
    locationArchived: boolean;
    onHand: number;
    reserved: number;
    available: number;
    low: boolean;
    /** Reserved for approved orders beyond what is on hand (a stocktake counted fewer); 0 when not short. */
    shortBy: number;
  }[];
  total: { onHand: number; reserved: number; available: number; low: boolean };
  unit: string;
}

/**
 * A product's stock where it is stocked, and in total. Reserved is held for approved customer orders; where it is
 * more than is on hand (a stocktake counted fewer), the location is marked short for them.
 */
export function StockByLocation({ locations, total, unit }: StockByLocationProps) {
  if (locations.length === 0) {
    return <p className="text-sm text-slate-600">No stock recorded at any location yet.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Stock by location ({unit})</caption>
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Location
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              On hand
            </th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">
              Reserved
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Available
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {locations.map((level) => (
            <tr key={level.locationId}>
              <th scope="row" className="py-2 pr-4 text-left font-normal text-slate-900">
                <span className="inline-flex flex-wrap items-center gap-2">
                  {level.locationName}
                  {level.locationArchived && <Badge tone="muted">Archived location</Badge>}
                  {level.low && <Badge tone="warning">Low here</Badge>}
                  {level.shortBy > 0 && (
                    <Badge tone="warning">Short by {formatQuantity(level.shortBy)} for approved orders</Badge>
                  )}
                </span>
              </th>
              <td className="py-2 pr-4 text-right tabular-nums">{formatQuantity(level.onHand)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatQuantity(level.reserved)}</td>
              <td className="py-2 text-right tabular-nums">{formatQuantity(level.available)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-300 font-semibold text-slate-900">
          <tr>
            <th scope="row" className="py-2 pr-4 text-left">
              Total
            </th>
            <td className="py-2 pr-4 text-right tabular-nums">
              {formatQuantity(total.onHand)} <span className="font-normal text-slate-500">{unit}</span>
            </td>
            <td className="py-2 pr-4 text-right tabular-nums">{formatQuantity(total.reserved)}</td>
            <td className="py-2 text-right tabular-nums">{formatQuantity(total.available)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
