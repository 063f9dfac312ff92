import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { UnusableLink } from "@/components/auth/unusable-link";
import { AuthCard } from "@/components/layout/auth-card";
import { passwordResetLinkState } from "@/lib/accounts/reset-password";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await passwordResetLinkState(token);
  if (state !== "valid") {
    return (
      <UnusableLink
        reason={
          state === "used"
            ? "This reset link was already used."
            : state === "expired"
              ? "This reset link has expired: links work for one hour."
              : "This reset link is not valid."
        }
        next={{ href: "/forgot-password", label: "Ask for a new link" }}
      />
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <ResetPasswordForm action={resetPasswordAction} token={token} />
    </AuthCard>
  );
}
