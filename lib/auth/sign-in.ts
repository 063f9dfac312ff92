// Checking a person's email and password at sign-in (next-auth's credentials provider calls this). An unknown
// email and a wrong password get the same message and the same work (one argon2 verification, the same
// counters, one audit row); failures are limited per account and per client address in PostgreSQL, so the
// limits hold across app instances; a lock-out says when to try again and is audited.
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { systemPrisma } from "../db/system";
import { hashPassword, verifyPassword } from "./passwords";
import { PASSWORD_MAX } from "./password-policy";
import { clearRateLimit, hitRateLimit, peekRateLimit, type RateLimit } from "./rate-limit";
import type { SessionClaims } from "./session-token";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts per account (known or not) per window before it is locked for the rest of the window. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed attempts per client address per window (an office shares one address: higher than per account). */
export const ADDRESS_FAILURE_LIMIT = 30;

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX),
});

export type CredentialsResult = { ok: true; claims: SessionClaims } | { ok: false; message: string };

const accountLimit = (email: string): RateLimit => ({
  key: `signin:account:${email}`,
  max: ACCOUNT_FAILURE_LIMIT,
  windowMs: SIGN_IN_WINDOW_MS,
});
const addressLimit = (ip: string): RateLimit => ({
  key: `signin:address:${ip}`,
  max: ADDRESS_FAILURE_LIMIT,
  windowMs: SIGN_IN_WINDOW_MS,
});

export function lockedOutMessage(resetAt: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

// Verified when the email is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

export interface AuthenticatedUser {
  id: string;
  email: string;
  sessionVersion: number;
  mustChangePassword: boolean;
  isPlatformAdmin: boolean;
  /** Active memberships, oldest first. */
  memberships: { companyId: string; companyStatus: "PENDING" | "ACTIVE" | "SUSPENDED" }[];
}

export type AuthenticationResult = { ok: true; user: AuthenticatedUser } | { ok: false; message: string };

/**
 * Is this the password of an active account? Everything that checks a password against an email goes through
 * here (sign-in, accepting an invitation with an existing account), so limits, timing and audit are the same.
 */
export async function authenticate(input: unknown, request: RequestMeta): Promise<AuthenticationResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) {
    return { ok: false, message: "Enter your email and password." };
  }
  const { email, password } = parsed.data;
  const limits = [accountLimit(email), ...(request.ip ? [addressLimit(request.ip)] : [])];

  for (const state of await Promise.all(limits.map((limit) => peekRateLimit(limit)))) {
    if (state.limited) return { ok: false, message: lockedOutMessage(state.resetAt) };
  }

  const user = await systemPrisma().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      active: true,
      sessionVersion: true,
      mustChangePassword: true,
      isPlatformAdmin: true,
      memberships: {
        where: { active: true },
        select: { companyId: true, company: { select: { status: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  dummyHash ??= hashPassword(crypto.randomUUID());
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);

  if (!user || !matches || !user.active) {
    const states = await Promise.all(limits.map((limit) => hitRateLimit(limit)));
    // This failure used up a limit: the lock-out starts now (audited once, on the attempt that caused it).
    const lockedNow = states.find((state, i) => state.count === limits[i]!.max);
    await recordFailure(email, user?.id ?? null, request, lockedNow ? "auth.locked_out" : "auth.login_failed");
    return { ok: false, message: lockedNow ? lockedOutMessage(lockedNow.resetAt) : WRONG_CREDENTIALS };
  }
  await clearRateLimit(accountLimit(email).key);
  return {
    ok: true,
    user: {
      id: user.id,
      email,
      sessionVersion: user.sessionVersion,
      mustChangePassword: user.mustChangePassword,
      isPlatformAdmin: user.isPlatformAdmin,
      memberships: user.memberships.map((m) => ({ companyId: m.companyId, companyStatus: m.company.status })),
    },
  };
}

/** Sign-in: the password, then a company to start in (next-auth's credentials provider calls this). */
export async function verifyCredentials(input: unknown, request: RequestMeta): Promise<CredentialsResult> {
  const result = await authenticate(input, request);
  if (!result.ok) return result;
  const { user } = result;
  // The oldest membership in an active company; else any (its users see why they cannot go on).
  const membership = user.memberships.find((m) => m.companyStatus === "ACTIVE") ?? user.memberships[0];
  if (!membership && !user.isPlatformAdmin) {
    return { ok: false, message: "Your account has no active company. Ask your company's admin for access." };
  }
  await systemPrisma().$transaction([
    systemPrisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } }),
    ...(membership ? [loginAudit(membership.companyId, user.id, user.email, "auth.login", request)] : []),
  ]);
  return {
    ok: true,
    claims: { sub: user.id, companyId: membership?.companyId ?? null, sv: user.sessionVersion, mcp: user.mustChangePassword },
  };
}

function loginAudit(companyId: string, userId: string | null, email: string, action: string, request: RequestMeta) {
  return systemPrisma().auditLog.create({
    data: {
      companyId,
      actorId: userId,
      actorEmail: email,
      action,
      entityType: "user",
      entityId: userId,
      ip: request.ip?.slice(0, 64) ?? null,
      userAgent: request.userAgent?.slice(0, 512) ?? null,
      requestId: request.requestId?.slice(0, 64) ?? null,
    },
    select: { id: true },
  });
}

/**
 * A failure (or the lock-out it caused) is audited on the platform log, and in each company of a known user so
 * that its admins see attacks on their people. The same writes happen for an unknown email (platform log only).
 */
async function recordFailure(email: string, userId: string | null, request: RequestMeta, action: string): Promise<void> {
  const companies = userId
    ? await systemPrisma().membership.findMany({ where: { userId }, select: { companyId: true } })
    : [];
  await systemPrisma().$transaction([
    systemPrisma().platformAuditLog.create({
      data: {
        actorId: userId,
        email,
        action,
        ip: request.ip?.slice(0, 64) ?? null,
        userAgent: request.userAgent?.slice(0, 512) ?? null,
        requestId: request.requestId?.slice(0, 64) ?? null,
      },
      select: { id: true },
    }),
    ...companies.map((m) => loginAudit(m.companyId, userId, email, action, request)),
  ]);
}
