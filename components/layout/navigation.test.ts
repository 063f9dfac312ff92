import { describe, expect, it } from "vitest";
import { activeNavHref, navigationFor } from "./navigation";

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

  it("offers reports to managers and admins, after locations and the directories; staff none", () => {
    for (const role of ["ADMIN", "MANAGER"] as const) {
      const items = hrefs(role);
      expect(items[items.indexOf("/customers") + 1]).toBe("/reports");
    }
    expect(hrefs("STAFF")).not.toContain("/reports");
  });

  it("gives everyone stocktakes, after the directories (and reports)", () => {
    for (const role of ["ADMIN", "MANAGER", "STAFF"] as const) {
      const items = hrefs(role);
      expect(items.indexOf("/stocktakes")).toBe(items.indexOf(role === "STAFF" ? "/customers" : "/reports") + 1);
    }
  });

  it("gives everyone who may view stock the dashboard, requests, products, what to reorder and locations", () => {
    for (const role of ["ADMIN", "MANAGER", "STAFF"] as const) {
      expect(
        hrefs(role)
          .filter((href) => !href.includes("?"))
          .slice(0, 5),
      ).toEqual(["/dashboard", "/requests", "/products", "/reorder", "/locations"]);
    }
    expect(navigationFor("STAFF").find((item) => item.href === "/reorder")?.label).toBe("To reorder");
  });

  it("gives everyone the supplier and customer directories, after locations", () => {
    for (const role of ["ADMIN", "MANAGER", "STAFF"] as const) {
      const items = hrefs(role);
      expect(items.slice(items.indexOf("/locations"), items.indexOf("/locations") + 3)).toEqual([
        "/locations",
        "/suppliers",
        "/customers",
      ]);
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

describe("activeNavHref", () => {
  const items = navigationFor("MANAGER");
  const at = (path: string) => {
    const url = new URL(path, "http://app.test");
    return activeNavHref(items, url.pathname, url.searchParams);
  };

  it("marks the decide view as itself, not as Requests", () => {
    expect(at("/requests?view=decide")).toBe("/requests?view=decide");
    expect(at("/requests?view=decide&page=2")).toBe("/requests?view=decide");
  });

  it("marks Requests on the list, with other filters, and on a request's own page", () => {
    expect(at("/requests")).toBe("/requests");
    expect(at("/requests?status=PENDING")).toBe("/requests");
    expect(at("/requests/0193a0c4-1111-7000-8000-000000000001")).toBe("/requests");
  });

  it("marks an entry on the pages under it, and none on a page outside every entry", () => {
    expect(at("/products/new")).toBe("/products");
    expect(at("/reorder?supplier=none")).toBe("/reorder");
    expect(at("/suppliers/0193a0c4-1111-7000-8000-000000000001/edit")).toBe("/suppliers");
    expect(at("/customers/import")).toBe("/customers");
    expect(at("/dashboard")).toBe("/dashboard");
    expect(at("/productsx")).toBeUndefined();
    expect(at("/profile")).toBeUndefined();
  });
});
