"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";

/** The owner of an existing account joins by confirming its password (they may have no company to sign in to). */
export function AcceptWithPasswordForm({
  email,
  companyName,
  action,
}: {
  email: string;
  companyName: string;
  action: FormAction<null>;
}) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} fields={["password"]} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="invitation-password"
        name="password"
        type="password"
        label="Your StockFlow password"
        hint={`You already have an account as ${email}.`}
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "password")}
      />
      <SubmitButton pendingLabel="Joining…" className="w-full">
        Join {companyName}
      </SubmitButton>
    </form>
  );
}
