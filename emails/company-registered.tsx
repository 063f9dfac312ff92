import { Link, Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, singleLine } from "./fields";

// Two shapes, picked by the company's status at sign-up: an active company gets the dashboard and its first steps,
// a pending one the page that shows its status. Neither carries the other's links.
const common = {
  /** The new admin, who registered the company. */
  name: singleLine(120),
  companyName: singleLine(120),
};

export const companyRegisteredSchema = z.discriminatedUnion("status", [
  z.strictObject({
    ...common,
    status: z.literal("ACTIVE"),
    dashboardUrl: absoluteUrl,
    /** Products: add them one at a time, or import a CSV file. */
    importUrl: absoluteUrl,
    usersUrl: absoluteUrl,
    settingsUrl: absoluteUrl,
  }),
  z.strictObject({
    ...common,
    status: z.literal("PENDING"),
    /** The page that says the company is waiting for approval. */
    statusUrl: absoluteUrl,
  }),
]);

export type CompanyRegisteredProps = z.infer<typeof companyRegisteredSchema>;
type ActiveProps = Extract<CompanyRegisteredProps, { status: "ACTIVE" }>;
type PendingProps = Extract<CompanyRegisteredProps, { status: "PENDING" }>;

export const companyRegisteredSubject = ({ companyName, status }: CompanyRegisteredProps) =>
  status === "ACTIVE"
    ? `Welcome to StockFlow — ${companyName} is ready`
    : `We received your sign-up for ${companyName}`;

const linkStyle = { color: "#0f766e" };

/** Sent to the person who registered a company, right after the sign-up. */
export default function CompanyRegisteredEmail(props: CompanyRegisteredProps) {
  return props.status === "ACTIVE" ? <ActiveCompany {...props} /> : <PendingCompany {...props} />;
}

const reason = (companyName: string) =>
  `You received this email because you registered ${companyName} on StockFlow with this address.`;

function ActiveCompany(props: ActiveProps) {
  const { name, companyName, dashboardUrl, importUrl, usersUrl, settingsUrl } = props;
  return (
    <EmailLayout
      preview={companyRegisteredSubject(props)}
      heading={`${companyName} is ready`}
      action={{ label: "Open your dashboard", href: dashboardUrl }}
      reason={reason(companyName)}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        Welcome to StockFlow. {companyName} is set up with a default warehouse, and you are its admin. A few things to
        do first:
      </Text>
      <Text style={paragraph}>
        1.{" "}
        <Link href={importUrl} style={linkStyle}>
          Add your products
        </Link>{" "}
        — one at a time, or a whole list at once from a CSV file.
        <br />
        2.{" "}
        <Link href={usersUrl} style={linkStyle}>
          Invite your team
        </Link>{" "}
        — choose what each person may do.
        <br />
        3.{" "}
        <Link href={settingsUrl} style={linkStyle}>
          Set your approval rules
        </Link>{" "}
        — which requests need a manager&apos;s approval before stock moves.
      </Text>
    </EmailLayout>
  );
}

function PendingCompany(props: PendingProps) {
  const { name, companyName, statusUrl } = props;
  return (
    <EmailLayout
      preview={companyRegisteredSubject(props)}
      heading={`${companyName} is waiting for approval`}
      action={{ label: "See its status", href: statusUrl }}
      reason={reason(companyName)}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        We received your sign-up for {companyName}. A StockFlow platform administrator reviews each new company before
        it can be used.
      </Text>
      <Text style={paragraph}>
        You will get an email at this address as soon as {companyName} is active. There is nothing else you need to do
        until then.
      </Text>
    </EmailLayout>
  );
}

CompanyRegisteredEmail.PreviewProps = {
  name: "Dana Reyes",
  companyName: "Acme Hardware",
  status: "ACTIVE",
  dashboardUrl: "http://localhost:3000/dashboard",
  importUrl: "http://localhost:3000/products/import",
  usersUrl: "http://localhost:3000/users",
  settingsUrl: "http://localhost:3000/settings",
} satisfies CompanyRegisteredProps;
