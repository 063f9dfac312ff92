// Which address a request came from, decided once at the edge of the app (scripts/serve.ts) from the TCP peer,
// never from what the client wrote: a spoofed X-Forwarded-For must not reset a rate limit. Behind N trusted
// proxies (TRUST_PROXY=N), each appends the address it saw, so the client is the N-th entry from the right.
// Pure: unit-tested, and used by the server before Next.js sees the request.

/** Set by scripts/serve.ts on every request (any incoming copy is overwritten); read by lib/auth. */
export const CLIENT_ADDRESS_HEADER = "x-stockflow-client-address";

export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string | undefined {
  const peer = normalise(remoteAddress);
  if (trustedProxies <= 0) return peer;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The peer is the last proxy; the entries it and the proxies before it appended are trusted.
  const hops = [...chain, peer ?? ""];
  const client = hops[hops.length - 1 - trustedProxies];
  return normalise(client) ?? peer;
}

/** Strips IPv6's IPv4-mapped prefix; refuses anything that is not an address-looking token. */
function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const value = address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
  return /^[0-9A-Fa-f.:]{2,45}$/.test(value) ? value : undefined;
}

/**
 * The part of an address that rate limits count by. An IPv6 client usually holds a whole /64, so rotating
 * through it must not reset a limit: IPv6 addresses count by their first four groups. IPv4 counts as is.
 */
export function rateLimitAddress(address: string): string {
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
