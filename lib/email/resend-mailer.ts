// Email through Resend's HTTP API. The SDK reports a refusal or a network failure as a returned `error` rather
// than throwing; here it becomes a thrown Error, so the outbox keeps the row and retries it.
import { Resend } from "resend";
import { assertSingleLineHeaders, type Mailer, type OutgoingEmail, type SentEmail } from "./mailer";

/** Far below the outbox's two-minute lease (see smtp-mailer.ts). */
const REQUEST_TIMEOUT_MS = 30_000;

export class ResendMailer implements Mailer {
  readonly name = "resend";
  // Resend's default limit is 2 requests a second per team: stay under it rather than spend retries on 429s.
  readonly minIntervalMs = 600;
  private readonly client: Resend;

  constructor(apiKey: string) {
    this.client = new Resend(apiKey);
  }

  async send(message: OutgoingEmail): Promise<SentEmail> {
    assertSingleLineHeaders(message);
    const { data, error } = await this.client.emails.send(
      {
        from: message.from,
        to: message.to,
        replyTo: message.replyTo,
        subject: message.subject,
        html: message.html,
        text: message.text,
      },
      { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), idempotencyKey: message.idempotencyKey },
    );
    if (error) {
      throw new Error(
        `Resend refused the email (${error.statusCode ?? "no response"} ${error.name}): ${error.message}`,
      );
    }
    return { id: data.id };
  }
}
