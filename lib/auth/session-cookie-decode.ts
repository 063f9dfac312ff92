// The session cookie's payload, decrypted once per process and token (docs/architecture.md §3 "Cost of a page").
// Three places read the same cookie on every request — the request log (scripts/serve.ts), proxy.ts and the session
// check (lib/auth/session-token.ts) — and next-auth's decode derives its key with HKDF and decrypts each time: about
// 3% of a page's CPU under load. A token is an immutable, authenticated string, so its payload is kept (a bounded map,
// the oldest entry out first) until the token's own expiry. Only the cryptography is not repeated: what the claims
// say is still checked against the database on every request (lib/auth/context.ts).
// Not server-only: scripts/serve.ts (plain Node) and proxy.ts use it too.
import { decode, type JWT } from "next-auth/jwt";

/** Enough for the sessions one instance serves at once; each entry is a token and its few claims. */
export const DECODED_TOKENS_KEPT = 1000;

const decoded = new Map<string, JWT>();

function unexpired(payload: JWT): boolean {
  return typeof payload.exp === "number" && payload.exp * 1000 > Date.now();
}

/** The payload of a valid, unexpired session token; null for anything else (expired, foreign, malformed). */
export async function decodeSessionCookie(token: string, secret: string): Promise<JWT | null> {
  // The secret is part of the key: a payload is only ever given back for the secret that decrypted it.
  const key = `${secret}\u0000${token}`;
  const kept = decoded.get(key);
  if (kept) {
    if (unexpired(kept)) return kept;
    decoded.delete(key);
  }
  let payload: JWT | null;
  try {
    payload = await decode({ token, secret });
  } catch {
    return null;
  }
  if (!payload || !unexpired(payload)) return null;
  if (decoded.size >= DECODED_TOKENS_KEPT) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, payload);
  return payload;
}
