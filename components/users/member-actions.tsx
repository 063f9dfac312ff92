"use client";

import { useActionState, useId, useState } from "react";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { fieldErrors, formError, type FormAction, type FormState } from "@/components/ui/form-state";
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

/**
 * One member's controls: role, access to this company (deactivating asks first, docs/architecture.md "Decisions on
 * a phone"), and (for others) a temporary password.
 */
export function MemberActions({ member, actions }: MemberActionsProps) {
  const id = useId();
  const [roleState, roleAction] = useActionState(actions.changeRole, null);
  // Deactivating asks first (a dialog naming what happens); the dialog closes once it worked. Deactivating and
  // reactivating set the member's access, so a press the network dropped (keptWhenUnanswered) can go again.
  const [confirming, setConfirming] = useState(false);
  const deactivate = keptWhenUnanswered(actions.deactivate, { nothingTyped: true });
  const [deactivateState, deactivateAction] = useActionState<FormState<MemberChanged>, FormData>(
    async (state, formData) => {
      const result = await deactivate(state, formData);
      if (result?.ok) setConfirming(false);
      return result;
    },
    null,
  );
  const [reactivateState, reactivateAction] = useActionState(
    keptWhenUnanswered(actions.reactivate, { nothingTyped: true }),
    null,
  );
  const [resetState, resetAction] = useActionState(actions.resetPassword, null);
  // The role and access forms share one message line: it speaks of the one submitted last.
  const [last, setLast] = useState<"role" | "deactivate" | "reactivate">("role");
  const rowState = { role: roleState, deactivate: deactivateState, reactivate: reactivateState }[last];
  const rowError = formError(rowState, []);
  // A refused deactivation is said in the dialog still open, not twice.
  const errorInDialog = confirming && last === "deactivate" && rowError !== undefined;
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
        {member.active ? (
          <Button type="button" variant="ghost" aria-haspopup="dialog" onClick={() => setConfirming(true)}>
            Deactivate<span className="sr-only"> {member.name}</span>
          </Button>
        ) : (
          <form action={reactivateAction} onSubmit={() => setLast("reactivate")}>
            <CompanyField />
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Reactivating…">
              Reactivate<span className="sr-only"> {member.name}</span>
            </SubmitButton>
          </form>
        )}
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
      {rowError && !errorInDialog && <Alert tone="error">{rowError}</Alert>}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Deactivate ${member.name}?`}
        description={
          member.isYou
            ? "You can no longer use this company; another admin can give you access again. Your account and any other companies are unchanged."
            : `${member.name} can no longer use this company until an admin reactivates them. Their account and any other companies are unchanged.`
        }
      >
        <form action={deactivateAction} onSubmit={() => setLast("deactivate")} className="space-y-3">
          <CompanyField />
          {hidden}
          {errorInDialog && <Alert tone="error">{rowError}</Alert>}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              Keep access
            </Button>
            <SubmitButton variant="danger" pendingLabel="Deactivating…">
              Deactivate
            </SubmitButton>
          </div>
        </form>
      </Dialog>

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
