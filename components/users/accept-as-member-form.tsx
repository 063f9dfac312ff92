"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { formError, type FormAction } from "@/components/ui/form-state";

/** The signed-in owner of the invited address joins with the account they have. */
export function AcceptAsMemberForm({ companyName, action }: { companyName: string; action: FormAction<null> }) {
  const [state, formAction] = useActionState(action, null);
  const error = formError(state, []);
  return (
    <form action={formAction} className="space-y-4">
      {error && <Alert tone="error">{error}</Alert>}
      <SubmitButton pendingLabel="Joining…" className="w-full">
        Join {companyName}
      </SubmitButton>
    </form>
  );
}
