// "Needs my decision" (docs/architecture.md "Decisions on a phone"): the pending requests the caller may approve
// now — the state machine's rule in SQL, so the badge's count and the `?view=decide` list agree with the buttons
// the request page shows. Managers and admins decide; under "require a second person" nobody decides their own
// (they could still reject it, but the approval it waits for must come from someone else, so it is not theirs
// to decide). Staff decide nothing.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";

/**
 * The condition on `order_requests o` that keeps the requests waiting for the caller's decision. The company's
 * "require a second person" setting is read in the same statement: no query of its own on every page's badge.
 */
export function awaitingDecisionSql(ctx: TenantContext): Prisma.Sql {
  if (!can(ctx.role, "requests.approve")) return Prisma.sql`FALSE`;
  return Prisma.sql`o.company_id = ${ctx.companyId}::uuid AND o.status = 'PENDING'::"OrderStatus"
    AND NOT (o.requester_id = ${ctx.userId}::uuid
             AND EXISTS (SELECT 1 FROM companies c WHERE c.id = ${ctx.companyId}::uuid AND c.require_second_approver))`;
}

/** How many requests wait for the caller's decision: the navigation's badge. */
export async function countAwaitingDecision(ctx: TenantContext): Promise<number> {
  if (!can(ctx.role, "requests.approve")) return 0;
  return withTenantTx(ctx, async (tx) => {
    const [row] = await tx.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM order_requests o WHERE ${awaitingDecisionSql(ctx)}`;
    return row?.count ?? 0;
  });
}
