import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";

const hrefs = (...args: Parameters<typeof navigationFor>) => navigationFor(...args).map((item) => item.href);

describe("navigationFor", () => {
  it("offers user administration to admins only", () => {
    expect(hrefs("ADMIN")).toContain("/users");
    for (const role of ["MANAGER", "STAFF"] as const) expect(hrefs(role)).not.toContain("/users");
  });

  it("offers company settings to admins only, after users", () => {
    expect(hrefs("ADMIN").slice(-3, -1)).toEqual(["/users", "/settings"]);
    for (const role of ["MANAGER", "STAFF"] as const) expect(hrefs(role)).not.toContain("/settings");
  });

  it("offers the audit log to admins only, last", () => {
    expect(navigationFor("ADMIN").at(-1)).toEqual({ href: "/audit", label: "Audit log" });
    expect(hrefs("ADMIN", { isPlatformAdmin: true }).slice(-2)).toEqual(["/audit", "/platform"]);
    for (const role of ["MANAGER", "STAFF"] as const) expect(hrefs(role)).not.toContain("/audit");
  });

  it("gives everyone the dashboard, requests, products and locations", () => {
    for (const role of ["ADMIN", "MANAGER", "STAFF"] as const) {
      expect(
        hrefs(role)
          .filter((href) => !href.includes("?"))
          .slice(0, 4),
      ).toEqual(["/dashboard", "/requests", "/products", "/locations"]);
    }
  });

  it("gives those who decide requests a counted 'Needs my decision' entry after Requests; staff none", () => {
    for (const role of ["ADMIN", "MANAGER"] as const) {
      expect(navigationFor(role)[2]).toEqual({
        href: "/requests?view=decide",
        label: "Needs my decision",
        counts: "decisions",
      });
    }
    expect(hrefs("STAFF")).not.toContain("/requests?view=decide");
  });

  it("adds the way back to platform administration for platform administrators only", () => {
    expect(hrefs("STAFF", { isPlatformAdmin: true })).toContain("/platform");
    expect(hrefs("ADMIN")).not.toContain("/platform");
    expect(hrefs("ADMIN", { isPlatformAdmin: false })).not.toContain("/platform");
  });
});
