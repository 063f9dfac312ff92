// A company's audit row written in a system-client transaction (account creation, admin password resets,
// accepting an invitation), for the work the app role has no privilege to do. Same shape as recordAudit.
import "server-only";
import { auditValue, type AuditEntry, requestColumns } from "../audit/record-audit";
import type { RequestMeta } from "../context";
import type { SystemTx } from "../db/system";

export interface CompanyAuditActor {
  companyId: string;
  userId: string;
  request?: RequestMeta;
}

export async function recordCompanyAudit(tx: SystemTx, actor: CompanyAuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      companyId: actor.companyId,
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: auditValue(entry.before),
      after: auditValue(entry.after),
      ...requestColumns(actor.request),
    },
    select: { id: true },
  });
}
