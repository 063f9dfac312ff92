import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, isoDateTime, singleLine } from "./fields";
import { formatUtcDateTime } from "./format";

export const invitationSchema = z.strictObject({
  companyName: singleLine(120),
  inviterName: singleLine(120),
  role: z.enum(["Admin", "Manager", "Staff"]),
  acceptUrl: absoluteUrl,
  expiresAt: isoDateTime,
});

export type InvitationProps = z.infer<typeof invitationSchema>;

export const invitationSubject = ({ companyName, inviterName }: InvitationProps) =>
  `${inviterName} invited you to ${companyName} on StockFlow`;

const article = (role: InvitationProps["role"]) => (role === "Admin" ? "an" : "a");

export default function InvitationEmail({ companyName, inviterName, role, acceptUrl, expiresAt }: InvitationProps) {
  return (
    <EmailLayout
      preview={`Join ${companyName} on StockFlow`}
      heading={`Join ${companyName} on StockFlow`}
      action={{ label: "Accept invitation", href: acceptUrl }}
      reason={`You received this email because ${inviterName} invited this address to ${companyName}. If you were not expecting it, ignore it and nothing happens.`}
    >
      <Text style={paragraph}>
        {inviterName} invited you to join {companyName} on StockFlow as {article(role)} {role}.
      </Text>
      <Text style={paragraph}>The invitation expires on {formatUtcDateTime(expiresAt)} and works once.</Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  companyName: "Acme Hardware",
  inviterName: "Dana Reyes",
  role: "Manager",
  acceptUrl: "http://localhost:3000/invitations/accept?token=preview-token",
  expiresAt: "2026-11-24T14:05:00.000Z",
} satisfies InvitationProps;
