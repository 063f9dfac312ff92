// The name the browser's tabs share one live-update connection under (docs/architecture.md §8, "one connection
// per browser"): a hash of the person and the company, so a tab signed in as someone else, or switched to another
// company, never receives this one's events through the shared channel — and the ids themselves stay off it.
import "server-only";
import { createHash } from "node:crypto";

export function liveScope(userId: string, companyId: string): string {
  return createHash("sha256").update(`stockflow-live:${userId}:${companyId}`).digest("hex").slice(0, 24);
}
