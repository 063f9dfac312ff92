"use client";

import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { useActionState } from "react";
import { FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

export function ResetPasswordForm({ action, token }: { action: Action; token: string }) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordFields state={state} label="New password" confirmLabel="Repeat the new password" />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
