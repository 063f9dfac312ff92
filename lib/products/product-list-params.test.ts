import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  isUuid,
  productListHref,
  productListInput,
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
    for (const text of ["", "garbage!", "W10=", btoa("{}"), "x".repeat(700)])
      expect(decodeCursor(text, "name")).toBeNull();
  });

  it("refuse keys PostgreSQL would refuse: impossible times, control characters in text", () => {
    for (const value of [
      "2024-13-45T99:99:99.000Z",
      "2024-02-30T10:00:00.000Z",
      "2024-01-01T24:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
    ]) {
      expect(decodeCursor(encodeCursor("updated", { value, id: ID }), "updated")).toBeNull();
    }
    expect(decodeCursor(encodeCursor("name", { value: "An\u0000vil", id: ID }), "name")).toBeNull();
    expect(decodeCursor(encodeCursor("sku", { value: "W\u00071", id: ID }), "sku")).toBeNull();
  });
});

describe("isUuid", () => {
  it("is zod's uuid rule, the one listProducts' input uses", () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    for (const value of ["12345678-1234-1234-1234-123456789012", "not-a-uuid", `${ID} `, 42, undefined]) {
      expect(isUuid(value)).toBe(false);
      expect(productListInputSchema.safeParse({ locationId: value }).success).toBe(value === undefined);
    }
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
    expect(productListQueryFromSearchParams({ sort: "price", q: ["a", "b"] })).toMatchObject({
      sort: undefined,
      q: "a",
    });
  });

  it("leaves out a location id that listProducts would refuse, so the page renders instead of failing", () => {
    const wellShaped = "12345678-1234-1234-1234-123456789012"; // 8-4-4-4-12 hex, but no RFC 9562 version or variant
    expect(productListQueryFromSearchParams({ location: wellShaped }).locationId).toBeUndefined();
    expect(productListQueryFromSearchParams({ location: ID.toUpperCase() }).locationId).toBe(ID);
    for (const location of [wellShaped, ID, "junk"]) {
      const input = productListInput(productListQueryFromSearchParams({ location }));
      expect(productListInputSchema.safeParse(input).success).toBe(true);
    }
  });

  it("drops control characters (NUL, which PostgreSQL refuses) from the search and the category", () => {
    expect(productListQueryFromSearchParams({ q: "\u0000", category: "\u0000\u0007 " })).toMatchObject({
      q: undefined,
      category: undefined,
    });
    expect(productListQueryFromSearchParams({ q: "hex\u0000 bolt\n", category: "Fast\u001beners" })).toMatchObject({
      q: "hex bolt",
      category: "Fasteners",
    });
    const input = productListInput(productListQueryFromSearchParams({ q: "a\u0000b", category: "\u0085c" }));
    expect(productListInputSchema.parse(input)).toMatchObject({ q: "ab", category: "c" });
  });

  it("whatever the URL, listProducts takes what the page reads from it", () => {
    const nasty = [
      "\u0000",
      "12345678-1234-1234-1234-123456789012",
      "x".repeat(500),
      "%",
      " ",
      encodeCursor("name", { value: "\u0000", id: ID }),
    ];
    for (const value of nasty) {
      for (const key of ["q", "category", "location", "stock", "status", "sort", "after", "before"]) {
        const input = productListInput(productListQueryFromSearchParams({ [key]: value }));
        expect(productListInputSchema.safeParse(input).success, `${key}=${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it("writes a canonical address: defaults left out, the natural direction implied", () => {
    expect(productListHref({})).toBe("/products");
    expect(productListHref({ status: "active", stock: "all", sort: "name", dir: "asc" })).toBe("/products");
    expect(productListHref({ q: "hex bolt", stock: "low", sort: "updated", dir: "desc" })).toBe(
      "/products?q=hex+bolt&stock=low&sort=updated",
    );
    expect(productListHref({ sort: "name", dir: "desc", locationId: ID })).toBe(
      `/products?location=${ID}&sort=name-desc`,
    );
    const after = encodeCursor("name", { value: "A", id: ID });
    expect(
      productListQueryFromSearchParams(
        Object.fromEntries(new URL(productListHref({ after }), "http://x").searchParams),
      ),
    ).toMatchObject({ after });
  });
});

describe("productListInputSchema", () => {
  it("fills the defaults and the sort's natural direction", () => {
    expect(productListInputSchema.parse({})).toMatchObject({
      stock: "all",
      status: "active",
      sort: "name",
      dir: "asc",
      limit: 50,
    });
    expect(productListInputSchema.parse({ sort: "updated" }).dir).toBe("desc");
  });

  it("refuses control characters in the search and the category", () => {
    for (const input of [{ q: "bolt\u0000" }, { category: "\u0000" }, { q: "a\u0007b" }]) {
      expect(productListInputSchema.safeParse(input).error?.issues[0]?.message).toMatch(
        /must not contain control characters/,
      );
    }
  });

  it("refuses unknown keys and cursors that do not fit the sort", () => {
    expect(productListInputSchema.safeParse({ companyId: ID }).success).toBe(false);
    expect(
      productListInputSchema.safeParse({ sort: "sku", after: encodeCursor("name", { value: "A", id: ID }) }).success,
    ).toBe(false);
  });
});
