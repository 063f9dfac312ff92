// Restores an archived supplier or customer to the directory (see partner-archiving.ts).
import "server-only";
import type { TenantContext } from "../context";
import { setPartnerArchived } from "./partner-archiving";
import type { PartnerRecord } from "./partner-record";

export async function restorePartner(ctx: TenantContext, input: unknown): Promise<PartnerRecord> {
  return setPartnerArchived(ctx, input, false);
}
