import { Text } from "@react-email/components";
import { z } from "zod";
import { EmailLayout, paragraph } from "./components/layout";
import { absoluteUrl, singleLine } from "./fields";

export const companyStatusSchema = z.strictObject({
  companyName: singleLine(120),
  status: z.enum(["ACTIVE", "SUSPENDED"]),
  signInUrl: absoluteUrl,
});

export type CompanyStatusProps = z.infer<typeof companyStatusSchema>;

export const companyStatusSubject = ({ companyName, status }: CompanyStatusProps) =>
  status === "ACTIVE" ? `${companyName} is active on StockFlow` : `${companyName} is suspended on StockFlow`;

export default function CompanyStatusEmail({ companyName, status, signInUrl }: CompanyStatusProps) {
  const active = status === "ACTIVE";
  return (
    <EmailLayout
      preview={active ? `${companyName} is ready to use` : `${companyName} has been suspended`}
      heading={active ? `${companyName} is active` : `${companyName} is suspended`}
      action={{ label: active ? "Sign in" : "Go to StockFlow", href: signInUrl }}
      reason={`You received this email because you are an administrator of ${companyName} on StockFlow.`}
    >
      {active ? (
        <Text style={paragraph}>
          {companyName} has been approved (or reactivated) by the StockFlow team. You and your team can sign in and use
          it now.
        </Text>
      ) : (
        <>
          <Text style={paragraph}>
            The StockFlow team has suspended {companyName}. While it is suspended, nobody can sign in to it; its data is
            kept as it is.
          </Text>
          <Text style={paragraph}>
            Contact the StockFlow team if you think this is a mistake. Other companies you belong to are not affected.
          </Text>
        </>
      )}
    </EmailLayout>
  );
}

CompanyStatusEmail.PreviewProps = {
  companyName: "Acme Hardware",
  status: "ACTIVE",
  signInUrl: "http://localhost:3000/login",
} satisfies CompanyStatusProps;
