// GET /audit/export.csv?actorId=…&action=…: the audit log's entries for the viewer's filters as a CSV download
// (admins). The filters are read from the URL the way the viewer reads them; the page cursor is not (every page).
import { auditListQueryFromParams } from "@/lib/audit/audit-list-params";
import { exportAuditEntries } from "@/lib/audit/export-audit-entries";
import { csvDownload, tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { after: _after, ...filters } = auditListQueryFromParams(params);
  return csvDownload(await exportAuditEntries(ctx, filters));
});
