// A demo left on the network (issue 12, item 2; docs/architecture.md §8): the demo seed's accounts share a password
// published in the README, so a server that other machines can reach refuses to start while one of them still has
// it (users.demo_password, set by the seed and cleared by every password change or reset). Checked once at start by
// scripts/serve.ts with the system client. Imports nothing server-only: the server script and tests call it.
import { isIP } from "node:net";
import type { PrismaClient } from "../db/generated/client";

/** Where the server listens and how it is addressed: what decides whether other machines can reach it. */
export interface Exposure {
  /** The address the server listens on (HOST). */
  host: string;
  /** TRUST_PROXY: a proxy in front means requests come from elsewhere. */
  trustProxy: number;
  /** APP_URL, when set. */
  appUrl?: string;
}

/** localhost, 127.0.0.0/8 and ::1 (also IPv4-mapped, and in brackets as a URL writes it). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (isIP(name) === 4) return name.startsWith("127.");
  if (isIP(name) !== 6) return false;
  // The URL parser writes an IPv6 address canonically: 0:0:0:0:0:0:0:1 as [::1], ::ffff:127.0.0.1 as [::ffff:7f00:1].
  const canonical = new URL(`http://[${name}]`).hostname;
  return canonical === "[::1]" || /^\[::ffff:7f[0-9a-f]{2}:/.test(canonical);
}

/** Why other machines can reach this server: one line per reason, none when it is this machine's only. */
export function reachableFromElsewhere({ host, trustProxy, appUrl }: Exposure): string[] {
  const reasons: string[] = [];
  if (!isLoopbackHost(host)) reasons.push(`HOST=${host} listens beyond this machine`);
  if (trustProxy > 0) reasons.push(`TRUST_PROXY=${trustProxy} puts a proxy in front`);
  if (appUrl !== undefined) {
    let hostname: string | undefined;
    try {
      hostname = new URL(appUrl).hostname;
    } catch {
      hostname = undefined;
    }
    if (hostname === undefined || !isLoopbackHost(hostname)) reasons.push(`APP_URL=${appUrl} is not this machine`);
  }
  return reasons;
}

/** The reason the server must not start, or null: reachable from elsewhere while a demo account has the demo password. */
export async function openDemoRefusal(db: PrismaClient, exposure: Exposure): Promise<string | null> {
  const reasons = reachableFromElsewhere(exposure);
  if (reasons.length === 0) return null;
  const accounts = await db.user.findMany({
    where: { demoPassword: true },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  if (accounts.length === 0) return null;
  return [
    "StockFlow will not start: these demo accounts still have the demo password published in the README:",
    ...accounts.map(({ email }) => `    ${email}`),
    `and other machines can reach this server: ${reasons.join("; ")}.`,
    "Fix it either way:",
    "  - change those passwords: start it on this machine only, sign in as each account and change its password",
    "    (a company admin can also reset a member's), then start it as you want it;",
    "  - or keep it on this machine only: HOST=127.0.0.1 (npm start's default with its embedded database, so unset",
    "    HOST there), TRUST_PROXY=0 and APP_URL on localhost.",
  ].join("\n");
}
