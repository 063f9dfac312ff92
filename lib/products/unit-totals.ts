// Totals of quantities across products. A quantity is a whole number of its product's own unit (docs/architecture.md
// §5), free text such as "each", "pair", "box" or "kg": quantities of different products are never added into one
// number, so a total is given per unit (or as a count of lines and products). Pure: shared by server and client.

export interface UnitTotal {
  /** The product's unit exactly as stored: "box" and "Box" are different units. */
  unit: string;
  quantity: number;
}

/** One total per distinct unit, in the order each unit first appears in `lines`. */
export function unitTotals(lines: readonly { unit: string; quantity: number }[]): UnitTotal[] {
  const byUnit = new Map<string, number>();
  for (const line of lines) byUnit.set(line.unit, (byUnit.get(line.unit) ?? 0) + line.quantity);
  return [...byUnit].map(([unit, quantity]) => ({ unit, quantity }));
}

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** One total as people read it: "1,200 each", "40 pair" (a unit is free text, so it is never made plural). */
export function formatUnitTotal({ unit, quantity }: UnitTotal): string {
  return `${whole.format(quantity)} ${unit}`;
}

/** The totals in a sentence: "12 each", "12 each and 5 pair", "12 each, 5 pair and 3 box"; "" when there are none. */
export function formatUnitTotals(totals: readonly UnitTotal[]): string {
  const parts = totals.map(formatUnitTotal);
  const last = parts.pop();
  if (last === undefined) return "";
  return parts.length > 0 ? `${parts.join(", ")} and ${last}` : last;
}
