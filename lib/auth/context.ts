import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { RequestMeta, TenantContext } from "../context";
import { systemPrisma } from "../db/system";
import { AppError } from "../errors";
import type { Role } from "./permissions";
import { PATHNAME_HEADER, REQUEST_ID_HEADER } from "./headers";
import { currentSessionCookieName, readSessionToken } from "./session-token";

export interface AppContext extends TenantContext {
  user: { name: string; email: string };
  company: { name: string };
  /** Every active membership of the user, for the company switcher. */
  memberships: { companyId: string; companyName: string; role: Role }[];
}


async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return {
    requestId: h.get(REQUEST_ID_HEADER) ?? undefined,
    userAgent: h.get("user-agent") ?? undefined,
  };
}

/**
 * The caller's verified context, or null when there is no valid session. The token only names the user, the
 * company and a session version: the user must still be active with that version, and the membership and
 * company active, in the database, on every request. Memoised per request.
 */
export const getAppContext = cache(async (): Promise<AppContext | null> => {
  const claims = await readSessionToken((await cookies()).get(currentSessionCookieName())?.value);
  if (!claims) return null;
  const user = await systemPrisma().user.findUnique({
    where: { id: claims.sub },
    select: {
      id: true,
      email: true,
      name: true,
      active: true,
      sessionVersion: true,
      memberships: {
        where: { active: true, company: { status: "ACTIVE" } },
        select: { companyId: true, role: true, company: { select: { name: true } } },
        orderBy: { company: { name: "asc" } },
      },
    },
  });
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
  const current = user.memberships.find((m) => m.companyId === claims.companyId);
  if (!current) return null;
  return {
    companyId: current.companyId,
    userId: user.id,
    email: user.email,
    role: current.role,
    request: await requestMeta(),
    user: { name: user.name, email: user.email },
    company: { name: current.company.name },
    memberships: user.memberships.map((m) => ({ companyId: m.companyId, companyName: m.company.name, role: m.role })),
  };
});

/** For pages and layouts: the context, or a redirect to sign-in that comes back to this page. */
export async function requireTenant(): Promise<AppContext> {
  const ctx = await getAppContext();
  if (ctx) return ctx;
  const pathname = (await headers()).get(PATHNAME_HEADER) ?? "/dashboard";
  redirect(`/login?callbackUrl=${encodeURIComponent(pathname)}`);
}

/** For server actions and route handlers: the context, or UNAUTHENTICATED. */
export async function requireTenantForAction(): Promise<AppContext> {
  const ctx = await getAppContext();
  if (!ctx) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
  return ctx;
}
