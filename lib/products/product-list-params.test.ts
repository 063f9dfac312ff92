import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  productListHref,
  productListInputSchema,
  productListQueryFromSearchParams,
} from "./product-list-params";

const ID = "0190f3a2-1c2d-7e3f-8a4b-5c6d7e8f9a0b";

describe("list cursors", () => {
  it("round-trip the sort key and id, unicode included", () => {
    for (const [sort, value] of [
      ["name", "Wood screws 4×40 — ünïcode"],
      ["sku", "W-1"],
      ["onHand", 0],
      ["updated", "2026-01-03T10:00:00.000Z"],
    ] as const) {
      expect(decodeCursor(encodeCursor(sort, { value, id: ID }), sort)).toEqual({ value, id: ID });
    }
  });

  it("refuse a cursor of another sort, a key of the wrong type, or text that is no cursor", () => {
    const byName = encodeCursor("name", { value: "Anvil", id: ID });
    expect(decodeCursor(byName, "sku")).toBeNull();
    expect(decodeCursor(encodeCursor("onHand", { value: "12", id: ID }), "onHand")).toBeNull();
    expect(decodeCursor(encodeCursor("updated", { value: "yesterday", id: ID }), "updated")).toBeNull();
    expect(decodeCursor(encodeCursor("name", { value: "Anvil", id: "1; DROP TABLE" }), "name")).toBeNull();
    for (const text of ["", "garbage!", "W10=", btoa("{}"), "x".repeat(700)]) expect(decodeCursor(text, "name")).toBeNull();
  });
});

describe("the list's URL", () => {
  it("reads what it can and leaves out the rest, so any URL renders", () => {
    expect(
      productListQueryFromSearchParams({
        q: "  bolt ",
        category: "Fasteners",
        location: "not-a-uuid",
        stock: "low",
        status: "deleted",
        sort: "onHand-desc",
        after: "stale",
      }),
    ).toEqual({
      q: "bolt",
      category: "Fasteners",
      locationId: undefined,
      stock: "low",
      status: undefined,
      sort: "onHand",
      dir: "desc",
      after: undefined,
      before: undefined,
    });
    expect(productListQueryFromSearchParams({ sort: "price", q: ["a", "b"] })).toMatchObject({ sort: undefined, q: "a" });
  });

  it("writes a canonical address: defaults left out, the natural direction implied", () => {
    expect(productListHref({})).toBe("/products");
    expect(productListHref({ status: "active", stock: "all", sort: "name", dir: "asc" })).toBe("/products");
    expect(productListHref({ q: "hex bolt", stock: "low", sort: "updated", dir: "desc" })).toBe("/products?q=hex+bolt&stock=low&sort=updated");
    expect(productListHref({ sort: "name", dir: "desc", locationId: ID })).toBe(`/products?location=${ID}&sort=name-desc`);
    const after = encodeCursor("name", { value: "A", id: ID });
    expect(productListQueryFromSearchParams(Object.fromEntries(new URL(productListHref({ after }), "http://x").searchParams))).toMatchObject({ after });
  });
});

describe("productListInputSchema", () => {
  it("fills the defaults and the sort's natural direction", () => {
    expect(productListInputSchema.parse({})).toMatchObject({ stock: "all", status: "active", sort: "name", dir: "asc", limit: 50 });
    expect(productListInputSchema.parse({ sort: "updated" }).dir).toBe("desc");
  });

  it("refuses unknown keys and cursors that do not fit the sort", () => {
    expect(productListInputSchema.safeParse({ companyId: ID }).success).toBe(false);
    expect(productListInputSchema.safeParse({ sort: "sku", after: encodeCursor("name", { value: "A", id: ID }) }).success).toBe(false);
  });
});
