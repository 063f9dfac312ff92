// Restores an archived product to the active list (see product-archiving.ts).
import "server-only";
import type { TenantContext } from "../context";
import { setArchived } from "./product-archiving";
import type { ProductRecord } from "./product-record";

export async function restoreProduct(ctx: TenantContext, input: unknown): Promise<ProductRecord> {
  return setArchived(ctx, input, false);
}
