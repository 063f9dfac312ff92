// Audit rows for changes to a global user (password, email, name): one on the platform log, and one in every
// company the user belongs to, so each company's admins see what happened to their people. Written in the
// caller's system transaction, so they commit or roll back with the change.
import "server-only";
import type { RequestMeta } from "../context";
import type { SystemTx } from "../db/system";
import { auditValue, requestColumns } from "../audit/record-audit";

export interface UserAuditEntry {
  userId: string;
  email: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function recordUserAudit(tx: SystemTx, entry: UserAuditEntry, request: RequestMeta): Promise<void> {
  const meta = {
    ...requestColumns(request),
  };
  const memberships = await tx.membership.findMany({ where: { userId: entry.userId }, select: { companyId: true } });
  await tx.platformAuditLog.create({
    data: {
      actorId: entry.userId,
      email: entry.email,
      action: entry.action,
      details: auditValue({ before: entry.before ?? null, after: entry.after ?? null }),
      ...meta,
    },
    select: { id: true },
  });
  if (memberships.length === 0) return;
  await tx.auditLog.createMany({
    data: memberships.map(({ companyId }) => ({
      companyId,
      actorId: entry.userId,
      actorEmail: entry.email,
      action: entry.action,
      entityType: "user",
      entityId: entry.userId,
      before: auditValue(entry.before),
      after: auditValue(entry.after),
      ...meta,
    })),
  });
}
