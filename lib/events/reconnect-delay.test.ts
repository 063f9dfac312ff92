import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./reconnect-delay";

const backoff = { minMs: 500, maxMs: 30_000 };

describe("reconnectDelay", () => {
  it("doubles with each failure, between half and all of the ceiling", () => {
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, backoff, () => 0))).toEqual([250, 500, 1_000, 2_000]);
    expect([0, 1, 2, 3].map((n) => reconnectDelay(n, backoff, () => 1))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it("never waits longer than the maximum, however many failures", () => {
    for (const n of [6, 7, 20, 1_000]) {
      expect(reconnectDelay(n, backoff, () => 1)).toBe(30_000);
      expect(reconnectDelay(n, backoff, () => 0)).toBe(15_000);
    }
  });

  it("spreads listeners that failed together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(4, backoff)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
