"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

import { PASSWORD_MIN } from "@/lib/auth/password-policy";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters; not a common password.`}
        required
        errors={fieldErrors(state, "password")}
      />
      <TextField
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label="Repeat the new password"
        autoComplete="new-password"
        required
        errors={fieldErrors(state, "confirmPassword")}
      />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
