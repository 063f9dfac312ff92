// The public contact form's fields (app/contact): one schema for the server, limits and names the form shares.
// Name, email and subject end up in email headers (the subject line, Reply-To), so a line break in any of them is
// a field error before anything else is checked; the message may span lines. Pure: no database, no server-only.
import { z } from "zod";
import { emailAddressSchema } from "../accounts/email-address";
import { multiLineText, singleLineText } from "../fields";

/** The hidden field people never see and bots fill in; a filled one is answered like a success and dropped. */
export const HONEYPOT_FIELD = "website";

/** The column widths of contact_messages, and the shortest message worth reading. */
export const CONTACT_LIMITS = { name: 120, email: 254, subject: 200, messageMin: 10, messageMax: 5000 } as const;

export const CONTACT_FIELDS = ["name", "email", "subject", "message"] as const;

/** What a successful submission answers: where we reply (the address as stored, trimmed and lower-cased). */
export interface ContactReceipt {
  email: string;
}

const email = z
  .string({ error: "Enter your email address." })
  .regex(/^[^\r\n]*$/, { error: "Use a single line: remove any line breaks.", abort: true })
  .trim()
  .min(1, { error: "Enter your email address.", abort: true })
  .pipe(emailAddressSchema);

const message = multiLineText({
  missing: "Write your message.",
  min: CONTACT_LIMITS.messageMin,
  max: CONTACT_LIMITS.messageMax,
});

export const contactFormSchema = z
  .object({
    name: singleLineText({ missing: "Enter your name.", max: CONTACT_LIMITS.name }),
    email,
    subject: singleLineText({ missing: "Enter a subject.", max: CONTACT_LIMITS.subject }),
    message,
    [HONEYPOT_FIELD]: z.string().optional(),
  })
  .strict();
