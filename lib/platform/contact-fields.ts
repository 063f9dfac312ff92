// The public contact form's fields (app/contact): one schema for the server, limits and names the form shares.
// Name, email and subject end up in email headers (the subject line, Reply-To), so a line break in any of them is
// a field error before anything else is checked; the message may span lines. Pure: no database, no server-only.
import { z } from "zod";
import { emailAddressSchema } from "../auth/email-address";

/** The hidden field people never see and bots fill in; a filled one is answered like a success and dropped. */
export const HONEYPOT_FIELD = "website";

/** The column widths of contact_messages, and the shortest message worth reading. */
export const CONTACT_LIMITS = { name: 120, email: 254, subject: 200, messageMin: 10, messageMax: 5000 } as const;

export const CONTACT_FIELDS = ["name", "email", "subject", "message"] as const;

/** What a successful submission answers: where we reply (the address as stored, trimmed and lower-cased). */
export interface ContactReceipt {
  email: string;
}

const SINGLE_LINE = "Use a single line: remove any line breaks or control characters.";

/** Checked on the value as posted, before trimming: a trailing CR/LF is refused, not quietly trimmed away. */
const singleLine = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .regex(/^[^\p{Cc}]*$/u, { error: SINGLE_LINE, abort: true })
    .trim()
    .min(1, missing)
    .max(max, `Use at most ${max} characters.`);

const email = z
  .string({ error: "Enter your email address." })
  .regex(/^[^\r\n]*$/, { error: "Use a single line: remove any line breaks.", abort: true })
  .trim()
  .min(1, { error: "Enter your email address.", abort: true })
  .pipe(emailAddressSchema);

const message = z
  .string({ error: "Write your message." })
  .trim()
  .min(1, { error: "Write your message.", abort: true })
  .min(CONTACT_LIMITS.messageMin, `Write at least ${CONTACT_LIMITS.messageMin} characters.`)
  .max(CONTACT_LIMITS.messageMax, `Use at most ${CONTACT_LIMITS.messageMax.toLocaleString("en")} characters.`)
  // Tabs come along when text is pasted and are harmless in a body; other control characters are not text.
  .regex(/^(?:[^\p{Cc}]|[\t\n\r])*$/u, "Remove control characters: only line breaks and tabs are allowed.");

export const contactFormSchema = z
  .object({
    name: singleLine("Enter your name.", CONTACT_LIMITS.name),
    email,
    subject: singleLine("Enter a subject.", CONTACT_LIMITS.subject),
    message,
    [HONEYPOT_FIELD]: z.string().optional(),
  })
  .strict();
