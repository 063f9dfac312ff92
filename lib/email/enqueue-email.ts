// The transactional outbox: an email is a row written in the same transaction as the change that causes it, so
// it is sent if and only if that change commits. Delivery happens after commit (lib/email/outbox worker).
import type { TenantTx } from "../db/tenant";

export interface EmailRequest {
  /** Template name in emails/. */
  template: string;
  to: string;
  subject: string;
  /** The template's props: plain JSON (ids, names, absolute links), never secrets other than one-time links. */
  props: Record<string, string | number | boolean | null>;
  replyTo?: string;
}

/** Writes the outbox row in the caller's tenant transaction; the tenant scope sets its company. */
export async function enqueueEmail(tx: TenantTx, email: EmailRequest): Promise<{ id: string }> {
  if (/[\r\n]/.test(email.to + email.subject + (email.replyTo ?? ""))) {
    throw new Error("Email headers must be single lines");
  }
  return tx.emailOutbox.create({
    data: {
      template: email.template,
      toAddress: email.to,
      subject: email.subject,
      replyTo: email.replyTo ?? null,
      props: email.props,
    },
    select: { id: true },
  });
}
