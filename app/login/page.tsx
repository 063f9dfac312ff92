import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { AuthCard } from "@/components/layout/auth-card";
import { getSessionUser } from "@/lib/auth/context";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "password-reset": "Your password was changed. Sign in with the new one.",
  "signed-out": "You are signed out.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; notice?: string | string[] }>;
}) {
  const { callbackUrl, notice } = await searchParams;
  const target = safeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await getSessionUser()) redirect(target);
  return (
    <AuthCard title="Sign in to StockFlow">
      <LoginForm callbackUrl={target} notice={typeof notice === "string" ? NOTICES[notice] : undefined} />
      <p className="mt-4 border-t border-slate-200 pt-4 text-sm text-slate-600">
        Need help?{" "}
        <Link href="/contact" className="text-brand-700 underline">
          Contact us
        </Link>
      </p>
    </AuthCard>
  );
}
