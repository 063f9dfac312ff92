// How a quantity of a product is counted, said beside every field where one is typed (issue 15, item 4;
// docs/architecture.md §5, "Units and packs"): quantities are always in the product's unit, and when the product
// comes in packs the hint says how many units one holds, so a person counting two boxes of 25 types 50.
// Pure and free of server code: the forms import it in the browser.

export interface CountedIn {
  unit: string;
  /** How many units one pack holds; null (or, from data saved before pack sizes, missing) when there is none. */
  packSize?: number | null;
}

const whole = new Intl.NumberFormat("en-GB");

/**
 * "Unit: pair." / "Unit: each; a pack holds 25." Null when there is nothing to say: a line whose details were lost
 * (a form restored without them) has no unit to name.
 */
export function quantityHint({ unit, packSize }: CountedIn): string | null {
  const name = unit.trim();
  const holds = packSize ? `pack holds ${whole.format(packSize)}.` : null;
  if (!name) return holds && `A ${holds}`;
  return holds ? `Unit: ${name}; a ${holds}` : `Unit: ${name}.`;
}

/** The unit with its pack, for a product's details: "box", "each (packs of 25)". */
export function unitWithPack({ unit, packSize }: CountedIn): string {
  return packSize ? `${unit} (packs of ${whole.format(packSize)})` : unit;
}
