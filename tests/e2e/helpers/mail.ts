// The emails the e2e server sent, read from its development mail transport's folder (scripts/start.ts --e2e sets
// MAIL_DIR). Each message is an .eml beside an .html of the same name; the outbox delivers right after commit.
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

const MAIL_DIR = path.resolve(".data/e2e-mail");

export interface ReceivedEmail {
  subject: string;
  html: string;
  /** Every absolute link in the message. */
  links: string[];
}

function read(file: string): ReceivedEmail & { to: string } {
  const eml = fs.readFileSync(path.join(MAIL_DIR, file), "utf8");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(eml)?.[1]?.trim() ?? "";
  const html = fs.readFileSync(path.join(MAIL_DIR, file.replace(/\.eml$/, ".html")), "utf8");
  const links = [...html.matchAll(/href="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  return { to: header("To"), subject: header("Subject"), html, links };
}

/** The emails to `address` sent after `since`, newest first, as they are now (no waiting). */
export function emailsTo(address: string, since: number): ReceivedEmail[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return (
    fs
      .readdirSync(MAIL_DIR)
      .filter((name) => name.endsWith(".eml") && fs.statSync(path.join(MAIL_DIR, name)).mtimeMs >= since)
      // Written last (lib/email/folder-mailer.ts), but read defensively: a message is there once both are.
      .filter((name) => fs.existsSync(path.join(MAIL_DIR, name.replace(/\.eml$/, ".html"))))
      .sort()
      .map(read)
      .reverse()
      .filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase()))
  );
}

/** Waits for the newest email to `address` (sent after `since`) and returns it. */
export async function waitForEmail(address: string, since: number): Promise<ReceivedEmail> {
  let found: ReceivedEmail | undefined;
  await expect
    .poll(
      () => {
        found = emailsTo(address, since)[0];
        return Boolean(found);
      },
      { timeout: 15_000, message: `an email to ${address}` },
    )
    .toBe(true);
  return found!;
}
