import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: 200 when the app can reach its database, 503 otherwise. */
export async function GET() {
  const healthy = await checkDatabase();
  return Response.json({ status: healthy ? "ok" : "unavailable" }, { status: healthy ? 200 : 503 });
}
