import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, isoDateTime, singleLine } from "./fields";
import { formatUtcDateTime } from "./format";

export const passwordChangedSchema = z.strictObject({
  name: singleLine(120),
  changedAt: isoDateTime,
  signInUrl: absoluteUrl,
});

export type PasswordChangedProps = z.infer<typeof passwordChangedSchema>;

export const passwordChangedSubject = () => "Your StockFlow password was changed";

export default function PasswordChangedEmail({ name, changedAt, signInUrl }: PasswordChangedProps) {
  return (
    <EmailLayout
      preview="Your StockFlow password was changed"
      heading="Your password was changed"
      action={{ label: "Go to sign-in", href: signInUrl }}
      reason="You received this security notice because the password of the StockFlow account with this address changed."
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        The password of your StockFlow account was changed on {formatUtcDateTime(changedAt)}.
      </Text>
      <Text style={paragraph}>
        If this was you, there is nothing else to do. If this wasn&apos;t you, reset your password now: choose
        &ldquo;Forgot your password?&rdquo; on the sign-in page, then tell your company administrator.
      </Text>
    </EmailLayout>
  );
}

PasswordChangedEmail.PreviewProps = {
  name: "Dana Reyes",
  changedAt: "2026-11-24T14:05:00.000Z",
  signInUrl: "http://localhost:3000/login",
} satisfies PasswordChangedProps;
