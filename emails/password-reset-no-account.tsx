import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { isoDateTime } from "./fields";
import { formatUtcDateTime } from "./format";

// "Forgot your password?" for an address with no active account: the request does the same work as for an
// account (lib/accounts/request-password-reset.ts), so this is the email it sends. It carries no link and nothing
// anyone typed, so it is no way to mail a stranger anything but this notice.
export const passwordResetNoAccountSchema = z.strictObject({
  requestedAt: isoDateTime,
});

export type PasswordResetNoAccountProps = z.infer<typeof passwordResetNoAccountSchema>;

export const passwordResetNoAccountSubject = () => "About your StockFlow password reset request";

export default function PasswordResetNoAccountEmail({ requestedAt }: PasswordResetNoAccountProps) {
  return (
    <EmailLayout
      preview="No active StockFlow account uses this address"
      heading="No account with this address"
      reason="You received this email because someone asked to reset a StockFlow password for this address."
    >
      <Text style={paragraph}>Hello,</Text>
      <Text style={paragraph}>
        On {formatUtcDateTime(requestedAt)} someone asked to reset the StockFlow password of this address, but no active
        account uses it. If it was you, you may have signed up with another address, or your company&apos;s admin may
        have deactivated your account.
      </Text>
      <Text style={paragraph}>If you did not ask for this, ignore this email: nothing was changed.</Text>
    </EmailLayout>
  );
}

PasswordResetNoAccountEmail.PreviewProps = {
  requestedAt: "2026-11-24T14:05:00.000Z",
} satisfies PasswordResetNoAccountProps;
