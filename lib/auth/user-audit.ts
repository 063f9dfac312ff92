// Audit rows for changes to a global user (password, email, name): one on the platform log, and one in every
// company where the user is an active member, so each company's admins see what happened to their people. A company
// that deactivated them hears nothing more (docs/architecture.md §8). Written in the caller's system transaction, so
// they commit or roll back with the change.
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

/**
 * The companies told about a person's own account (sign-ins, passwords, email, name, sessions): those where they are
 * an active member. A company that deactivated them keeps what it recorded until then and learns nothing after.
 */
export async function companiesToTell(db: SystemTx, userId: string): Promise<string[]> {
  const memberships = await db.membership.findMany({ where: { userId, active: true }, select: { companyId: true } });
  return memberships.map((membership) => membership.companyId);
}

export async function recordUserAudit(tx: SystemTx, entry: UserAuditEntry, request: RequestMeta): Promise<void> {
  const meta = {
    ...requestColumns(request),
  };
  const companies = await companiesToTell(tx, entry.userId);
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
  if (companies.length === 0) return;
  await tx.auditLog.createMany({
    data: companies.map((companyId) => ({
      companyId,
      actorId: entry.userId,
      action: entry.action,
      entityType: "user",
      entityId: entry.userId,
      before: auditValue(entry.before),
      after: auditValue(entry.after),
      ...meta,
    })),
  });
}
