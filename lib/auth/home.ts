// Where each signed-in person starts (docs/architecture.md §3, "Landing"): the one decision behind /start (the
// installed app's start_url), sign-in without a callbackUrl, "/" for someone signed in and the logo link. Pure: the
// pages pass what they already resolved.
import type { Role } from "./permissions";

/** The route that sends each person to their home; what links and redirects that do not know the role use. */
export const START_PATH = "/start";

export interface HomeFacts {
  /** The session company's status, when the person is in one. */
  companyStatus?: "PENDING" | "ACTIVE" | "SUSPENDED";
  isPlatformAdmin?: boolean;
  mustChangePassword?: boolean;
}

/**
 * The home of someone with `role` in the session's company (null: in none). Staff land on their requests — the
 * list of their own with New request on top — because what they come back for is what was decided, and one tap
 * raises the next; managers and admins on the dashboard, where pending requests and low stock are. A platform
 * administrator in no company lands on the platform console; one who is also a member lands like the role (the
 * console is in their menu). A due password change and a company that is not active come first, as for every page.
 */
export function homePathFor(role: Role | null, facts: HomeFacts = {}): string {
  if (facts.mustChangePassword) return "/change-password";
  if (!role) return facts.isPlatformAdmin ? "/platform" : "/login";
  if (facts.companyStatus && facts.companyStatus !== "ACTIVE") return "/company-status";
  return role === "STAFF" ? "/requests" : "/dashboard";
}

/** homePathFor for a verified session (lib/auth/context.ts's SessionUser). */
export function sessionHomePath(session: {
  isPlatformAdmin: boolean;
  mustChangePassword: boolean;
  current: { role: Role; companyStatus: "PENDING" | "ACTIVE" | "SUSPENDED" } | null;
}): string {
  return homePathFor(session.current?.role ?? null, {
    companyStatus: session.current?.companyStatus,
    isPlatformAdmin: session.isPlatformAdmin,
    mustChangePassword: session.mustChangePassword,
  });
}
