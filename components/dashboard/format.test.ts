import { describe, expect, it } from "vitest";
import { formatTileMoney } from "./format";

describe("formatTileMoney", () => {
  it("keeps amounts under a million exact, with nothing more to say", () => {
    expect(formatTileMoney("238.50", "GBP")).toEqual({ figure: "£238.50", exact: null });
    expect(formatTileMoney("999999.99", "GBP")).toEqual({ figure: "£999,999.99", exact: null });
  });

  it("makes a million and more compact enough for a tile, and gives the exact amount for its detail", () => {
    expect(formatTileMoney("437228795.74", "GBP")).toEqual({ figure: "£437.2m", exact: "£437,228,795.74" });
    expect(formatTileMoney("1000000", "EUR")).toEqual({ figure: "€1m", exact: "€1,000,000.00" });
    expect(formatTileMoney("1234567890123.45", "USD")).toEqual({
      figure: "US$1.2tn",
      exact: "US$1,234,567,890,123.45",
    });
  });
});
