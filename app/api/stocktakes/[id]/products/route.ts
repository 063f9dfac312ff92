// GET /api/stocktakes/<id>/products?code=…: what a scanned or typed code counts on a stocktake — the company's
// products with that barcode or SKU (the scan feature's code rule) with their unit, pack size and line on the
// document (lib/stocktakes/find-stocktake-product.ts). Never cached: counts change with every person counting. Bad
// input (a blank or overlong code, a malformed id) is a 422 with its message, through tenantRoute.
import { tenantRoute } from "@/lib/http/route";
import { findStocktakeProduct } from "@/lib/stocktakes/find-stocktake-product";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const url = new URL(request.url);
  // /api/stocktakes/<id>/products: the id is the segment before "products".
  const stocktakeId = url.pathname.split("/").at(-2) ?? "";
  const found = await findStocktakeProduct(ctx, { stocktakeId, code: url.searchParams.get("code") ?? "" });
  return Response.json(found, { headers: { "cache-control": "no-store" } });
});
