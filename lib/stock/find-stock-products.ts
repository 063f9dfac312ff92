// The products a stock operation names, for its messages, summary and costs, locked FOR KEY SHARE in id order.
// Every path that locks products locks them in id order, all at once, before it writes anything that references
// them (a stock row, a movement, an order line: each a foreign-key check that takes the same KEY SHARE lock): so a
// stock operation and a product import, which locks the products it touches in id order too, never wait for each
// other in a circle. The project's lock order: a request row, then the locations (KEY SHARE), then the products
// (here), then the stock rows in sorted key order. Unknown ids and other companies' ids are NOT_FOUND (the tenant
// scope and RLS both hide them).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface StockProduct {
  id: string;
  sku: string;
  name: string;
  unit: string;
  /** The cost price as a decimal string, e.g. "7.25": what a movement's unit cost records. */
  costPrice: string;
}

export async function findStockProducts(
  tx: TenantTx,
  ctx: TenantContext,
  productIds: string[],
): Promise<Map<string, StockProduct>> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return new Map();
  const products = await tx.$queryRaw<StockProduct[]>`
    SELECT id::text, sku, name, unit, cost_price::text AS "costPrice"
      FROM products
     WHERE company_id = ${ctx.companyId}::uuid AND id = ANY(${ids}::uuid[])
     ORDER BY id
       FOR KEY SHARE`;
  if (products.length !== ids.length) throw AppError.notFound("That product");
  return new Map(products.map((product) => [product.id, product]));
}
