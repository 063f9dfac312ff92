// The audit trail: one row per action, written in the caller's transaction so it commits or rolls back with
// the change it describes. Values are copied without secrets.
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { Prisma } from "../db/generated/client";

export interface AuditEntry {
  /** `entity.verb`, e.g. "order.approved", "user.invited", "stock.adjusted". */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const SECRET_KEY = /password|secret|token|hash/i;

/** A JSON-safe copy without secret-looking keys (Dates to ISO strings, Decimals to strings). */
export function auditValue(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  if (value === null || value === undefined) return Prisma.DbNull;
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => (key && SECRET_KEY.test(key) ? undefined : item)),
  ) as Prisma.InputJsonValue;
}

export async function recordAudit(tx: TenantTx, ctx: TenantContext, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      companyId: ctx.companyId,
      actorId: ctx.userId,
      actorEmail: ctx.email,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: auditValue(entry.before),
      after: auditValue(entry.after),
      ip: ctx.request?.ip?.slice(0, 64) ?? null,
      userAgent: ctx.request?.userAgent?.slice(0, 512) ?? null,
      requestId: ctx.request?.requestId?.slice(0, 64) ?? null,
    },
    select: { id: true },
  });
}
