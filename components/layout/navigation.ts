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
    // Only pages that exist: requests (issue 5) and the audit log viewer (issue 7) join when they are built.
    { href: "/dashboard", label: "Dashboard" },
    { href: "/products", label: "Products" },
    { href: "/locations", label: "Locations" },
    ...(can(role, "users.manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(isPlatformAdmin ? [{ href: "/platform", label: "Platform" }] : []),
  ];
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };
