import "server-only";
import { env, type Env } from "../env";
import { FolderMailer } from "./folder-mailer";
import type { Mailer } from "./mailer";
import { ResendMailer } from "./resend-mailer";
import { SmtpMailer } from "./smtp-mailer";

/**
 * The transport this process sends through: Resend when RESEND_API_KEY is set, else SMTP when SMTP_URL is set,
 * else the development transport writing to MAIL_DIR (lib/env.ts refuses that in production unless MAIL_DIR is
 * set explicitly).
 */
export function mailerFromEnv(config: Pick<Env, "RESEND_API_KEY" | "SMTP_URL" | "MAIL_DIR"> = env()): Mailer {
  if (config.RESEND_API_KEY) return new ResendMailer(config.RESEND_API_KEY);
  if (config.SMTP_URL) return new SmtpMailer(config.SMTP_URL);
  return new FolderMailer(config.MAIL_DIR);
}
