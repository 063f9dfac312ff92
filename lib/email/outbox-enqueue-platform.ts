// Emails that belong to no company (password reset, company status): written in the caller's system-client
// transaction, so like enqueueEmail they are sent if and only if that transaction commits.
import type { SystemTx } from "../db/system";
import { buildOutboxRow, type EmailMessage } from "./outbox-row";

export async function enqueuePlatformEmail(tx: SystemTx, email: EmailMessage): Promise<{ id: string }> {
  return tx.emailOutbox.create({ data: { ...buildOutboxRow(email), companyId: null }, select: { id: true } });
}
