import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, singleLine } from "./fields";
import { formatMinutes } from "./format";

export const passwordResetSchema = z.strictObject({
  name: singleLine(120),
  resetUrl: absoluteUrl,
  expiresInMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
});

export type PasswordResetProps = z.infer<typeof passwordResetSchema>;

export const passwordResetSubject = () => "Reset your StockFlow password";

export default function PasswordResetEmail({ name, resetUrl, expiresInMinutes }: PasswordResetProps) {
  return (
    <EmailLayout
      preview="A link to choose a new StockFlow password"
      heading="Reset your password"
      action={{ label: "Choose a new password", href: resetUrl }}
      reason="You received this email because someone asked to reset the password of the StockFlow account with this address."
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        Use the button below to choose a new password. The link works once and expires in{" "}
        {formatMinutes(expiresInMinutes)}.
      </Text>
      <Text style={paragraph}>If you did not ask for this, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  );
}

PasswordResetEmail.PreviewProps = {
  name: "Dana Reyes",
  resetUrl: "http://localhost:3000/reset-password?token=preview-token",
  expiresInMinutes: 60,
} satisfies PasswordResetProps;
