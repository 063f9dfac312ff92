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
    // What is low by the one definition (docs/architecture.md §5 "Low stock") and how many to order.
    ...(can(role, "stock.view") ? [{ href: "/reorder", label: "To reorder" }] : []),
    { href: "/locations", label: "Locations" },
    // The supplier and customer directories: staff look them up for the requests they raise.
    ...(can(role, "partners.view")
      ? [
          { href: "/suppliers", label: "Suppliers" },
          { href: "/customers", label: "Customers" },
        ]
      : []),
    ...(can(role, "reports.view") ? [{ href: "/reports", label: "Reports" }] : []),
    // Everyone counts a stocktake (staff on their phones); managers and admins start and book them.
    { href: "/stocktakes", label: "Stocktakes" },
    ...(can(role, "users.manage") ? [{ href: "/users", label: "Users" }] : []),
    ...(can(role, "company.settings") ? [{ href: "/settings", label: "Settings" }] : []),
    ...(can(role, "audit.view") ? [{ href: "/audit", label: "Audit log" }] : []),
    ...(isPlatformAdmin ? [{ href: "/platform", label: "Platform" }] : []),
  ];
}

/**
 * The entry for the page at `pathname` with the query `search`: of the entries the page is at or under, the most
 * specific — a longer path first, then one whose query the page carries ("Needs my decision" on
 * /requests?view=decide, "Requests" on /requests and on a request's page).
 */
export function activeNavHref(items: NavItem[], pathname: string, search: URLSearchParams): string | undefined {
  let active: { href: string; rank: [number, number] } | undefined;
  for (const item of items) {
    const target = new URL(item.href, "http://nav.invalid");
    const under = pathname === target.pathname || pathname.startsWith(`${target.pathname}/`);
    const query = [...target.searchParams];
    if (!under || !query.every(([name, value]) => search.get(name) === value)) continue;
    const rank: [number, number] = [target.pathname.length, query.length];
    if (!active || rank[0] > active.rank[0] || (rank[0] === active.rank[0] && rank[1] > active.rank[1])) {
      active = { href: item.href, rank };
    }
  }
  return active?.href;
}
