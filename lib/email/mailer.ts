// One interface for every email transport: Resend, SMTP and the development folder (chosen in transport.ts).
// Messages are rendered before they reach a transport; a transport throws when the message did not go out, so
// the outbox keeps it and retries.
export interface OutgoingEmail {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox row's id: a provider that supports it sends a retried message once (Resend keeps it 24 h). */
  idempotencyKey?: string;
}

export interface SentEmail {
  /** The transport's message id (a file path for the development transport). */
  id: string;
}

export interface Mailer {
  readonly name: string;
  /** The provider's pace: the outbox leaves at least this long between two messages (Resend allows a few a second). */
  readonly minIntervalMs?: number;
  send(message: OutgoingEmail): Promise<SentEmail>;
}

/** A message no transport will ever send as it is: retrying cannot help, so the outbox gives up on it at once. */
export class UndeliverableEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UndeliverableEmailError";
  }
}

/** Header injection is impossible by construction: no CR or LF in any single-line field. */
export function assertSingleLineHeaders(message: OutgoingEmail): void {
  for (const field of ["from", "to", "replyTo", "subject"] as const) {
    const value = message[field];
    if (value !== undefined && /[\r\n]/.test(value)) {
      throw new UndeliverableEmailError(`Email ${field} contains a line break`);
    }
  }
}
