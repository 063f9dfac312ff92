// Email links name a request, not a company: when /requests/<id> is not in the active company, this finds which of
// the person's other companies holds it (and lets them see it), so the page can offer to switch there (docs/architecture.md §8).
// Each company is asked through its own tenant transaction, as that member: both isolation layers apply, and a
// request the person could not see after switching (staff, someone else's) is not found here either.
import "server-only";
import { z } from "zod";
import type { SessionUser } from "../auth/context";
import { can } from "../auth/permissions";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { orderIdSchema } from "./order-fields";

export const locateSchema = z.object({ orderId: orderIdSchema }).strict();

export interface OrderLocation {
  companyId: string;
  companyName: string;
}

export async function locateOrderRequest(session: SessionUser, input: unknown): Promise<OrderLocation | null> {
  const { orderId } = parseInput(locateSchema, input);
  const others = session.memberships.filter(
    (m) => m.companyId !== session.current?.companyId && m.companyStatus === "ACTIVE",
  );
  for (const membership of others) {
    const ownOnly = !can(membership.role, "requests.viewAll");
    const found = await withTenantTx({ companyId: membership.companyId }, (tx) =>
      tx.orderRequest.findFirst({
        where: { id: orderId, ...(ownOnly && { requesterId: session.userId }) },
        select: { id: true },
      }),
    );
    if (found) return { companyId: membership.companyId, companyName: membership.companyName };
  }
  return null;
}
