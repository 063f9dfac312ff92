import { describe, expect, it } from "vitest";
import { MAX_QUANTITY, quantitySchema } from "./quantity";

const positive = quantitySchema({ min: 1 });
const count = quantitySchema({ min: 0, label: "Counted" });
const signed = quantitySchema({ min: -MAX_QUANTITY, label: "Change" });

describe("quantitySchema", () => {
  it("takes whole numbers as numbers or digit strings", () => {
    expect(positive.parse(5)).toBe(5);
    expect(positive.parse(" 12 ")).toBe(12);
    expect(count.parse("0")).toBe(0);
    expect(signed.parse("-3")).toBe(-3);
    expect(positive.parse(String(MAX_QUANTITY))).toBe(MAX_QUANTITY);
  });

  it.each([
    ["1.5"],
    [1.5],
    ["1e3"],
    ["0x10"],
    ["12abc"],
    [""],
    ["NaN"],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ["٣"],
    [null],
    [undefined],
    [{}],
  ])("refuses %s", (value) => {
    expect(positive.safeParse(value).success).toBe(false);
  });

  it("refuses values past the bound, 2^31 included", () => {
    expect(positive.safeParse(2 ** 31).success).toBe(false);
    expect(positive.safeParse(String(MAX_QUANTITY + 1)).success).toBe(false);
    expect(signed.safeParse(-(MAX_QUANTITY + 1)).success).toBe(false);
  });

  it("refuses values below the minimum with a message naming the field", () => {
    expect(positive.safeParse(0).error?.issues[0]?.message).toBe("Quantity: enter at least 1.");
    expect(positive.safeParse("-1").success).toBe(false);
    expect(count.safeParse(-1).error?.issues[0]?.message).toBe("Counted: enter 0 or more.");
  });
});
