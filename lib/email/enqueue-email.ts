// The transactional outbox: an email is a row written in the same transaction as the change that causes it, so
// it is sent if and only if that change commits. Delivery happens after commit (lib/email/outbox-worker.ts).
import { recordAudit } from "../audit/record-audit";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { prepareOutboxRow, type EmailMessage, type Enqueued } from "./outbox-row";

/**
 * Writes the outbox row in the caller's tenant transaction; the tenant scope sets its company. An optional email
 * whose props hold stored text its template refuses is skipped, a security email sent with that text made safe:
 * either way an audit row in the same transaction says so ("email.skipped" or "email.sanitized", acted by ctx).
 */
export async function enqueueEmail<Message extends EmailMessage>(
  tx: TenantTx,
  ctx: TenantContext,
  email: Message,
): Promise<Enqueued<Message>> {
  const { row, fallback } = prepareOutboxRow(email, { companyId: ctx.companyId, userId: ctx.userId });
  if (fallback) {
    await recordAudit(tx, ctx, { action: fallback.action, entityType: "email", after: fallback.details });
  }
  const created = row ? await tx.emailOutbox.create({ data: row, select: { id: true } }) : null;
  return created as Enqueued<Message>;
}
