// One interface for every email transport. The development transport writes files; Resend and SMTP arrive with
// the email issue and plug in here. Messages are rendered before they reach a transport.
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
