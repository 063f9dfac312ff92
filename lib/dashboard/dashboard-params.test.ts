import { describe, expect, it } from "vitest";
import { dashboardHref, dashboardInputSchema, dashboardPeriodFromParams } from "./dashboard-params";

describe("the dashboard's period", () => {
  it("comes from ?days=30 or ?days=90, anything else being the default 30 days", () => {
    expect(dashboardPeriodFromParams({})).toBe(30);
    expect(dashboardPeriodFromParams({ days: "90" })).toBe(90);
    expect(dashboardPeriodFromParams({ days: ["90", "30"] })).toBe(90);
    for (const days of ["45", "090", "90 ", "", "-30", "1e2"]) expect(dashboardPeriodFromParams({ days })).toBe(30);
  });

  it("links back to itself", () => {
    expect(dashboardHref(30)).toBe("/dashboard");
    expect(dashboardHref(90)).toBe("/dashboard?days=90");
  });

  it("is 30 or 90 in getDashboard's input, and nothing else is accepted", () => {
    expect(dashboardInputSchema.parse({})).toEqual({ days: 30 });
    expect(dashboardInputSchema.parse({ days: 90 })).toEqual({ days: 90 });
    expect(dashboardInputSchema.safeParse({ days: 60 }).success).toBe(false);
    expect(dashboardInputSchema.safeParse({ days: 30, role: "ADMIN" }).success).toBe(false);
  });
});
