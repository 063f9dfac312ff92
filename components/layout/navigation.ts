import { can, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The signed-in navigation for a role: admin-only entries come from the permission table. Platform
 * administrators who also belong to a company get a way back to /platform.
 */
export function navigationFor(role: Role, { isPlatformAdmin = false }: { isPlatformAdmin?: boolean } = {}): NavItem[] {
  return [
    // Only pages that exist: the audit log viewer (issue 7) joins when it is built.
    { href: "/dashboard", label: "Dashboard" },
    // Everyone raises requests; staff see their own, managers and admins everyone's (the page scopes the list).
    { href: "/requests", label: "Requests" },
    { href: "/products", label: "Products" },
    { href: "/locations", label: "Locations" },
    ...(can(role, "users.manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(can(role, "company.settings") ? [{ href: "/settings", label: "Settings" }] : []),
    ...(isPlatformAdmin ? [{ href: "/platform", label: "Platform" }] : []),
  ];
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };
