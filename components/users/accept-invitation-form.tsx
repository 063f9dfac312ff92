"use client";

import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldErrors, formError, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";

/** A new person accepts: their name and a password; the account is created and they are signed in. */
export function AcceptInvitationForm({ email, action }: { email: string; action: FormAction<null> }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const error = formError(state, ["name", "password", "confirmPassword"]);
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      <TextField id="invite-email" label="Email" type="email" value={email} readOnly autoComplete="username" />
      <TextField
        key={`name-${state?.values?.name ?? ""}`}
        id="invite-name"
        name="name"
        label="Your name"
        autoComplete="name"
        required
        defaultValue={state?.values?.name}
        errors={fieldErrors(state, "name")}
      />
      <NewPasswordFields state={state} label="Password" confirmLabel="Confirm password" idPrefix="invite-" />
      <SubmitButton pendingLabel="Joining…" className="w-full">
        Create account and join
      </SubmitButton>
    </form>
  );
}
