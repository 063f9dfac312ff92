// GET /customers/export.csv: the company's customers as a CSV download (managers and admins), archived ones included.
import { csvDownload, tenantRoute } from "@/lib/http/route";
import { exportPartners } from "@/lib/partners/export-partners";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx) => csvDownload(await exportPartners(ctx, { kind: "customer" })));
