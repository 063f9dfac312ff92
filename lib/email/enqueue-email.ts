// The transactional outbox: an email is a row written in the same transaction as the change that causes it, so
// it is sent if and only if that change commits. Delivery happens after commit (lib/email/outbox-worker.ts).
import type { TenantTx } from "../db/tenant";
import { buildOutboxRow, type EmailMessage } from "./outbox-row";

/** Writes the outbox row in the caller's tenant transaction; the tenant scope sets its company. */
export async function enqueueEmail(tx: TenantTx, email: EmailMessage): Promise<{ id: string }> {
  return tx.emailOutbox.create({ data: buildOutboxRow(email), select: { id: true } });
}
