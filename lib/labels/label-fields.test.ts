// A labels page's URL becomes lib input the schemas then judge: ids in order, digits of copies as a number, and the
// bounds (1–100 copies, at most 500 products, at most 2,000 labels) refused with messages a person can act on.
import { describe, expect, it } from "vitest";
import { labelInputFromSearchParams, MAX_LABEL_ITEMS, productLabelsSchema } from "./label-fields";

const ID = "0193b1e4-0000-7000-8000-000000000001";

describe("labelInputFromSearchParams", () => {
  it("takes repeated ids, the preset, copies as a number and the price flag", () => {
    expect(labelInputFromSearchParams({ id: [ID, "x"], preset: "letter-5160", copies: "3", price: "1" })).toEqual({
      ids: [ID, "x"],
      preset: "letter-5160",
      copies: 3,
      showPrice: true,
    });
  });

  it("leaves out what is missing so the schema's defaults apply, and passes other copies text on", () => {
    expect(labelInputFromSearchParams({ id: ID })).toEqual({ ids: [ID], showPrice: false });
    expect(labelInputFromSearchParams({ copies: "2.5" })).toMatchObject({ copies: "2.5" });
  });
});

describe("productLabelsSchema", () => {
  const parse = (input: Record<string, unknown>) => productLabelsSchema.safeParse({ productIds: [ID], ...input });

  it("defaults to one copy on the A4 sheet without prices", () => {
    expect(parse({}).data).toEqual({ productIds: [ID], preset: "a4-l7160", copies: 1, showPrice: false });
  });

  it.each([0, 101, 2.5, "2.5", "three"])("refuses %s copies", (copies) => {
    expect(parse({ copies }).error?.issues[0]).toMatchObject({
      path: ["copies"],
      message: "Enter a whole number of copies from 1 to 100.",
    });
  });

  it("refuses an unknown preset", () => {
    expect(parse({ preset: "a5" }).error?.issues[0]?.message).toBe("Choose a label size from the list.");
  });

  it("wants between one and 500 products", () => {
    expect(productLabelsSchema.safeParse({ productIds: [] }).error?.issues[0]?.message).toBe(
      "Choose at least one of the products.",
    );
    const many = Array.from({ length: MAX_LABEL_ITEMS + 1 }, () => ID);
    expect(productLabelsSchema.safeParse({ productIds: many }).error?.issues[0]?.message).toMatch(/at most 500/);
    expect(productLabelsSchema.safeParse({ productIds: many.slice(1) }).success).toBe(true);
  });

  it("refuses more than 2,000 labels in all", () => {
    const products = (n: number) => Array.from({ length: n }, () => ID);
    expect(productLabelsSchema.safeParse({ productIds: products(20), copies: 100 }).success).toBe(true);
    expect(productLabelsSchema.safeParse({ productIds: products(21), copies: 100 }).error?.issues[0]).toMatchObject({
      path: ["copies"],
      message: expect.stringMatching(/more than 2,000 labels/),
    });
  });
});
