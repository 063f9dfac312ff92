import type { Metadata } from "next";
import { ConfirmEmailForm, EmailConfirmed } from "@/components/auth/email-confirmation";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
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
    return (
      <AuthCard title="This link cannot be used">
        <div className="space-y-4">
          <Alert tone="error">
            {state === "used"
              ? "This confirmation link was already used, or a newer one replaced it."
              : state === "expired"
                ? "This confirmation link has expired."
                : "This confirmation link is not valid."}{" "}
            Sign in to send yourself a new one.
          </Alert>
          <ButtonLink href="/login" className="w-full">
            Sign in
          </ButtonLink>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Confirm your email address">
      <ConfirmEmailForm action={confirmEmailAction} token={token} />
    </AuthCard>
  );
}
