// The dashboard's request count, scoped like the request list (DESIGN §7): managers and admins count every
// request awaiting approval, staff their own.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";

export interface OrderRequestCounts {
  /** Requests awaiting a decision. */
  pending: number;
}

export async function countOrderRequests(ctx: TenantContext): Promise<OrderRequestCounts> {
  const ownOnly = !can(ctx.role, "requests.viewAll");
  const pending = await withTenantTx(ctx, (tx) =>
    tx.orderRequest.count({ where: { status: "PENDING", ...(ownOnly && { requesterId: ctx.userId }) } }),
  );
  return { pending };
}
