// The session is a next-auth JWT (encrypted, A256GCM) in an httpOnly cookie. It names the user, the active
// company, the user's session version, whether a new password is due, and the server-side session (a row of
// `sessions`, lib/auth/sessions.ts). Every request re-checks all of it against the database (lib/auth/context.ts),
// so deactivation, role and password changes and sign-out apply on the next request. next-auth's credentials
// provider issues it at sign-in (lib/auth/auth-options.ts); flows that have already verified the person
// (registration, accepting an invitation) start a new session with startSession, and flows that change what an
// existing session says (switching company, changing password) re-issue it with reissueSession.
import "server-only";
import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { env } from "../env";
import { deviceCookieName, deviceCookieOptions, signDeviceCookie } from "./device-cookie";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./session-cookie";
import { decodeSessionCookie } from "./session-cookie-decode";
import { createSession, extendSession, revokeSessionById } from "./sessions";

/** What a flow verified about the person: everything in the token but the server-side session. */
export const identityClaimsSchema = z.object({
  sub: z.uuid(),
  /** The active company; null for a platform administrator with no membership. */
  companyId: z.uuid().nullable(),
  sv: z.number().int().positive(),
  /** Must choose a new password before anything else (proxy.ts redirects on it; lib/auth enforces it). */
  mcp: z.boolean(),
});
export type IdentityClaims = z.infer<typeof identityClaimsSchema>;

// A token without `sid` (issued before server-side sessions) fails this and reads as signed out.
export const sessionClaimsSchema = identityClaimsSchema.extend({
  /** The server-side session: a row of `sessions`. */
  sid: z.uuid(),
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
  const parsed = sessionClaimsSchema.safeParse(await decodeSessionCookie(token, env().AUTH_SECRET));
  return parsed.success ? parsed.data : null;
}

/**
 * The session cookie, and a device cookie for the person at the session version the token names (device-cookie.ts):
 * a browser that registered, accepted an invitation or changed its password is as trusted as one that signed in.
 */
async function setSessionCookie(claims: SessionClaims): Promise<void> {
  const { APP_URL, AUTH_SECRET } = env();
  const token = await encode({ token: claims, secret: AUTH_SECRET, maxAge: SESSION_MAX_AGE_SECONDS });
  const jar = await cookies();
  jar.set(currentSessionCookieName(), token, sessionCookieOptions());
  jar.set(
    deviceCookieName(APP_URL),
    signDeviceCookie(claims.sub, claims.sv, AUTH_SECRET),
    deviceCookieOptions(APP_URL),
  );
}

/** A new session (and its cookie) for a person this request has already verified. */
export async function startSession(identity: IdentityClaims, request: RequestMeta): Promise<void> {
  await setSessionCookie({ ...identity, sid: await createSession(identity.sub, request) });
}

/** The same session with new claims (another company, a new session version) and a fresh lifetime. */
export async function reissueSession(identity: IdentityClaims, sessionId: string): Promise<void> {
  await extendSession(sessionId, identity.sub);
  await setSessionCookie({ ...identity, sid: sessionId });
}

/** Clears the cookie without touching the server-side session (already revoked by the caller). */
export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(currentSessionCookieName());
}

/** Sign-out: the session this cookie names is revoked, then the cookie goes. */
export async function endSession(): Promise<void> {
  const claims = await readSessionToken((await cookies()).get(currentSessionCookieName())?.value);
  if (claims) await revokeSessionById(claims.sid);
  await clearSessionCookie();
}
