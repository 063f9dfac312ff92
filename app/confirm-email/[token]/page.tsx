import type { Metadata } from "next";
import { ConfirmEmailForm, EmailConfirmed } from "@/components/auth/email-confirmation";
import { UnusableLink } from "@/components/auth/unusable-link";
import { AuthCard } from "@/components/layout/auth-card";
import { readEmailConfirmationLink } from "@/lib/accounts/email-confirmation";
import { confirmEmailAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your email address", referrer: "no-referrer" };

export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { state, confirmed } = await readEmailConfirmationLink(token);
  // Also what the page shows when it is rendered again right after the button worked.
  if (confirmed) {
    return (
      <AuthCard title="Email address confirmed">
        <EmailConfirmed {...confirmed} />
      </AuthCard>
    );
  }
  if (state !== "valid") {
    const reason =
      state === "used"
        ? "This confirmation link was already used, or a newer one replaced it."
        : state === "expired"
          ? "This confirmation link has expired."
          : "This confirmation link is not valid.";
    return (
      <UnusableLink
        reason={`${reason} Sign in to send yourself a new one.`}
        next={{ href: "/login", label: "Sign in" }}
      />
    );
  }
  return (
    <AuthCard title="Confirm your email address">
      <ConfirmEmailForm action={confirmEmailAction} token={token} />
    </AuthCard>
  );
}
