import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { passwordResetLinkState } from "@/lib/accounts/reset-password";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await passwordResetLinkState(token);
  if (state !== "valid") {
    return (
      <AuthCard title="This link cannot be used">
        <div className="space-y-4">
          <Alert tone="error">
            {state === "used"
              ? "This reset link was already used."
              : state === "expired"
                ? "This reset link has expired: links work for one hour."
                : "This reset link is not valid."}
          </Alert>
          <ButtonLink href="/forgot-password" className="w-full">
            Ask for a new link
          </ButtonLink>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <ResetPasswordForm action={resetPasswordAction} token={token} />
    </AuthCard>
  );
}
