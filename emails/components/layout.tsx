// The frame every StockFlow email shares: the header, one call to action, and a footer telling the reader why
// they got the message. Inline styles only (mail clients drop stylesheets); the plain-text part is derived
// from this HTML, so every link is also written out as text.
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";

export interface EmailAction {
  label: string;
  /** Absolute URL. */
  href: string;
}

export interface EmailLayoutProps {
  /** The inbox preview line. */
  preview: string;
  heading: string;
  /** The main button; security notices that have nothing to click leave it out. */
  action?: EmailAction;
  /** Why this person got this email, in one or two sentences. */
  reason: string;
  children: ReactNode;
}

const colors = { brand: "#0f766e", text: "#1f2937", muted: "#6b7280", border: "#e5e7eb", page: "#f3f4f6" };
const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export const paragraph = { color: colors.text, fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" };

export function EmailLayout({ preview, heading, action, reason, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: font, margin: 0, padding: "24px 0" }}>
        <Container
          style={{
            backgroundColor: "#ffffff",
            border: `1px solid ${colors.border}`,
            borderRadius: "8px",
            maxWidth: "560px",
            padding: "32px",
          }}
        >
          <Text
            style={{
              color: colors.brand,
              fontSize: "20px",
              fontWeight: 700,
              letterSpacing: "-0.01em",
              margin: "0 0 24px",
            }}
          >
            StockFlow
          </Text>
          <Heading as="h1" style={{ color: colors.text, fontSize: "22px", lineHeight: "30px", margin: "0 0 16px" }}>
            {heading}
          </Heading>
          {children}
          {action && (
            <Section style={{ margin: "24px 0" }}>
              <Button
                href={action.href}
                style={{
                  backgroundColor: colors.brand,
                  borderRadius: "6px",
                  color: "#ffffff",
                  fontSize: "15px",
                  fontWeight: 600,
                  padding: "12px 20px",
                  textDecoration: "none",
                }}
              >
                {action.label}
              </Button>
              {/* The plain-text part already has the link next to the button's label. */}
              <Text
                data-skip-in-text="true"
                style={{ ...paragraph, color: colors.muted, fontSize: "13px", lineHeight: "20px", margin: "16px 0 0" }}
              >
                If the button does not work, copy this link into your browser:{" "}
                <Link href={action.href} style={{ color: colors.brand, wordBreak: "break-all" }}>
                  {action.href}
                </Link>
              </Text>
            </Section>
          )}
          <Hr style={{ borderColor: colors.border, margin: "24px 0 16px" }} />
          <Text style={{ color: colors.muted, fontSize: "12px", lineHeight: "18px", margin: 0 }}>
            {reason} StockFlow — inventory and order approvals.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
