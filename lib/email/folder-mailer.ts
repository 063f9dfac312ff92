// The development transport: each message becomes an .eml (the full MIME message, openable in any mail client)
// and an .html file under MAIL_DIR, plus a log line with its subject and the first link in it.
import fs from "node:fs/promises";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { logger } from "../logger";
import { assertSingleLineHeaders, type Mailer, type OutgoingEmail, type SentEmail } from "./mailer";

export class FolderMailer implements Mailer {
  readonly name = "folder";

  constructor(private readonly dir: string) {}

  async send(message: OutgoingEmail): Promise<SentEmail> {
    assertSingleLineHeaders(message);
    await fs.mkdir(this.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const slug = message.subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60);
    const base = path.join(this.dir, `${stamp}-${crypto.randomUUID().slice(0, 8)}-${slug || "message"}`);
    const mime = await new MailComposer({
      from: message.from,
      to: message.to,
      replyTo: message.replyTo,
      subject: message.subject,
      html: message.html,
      text: message.text,
    })
      .compile()
      .build();
    // The .html first, then the .eml under its final name in one rename: a reader that sees an .eml finds the
    // whole message and its .html beside it (the e2e suite reads this folder while servers write to it).
    await fs.writeFile(`${base}.html`, message.html);
    await fs.writeFile(`${base}.eml.part`, mime);
    await fs.rename(`${base}.eml.part`, `${base}.eml`);
    // The link is what a developer clicks next; a production log keeps no links (some are one-time credentials).
    const link = process.env.NODE_ENV === "production" ? undefined : /https?:\/\/[^\s"'<>]+/.exec(message.text)?.[0];
    logger.info({ to: message.to, subject: message.subject, link, file: `${base}.html` }, "email written");
    return { id: `${base}.eml` };
  }
}
