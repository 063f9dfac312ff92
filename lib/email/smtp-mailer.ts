// Email over SMTP, configured by one URL with the credentials in it: smtps://user:password@host:465 (implicit TLS)
// or smtp://user:password@host:587 (STARTTLS, required when the URL carries credentials and the host is not this
// machine: a server that does not offer it, or someone stripping the offer on the way, must not receive the
// password in clear). Gmail works with an app password: smtps://you%40gmail.com:app-password@smtp.gmail.com:465.
// One connection per message (no pool): the outbox sends one message at a time, and an idle pooled connection
// would only be dropped by the server.
import nodemailer, { type Transporter } from "nodemailer";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { assertSingleLineHeaders, type Mailer, type OutgoingEmail, type SentEmail } from "./mailer";

/**
 * Far below the outbox's two-minute lease, so a dead or silent server fails the attempt (and the row is retried)
 * long before another worker could claim the row again. Query parameters in the URL override them.
 */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The Message-ID of an outbox row's message: the row id at the sender's domain, so every attempt at one row is the
 * same message to mail clients and to the operator (who counts deliveries per row, as scripts/cluster.ts does).
 */
export function outboxMessageId(idempotencyKey: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? "stockflow.local";
  return `<${idempotencyKey}@${domain}>`;
}

/** Credentials leave this machine only over TLS (smtps:// has it from the start; smtp:// must upgrade). */
export function requiresTls(url: URL): boolean {
  return url.protocol === "smtp:" && (url.username !== "" || url.password !== "") && !LOOPBACK.has(url.hostname);
}

export class SmtpMailer implements Mailer {
  readonly name = "smtp";
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(url: string) {
    // A transport object rather than the URL string: given a URL, createTransport ignores every other option.
    this.transport = nodemailer.createTransport(
      new SMTPTransport({ url, ...TIMEOUTS_MS, requireTLS: requiresTls(new URL(url)) }),
    );
  }

  async send(message: OutgoingEmail): Promise<SentEmail> {
    assertSingleLineHeaders(message);
    const info = await this.transport.sendMail({
      from: message.from,
      to: message.to,
      replyTo: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.idempotencyKey && { messageId: outboxMessageId(message.idempotencyKey, message.from) }),
    });
    return { id: info.messageId };
  }
}
