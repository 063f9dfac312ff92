import "server-only";
import { env, type Env } from "../env";
import { FolderMailer } from "./folder-mailer";
import type { Mailer } from "./mailer";

/**
 * The transport this process sends through. Only the development transport exists yet; Resend and SMTP arrive
 * with their issue as branches here, chosen by their own variables before this folder fallback.
 */
export function mailerFromEnv(config: Pick<Env, "MAIL_DIR"> = env()): Mailer {
  return new FolderMailer(config.MAIL_DIR);
}
