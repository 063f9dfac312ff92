"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

export function ForgotPasswordForm({ action }: { action: Action }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      <FormMessage
        state={state}
        success="If an account uses that address, we have sent it a link to choose a new password. It works for one hour."
      />
      <TextField
        key={`email-${state?.values?.email ?? ""}`}
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state?.values?.email}
        errors={fieldErrors(state, "email")}
      />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Send reset link
      </SubmitButton>
      <p className="text-sm">
        <Link href="/login" className="text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
