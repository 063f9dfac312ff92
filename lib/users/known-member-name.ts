// Who made a change, for a refusal that names them ("Already booked by Mira Manager at …"): the person as the company
// knows them (memberAsKnown: a deactivated member as they were then), "you" for the caller.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { memberAsKnown } from "./member-summary";

export async function knownMemberName(tx: TenantTx, ctx: TenantContext, userId: string | null): Promise<string> {
  if (userId === null) return "someone no longer in the company";
  if (userId === ctx.userId) return "you";
  const membership = await tx.membership.findFirst({
    where: { userId },
    select: {
      active: true,
      deactivatedName: true,
      deactivatedEmail: true,
      user: { select: { name: true, email: true } },
    },
  });
  if (!membership) return "someone no longer in the company";
  const known = memberAsKnown(membership);
  return known.name || known.email;
}
