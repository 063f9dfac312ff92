export const dynamic = "force-dynamic";

/**
 * Liveness: 200 while this process serves requests. It asks nothing of the database (readiness is /api/ready), so
 * a database outage does not get healthy processes restarted; the server answers 503 for everything else meanwhile.
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
