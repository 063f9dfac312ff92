"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

import { PASSWORD_MIN } from "@/lib/auth/password-policy";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

/** Current password, then the new one twice. Used for the forced first-login change and from the profile. */
export function ChangePasswordForm({
  action,
  submitLabel = "Change password",
}: {
  action: Action;
  submitLabel?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} success="Your password was changed." />
      <TextField
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "currentPassword")}
      />
      <TextField
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters; not a common password.`}
        required
        errors={fieldErrors(state, "newPassword")}
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
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
