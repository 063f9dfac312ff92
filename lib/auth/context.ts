// Who is calling, verified against the database on every request (docs/architecture.md §3). The session token only names the
// user, the active company, a session version and the server-side session: the user must still be active with that
// version, the session neither revoked nor expired (§8), and the membership active, or the token is worth nothing.
// Three resolvers, one per kind of caller:
// - requireTenant / requireTenantForAction: a member of an ACTIVE company who needs no new password;
// - requireSignedIn: any valid session (change-password, the company-status page, platform administration).
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { RequestMeta, TenantContext } from "../context";
import { systemPrisma } from "../db/system";
import { env } from "../env";
import { AppError } from "../errors";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { deviceCookieName } from "./device-cookie";
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from "./headers";
import type { Role } from "./permissions";
import { currentSessionCookieName, readSessionToken, type SessionClaims } from "./session-token";
import { lastSeenIsStale, touchSession } from "./sessions";

export type CompanyStatus = "PENDING" | "ACTIVE" | "SUSPENDED";

export interface MembershipSummary {
  companyId: string;
  companyName: string;
  companyStatus: CompanyStatus;
  role: Role;
}

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  sessionVersion: number;
  /** The server-side session this request's token names (lib/auth/sessions.ts). */
  sessionId: string;
  isPlatformAdmin: boolean;
  mustChangePassword: boolean;
  /** Active memberships, by company name. */
  memberships: MembershipSummary[];
  /** The membership of the session's company, when it is still active. */
  current: MembershipSummary | null;
  request: RequestMeta;
}

export interface AppContext extends TenantContext {
  /** The server-side session (SessionUser.sessionId): what a device's push subscription is tied to. */
  sessionId: string;
  user: { name: string; email: string; isPlatformAdmin: boolean };
  company: { name: string };
  memberships: MembershipSummary[];
}

export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? undefined,
    ip: h.get(CLIENT_ADDRESS_HEADER) ?? undefined,
    userAgent: h.get("user-agent") ?? undefined,
    deviceCookie: (await cookies()).get(deviceCookieName(env().APP_URL))?.value,
  };
}

interface SessionUserRow {
  id: string;
  email: string;
  name: string;
  active: boolean;
  sessionVersion: number;
  isPlatformAdmin: boolean;
  mustChangePassword: boolean;
  /** Null when the session is not this user's, or is revoked or expired. */
  lastSeenAt: Date | null;
  /** Active memberships, by company name. */
  memberships: MembershipSummary[];
}

/**
 * The session the claims describe, if the database still agrees: the user exists, is active and has the claimed
 * session version, the server-side session is theirs and neither revoked nor expired, and (unless a platform
 * administrator) the user still has an active membership in the claimed company.
 */
export async function loadSessionUser(claims: SessionClaims, request: RequestMeta): Promise<SessionUser | null> {
  const now = new Date();
  // One statement, one round trip: every page and action starts here (docs/architecture.md §3, "Cost of a page").
  const [user] = await systemPrisma().$queryRaw<SessionUserRow[]>`
    SELECT u.id::text, u.email, u.name, u.active, u.session_version AS "sessionVersion",
           u.is_platform_admin AS "isPlatformAdmin", u.must_change_password AS "mustChangePassword",
           s.last_seen_at AS "lastSeenAt",
           COALESCE((SELECT json_agg(json_build_object('companyId', m.company_id, 'companyName', c.name,
                                                       'companyStatus', c.status, 'role', m.role) ORDER BY c.name)
                       FROM memberships m JOIN companies c ON c.id = m.company_id
                      WHERE m.user_id = u.id AND m.active), '[]') AS memberships
      FROM users u
      LEFT JOIN sessions s ON s.id = ${claims.sid}::uuid AND s.user_id = u.id AND s.revoked_at IS NULL
                          AND s.expires_at > ${now}::timestamptz
     WHERE u.id = ${claims.sub}::uuid`;
  if (!user || !user.active || user.sessionVersion !== claims.sv || !user.lastSeenAt) return null;
  if (lastSeenIsStale(user.lastSeenAt, now)) await touchSession(claims.sid);
  const memberships = user.memberships;
  const current = memberships.find((m) => m.companyId === claims.companyId) ?? null;
  // A session for a company the user has left is over, unless the user is a platform administrator.
  if (!current && !user.isPlatformAdmin) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    sessionVersion: user.sessionVersion,
    sessionId: claims.sid,
    isPlatformAdmin: user.isPlatformAdmin,
    mustChangePassword: user.mustChangePassword,
    memberships,
    current,
    request,
  };
}

/**
 * Whether a session still grants what a long-lived response (an event stream) was opened with: the session not
 * signed out, the same company, still ACTIVE, the same role, no password change due. Re-checked while the response
 * lasts.
 */
export async function sessionStillGrants(
  claims: SessionClaims,
  granted: { companyId: string; role: Role },
): Promise<boolean> {
  const session = await loadSessionUser(claims, {});
  const current = session?.current;
  return (
    !!current &&
    !session.mustChangePassword &&
    current.companyId === granted.companyId &&
    current.companyStatus === "ACTIVE" &&
    current.role === granted.role
  );
}

/** The claims of this request's session cookie (not checked against the database). */
export async function sessionClaims(): Promise<SessionClaims | null> {
  return readSessionToken((await cookies()).get(currentSessionCookieName())?.value);
}

/** The verified session of this request, or null. Memoised per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await sessionClaims();
  return claims ? loadSessionUser(claims, await requestMeta()) : null;
});

function toAppContext(session: SessionUser, current: MembershipSummary): AppContext {
  return {
    companyId: current.companyId,
    userId: session.userId,
    email: session.email,
    role: current.role,
    request: session.request,
    sessionId: session.sessionId,
    user: { name: session.name, email: session.email, isPlatformAdmin: session.isPlatformAdmin },
    company: { name: current.companyName },
    memberships: session.memberships,
  };
}

async function loginRedirect(): Promise<never> {
  const pathname = (await headers()).get(PATHNAME_HEADER) ?? "/dashboard";
  redirect(`/login?callbackUrl=${encodeURIComponent(pathname)}`);
}

/** For pages and layouts: any valid session, or a redirect to sign-in that comes back to this page. */
export async function requireSignedIn(): Promise<SessionUser> {
  return (await getSessionUser()) ?? loginRedirect();
}

/**
 * For tenant pages and layouts: a member of an active company. A due password change goes to /change-password,
 * a pending or suspended company to /company-status, a platform administrator without a company to /platform.
 */
export async function requireTenant(): Promise<AppContext> {
  const session = await requireSignedIn();
  if (session.mustChangePassword) redirect("/change-password");
  if (!session.current) redirect("/platform");
  if (session.current.companyStatus !== "ACTIVE") redirect("/company-status");
  return toAppContext(session, session.current);
}

/**
 * The tenant context a verified session may act with, or the reason it may not: this is where "a new password
 * before anything else" and "nothing while the company is pending or suspended" hold for every tenant action.
 */
export function tenantContextFor(session: SessionUser): AppContext {
  if (session.mustChangePassword) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Choose a new password before you continue.");
  }
  if (!session.current) throw AppError.forbidden("Choose a company first.");
  if (session.current.companyStatus !== "ACTIVE") {
    throw AppError.forbidden(
      session.current.companyStatus === "PENDING"
        ? "Your company is waiting for approval."
        : "Your company's account is suspended.",
    );
  }
  return toAppContext(session, session.current);
}

/** For server actions and route handlers: the same rules as requireTenant, as errors with codes. */
export async function requireTenantForAction(): Promise<AppContext> {
  const session = await getSessionUser();
  if (!session) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return tenantContextFor(session);
}

/** For actions any signed-in person may take (change password, switch company, sign out). */
export async function requireSignedInForAction(): Promise<SessionUser> {
  const session = await getSessionUser();
  if (!session) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return session;
}
