"use client";

import Link from "next/link";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export type LoginState = { error?: string; email?: string } | undefined;

export function LoginForm({
  action,
  callbackUrl,
}: {
  action: (state: LoginState, formData: FormData) => Promise<LoginState>;
  callbackUrl?: string;
}) {
  const [state, formAction] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.error && <Alert tone="error">{state.error}</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="username"
        inputMode="email"
        required
        defaultValue={state?.email}
      />
      <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline">
          Forgot your password?
        </Link>
        <Link href="/register" className="text-brand-700 underline">
          Create a company account
        </Link>
      </div>
    </form>
  );
}
