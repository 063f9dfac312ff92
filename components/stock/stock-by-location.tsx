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
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Stock of {productName} by location</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Location
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              On hand
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Reserved
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Available
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {locations.map((location) => (
            <tr key={location.id}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                {location.name}
                {location.isDefault && <span className="font-normal text-slate-500"> (default)</span>}
              </th>
              <td className="px-4 py-2 text-right tabular-nums">{count.format(location.onHand)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{count.format(location.reserved)}</td>
              <td className="px-4 py-2 text-right tabular-nums">{count.format(location.available)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
