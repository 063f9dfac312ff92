"use server";

import { redirect } from "next/navigation";
import type { LoginState } from "@/components/auth/login-form";
import { signInWithCredentials } from "@/lib/auth/sign-in";

export async function loginAction(_state: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get("email") ?? "");
  const result = await signInWithCredentials({
    email,
    password: String(formData.get("password") ?? ""),
    callbackUrl: String(formData.get("callbackUrl") ?? "") || undefined,
  });
  if (!result.ok) return { error: result.message, email };
  redirect(result.redirectTo);
}
