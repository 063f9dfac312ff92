// The session is a next-auth JWT (encrypted, A256GCM) in an httpOnly cookie. It names the user, the active
// company, the user's session version and whether a new password is due; every request re-checks all of it
// against the database (lib/auth/context.ts), so deactivation, role and password changes apply on the next
// request. next-auth's credentials provider issues it at sign-in (lib/auth/auth-options.ts); flows that have
// already verified the person (registration, accepting an invitation, switching company, changing password)
// re-issue it with startSession.
import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { z } from "zod";
import { env } from "../env";
import { sessionCookieName } from "./session-cookie";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export const sessionClaimsSchema = z.object({
  sub: z.uuid(),
  /** The active company; null for a platform administrator with no membership. */
  companyId: z.uuid().nullable(),
  sv: z.number().int().positive(),
  /** Must choose a new password before anything else (proxy.ts redirects on it; lib/auth enforces it). */
  mcp: z.boolean(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

export function currentSessionCookieName(): string {
  return sessionCookieName(env().APP_URL);
}

export function sessionCookieOptions(appUrl = env().APP_URL) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  };
}

/** The claims of a valid, unexpired token; null for anything else. */
export async function readSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const decoded = await decode({ token, secret: env().AUTH_SECRET });
    const parsed = sessionClaimsSchema.safeParse(decoded);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Sets (or replaces) the session cookie for a person this request has already verified. */
export async function startSession(claims: SessionClaims): Promise<void> {
  const token = await encode({ token: claims, secret: env().AUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
  (await cookies()).set(currentSessionCookieName(), token, sessionCookieOptions());
}

export async function endSession(): Promise<void> {
  (await cookies()).delete(currentSessionCookieName());
}
