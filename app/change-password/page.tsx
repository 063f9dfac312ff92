import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { AuthCard } from "@/components/layout/auth-card";
import { Alert } from "@/components/ui/alert";
import { requireSignedIn } from "@/lib/auth/context";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ChangePasswordPage() {
  const session = await requireSignedIn();
  return (
    <AuthCard title="Choose a new password">
      <div className="mb-4">
        <Alert tone="info">
          {session.mustChangePassword
            ? "You signed in with a temporary password. Choose your own before you continue."
            : "Choose a new password. Your other sessions will be signed out."}
        </Alert>
      </div>
      <ChangePasswordForm action={changePasswordAction} submitLabel="Save and continue" />
    </AuthCard>
  );
}
