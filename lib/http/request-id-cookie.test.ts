import { describe, expect, it } from "vitest";
import {
  carriesRequestIdCookie,
  markPrefetch,
  PREFETCH_HEADER,
  REQUEST_ID_COOKIE,
  requestIdFromCookies,
} from "./request-id-cookie";

describe("the request id cookie", () => {
  it("is read back from document.cookie, and only when it looks like an id", () => {
    expect(requestIdFromCookies(`a=1; ${REQUEST_ID_COOKIE}=0b9d2c4e-1f3a-4b5c-8d7e-6f5a4b3c2d1e; b=2`)).toBe(
      "0b9d2c4e-1f3a-4b5c-8d7e-6f5a4b3c2d1e",
    );
    expect(requestIdFromCookies(`${REQUEST_ID_COOKIE}=<script>`)).toBeNull();
    expect(requestIdFromCookies("")).toBeNull();
  });

  it("is set for pages, navigations and actions, not for API calls or prefetches", () => {
    expect(carriesRequestIdCookie("/products", new Headers())).toBe(true);
    expect(carriesRequestIdCookie("/products", new Headers({ rsc: "1", "next-action": "abc" }))).toBe(true);
    expect(carriesRequestIdCookie("/api/events", new Headers())).toBe(false);
    expect(carriesRequestIdCookie("/products", new Headers({ [PREFETCH_HEADER]: "1" }))).toBe(false);
    expect(carriesRequestIdCookie("/products", new Headers({ "next-router-prefetch": "1" }))).toBe(false);
    expect(carriesRequestIdCookie("/products", new Headers({ "sec-purpose": "prefetch;prerender" }))).toBe(false);
  });

  it("learns about prefetches from the server in front, which replaces any incoming mark", () => {
    const prefetch: Record<string, string | undefined> = { "next-router-prefetch": "1" };
    markPrefetch(prefetch);
    expect(prefetch[PREFETCH_HEADER]).toBe("1");
    const forged: Record<string, string | undefined> = { [PREFETCH_HEADER]: "1" };
    markPrefetch(forged);
    expect(forged).toEqual({});
  });
});
