// The products a stock operation names, for its messages and summary. Unknown ids and other companies' ids are
// NOT_FOUND (the tenant scope and RLS both hide them).
import "server-only";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface StockProduct {
  id: string;
  sku: string;
  name: string;
  unit: string;
}

export async function findStockProducts(tx: TenantTx, productIds: string[]): Promise<Map<string, StockProduct>> {
  const ids = [...new Set(productIds)];
  const products = await tx.product.findMany({
    where: { id: { in: ids } },
    select: { id: true, sku: true, name: true, unit: true },
  });
  if (products.length !== ids.length) throw AppError.notFound("That product");
  return new Map(products.map((product) => [product.id, product]));
}
