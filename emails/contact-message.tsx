import { Text } from "@react-email/components";
import { Fragment } from "react";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { emailAddress, isoDateTime, multiLine, singleLine } from "./fields";
import { formatUtcDateTime, textLines } from "./format";

// The form (lib/contact/contact-fields.ts) is stricter; these only make sure nothing stored in the outbox can
// break a header or the page.

/** The sender's subject: it ends up in the subject line, so one line. */
const contactSubject = singleLine(200);

/** What the sender wrote: may span lines (tabs allowed), no other control characters. */
const contactText = multiLine(5000, 1);

const quote = { ...paragraph, borderLeft: "3px solid #e5e7eb", paddingLeft: "12px" };

/** The sender's message as a quoted paragraph, its line breaks kept (blank lines included). */
export function MessageText({ text }: { text: string }) {
  return (
    <Text style={quote}>
      {textLines(text).map((line, index) => (
        // The lines never move, so their position is their identity.
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </Text>
  );
}

export const contactMessageSchema = z.strictObject({
  name: singleLine(120),
  email: emailAddress,
  subject: contactSubject,
  message: contactText,
  receivedAt: isoDateTime,
});

export type ContactMessageProps = z.infer<typeof contactMessageSchema>;

export const contactMessageSubject = ({ subject }: ContactMessageProps) => `Contact form: ${subject}`;

/**
 * Delivered to the platform's support address (CONTACT_TO). The outbox row carries the sender as Reply-To, so
 * answering this email answers them.
 */
export default function ContactMessageEmail({ name, email, subject, message, receivedAt }: ContactMessageProps) {
  return (
    <EmailLayout
      preview={`${name} wrote: ${subject}`}
      heading="New message from the contact form"
      reason={`You received this because this address receives the StockFlow contact form. Reply to this email to answer ${name} at ${email}.`}
    >
      <Text style={paragraph}>
        From: {name} ({email})
        <br />
        Received: {formatUtcDateTime(receivedAt)}
        <br />
        Subject: {subject}
      </Text>
      <MessageText text={message} />
    </EmailLayout>
  );
}

ContactMessageEmail.PreviewProps = {
  name: "Dana Reyes",
  email: "dana@harbour-tools.example",
  subject: "Can we import our product list?",
  message:
    "Hello,\n\nWe keep about 1,200 products in a spreadsheet. Can we import them, or do we type them in?\n\nThanks, Dana",
  receivedAt: "2026-11-24T14:05:00.000Z",
} satisfies ContactMessageProps;
