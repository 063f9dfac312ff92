// The last-admin guard (a company always keeps at least one active ADMIN). Counting and then updating is a race
// ("two admins demote each other at once"), so a change that can remove an admin first locks the company's
// active admin memberships: concurrent changes queue on the same rows, and the second one counts what the first
// left behind (READ COMMITTED re-checks a locked row's WHERE after the first commits).
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export interface ActiveAdmin {
  membershipId: string;
  userId: string;
}

export const LAST_ADMIN_MESSAGE =
  "A company needs at least one active admin. Make another member an admin first, then try again.";

/**
 * Locks and returns the company's active admin memberships (in id order, so concurrent callers never deadlock),
 * and checks the caller is still one of them: an admin demoted a moment ago acts no more.
 */
export async function lockActiveAdmins(tx: TenantTx, ctx: TenantContext): Promise<ActiveAdmin[]> {
  const admins = await tx.$queryRaw<ActiveAdmin[]>`
    SELECT id::text AS "membershipId", user_id::text AS "userId"
      FROM memberships
     WHERE company_id = ${ctx.companyId}::uuid AND role = 'ADMIN' AND active
     ORDER BY id
       FOR UPDATE`;
  if (!admins.some((admin) => admin.userId === ctx.userId)) throw AppError.forbidden();
  return admins;
}

/** Refuses a change that takes `membershipId` out of the active admins when it is the last one. */
export function assertAnotherAdminRemains(admins: ActiveAdmin[], membershipId: string): void {
  const remaining = admins.filter((admin) => admin.membershipId !== membershipId);
  if (remaining.length === 0) throw new AppError("CONFLICT", LAST_ADMIN_MESSAGE);
}
