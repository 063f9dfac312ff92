// What the reports hand their pages, for the components that lay it out. Pure: no server imports.

export interface ValuationLine {
  productId: string;
  name: string;
  sku: string;
  unit: string;
  archived: boolean;
  quantity: number;
  /** Money: absent for a caller who does not see it. */
  unitCost?: string;
  /** No receipt at a cost had set an average by then: the unit cost is today's cost price. */
  atCurrentCost: boolean;
  value?: string;
}

export interface UnitMovementTotals {
  unit: string;
  unitsIn: number;
  unitsOut: number;
}
