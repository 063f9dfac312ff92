// Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"; docs/architecture.md §8): a browser
// that signed in to an account gets a cookie naming that account, its session version and a random nonce, signed
// with an HMAC of the app secret. Presented at a later sign-in to the same account, it exempts that browser from the
// account's lock-out for untrusted clients (its own failures are counted per nonce instead,
// lib/auth/password-attempts.ts) — while the account's session version is still the one it names: a password
// change, a reset or a deactivation bumps it, so cookies collected by someone who knew the old password stop
// counting. Pure: the secret and the app URL are passed in.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Long-lived: a browser stays trusted for a year after its last sign-in (each sign-in issues a fresh cookie). */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const PURPOSE = "stockflow device cookie v1";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NONCE = /^[A-Za-z0-9_-]{22}$/;

export interface DeviceCookie {
  userId: string;
  sessionVersion: number;
  nonce: string;
}

const VERSION = /^[1-9][0-9]{0,9}$/;

function signature(secret: string, userId: string, sessionVersion: number, nonce: string): string {
  return createHmac("sha256", secret).update(`${PURPOSE}\n${userId}\n${sessionVersion}\n${nonce}`).digest("base64url");
}

/** A new device cookie's value for the account: "<user id>.<session version>.<nonce>.<signature>". */
export function signDeviceCookie(userId: string, sessionVersion: number, secret: string): string {
  const nonce = randomBytes(16).toString("base64url");
  return `${userId}.${sessionVersion}.${nonce}.${signature(secret, userId, sessionVersion, nonce)}`;
}

/** The account, session version and nonce a cookie value names, if this app signed it; null for anything else. */
export function verifyDeviceCookie(value: string | undefined, secret: string): DeviceCookie | null {
  const [userId, version, nonce, signed, ...rest] = (value ?? "").split(".");
  if (rest.length > 0 || !userId || !version || !nonce || !signed) return null;
  if (!UUID.test(userId) || !VERSION.test(version) || !NONCE.test(nonce)) return null;
  const sessionVersion = Number(version);
  const expected = Buffer.from(signature(secret, userId, sessionVersion, nonce));
  const given = Buffer.from(signed);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { userId, sessionVersion, nonce }
    : null;
}

/** How the cookie is stored: HttpOnly, SameSite=Lax, a year, Secure when served over https. */
export function deviceCookieOptions(appUrl: string) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: appUrl.startsWith("https://"),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  };
}

/** __Host- prefixed on https (Secure, whole site, no Domain), so a sibling subdomain cannot plant one. */
export function deviceCookieName(appUrl: string): string {
  return appUrl.startsWith("https://") ? "__Host-stockflow-device" : "stockflow-device";
}

/** The Set-Cookie header that stores a device cookie, with deviceCookieOptions' attributes. */
export function deviceCookieHeader(value: string, appUrl: string): string {
  const options = deviceCookieOptions(appUrl);
  return [
    `${deviceCookieName(appUrl)}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

/** The device cookie's value in a request's Cookie header, if there is one. */
export function deviceCookieFromHeader(cookieHeader: string | undefined, appUrl: string): string | undefined {
  const name = deviceCookieName(appUrl);
  for (const pair of (cookieHeader ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
