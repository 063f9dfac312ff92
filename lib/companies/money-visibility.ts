// Whether the caller sees money in their company (docs/architecture.md §7): canSeeMoney (lib/auth/permissions.ts) over
// the company's "staff see cost prices and stock values" setting, read in the caller's own transaction so the answer
// and the figures it guards come from the same snapshot.
import "server-only";
import { canSeeMoney } from "../auth/permissions";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";

export async function callerSeesMoney(tx: TenantTx, ctx: TenantContext): Promise<boolean> {
  const company = await tx.company.findUnique({ where: { id: ctx.companyId }, select: { staffSeeMoney: true } });
  return canSeeMoney(ctx.role, company?.staffSeeMoney ?? false);
}
