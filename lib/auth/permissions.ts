// The permission table of docs/architecture.md §7 as data: one place, used by the server (every lib function checks it) and
// by the UI (which only hides what the server would refuse anyway). Pure: safe to import from components.
export const ROLES = ["ADMIN", "MANAGER", "STAFF"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  "users.manage": ["ADMIN"],
  "company.settings": ["ADMIN"],
  "apiTokens.manage": ["ADMIN"],
  "audit.view": ["ADMIN"],
  "products.view": ["ADMIN", "MANAGER", "STAFF"],
  "products.manage": ["ADMIN", "MANAGER"],
  "locations.view": ["ADMIN", "MANAGER", "STAFF"],
  "locations.manage": ["ADMIN", "MANAGER"],
  "stock.view": ["ADMIN", "MANAGER", "STAFF"],
  "stock.adjust": ["ADMIN", "MANAGER"],
  "stock.transfer": ["ADMIN", "MANAGER"],
  "stock.stocktake": ["ADMIN", "MANAGER"],
  "stock.import": ["ADMIN", "MANAGER"],
  "stock.export": ["ADMIN", "MANAGER"],
  "requests.create": ["ADMIN", "MANAGER", "STAFF"],
  "requests.viewAll": ["ADMIN", "MANAGER"],
  "requests.approve": ["ADMIN", "MANAGER"],
  "requests.reject": ["ADMIN", "MANAGER"],
  "requests.fulfil": ["ADMIN", "MANAGER"],
  "requests.cancelApproved": ["ADMIN", "MANAGER"],
  "dashboard.full": ["ADMIN", "MANAGER"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
