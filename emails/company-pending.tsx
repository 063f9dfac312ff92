import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, emailAddress, isoDateTime, singleLine } from "./fields";
import { formatUtcDateTime } from "./format";

export const companyPendingSchema = z.strictObject({
  companyName: singleLine(120),
  /** The person who registered it (its first admin). */
  registrantName: singleLine(120),
  registrantEmail: emailAddress,
  /** The company's time zone, as chosen at sign-up ("Europe/Berlin"). */
  timeZone: singleLine(64),
  registeredAt: isoDateTime,
  platformUrl: absoluteUrl,
});

export type CompanyPendingProps = z.infer<typeof companyPendingSchema>;

export const companyPendingSubject = ({ companyName }: CompanyPendingProps) => `${companyName} is waiting for approval`;

/** Sent to every active platform administrator when a company signs up while the platform requires approval. */
export default function CompanyPendingEmail(props: CompanyPendingProps) {
  const { companyName, registrantName, registrantEmail, timeZone, registeredAt, platformUrl } = props;
  return (
    <EmailLayout
      preview={`${registrantName} registered ${companyName}`}
      heading={companyPendingSubject(props)}
      action={{ label: "Review companies", href: platformUrl }}
      reason="You received this because you are a StockFlow platform administrator and new companies need approval."
    >
      <Text style={paragraph}>
        A new company signed up. Nobody can use it until a platform administrator approves it.
      </Text>
      <Text style={paragraph}>
        Company: {companyName}
        <br />
        Registered by: {registrantName} ({registrantEmail})
        <br />
        Time zone: {timeZone}
        <br />
        Registered: {formatUtcDateTime(registeredAt)}
      </Text>
      <Text style={paragraph}>Once you approve it, its admin gets an email saying it is active.</Text>
    </EmailLayout>
  );
}

CompanyPendingEmail.PreviewProps = {
  companyName: "Acme Hardware",
  registrantName: "Dana Reyes",
  registrantEmail: "dana@acme-hardware.example",
  timeZone: "Europe/Berlin",
  registeredAt: "2026-11-24T14:05:00.000Z",
  platformUrl: "http://localhost:3000/platform",
} satisfies CompanyPendingProps;
