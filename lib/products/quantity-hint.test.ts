import { describe, expect, it } from "vitest";
import { quantityHint, unitWithPack } from "./quantity-hint";

describe("quantityHint", () => {
  it("names the unit a quantity is counted in", () => {
    expect(quantityHint({ unit: "pair", packSize: null })).toBe("Unit: pair.");
    expect(quantityHint({ unit: " each ", packSize: null })).toBe("Unit: each.");
  });

  it("adds how many units one pack holds, with thousands grouped", () => {
    expect(quantityHint({ unit: "each", packSize: 25 })).toBe("Unit: each; a pack holds 25.");
    expect(quantityHint({ unit: "sheet", packSize: 2500 })).toBe("Unit: sheet; a pack holds 2,500.");
  });

  it("treats a pack size missing from older saved data as none", () => {
    expect(quantityHint({ unit: "box" })).toBe("Unit: box.");
  });

  it("says only the pack, or nothing, when the unit is not known", () => {
    expect(quantityHint({ unit: "", packSize: 10 })).toBe("A pack holds 10.");
    expect(quantityHint({ unit: "  ", packSize: null })).toBeNull();
  });
});

describe("unitWithPack", () => {
  it("is the unit, with its pack when it has one", () => {
    expect(unitWithPack({ unit: "box", packSize: null })).toBe("box");
    expect(unitWithPack({ unit: "each", packSize: 1000 })).toBe("each (packs of 1,000)");
  });
});
