// GET /api/events: the live-update stream of the signed-in member's company (Server-Sent Events, docs/architecture.md §8). The
// caller is resolved by tenantRoute like every route handler (401 signed out, 403 company pending or suspended); the
// stream then carries only the events its audience may receive (lib/events/event-filter.ts). Every stream of this
// process shares the one LISTEN connection (lib/events/event-listener.ts).
import { sessionClaims, sessionStillGrants } from "@/lib/auth/context";
import { sharedEventListener } from "@/lib/events/event-listener";
import { EVENT_STREAM_HEADERS, openEventStream } from "@/lib/events/event-stream";
import { tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = tenantRoute(async (ctx, request) => {
  // tenantRoute verified these claims a moment ago; the stream re-checks them while it lasts.
  const claims = await sessionClaims();
  const granted = { companyId: ctx.companyId, role: ctx.role };
  const stream = openEventStream({
    listener: sharedEventListener(),
    audience: { companyId: ctx.companyId, userId: ctx.userId, role: ctx.role },
    signal: request.signal,
    stillEntitled: async () => !!claims && (await sessionStillGrants(claims, granted)),
    // The browser's own reconnect delay, spread so that a restart does not bring every page back at once.
    retryMs: 2_000 + Math.floor(Math.random() * 3_000),
  });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
