import { describe, expect, it } from "vitest";
import { cacheKey, overLimit, searchCached, toCached, type ProductAnswer } from "./product-cache";

const answer = (
  sku: string,
  name: string,
  barcode: string | null = null,
  packSize: number | null = null,
): ProductAnswer => ({
  productId: `id-${sku}`,
  sku,
  name,
  unit: "each",
  packSize,
  barcode,
  available: 3,
});

describe("toCached", () => {
  it("keys each product by company and product, with where and when it was seen", () => {
    expect(toCached("c1", "loc", 42, [answer("W-1", "Widget")])).toEqual([
      {
        key: cacheKey("c1", "id-W-1"),
        companyId: "c1",
        productId: "id-W-1",
        sku: "W-1",
        name: "Widget",
        unit: "each",
        packSize: null,
        barcode: null,
        available: 3,
        availableAt: "loc",
        lastUsed: 42,
      },
    ]);
  });
});

describe("overLimit", () => {
  it("drops the least recently used beyond the limit, and nothing within it", () => {
    const entries = [
      { key: "a", lastUsed: 5 },
      { key: "b", lastUsed: 1 },
      { key: "c", lastUsed: 3 },
      { key: "d", lastUsed: 4 },
    ];
    expect(overLimit(entries, 4)).toEqual([]);
    expect(overLimit(entries, 2)).toEqual(["b", "c"]);
  });
});

describe("searchCached", () => {
  const cached = [
    ...toCached("c1", "loc", 1, [
      answer("BOLT-M8", "Hex bolt M8", "4006381333931"),
      answer("NUT-M8", "Nut M8"),
      answer("W-1", "Blue widget"),
    ]),
    ...toCached("c2", "loc", 1, [answer("BOLT-X", "Other company's bolt")]),
  ];

  it("finds by name, SKU or barcode in any letter case, exact SKU or barcode first, only the company's own", () => {
    expect(searchCached(cached, "c1", "m8").map((m) => m.sku)).toEqual(["BOLT-M8", "NUT-M8"]);
    expect(searchCached(cached, "c1", "nut-m8").map((m) => [m.sku, m.exact])).toEqual([["NUT-M8", true]]);
    expect(searchCached(cached, "c1", "4006381333931")).toMatchObject([{ sku: "BOLT-M8", exact: true, cached: true }]);
    expect(searchCached(cached, "c1", "bolt").map((m) => m.sku)).toEqual(["BOLT-M8"]);
    expect(searchCached(cached, "c1", "  ")).toEqual([]);
    expect(searchCached(cached, "c1", "m", 1)).toHaveLength(1);
  });

  it("answers with the pack size cached, and none for a product cached before pack sizes existed", () => {
    const [boxed] = toCached("c1", "loc", 1, [answer("GLV-1", "Gloves", null, 50)]);
    const { packSize: _none, ...older } = toCached("c1", "loc", 1, [answer("TAPE-1", "Tape")])[0]!;
    expect(searchCached([boxed!, older], "c1", "gloves")).toMatchObject([{ sku: "GLV-1", packSize: 50 }]);
    expect(searchCached([boxed!, older], "c1", "tape")).toMatchObject([{ sku: "TAPE-1", packSize: null }]);
  });
});
