import { beforeAll, describe, expect, it, vi } from "vitest";
import { absoluteUrl } from "./links";

beforeAll(() => {
  vi.stubEnv("DATABASE_URL", "postgresql://app@localhost/stockflow");
  vi.stubEnv("DATABASE_SYSTEM_URL", "postgresql://system@localhost/stockflow");
  vi.stubEnv("AUTH_SECRET", "a-secret-that-is-at-least-32-characters-long");
  vi.stubEnv("APP_URL", "https://stockflow.example.com/");
});

describe("absoluteUrl", () => {
  it.each([
    ["/login", "https://stockflow.example.com/login"],
    [
      "/requests/0193a7c2-1111-7000-8000-000000000000",
      "https://stockflow.example.com/requests/0193a7c2-1111-7000-8000-000000000000",
    ],
    [
      "/reset-password?token=abc&next=%2Fproducts",
      "https://stockflow.example.com/reset-password?token=abc&next=%2Fproducts",
    ],
  ])("puts %s under APP_URL", (path, expected) => {
    expect(absoluteUrl(path)).toBe(expected);
  });

  it.each([
    ["https://evil.example/login"],
    ["//evil.example/login"],
    ["/\\evil.example"],
    ["login"],
    [""],
    ["/reset password"],
    ["/login\r\nBcc: victim@example.test"],
  ])("refuses %j", (path) => {
    expect(() => absoluteUrl(path)).toThrow(/single "\/"/);
  });
});
