// GET /reports/movements/export.csv?…: the movements report for its filters as a CSV download (managers and admins),
// as the page shows it (each movement, or one line per group and unit), every page of it.
import { exportMovementsReport } from "@/lib/reports/movements-report";
import { movementsQueryFromParams } from "@/lib/reports/report-params";
import { csvDownload, tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const { after: _after, ...filters } = movementsQueryFromParams(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(await exportMovementsReport(ctx, filters));
});
