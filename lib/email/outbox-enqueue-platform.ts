// Emails that belong to no company (password reset, company status): written in the caller's system-client
// transaction, so like enqueueEmail they are sent if and only if that transaction commits, and skipped or sent
// with stored text made safe by the same rule, recorded on the platform audit log.
import { auditValue } from "../audit/record-audit";
import type { SystemTx } from "../db/system";
import { prepareOutboxRow, type EmailMessage, type Enqueued } from "./outbox-row";

export async function enqueuePlatformEmail<Message extends EmailMessage>(
  tx: SystemTx,
  email: Message,
): Promise<Enqueued<Message>> {
  const { row, fallback } = prepareOutboxRow(email);
  if (fallback) {
    await tx.platformAuditLog.create({
      data: { action: fallback.action, details: auditValue(fallback.details) },
      select: { id: true },
    });
  }
  const created = row ? await tx.emailOutbox.create({ data: { ...row, companyId: null }, select: { id: true } }) : null;
  return created as Enqueued<Message>;
}
