// Archives a product: it leaves the default product list, keeps its stock, history and SKU (see product-archiving.ts).
import "server-only";
import type { TenantContext } from "../context";
import { setArchived } from "./product-archiving";
import type { ProductRecord } from "./product-record";

export async function archiveProduct(ctx: TenantContext, input: unknown): Promise<ProductRecord> {
  return setArchived(ctx, input, true);
}
