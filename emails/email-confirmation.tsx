import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, emailAddress, singleLine } from "./fields";
import { formatMinutes } from "./format";

export const emailConfirmationSchema = z.strictObject({
  name: singleLine(120),
  email: emailAddress,
  /** A new address for an existing account (EMAIL_CHANGE) rather than the account's own first confirmation. */
  change: z.boolean(),
  confirmUrl: absoluteUrl,
  expiresInMinutes: z
    .int()
    .min(1)
    .max(7 * 24 * 60),
});

export type EmailConfirmationProps = z.infer<typeof emailConfirmationSchema>;

export const emailConfirmationSubject = ({ change }: EmailConfirmationProps) =>
  change ? "Confirm your new StockFlow email address" : "Confirm your StockFlow email address";

/** Sent to the address to confirm: opening the link proves it reaches its owner (issue 12, item 3). */
export default function EmailConfirmationEmail({
  name,
  email,
  change,
  confirmUrl,
  expiresInMinutes,
}: EmailConfirmationProps) {
  return (
    <EmailLayout
      preview={change ? "Confirm your new email address" : "Confirm your email address"}
      heading={change ? "Confirm your new email address" : "Confirm your email address"}
      action={{ label: "Confirm email address", href: confirmUrl }}
      reason={`You received this email because ${email} was entered as the address of a StockFlow account.`}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        {change
          ? `Confirm ${email} as your new StockFlow address: until you do, sign-in and notifications keep using your current one.`
          : `Confirm ${email} to receive your company's notifications and to invite your team.`}{" "}
        The link works once and expires in {formatMinutes(expiresInMinutes)}.
      </Text>
      <Text style={paragraph}>If you did not ask for this, ignore this email: nothing changes.</Text>
    </EmailLayout>
  );
}

EmailConfirmationEmail.PreviewProps = {
  name: "Dana Reyes",
  email: "dana@example.com",
  change: false,
  confirmUrl: "http://localhost:3000/confirm-email/preview-token",
  expiresInMinutes: 48 * 60,
} satisfies EmailConfirmationProps;
