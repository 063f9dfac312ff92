import { DataTable } from "@/components/ui/list/data-table";

export interface LocationStock {
  id: string;
  name: string;
  isDefault: boolean;
  onHand: number;
  reserved: number;
  available: number;
}

const count = new Intl.NumberFormat("en-US");

/** One product's stock per location: on hand, reserved for approved orders, available. */
export function StockByLocation({ productName, locations }: { productName: string; locations: LocationStock[] }) {
  return (
    <DataTable
      caption={`Stock of ${productName} by location`}
      rows={locations}
      rowKey={(location) => location.id}
      columns={[
        {
          header: "Location",
          rowHeader: true,
          cell: (location) => (
            <>
              <span className="font-medium">{location.name}</span>
              {location.isDefault && <span className="text-slate-500"> (default)</span>}
            </>
          ),
        },
        { header: "On hand", numeric: true, cell: (location) => count.format(location.onHand) },
        { header: "Reserved", numeric: true, cell: (location) => count.format(location.reserved) },
        { header: "Available", numeric: true, cell: (location) => count.format(location.available) },
      ]}
    />
  );
}
