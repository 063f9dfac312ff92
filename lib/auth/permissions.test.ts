import { describe, expect, it } from "vitest";
import { can, canSeeMoney, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// docs/architecture.md §7, written out row by row: who may do what. The table in permissions.ts must say exactly this.
const DESIGN: Record<Permission, Role[]> = {
  "users.manage": ["ADMIN"],
  "company.settings": ["ADMIN"],
  "apiTokens.manage": ["ADMIN"],
  "audit.view": ["ADMIN"],
  "products.view": ["ADMIN", "MANAGER", "STAFF"],
  "products.manage": ["ADMIN", "MANAGER"],
  "locations.view": ["ADMIN", "MANAGER", "STAFF"],
  "locations.manage": ["ADMIN", "MANAGER"],
  "partners.view": ["ADMIN", "MANAGER", "STAFF"],
  "partners.manage": ["ADMIN", "MANAGER"],
  "stock.view": ["ADMIN", "MANAGER", "STAFF"],
  "stock.adjust": ["ADMIN", "MANAGER"],
  "stock.transfer": ["ADMIN", "MANAGER"],
  "stock.stocktake": ["ADMIN", "MANAGER"],
  "stocktakes.count": ["ADMIN", "MANAGER", "STAFF"],
  "stock.import": ["ADMIN", "MANAGER"],
  "stock.export": ["ADMIN", "MANAGER"],
  "reports.view": ["ADMIN", "MANAGER"],
  "requests.create": ["ADMIN", "MANAGER", "STAFF"],
  "requests.viewAll": ["ADMIN", "MANAGER"],
  "requests.approve": ["ADMIN", "MANAGER"],
  "requests.reject": ["ADMIN", "MANAGER"],
  "requests.fulfil": ["ADMIN", "MANAGER"],
  "requests.cancelApproved": ["ADMIN", "MANAGER"],
  "money.view": ["ADMIN", "MANAGER"],
};

describe("can", () => {
  const cases = (Object.keys(DESIGN) as Permission[]).flatMap((permission) =>
    ROLES.map((role) => [role, permission, DESIGN[permission].includes(role)] as const),
  );

  it.each(cases)("%s × %s → %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("the table has no capability the design does not list", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(DESIGN).sort());
  });
});

describe("canSeeMoney", () => {
  it.each([
    ["ADMIN", false, true],
    ["ADMIN", true, true],
    ["MANAGER", false, true],
    ["MANAGER", true, true],
    ["STAFF", false, false],
    ["STAFF", true, true],
  ] as const)("%s where staff see money is %s → %s", (role, staffSeeMoney, allowed) => {
    expect(canSeeMoney(role, staffSeeMoney)).toBe(allowed);
  });

  // These read or write cost prices without asking canSeeMoney (product edits and imports take a cost, exports and the
  // audit log carry one): that holds only while whoever holds them sees money whatever the company's setting.
  it.each(["products.manage", "stock.import", "stock.export", "audit.view"] as const)(
    "whoever holds %s sees money in every company",
    (permission) => {
      for (const role of ROLES.filter((r) => can(r, permission))) expect(canSeeMoney(role, false)).toBe(true);
    },
  );
});
