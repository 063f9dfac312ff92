"use client";

import { useActionState } from "react";
import { FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export interface CompanyOption {
  companyId: string;
  companyName: string;
  roleLabel: string;
}

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

/** Switches the active company; the role shown and enforced is the one in the company chosen. */
export function CompanySwitcher({
  action,
  companies,
  currentId,
}: {
  action: Action;
  companies: CompanyOption[];
  currentId: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-2">
      <FormMessage state={state} />
      <label htmlFor="switch-company" className="block text-sm font-medium text-slate-800">
        Company
      </label>
      <div className="flex gap-2">
        <select
          // Remounted when the company changes under it (a switch made elsewhere, e.g. opening a request of
          // another company): the layout persists across navigations, and a default value is read only once.
          key={currentId}
          id="switch-company"
          name="companyId"
          defaultValue={currentId}
          className="min-h-10 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 text-sm"
        >
          {companies.map((company) => (
            <option key={company.companyId} value={company.companyId}>
              {company.companyName} ({company.roleLabel})
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" pendingLabel="Switching…">
          Switch
        </SubmitButton>
      </div>
    </form>
  );
}
