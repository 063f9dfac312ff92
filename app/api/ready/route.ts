import { checkReadiness } from "@/lib/db/readiness";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Readiness for a load balancer: 200 when both database roles answer and this build's migrations are applied. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(
    { status: readiness.ready ? "ready" : "unavailable", ...readiness },
    { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
