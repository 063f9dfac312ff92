// A real SMTP server for the email tests (smtp-server), on a random port of 127.0.0.1. It accepts every message,
// logs in anyone (recording what they sent), and keeps each message as it arrived and as mailparser reads it. It
// can be stopped and started again on the same port, to play a mail provider that goes down and comes back.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  /** The RCPT TO addresses: who the message was delivered to, whatever its headers say. */
  recipients: string[];
  mailFrom: string;
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  /** smtp://127.0.0.1:<port> (or smtps:// for a secure server). */
  url: string;
  /** Every message accepted since the last clear(), in arrival order. */
  readonly received: ReceivedEmail[];
  /** Every login, with the credentials as the server decoded them. */
  readonly logins: { username: string; password: string }[];
  /** Connections opened since the last clear(), delivered or not. */
  readonly connections: number;
  /** The messages delivered to `address`. */
  to(address: string): ReceivedEmail[];
  clear(): void;
  /** Stops listening: connections are refused until start(). */
  stop(): Promise<void>;
  /** Listens again, on the same port. */
  start(): Promise<void>;
}

export async function startSmtpServer(options: { secure?: boolean } = {}): Promise<TestSmtpServer> {
  const received: ReceivedEmail[] = [];
  const logins: { username: string; password: string }[] = [];
  let connections = 0;
  let port = 0;
  let server: SMTPServer | undefined;

  function create(): SMTPServer {
    return new SMTPServer({
      // With `secure`, implicit TLS on smtp-server's own self-signed certificate.
      secure: options.secure ?? false,
      // A plain server offers no STARTTLS: its self-signed certificate would fail the client's upgrade.
      disabledCommands: options.secure ? [] : ["STARTTLS"],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 1_000,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onAuth(auth, _session, callback) {
        logins.push({ username: auth.username ?? "", password: auth.password ?? "" });
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("error", callback);
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          // Parsed before the server answers, so a message is here by the time the sender's send() resolves.
          simpleParser(raw).then((parsed) => {
            received.push({
              recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              raw,
              parsed,
            });
            callback();
          }, callback);
        });
      },
    });
  }

  async function start(): Promise<void> {
    const next = create();
    await new Promise<void>((resolve, reject) => {
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => resolve());
    });
    port = (next.server.address() as AddressInfo).port;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(resolve));
  }

  await start();
  return {
    port,
    url: `${options.secure ? "smtps" : "smtp"}://127.0.0.1:${port}`,
    received,
    logins,
    get connections() {
      return connections;
    },
    to: (address) => received.filter((mail) => mail.recipients.includes(address)),
    clear() {
      received.length = 0;
      logins.length = 0;
      connections = 0;
    },
    stop,
    start,
  };
}
