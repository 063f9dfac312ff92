// How the reports read on screen. Pure: shared by server and client components.
import { formatMoney } from "@/components/products/labels";
import type { UnitMovementTotals } from "@/lib/reports/report-types";

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

export const formatQuantity = (value: number) => whole.format(value);

/** A money amount, or the unit cost with its four decimals where the average has them ("£4.6364"). */
export function formatReportMoney(amount: string, currency: string): string {
  const [, decimals = ""] = amount.split(".");
  if (decimals.length <= 2) return formatMoney(amount, currency);
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 4 }).format(
    Number(amount),
  );
}

/** Units in and out per unit, never added across units: "120 each in, 40 each out; 3 box in". */
export function describeUnitTotals(units: UnitMovementTotals[]): string {
  if (units.length === 0) return "Nothing moved";
  return units
    .map((u) => {
      const parts = [
        u.unitsIn > 0 && `${whole.format(u.unitsIn)} ${u.unit} in`,
        u.unitsOut > 0 && `${whole.format(u.unitsOut)} ${u.unit} out`,
      ].filter(Boolean);
      return parts.join(", ");
    })
    .join("; ");
}
