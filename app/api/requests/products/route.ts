// GET /api/requests/products?q=…&locationId=…: the request form's product search (name, SKU or barcode), with what
// is available at the location; `?productId=…&productId=…` instead answers for those products (the form's lines), and
// `?stocked=1&locationId=…` the products on hand there (the offline product cache's fill). Never cached by HTTP:
// availability changes with every movement. Bad input (an overlong
// search, a malformed location id) is a 422 with its message, through tenantRoute like every other error.
import { tenantRoute } from "@/lib/http/route";
import { findOrderProducts } from "@/lib/orders/find-order-products";

export const dynamic = "force-dynamic";

export const GET = tenantRoute(async (ctx, request) => {
  const params = new URL(request.url).searchParams;
  const locationId = params.get("locationId")?.trim();
  const productIds = params.getAll("productId");
  const matches = await findOrderProducts(ctx, {
    q: params.get("q") ?? "",
    ...(productIds.length > 0 && { productIds }),
    ...(locationId && { locationId }),
    ...(params.get("stocked") === "1" && { stocked: true }),
  });
  return Response.json(matches, { headers: { "cache-control": "no-store" } });
});
