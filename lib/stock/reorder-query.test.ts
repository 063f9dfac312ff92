import { describe, expect, it } from "vitest";
import { estimateCost, toReorderGroups } from "./reorder-query";

describe("estimateCost", () => {
  it("multiplies a price by a whole quantity exactly, in cents", () => {
    expect(estimateCost("1.20", 40)).toBe("48.00");
    expect(estimateCost("7.25", 15)).toBe("108.75");
    expect(estimateCost("0.1", 3)).toBe("0.30");
    expect(estimateCost("19", 0)).toBe("0.00");
    // Beyond a double's exact integers: 9,999,999,999.99 × 1,000,000,000.
    expect(estimateCost("9999999999.99", 1_000_000_000)).toBe("9999999999990000000.00");
  });
});

describe("toReorderGroups", () => {
  it("puts each group's locations under it, in the order the SQL gave", () => {
    const group = { no_supplier: false, supplier_id: "acme", supplier_name: "Acme", supplier_archived: false };
    const rows = [
      { ...group, location_id: null, location_name: null, location_default: null, products: 3 },
      { ...group, location_id: "main", location_name: "Main", location_default: true, products: 2 },
      { ...group, location_id: "annex", location_name: "Annex", location_default: false, products: 1 },
      {
        no_supplier: true,
        supplier_id: "00000000-0000-0000-0000-000000000000",
        supplier_name: null,
        supplier_archived: null,
        location_id: null,
        location_name: null,
        location_default: null,
        products: 1,
      },
    ];
    expect(toReorderGroups(rows)).toEqual([
      {
        supplier: { id: "acme", name: "Acme", archived: false },
        products: 3,
        locations: [
          { id: "main", name: "Main", isDefault: true, products: 2 },
          { id: "annex", name: "Annex", isDefault: false, products: 1 },
        ],
      },
      { supplier: null, products: 1, locations: [] },
    ]);
  });
});
