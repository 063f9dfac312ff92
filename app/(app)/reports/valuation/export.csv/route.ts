// GET /reports/valuation/export.csv?date=…&locationId=…: the stock valuation of that day as a CSV download (managers
// and admins), every line, read from the URL the way the page reads it (the page cursor is not: every page).
import { valuationQueryFromParams } from "@/lib/reports/report-params";
import { exportValuation } from "@/lib/reports/valuation";
import { csvDownload, tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const { after: _after, ...filters } = valuationQueryFromParams(Object.fromEntries(new URL(request.url).searchParams));
  return csvDownload(await exportValuation(ctx, filters));
});
