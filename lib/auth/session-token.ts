// The session is a next-auth JWT (encrypted, A256GCM) in an httpOnly cookie. It names the user, the active
// company and the user's session version; every request re-checks all three against the database
// (lib/auth/context.ts), so deactivation, role and password changes apply on the next request.
import { decode, encode } from "next-auth/jwt";
import { z } from "zod";
import { env } from "../env";
import { sessionCookieName } from "./session-cookie";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

const claimsSchema = z.object({
  sub: z.uuid(),
  companyId: z.uuid(),
  sv: z.number().int().positive(),
});
export type SessionClaims = z.infer<typeof claimsSchema>;

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

export function issueSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: claims, secret: env().AUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
}

/** The claims of a valid, unexpired token; null for anything else. */
export async function readSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  try {
    const decoded = await decode({ token, secret: env().AUTH_SECRET });
    const parsed = claimsSchema.safeParse(decoded);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
