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
}

export interface SentEmail {
  /** The transport's message id (a file path for the development transport). */
  id: string;
}

export interface Mailer {
  readonly name: string;
  send(message: OutgoingEmail): Promise<SentEmail>;
}

/** Header injection is impossible by construction: no CR or LF in any single-line field. */
export function assertSingleLineHeaders(message: OutgoingEmail): void {
  for (const field of ["from", "to", "replyTo", "subject"] as const) {
    const value = message[field];
    if (value !== undefined && /[\r\n]/.test(value)) throw new Error(`Email ${field} contains a line break`);
  }
}
