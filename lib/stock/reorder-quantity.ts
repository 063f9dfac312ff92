// How much a restock suggestion orders (issue 15, item 3; docs/architecture.md §5 "Restock suggestions"), pure, so the
// reorder page and the drafted request use one rule and it is tested without a database.
//
// What is needed: for a product low in total, up to its target level when it has one (target − total on hand), else
// its reorder quantity, else up to twice its reorder point; for a location low by its own point, the product's
// reorder quantity, else up to twice that point (a target level is about the total). From that is taken what open
// restock requests already bring — pending ones as requested, approved and partly received ones what is still to come —
// and what is left is rounded up to whole packs when the product comes in packs.

export type ReorderScope = "total" | "location";

export interface ReorderInputs {
  scope: ReorderScope;
  /** On hand in the scope: the product's total, or at the location. */
  onHand: number;
  /** The point it is judged by in the scope: the product's, or the location's own. */
  reorderPoint: number;
  reorderQuantity: number | null;
  targetLevel: number | null;
  /** What open restock requests bring (to that location, for a location). */
  incoming: number;
  packSize: number | null;
}

export type ReorderBasis = "target" | "quantity" | "twice";

export interface ReorderSuggestion {
  /** What brings the stock where the rule wants it, before what is already coming. */
  need: number;
  basis: ReorderBasis;
  /** What to order now: need − incoming, never below 0, in whole packs. */
  suggested: number;
}

export function suggestReorder(inputs: ReorderInputs): ReorderSuggestion {
  const { basis, need } =
    inputs.scope === "total" && inputs.targetLevel !== null
      ? { basis: "target" as const, need: inputs.targetLevel - inputs.onHand }
      : inputs.reorderQuantity !== null
        ? { basis: "quantity" as const, need: inputs.reorderQuantity }
        : { basis: "twice" as const, need: 2 * inputs.reorderPoint - inputs.onHand };
  const wanted = Math.max(0, need);
  const missing = Math.max(0, wanted - Math.max(0, inputs.incoming));
  const suggested = inputs.packSize && missing > 0 ? Math.ceil(missing / inputs.packSize) * inputs.packSize : missing;
  return { need: wanted, basis, suggested };
}

/** What the basis means, for the page: "up to the target level of 120". */
export function describeBasis(
  basis: ReorderBasis,
  inputs: Pick<ReorderInputs, "targetLevel" | "reorderQuantity" | "reorderPoint">,
): string {
  switch (basis) {
    case "target":
      return `up to the target level of ${inputs.targetLevel}`;
    case "quantity":
      return `the reorder quantity of ${inputs.reorderQuantity}`;
    case "twice":
      return `up to twice the reorder point of ${inputs.reorderPoint}`;
  }
}
