// An unexpected console.error fails the test that caused it (Epic Stack's rule): errors are either asserted
// or fixed, never scrolled past.
import { afterEach, beforeEach, vi } from "vitest";

let calls: unknown[][] = [];

beforeEach(() => {
  calls = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    calls.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (calls.length > 0) {
    throw new Error(`Unexpected console.error:\n${calls.map((args) => args.map(String).join(" ")).join("\n")}`);
  }
});
