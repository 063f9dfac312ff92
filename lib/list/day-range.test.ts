import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkDayRange, dayRangeFromParams, daySchema, isDay } from "./day-range";

describe("isDay", () => {
  it("takes a day a date input sends, and only one that exists", () => {
    expect(isDay("2026-11-24")).toBe(true);
    expect(isDay("2024-02-29")).toBe(true);
    for (const value of ["2026-02-30", "2026-13-01", "1999-12-31", "24/11/2026", "2026-11-24T00:00", 20261124, null]) {
      expect(isDay(value)).toBe(false);
    }
  });
});

describe("a day range", () => {
  const schema = z.object({ from: daySchema("From"), to: daySchema("To") }).superRefine(checkDayRange);

  it("is refused with the field named when a day is no day or To is before From", () => {
    const bad = schema.safeParse({ from: "2026-02-30" });
    expect(bad.error?.issues[0]).toMatchObject({ path: ["from"], message: "From: enter a date such as 2026-11-24." });
    const backwards = schema.safeParse({ from: "2026-11-24", to: "2026-11-23" });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["to"] });
    expect(schema.safeParse({ from: "2026-11-24", to: "2026-11-24" }).success).toBe(true);
  });

  it("from a URL keeps what is a range and drops the rest instead of refusing", () => {
    expect(dayRangeFromParams("2026-11-01", "2026-11-30")).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(dayRangeFromParams("2026-11-30", "2026-11-01")).toEqual({ from: "2026-11-30" });
    expect(dayRangeFromParams("soon", "2026-11-01")).toEqual({ to: "2026-11-01" });
    expect(dayRangeFromParams(undefined, undefined)).toEqual({});
  });
});
