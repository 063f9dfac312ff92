// The public contact form: a message from anyone, stored and delivered to the platform's support address
// (CONTACT_TO) with the sender as Reply-To, plus a confirmation to the sender — all in one system transaction, so the row
// and both emails exist together or not at all. Bots are held off twice: a per-address rate limit counted before
// anything else (so probing the validation costs attempts too), and a honeypot field that, once filled, gets the
// same answer as a success while nothing is stored or sent.
import "server-only";
import { requestColumns } from "../audit/record-audit";
import { hitRateLimit, limitClientAddress } from "../auth/rate-limit";
import type { RequestMeta } from "../context";
import { withSystemTx } from "../db/system";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { env } from "../env";
import { parseInput } from "../errors";
import { contactFormSchema, HONEYPOT_FIELD, type ContactReceipt } from "./contact-fields";

/** Messages per client address per hour: enough for a person with follow-ups, not for a script. */
export const CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR = 5;

const HOUR_MS = 60 * 60 * 1000;

/** Confirmations one address receives a day, however many messages name it. */
export const CONFIRMATIONS_PER_ADDRESS_PER_DAY = 3;
const DAY_MS = 24 * HOUR_MS;

export async function submitContactMessage(input: unknown, request: RequestMeta): Promise<ContactReceipt> {
  // Counted before the input is even read: every attempt costs one, valid or not.
  await limitClientAddress(request, {
    form: "contact",
    max: CONTACT_MESSAGES_PER_ADDRESS_PER_HOUR,
    windowMs: HOUR_MS,
    refusal: "Too many messages from your network.",
  });
  const data = parseInput(contactFormSchema, input);
  const receipt: ContactReceipt = { email: data.email };
  // A person never sees the honeypot; whatever filled it gets a success and leaves no trace.
  if (data[HONEYPOT_FIELD]?.trim()) return receipt;

  const supportAddress = env().CONTACT_TO;
  // Anyone can type any address: at most a few confirmations per address a day, and they repeat nothing the sender
  // wrote (emails/contact-confirmation.tsx), so the form is no way to mail a stranger.
  const confirmations = await hitRateLimit({
    key: `contact:confirmation:${data.email}`,
    max: CONFIRMATIONS_PER_ADDRESS_PER_DAY,
    windowMs: DAY_MS,
  });
  const confirm = !confirmations.exceeded;
  await withSystemTx(async (tx) => {
    const stored = await tx.contactMessage.create({
      data: {
        name: data.name,
        email: data.email,
        subject: data.subject,
        message: data.message,
        ip: request.ip?.slice(0, 64) ?? null,
      },
      select: { id: true, createdAt: true },
    });
    // The message itself stays in contact_messages; the audit row ties it to the request that sent it.
    await tx.platformAuditLog.create({
      data: {
        email: data.email,
        action: "contact.message_received",
        details: { contactMessageId: stored.id },
        ...requestColumns(request),
      },
      select: { id: true },
    });
    await enqueuePlatformEmail(tx, {
      template: "contact-message",
      to: supportAddress,
      replyTo: data.email,
      props: {
        name: data.name,
        email: data.email,
        subject: data.subject,
        message: data.message,
        receivedAt: stored.createdAt.toISOString(),
      },
    });
    if (confirm) {
      await enqueuePlatformEmail(tx, {
        template: "contact-confirmation",
        to: data.email,
        props: { receivedAt: stored.createdAt.toISOString() },
      });
    }
  });
  kickOutbox();
  return receipt;
}
