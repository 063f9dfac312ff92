import { can, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Shows the "needs my decision" count beside the label (docs/architecture.md "Decisions on a phone"). */
  counts?: "decisions";
}

/**
 * The signed-in navigation for a role: admin-only entries come from the permission table. Platform
 * administrators who also belong to a company get a way back to /platform.
 */
export function navigationFor(role: Role, { isPlatformAdmin = false }: { isPlatformAdmin?: boolean } = {}): NavItem[] {
  return [
    { href: "/dashboard", label: "Dashboard" },
    // Everyone raises requests; staff see their own, managers and admins everyone's (the page scopes the list).
    { href: "/requests", label: "Requests" },
    // Those who decide get the requests waiting for them, oldest first, with how many there are.
    ...(can(role, "requests.approve")
      ? [{ href: "/requests?view=decide", label: "Needs my decision", counts: "decisions" as const }]
      : []),
    { href: "/products", label: "Products" },
    { href: "/locations", label: "Locations" },
    ...(can(role, "users.manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(can(role, "company.settings") ? [{ href: "/settings", label: "Settings" }] : []),
    ...(can(role, "audit.view") ? [{ href: "/audit", label: "Audit log" }] : []),
    ...(isPlatformAdmin ? [{ href: "/platform", label: "Platform" }] : []),
  ];
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };
