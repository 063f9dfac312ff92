import { describe, expect, it } from "vitest";
import { encodeKeyset } from "../list/keyset-cursor";
import {
  hasReorderFilters,
  reorderListHref,
  reorderListInput,
  reorderQueryFromSearchParams,
} from "./reorder-list-params";

const SUPPLIER = "0193A0C4-1111-7000-8000-000000000001";
const LOCATION = "0193a0c4-1111-7000-8000-000000000002";
const PRODUCT = "0193a0c4-1111-7000-8000-000000000003";
const NIL = "00000000-0000-0000-0000-000000000000";

describe("the reorder page's URL", () => {
  it("reads a supplier (or none), a location and a cursor the list made; drops what cannot be one", () => {
    const cursor = encodeKeyset([false, "acme", SUPPLIER.toLowerCase(), "anchors", PRODUCT, 0, LOCATION]);
    expect(reorderQueryFromSearchParams({ supplier: SUPPLIER, location: LOCATION, after: cursor })).toEqual({
      supplierId: SUPPLIER.toLowerCase(),
      locationId: LOCATION,
      after: cursor,
    });
    expect(reorderQueryFromSearchParams({ supplier: "none", location: ["nope", LOCATION] })).toEqual({
      supplierId: "none",
      locationId: undefined,
      after: undefined,
    });
    // A cursor of another list, or a tampered one, starts at the first page.
    const foreign = encodeKeyset(["name", "Anchors", PRODUCT]);
    expect(reorderQueryFromSearchParams({ supplier: "acme", after: foreign })).toEqual({
      supplierId: undefined,
      locationId: undefined,
      after: undefined,
    });
    expect(
      reorderQueryFromSearchParams({ after: encodeKeyset([true, "", NIL, "x", PRODUCT, 2, LOCATION]) }).after,
    ).toBe(undefined);
  });

  it("writes the filters as the form names them, and gives the lib only what is set", () => {
    expect(reorderListHref({})).toBe("/reorder");
    expect(reorderListHref({ supplierId: "none", locationId: LOCATION, after: "abc" })).toBe(
      `/reorder?supplier=none&location=${LOCATION}&after=abc`,
    );
    expect(reorderListInput({ supplierId: "none", locationId: undefined })).toEqual({ supplierId: "none" });
    expect(hasReorderFilters({ after: "abc" })).toBe(false);
    expect(hasReorderFilters({ locationId: LOCATION })).toBe(true);
  });
});
