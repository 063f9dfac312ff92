// Archives a supplier or customer: it leaves the directory's default list and the pickers, keeps its name and
// requests (see partner-archiving.ts).
import "server-only";
import type { TenantContext } from "../context";
import { setPartnerArchived } from "./partner-archiving";
import type { PartnerRecord } from "./partner-record";

export async function archivePartner(ctx: TenantContext, input: unknown): Promise<PartnerRecord> {
  return setPartnerArchived(ctx, input, true);
}
