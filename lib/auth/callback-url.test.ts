import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it.each([
    ["/requests/0193a7c2-1111-7000-8000-000000000000", "/requests/0193a7c2-1111-7000-8000-000000000000"],
    ["/products?filter=low&page=2", "/products?filter=low&page=2"],
    ["/requests/123#timeline", "/requests/123#timeline"],
    ["/products/./a/../b", "/products/b"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [""],
    ["https://evil.example/steal"],
    ["//evil.example"],
    ["/\\evil.example"],
    ["\\\\evil.example"],
    ["/\tevil"],
    ["javascript:alert(1)"],
    ["dashboard"],
    ["/login"],
    [`/${"a".repeat(3000)}`],
    // Dot segments that normalise into a protocol-relative URL (another host).
    ["/.//evil.example"],
    ["/%2e%2e//evil.example/x"],
    ["/a/..//evil.example"],
    ["/./\\evil.example"],
  ])("sends %j to /start", (input) => {
    expect(safeCallbackUrl(input)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(DEFAULT_AFTER_SIGN_IN).toBe("/start");
  });
});
