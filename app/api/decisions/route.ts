// GET /api/decisions: how many requests wait for the caller's decision ({ count }), for the navigation's badge to
// re-read when a live update says a request changed (docs/architecture.md "Decisions on a phone"). Never cached.
import { tenantRoute } from "@/lib/http/route";
import { countAwaitingDecision } from "@/lib/orders/decisions";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx) => {
  const count = await countAwaitingDecision(ctx);
  return Response.json({ count }, { headers: { "cache-control": "no-store" } });
});
