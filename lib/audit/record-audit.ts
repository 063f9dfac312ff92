// The audit trail: one row per action, written in the caller's transaction so it commits or rolls back with
// the change it describes. Values are copied without secrets. The actor's name and email as they are at that moment
// are not passed by any writer: a trigger copies them from users into every row with an actorId
// (docs/architecture.md §8).
import type { RequestMeta, TenantContext } from "../context";
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

/** The request columns of an audit row (platform or company), cut to their column widths. */
export function requestColumns(request: RequestMeta | undefined) {
  return {
    ip: request?.ip?.slice(0, 64) ?? null,
    userAgent: request?.userAgent?.slice(0, 512) ?? null,
    requestId: request?.requestId?.slice(0, 64) ?? null,
  };
}

export async function recordAudit(tx: TenantTx, ctx: TenantContext, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      companyId: ctx.companyId,
      actorId: ctx.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: auditValue(entry.before),
      after: auditValue(entry.after),
      ...requestColumns(ctx.request),
    },
    select: { id: true },
  });
}
