import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { emailAddress, isoDateTime, singleLine } from "./fields";
import { formatUtcDateTime } from "./format";

export const emailChangedSchema = z.strictObject({
  name: singleLine(120),
  oldEmail: emailAddress,
  newEmail: emailAddress,
  changedAt: isoDateTime,
});

export type EmailChangedProps = z.infer<typeof emailChangedSchema>;

export const emailChangedSubject = () => "Your StockFlow email address was changed";

/** Sent to the old address: whoever changed it cannot hide the change from the account's owner. */
export default function EmailChangedEmail({ name, oldEmail, newEmail, changedAt }: EmailChangedProps) {
  return (
    <EmailLayout
      preview="Your StockFlow email address was changed"
      heading="Your email address was changed"
      reason={`You received this security notice at ${oldEmail} because it was the address of a StockFlow account until ${formatUtcDateTime(changedAt)}.`}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        On {formatUtcDateTime(changedAt)} the email address of your StockFlow account was changed from {oldEmail} to{" "}
        {newEmail}. Sign-in and notifications now use the new address.
      </Text>
      <Text style={paragraph}>
        If this wasn&apos;t you, contact your company administrator right away: someone else may have access to your
        account.
      </Text>
    </EmailLayout>
  );
}

EmailChangedEmail.PreviewProps = {
  name: "Dana Reyes",
  oldEmail: "dana@old.example.com",
  newEmail: "dana@new.example.com",
  changedAt: "2026-11-24T14:05:00.000Z",
} satisfies EmailChangedProps;
