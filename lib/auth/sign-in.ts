// Checking a person's email and password at sign-in (next-auth's credentials provider calls verifyCredentials).
// An unknown email and a wrong password get the same message and the same work (one argon2 verification, the
// same counters, an audit row); attempts are limited per account for untrusted clients, per device cookie for
// trusted browsers, per client address and per day (password-attempts.ts).
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx } from "../db/system";
import { recordCompanyAudit } from "./company-audit";
import { hashPassword, verifyPassword } from "./passwords";
import { beginPasswordAttempt, passwordAttemptFailed, passwordAttemptSucceeded } from "./password-attempts";
import { PASSWORD_MAX } from "./password-policy";
import type { IdentityClaims } from "./session-token";

export {
  ACCOUNT_ADDRESS_FAILURE_LIMIT,
  ACCOUNT_DAILY_LIMIT,
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FAILURE_LIMIT,
  DEVICE_FAILURE_LIMIT,
  SIGN_IN_WINDOW_MS,
  WRONG_CREDENTIALS,
} from "./password-attempts";

/** No stored email holds a control character, and PostgreSQL refuses a NUL outright: such an email is malformed. */
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

const credentialsSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).regex(NO_CONTROL_CHARACTERS),
    // Any character may be in a password (it is only ever hashed): only its length is bounded.
    password: z.string().max(PASSWORD_MAX),
  })
  .strict();

/**
 * Whether a sign-in request's fields are malformed (not text, too long, a control character in the email), which the sign-in
 * route answers with 400 before next-auth runs. A wrong email or password is not malformed: that is a failed
 * sign-in, counted and audited like any other.
 */
export function malformedCredentials(input: { email: unknown; password: unknown }): boolean {
  return !credentialsSchema.safeParse(input).success;
}

export type CredentialsResult = { ok: true; claims: IdentityClaims } | { ok: false; message: string };

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

// Verified when the email is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

/** Is this the password of an active account? (Sign-in, and accepting an invitation with an existing account.) */
export async function authenticate(input: unknown, request: RequestMeta): Promise<AuthenticationResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) {
    return { ok: false, message: "Enter your email and password." };
  }
  const { email, password } = parsed.data;
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
  // Whether this browser is trusted depends on the account its device cookie names, so the account comes first.
  const begun = await beginPasswordAttempt(
    { email, userId: user?.id ?? null, sessionVersion: user?.sessionVersion ?? null },
    request,
  );
  if ("refused" in begun) return { ok: false, message: begun.refused };
  // Made once; a refusal (argon2's line was full) is not kept, or every later unknown email would be refused too.
  dummyHash ??= hashPassword(crypto.randomUUID()).catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !matches || !user.active) {
    return { ok: false, message: await passwordAttemptFailed(begun.attempt, user?.id ?? null) };
  }
  await passwordAttemptSucceeded(begun.attempt);
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

/** Sign-in: the password, then a company to start in. */
export async function verifyCredentials(input: unknown, request: RequestMeta): Promise<CredentialsResult> {
  const result = await authenticate(input, request);
  if (!result.ok) return result;
  const { user } = result;
  // The oldest membership in an active company; else any (its users see why they cannot go on).
  const membership = user.memberships.find((m) => m.companyStatus === "ACTIVE") ?? user.memberships[0];
  if (!membership && !user.isPlatformAdmin) {
    return { ok: false, message: "Your account has no active company. Ask your company's admin for access." };
  }
  await withSystemTx(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
    if (membership) {
      await recordCompanyAudit(
        tx,
        { companyId: membership.companyId, userId: user.id, request },
        { action: "auth.login", entityType: "user", entityId: user.id },
      );
    }
  });
  return {
    ok: true,
    claims: {
      sub: user.id,
      companyId: membership?.companyId ?? null,
      sv: user.sessionVersion,
      mcp: user.mustChangePassword,
    },
  };
}
