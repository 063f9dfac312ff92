import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { systemPrisma } from "../db/system";
import { safeCallbackUrl } from "./callback-url";
import { hashPassword, verifyPassword } from "./passwords";
import { currentSessionCookieName, issueSessionToken, sessionCookieOptions } from "./session-token";

const credentialsSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254),
    password: z.string().max(128),
    callbackUrl: z.string().max(2048).optional(),
  })
  .strict();

export type SignInResult = { ok: true; redirectTo: string } | { ok: false; message: string };

const WRONG_CREDENTIALS = "That email and password do not match an account.";
// Verified when the email is unknown, so both failures cost one argon2 verification.
let dummyHash: Promise<string> | undefined;

/** Checks the credentials and, when they match an active user with an active membership, starts a session. */
export async function signInWithCredentials(input: unknown): Promise<SignInResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) {
    return { ok: false, message: "Enter your email and password." };
  }
  const { email, password, callbackUrl } = parsed.data;
  const user = await systemPrisma().user.findUnique({
    where: { email },
    select: {
      id: true,
      passwordHash: true,
      active: true,
      sessionVersion: true,
      memberships: {
        where: { active: true, company: { status: "ACTIVE" } },
        select: { companyId: true },
        orderBy: { createdAt: "asc" },
        take: 1,
      },
    },
  });
  dummyHash ??= hashPassword(crypto.randomUUID());
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !matches || !user.active) return { ok: false, message: WRONG_CREDENTIALS };
  const membership = user.memberships[0];
  if (!membership) {
    return { ok: false, message: "Your account has no active company. Ask your company's admin for access." };
  }
  const token = await issueSessionToken({ sub: user.id, companyId: membership.companyId, sv: user.sessionVersion });
  (await cookies()).set(currentSessionCookieName(), token, sessionCookieOptions());
  await systemPrisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() }, select: { id: true } });
  return { ok: true, redirectTo: safeCallbackUrl(callbackUrl) };
}
