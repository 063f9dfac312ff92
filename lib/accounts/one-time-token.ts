// One-time links (invitation, password reset, email change): the link carries a random token, the database
// keeps only its SHA-256, so a leaked table grants nothing. Pure apart from the random source.
import { createHash, randomBytes } from "node:crypto";

export const INVITATION_TTL_MS = 72 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** An account's own address (sign-up, created by an admin or PLATFORM_ADMIN_EMAIL): time to reach the inbox. */
export const EMAIL_VERIFICATION_TTL_MS = 48 * 60 * 60 * 1000;
/** A new address for an existing account. */
export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token (256 random bits, URL-safe) and the hash to store. */
export function createOneTimeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashToken(token) };
}

/** A token's text as it arrives in a URL: anything that is not 43 URL-safe characters cannot be ours. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type TokenState = "valid" | "expired" | "used";

export function tokenState(token: { expiresAt: Date; usedAt: Date | null }, now = new Date()): TokenState {
  if (token.usedAt) return "used";
  return token.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}
