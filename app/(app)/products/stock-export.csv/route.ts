// GET /products/stock-export.csv: stock per product and location as a CSV download (managers and admins).
import { csvDownload, tenantRoute } from "@/lib/http/route";
import { exportStockLevels } from "@/lib/stock/export-stock-levels";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx) => csvDownload(await exportStockLevels(ctx, {})));
