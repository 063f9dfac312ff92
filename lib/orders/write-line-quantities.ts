// Writes the per-line quantities of an approval or a fulfilment (./order-quantities.ts) on a request its caller has
// locked (./lock-order-request.ts), in one statement: `approved_quantity` set, or `fulfilled_quantity` raised. The
// CHECKs of migration 20261213010000_partial_fulfilment refuse anything beyond what was requested or approved, so a
// bug here cannot ship more than approved.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";

export async function writeLineQuantities(
  tx: TenantTx,
  ctx: TenantContext,
  orderId: string,
  column: "approved" | "fulfilled",
  lines: { productId: string; quantity: number }[],
): Promise<void> {
  if (lines.length === 0) return;
  const productIds = lines.map((line) => line.productId);
  const quantities = lines.map((line) => line.quantity);
  const updated =
    column === "approved"
      ? await tx.$executeRaw`
          UPDATE order_lines l SET approved_quantity = c.quantity
            FROM unnest(${productIds}::uuid[], ${quantities}::int[]) AS c(product_id, quantity)
           WHERE l.company_id = ${ctx.companyId}::uuid AND l.order_id = ${orderId}::uuid AND l.product_id = c.product_id`
      : await tx.$executeRaw`
          UPDATE order_lines l SET fulfilled_quantity = l.fulfilled_quantity + c.quantity
            FROM unnest(${productIds}::uuid[], ${quantities}::int[]) AS c(product_id, quantity)
           WHERE l.company_id = ${ctx.companyId}::uuid AND l.order_id = ${orderId}::uuid AND l.product_id = c.product_id`;
  // The request is locked and its lines cannot change while it is: anything else must not commit.
  if (updated !== lines.length) throw new Error(`Line quantities touched ${updated} of ${lines.length} lines`);
}
