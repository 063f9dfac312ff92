import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { emailAddress, isoDateTime, singleLine } from "./fields";
import { formatUtcDateTime } from "./format";

export const emailChangeRequestedSchema = z.strictObject({
  name: singleLine(120),
  oldEmail: emailAddress,
  newEmail: emailAddress,
  requestedAt: isoDateTime,
});

export type EmailChangeRequestedProps = z.infer<typeof emailChangeRequestedSchema>;

export const emailChangeRequestedSubject = () => "A change of your StockFlow email address was requested";

/**
 * Sent to the current address when a change is asked for, before the new address confirms it: the owner hears of
 * it while it can still be stopped (changing the password cancels a pending change, lib/accounts).
 */
export default function EmailChangeRequestedEmail({
  name,
  oldEmail,
  newEmail,
  requestedAt,
}: EmailChangeRequestedProps) {
  return (
    <EmailLayout
      preview="A change of your StockFlow email address was requested"
      heading="Your email address is about to change"
      reason={`You received this security notice at ${oldEmail} because it is the address of your StockFlow account.`}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        On {formatUtcDateTime(requestedAt)} someone signed in to your StockFlow account asked to change its email
        address from {oldEmail} to {newEmail}. Nothing changes until the new address confirms it from the link sent
        there.
      </Text>
      <Text style={paragraph}>
        If this wasn&apos;t you, change your password now (or ask for a reset link from the sign-in page): that cancels
        the change and signs everyone else out. Then tell your company administrator.
      </Text>
    </EmailLayout>
  );
}

EmailChangeRequestedEmail.PreviewProps = {
  name: "Dana Reyes",
  oldEmail: "dana@old.example.com",
  newEmail: "dana@new.example.com",
  requestedAt: "2026-11-24T14:05:00.000Z",
} satisfies EmailChangeRequestedProps;
