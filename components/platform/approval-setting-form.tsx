"use client";

import { useActionState } from "react";
import { FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (
  state: FormState<{ requireCompanyApproval: boolean }>,
  form: FormData,
) => Promise<FormState<{ requireCompanyApproval: boolean }>>;

/** The platform setting "new companies need approval": says what holds now and offers the opposite. */
export function ApprovalSettingForm({
  action,
  requireCompanyApproval,
}: {
  action: Action;
  requireCompanyApproval: boolean;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <FormMessage
        state={state}
        success={
          state?.ok && state.data.requireCompanyApproval
            ? "Saved: new companies now wait for approval."
            : "Saved: new companies can now start straight away."
        }
      />
      <p className="text-sm text-slate-600">
        {requireCompanyApproval
          ? "On: a company that signs up waits until a platform administrator approves it."
          : "Off: a company that signs up can start using StockFlow straight away."}
      </p>
      <input type="hidden" name="requireCompanyApproval" value={String(!requireCompanyApproval)} />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        {requireCompanyApproval ? "Stop requiring approval" : "Require approval for new companies"}
      </SubmitButton>
    </form>
  );
}
