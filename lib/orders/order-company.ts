// What a request's transitions need to know about the company: its name (emails), its time zone (messages that
// say when) and the setting "require a second person to approve".
import "server-only";
import type { TenantTx } from "../db/tenant";

export interface OrderCompany {
  name: string;
  timeZone: string;
  requireSecondApprover: boolean;
}

export async function readOrderCompany(tx: TenantTx): Promise<OrderCompany> {
  const company = await tx.company.findFirst({
    select: { name: true, timeZone: true, requireSecondApprover: true },
  });
  // The tenant scope reads the caller's own company, which exists while the caller has a session in it.
  if (!company) throw new Error("The caller's company was not found");
  return company;
}
