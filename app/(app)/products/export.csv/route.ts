// GET /products/export.csv: the company's products as a CSV download (managers and admins). A dot in a segment name
// is fine in the App Router (Next's own docs serve app/rss.xml/route.ts), so the URL ends in .csv.
import { exportProducts } from "@/lib/products/export-products";
import { csvDownload, tenantRoute } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx) => csvDownload(await exportProducts(ctx, {})));
