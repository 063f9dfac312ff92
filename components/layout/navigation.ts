import { can, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
}

/** The signed-in navigation for a role: admin-only entries come from the permission table. */
export function navigationFor(role: Role): NavItem[] {
  return [
    { href: "/dashboard", label: "Dashboard" },
    { href: "/requests", label: "Requests" },
    { href: "/products", label: "Products" },
    { href: "/locations", label: "Locations" },
    ...(can(role, "users.manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(can(role, "audit.view") ? [{ href: "/audit", label: "Audit log" }] : []),
  ];
}

export const ROLE_LABELS: Record<Role, string> = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" };
