"use client";

import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

/** Current password, then the new one twice. Used for the forced first-login change and from the profile. */
export function ChangePasswordForm({
  action,
  submitLabel = "Change password",
}: {
  action: Action;
  submitLabel?: string;
}) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
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
      <NewPasswordFields state={state} name="newPassword" label="New password" confirmLabel="Repeat the new password" />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
