// The permission table of docs/architecture.md §7 as data: one place, used by the server (every lib function checks it) and
// by the UI (which only hides what the server would refuse anyway). Pure: safe to import from components.
export const ROLES = ["ADMIN", "MANAGER", "STAFF"] as const;
export type Role = (typeof ROLES)[number];

/** A role as people read it: the app's pages, and the audit log's sentences. */
export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };

export const PERMISSIONS = {
  "users.manage": ["ADMIN"],
  "company.settings": ["ADMIN"],
  "apiTokens.manage": ["ADMIN"],
  "audit.view": ["ADMIN"],
  "products.view": ["ADMIN", "MANAGER", "STAFF"],
  "products.manage": ["ADMIN", "MANAGER"],
  "locations.view": ["ADMIN", "MANAGER", "STAFF"],
  "locations.manage": ["ADMIN", "MANAGER"],
  /** The supplier and customer directory: everyone raises requests to and for them; managers keep it, import and export it. */
  "partners.view": ["ADMIN", "MANAGER", "STAFF"],
  "partners.manage": ["ADMIN", "MANAGER"],
  "stock.view": ["ADMIN", "MANAGER", "STAFF"],
  "stock.adjust": ["ADMIN", "MANAGER"],
  "stock.transfer": ["ADMIN", "MANAGER"],
  /** One-shot stocktakes; and starting, finishing, booking and cancelling a stocktake document. */
  "stock.stocktake": ["ADMIN", "MANAGER"],
  /** Counting on a stocktake document (the floor's work: scanning on phones); booking stays with stock.stocktake. */
  "stocktakes.count": ["ADMIN", "MANAGER", "STAFF"],
  "stock.import": ["ADMIN", "MANAGER"],
  "stock.export": ["ADMIN", "MANAGER"],
  /** The stock valuation, movements and slow-movers reports and their CSV files (docs/architecture.md §8 "Reports"). */
  "reports.view": ["ADMIN", "MANAGER"],
  "requests.create": ["ADMIN", "MANAGER", "STAFF"],
  "requests.viewAll": ["ADMIN", "MANAGER"],
  "requests.approve": ["ADMIN", "MANAGER"],
  "requests.reject": ["ADMIN", "MANAGER"],
  "requests.fulfil": ["ADMIN", "MANAGER"],
  "requests.cancelApproved": ["ADMIN", "MANAGER"],
  /** Cost prices and stock values whatever the company's setting; staff see them only where it allows (canSeeMoney). */
  "money.view": ["ADMIN", "MANAGER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/**
 * Whether someone may see money — cost prices (a product's, a restock request's line prices) and stock values — in
 * a company whose setting `staffSeeMoney` is as given (docs/architecture.md §7). The one rule: every lib function that
 * reads money asks it (through lib/companies/money-visibility.ts, or the dashboard with the setting in its company
 * row) and leaves the fields out when it says no.
 */
export function canSeeMoney(role: Role, staffSeeMoney: boolean): boolean {
  return can(role, "money.view") || staffSeeMoney;
}
