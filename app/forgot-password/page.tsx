import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { AuthCard } from "@/components/layout/auth-card";
import { forgotPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Reset your password">
      <p className="mb-4 text-sm text-slate-600">
        Enter your email and we will send you a link to choose a new password.
      </p>
      <ForgotPasswordForm action={forgotPasswordAction} />
    </AuthCard>
  );
}
