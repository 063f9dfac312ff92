import { describe, expect, it } from "vitest";
import { describeBasis, suggestReorder, type ReorderInputs } from "./reorder-quantity";

const base: ReorderInputs = {
  scope: "total",
  onHand: 4,
  reorderPoint: 10,
  reorderQuantity: null,
  targetLevel: null,
  incoming: 0,
  packSize: null,
};

describe("suggestReorder", () => {
  it("orders up to the target level when the product has one: 50 − 4 on hand = 46", () => {
    expect(suggestReorder({ ...base, targetLevel: 50, reorderQuantity: 30 })).toEqual({
      need: 46,
      basis: "target",
      suggested: 46,
    });
  });

  it("else the reorder quantity, whatever is on hand", () => {
    expect(suggestReorder({ ...base, reorderQuantity: 30 })).toEqual({ need: 30, basis: "quantity", suggested: 30 });
  });

  it("else up to twice the reorder point: 2 × 10 − 4 = 16", () => {
    expect(suggestReorder(base)).toEqual({ need: 16, basis: "twice", suggested: 16 });
  });

  it("a location's own point ignores the target level (it is about the total)", () => {
    expect(suggestReorder({ ...base, scope: "location", targetLevel: 50, reorderPoint: 5, onHand: 1 })).toEqual({
      need: 9,
      basis: "twice",
      suggested: 9,
    });
  });

  it("takes away what open restocks already bring, never below 0", () => {
    expect(suggestReorder({ ...base, incoming: 10 }).suggested).toBe(6);
    expect(suggestReorder({ ...base, incoming: 16 }).suggested).toBe(0);
    expect(suggestReorder({ ...base, incoming: 40 })).toEqual({ need: 16, basis: "twice", suggested: 0 });
  });

  it("rounds up to whole packs: 16 missing in boxes of 12 is 24", () => {
    expect(suggestReorder({ ...base, packSize: 12 }).suggested).toBe(24);
    expect(suggestReorder({ ...base, packSize: 8 }).suggested).toBe(16);
    expect(suggestReorder({ ...base, packSize: 12, incoming: 16 }).suggested).toBe(0);
  });

  it("never asks for less than nothing when stock is already above the target", () => {
    expect(suggestReorder({ ...base, onHand: 60, targetLevel: 50 })).toEqual({
      need: 0,
      basis: "target",
      suggested: 0,
    });
  });
});

describe("describeBasis", () => {
  it("says which rule made the number", () => {
    const inputs = { targetLevel: 50, reorderQuantity: 30, reorderPoint: 10 };
    expect(describeBasis("target", inputs)).toBe("up to the target level of 50");
    expect(describeBasis("quantity", inputs)).toBe("the reorder quantity of 30");
    expect(describeBasis("twice", inputs)).toBe("up to twice the reorder point of 10");
  });
});
