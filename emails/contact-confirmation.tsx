import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { isoDateTime } from "./fields";
import { formatUtcDateTime } from "./format";

// Anyone can type any address into the contact form, so this email repeats nothing the sender wrote, not even
// their name: it cannot carry someone's chosen text to a stranger.
export const contactConfirmationSchema = z.strictObject({
  receivedAt: isoDateTime,
});

export type ContactConfirmationProps = z.infer<typeof contactConfirmationSchema>;

export const contactConfirmationSubject = () => "We received your message to StockFlow";

/** Sent to whoever used the contact form: their message arrived, and the answer comes to this address. */
export default function ContactConfirmationEmail({ receivedAt }: ContactConfirmationProps) {
  return (
    <EmailLayout
      preview="Thanks for contacting StockFlow. We reply to this address."
      heading="Thanks for your message"
      reason="You received this email because this address was given on the StockFlow contact form. If that wasn't you, ignore this email."
    >
      <Text style={paragraph}>Hello,</Text>
      <Text style={paragraph}>
        Thanks for contacting StockFlow. We received your message on {formatUtcDateTime(receivedAt)} and will reply to
        this address as soon as we can.
      </Text>
    </EmailLayout>
  );
}

ContactConfirmationEmail.PreviewProps = {
  receivedAt: "2026-11-24T14:05:00.000Z",
} satisfies ContactConfirmationProps;
