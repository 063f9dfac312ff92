// Totals per unit (./unit-totals.ts): quantities of different products are only added when their units are the same.
import { describe, expect, it } from "vitest";
import { formatUnitTotal, formatUnitTotals, unitTotals } from "./unit-totals";

describe("unitTotals", () => {
  it("adds the quantities of lines in the same unit and keeps each other unit apart, in order of first appearance", () => {
    // Claw hammer 10 each, Safety gloves 5 pair, Wood screws 3 box, Hacksaw 2 each.
    const lines = [
      { unit: "each", quantity: 10 },
      { unit: "pair", quantity: 5 },
      { unit: "box", quantity: 3 },
      { unit: "each", quantity: 2 },
    ];
    expect(unitTotals(lines)).toEqual([
      { unit: "each", quantity: 12 },
      { unit: "pair", quantity: 5 },
      { unit: "box", quantity: 3 },
    ]);
  });

  it("takes the unit exactly as stored: letter case or spaces make another unit", () => {
    const lines = [
      { unit: "box", quantity: 1 },
      { unit: "Box", quantity: 2 },
      { unit: "box", quantity: 4 },
      { unit: "box of 10", quantity: 1 },
    ];
    expect(unitTotals(lines)).toEqual([
      { unit: "box", quantity: 5 },
      { unit: "Box", quantity: 2 },
      { unit: "box of 10", quantity: 1 },
    ]);
  });

  it("gives one total for one line, and none for no lines", () => {
    expect(unitTotals([{ unit: "kg", quantity: 7 }])).toEqual([{ unit: "kg", quantity: 7 }]);
    expect(unitTotals([])).toEqual([]);
  });
});

describe("formatUnitTotals", () => {
  it("says one total as the quantity and its unit, never pluralised", () => {
    expect(formatUnitTotals([{ unit: "each", quantity: 12 }])).toBe("12 each");
    expect(formatUnitTotals([{ unit: "pair", quantity: 40 }])).toBe("40 pair");
    expect(formatUnitTotals([{ unit: "box", quantity: 1 }])).toBe("1 box");
    expect(formatUnitTotal({ unit: "kg", quantity: 3 })).toBe("3 kg");
  });

  it("joins two totals with “and”, more with commas and a last “and”", () => {
    const each = { unit: "each", quantity: 12 };
    const pair = { unit: "pair", quantity: 5 };
    const box = { unit: "box", quantity: 3 };
    expect(formatUnitTotals([each, pair])).toBe("12 each and 5 pair");
    expect(formatUnitTotals([each, pair, box])).toBe("12 each, 5 pair and 3 box");
    expect(formatUnitTotals([each, pair, box, { unit: "kg", quantity: 2 }])).toBe("12 each, 5 pair, 3 box and 2 kg");
  });

  it("writes thousands with commas, as en-GB does", () => {
    expect(
      formatUnitTotals([
        { unit: "each", quantity: 1200 },
        { unit: "litre", quantity: 12500000 },
      ]),
    ).toBe("1,200 each and 12,500,000 litre");
  });

  it("says nothing for no totals", () => {
    expect(formatUnitTotals([])).toBe("");
  });
});
