// Every preset's geometry fits its page (no label runs off the edge or overlaps the next), sheet layouts match their
// makers' published sizes edge to edge, and labels are paged by the preset's labels per page.
import { describe, expect, it } from "vitest";
import { LABEL_PRESET_IDS, LABEL_PRESETS, labelPreset, labelsPerPage, paginateLabels } from "./label-presets";

const EPSILON = 0.01;

describe.each(LABEL_PRESETS)("$name", (preset) => {
  it("fits its labels on the page", () => {
    const right = preset.marginLeft + preset.columns * preset.label.width + (preset.columns - 1) * preset.gapX;
    const bottom = preset.marginTop + preset.rows * preset.label.height + (preset.rows - 1) * preset.gapY;
    expect(right).toBeLessThanOrEqual(preset.page.width + EPSILON);
    expect(bottom).toBeLessThanOrEqual(preset.page.height + EPSILON);
    expect(preset.label.width).toBeGreaterThan(0);
    expect(preset.label.height).toBeGreaterThan(0);
  });

  if (preset.kind === "sheet") {
    it("is centred on the sheet like the maker's template", () => {
      const right = preset.marginLeft + preset.columns * preset.label.width + (preset.columns - 1) * preset.gapX;
      const bottom = preset.marginTop + preset.rows * preset.label.height + (preset.rows - 1) * preset.gapY;
      expect(preset.page.width - right).toBeCloseTo(preset.marginLeft, 1);
      expect(preset.page.height - bottom).toBeCloseTo(preset.marginTop, 1);
    });
  } else {
    it("is one label per page, the page the size of the label", () => {
      expect(labelsPerPage(preset)).toBe(1);
      expect(preset.page).toEqual(preset.label);
    });
  }
});

describe("published sheet layouts", () => {
  it("Avery L7160: 21 labels of 63.5 × 38.1 mm on A4", () => {
    const preset = labelPreset("a4-l7160");
    expect(labelsPerPage(preset)).toBe(21);
    expect(preset.page).toEqual({ width: 210, height: 297 });
    expect(preset.label).toEqual({ width: 63.5, height: 38.1 });
  });

  it("Avery 5160: 30 labels of 2.625 × 1 in on Letter (8.5 × 11 in)", () => {
    const preset = labelPreset("letter-5160");
    expect(labelsPerPage(preset)).toBe(30);
    expect(preset.page.width).toBeCloseTo(215.9, 5);
    expect(preset.page.height).toBeCloseTo(279.4, 5);
    expect(preset.label.width).toBeCloseTo(66.675, 5);
    expect(preset.label.height).toBeCloseTo(25.4, 5);
  });
});

describe("paginateLabels", () => {
  it("puts 25 labels on two A4 sheets of 21: 21 then 4", () => {
    const pages = paginateLabels(
      Array.from({ length: 25 }, (_, i) => i),
      labelPreset("a4-l7160"),
    );
    expect(pages.map((page) => page.length)).toEqual([21, 4]);
    expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it("puts each label on its own page of a roll", () => {
    expect(paginateLabels(["a", "b", "c"], labelPreset("roll-62x29"))).toEqual([["a"], ["b"], ["c"]]);
  });

  it("makes no page for no labels", () => {
    expect(paginateLabels([], labelPreset("letter-5160"))).toEqual([]);
  });

  it("has unique preset ids", () => {
    expect(new Set(LABEL_PRESET_IDS).size).toBe(LABEL_PRESETS.length);
  });
});
