// GET /reports/slow-movers/export.csv?days=…: every slow mover as a CSV download (managers and admins).
import { slowMoversQueryFromParams } from "@/lib/reports/report-params";
import { exportSlowMovers } from "@/lib/reports/slow-movers";
import { csvDownload, tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const { after: _after, ...filters } = slowMoversQueryFromParams(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return csvDownload(await exportSlowMovers(ctx, filters));
});
