// GET /stocktakes/<id>/variance.csv: a stocktake's variance report as a CSV download (lib/stocktakes/
// export-stocktake-variance.ts): for everyone who sees stock, the money columns only for those who see money; refused
// (409) while a blind stocktake is not booked.
import { csvDownload, tenantRoute } from "@/lib/http/route";
import { exportStocktakeVariance } from "@/lib/stocktakes/export-stocktake-variance";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  // /stocktakes/<id>/variance.csv: the id is the segment before the file name.
  const stocktakeId = new URL(request.url).pathname.split("/").at(-2) ?? "";
  return csvDownload(await exportStocktakeVariance(ctx, { stocktakeId }));
});
