"use client";

import { useActionState, useId, useState } from "react";
import { ROLE_LABELS } from "@/components/layout/navigation";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { fieldErrors, formError, type FormAction } from "@/components/ui/form-state";
import { RoleSelect } from "./role-select";

export interface MemberChanged {
  name: string;
  role: Role;
  active: boolean;
}

export interface PasswordReset {
  email: string;
}

export interface MemberActionSet {
  changeRole: FormAction<MemberChanged>;
  deactivate: FormAction<MemberChanged>;
  reactivate: FormAction<MemberChanged>;
  resetPassword: FormAction<PasswordReset>;
}

interface MemberActionsProps {
  member: { membershipId: string; name: string; role: Role; active: boolean; isYou: boolean };
  actions: MemberActionSet;
}

/** One member's controls: role, access to this company, and (for others) a temporary password. */
export function MemberActions({ member, actions }: MemberActionsProps) {
  const id = useId();
  const [roleState, roleAction] = useActionState(actions.changeRole, null);
  const [deactivateState, deactivateAction] = useActionState(actions.deactivate, null);
  const [reactivateState, reactivateAction] = useActionState(actions.reactivate, null);
  const [resetState, resetAction] = useActionState(actions.resetPassword, null);
  // The role and access forms share one message line: it speaks of the one submitted last.
  const [last, setLast] = useState<"role" | "deactivate" | "reactivate">("role");
  const rowState = { role: roleState, deactivate: deactivateState, reactivate: reactivateState }[last];
  const rowError = formError(rowState, []);
  const resetError = formError(resetState, ["temporaryPassword"]);
  const hidden = <input type="hidden" name="membershipId" value={member.membershipId} />;
  // After a refused change the role chosen stays chosen (the action echoes it; re-keyed, the select keeps it through
  // React's reset of the form), so trying again saves it instead of the role the member has.
  const role = (roleState?.values?.role as Role | undefined) ?? member.role;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-2">
        <form action={roleAction} onSubmit={() => setLast("role")} className="flex flex-wrap items-end gap-2">
          <CompanyField />
          {hidden}
          <RoleSelect
            key={role}
            id={`${id}-role`}
            label={`Role for ${member.name}`}
            hideLabel
            defaultValue={role}
            className="w-36"
          />
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Change role<span className="sr-only"> for {member.name}</span>
          </SubmitButton>
        </form>
        <form
          action={member.active ? deactivateAction : reactivateAction}
          onSubmit={() => setLast(member.active ? "deactivate" : "reactivate")}
        >
          <CompanyField />
          {hidden}
          <SubmitButton
            variant={member.active ? "ghost" : "secondary"}
            pendingLabel={member.active ? "Deactivating…" : "Reactivating…"}
          >
            {member.active ? "Deactivate" : "Reactivate"}
            <span className="sr-only"> {member.name}</span>
          </SubmitButton>
        </form>
      </div>
      {rowState?.ok && (
        <Alert tone="success">
          {last === "role"
            ? `${rowState.data.name} is now ${article(rowState.data.role)} ${ROLE_LABELS[rowState.data.role]}.`
            : rowState.data.active
              ? `${rowState.data.name} can use this company again.`
              : `${rowState.data.name} can no longer use this company. Their account and any other companies are unchanged.`}
        </Alert>
      )}
      {rowError && <Alert tone="error">{rowError}</Alert>}

      {!member.isYou && (
        <details className="group rounded-lg border border-slate-200 p-3 open:bg-slate-50">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">
            Set a temporary password<span className="sr-only"> for {member.name}</span>
          </summary>
          <form action={resetAction} className="mt-3 space-y-3" noValidate>
            <CompanyField />
            {hidden}
            {resetState?.ok && (
              <Alert tone="success">
                Temporary password set for {resetState.data.email}. They were signed out everywhere and choose a new
                password when they next sign in.
              </Alert>
            )}
            {resetError && <Alert tone="error">{resetError}</Alert>}
            <TextField
              id={`${id}-password`}
              name="temporaryPassword"
              type="password"
              label="Temporary password"
              autoComplete="new-password"
              hint="Only for people who belong to your company alone. Others reset their password by email."
              errors={fieldErrors(resetState, "temporaryPassword")}
            />
            <SubmitButton variant="secondary" pendingLabel="Setting…">
              Set temporary password
            </SubmitButton>
          </form>
        </details>
      )}
    </div>
  );
}

const article = (role: Role) => (role === "ADMIN" ? "an" : "a");
