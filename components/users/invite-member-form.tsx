"use client";

import { useActionState, useId } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { fieldErrors, formError, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { RoleSelect } from "./role-select";

export interface InvitationSent {
  email: string;
  role: Role;
  expiresAt: Date;
  replacedPending: boolean;
}

const expiry = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * Invite by email: the person gets a link that works once, for 72 hours. A send the network dropped keeps the email
 * and role (keptWhenUnanswered); sent again, an invitation that did go out is replaced — one link works, and the
 * success says the earlier one no longer does.
 */
export function InviteMemberForm({ action }: { action: FormAction<InvitationSent> }) {
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const error = formError(state, ["email", "role"]);
  return (
    <form onChange={clearOnEdit} action={formAction} aria-label="Invite by email" className="space-y-4" noValidate>
      <CompanyField />
      {state?.ok && (
        <Alert tone="success">
          Invitation sent to <strong>{state.data.email}</strong> as {ROLE_LABELS[state.data.role]}
          {state.data.replacedPending ? " (the earlier link no longer works)" : ""}. It works until{" "}
          {expiry.format(new Date(state.data.expiresAt))} UTC.
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        key={`email-${state?.values?.email ?? ""}`}
        id={`${id}-email`}
        name="email"
        type="email"
        label="Email"
        autoComplete="off"
        inputMode="email"
        required
        defaultValue={state?.values?.email}
        errors={fieldErrors(state, "email")}
      />
      <RoleSelect
        key={`role-${state?.values?.role ?? ""}`}
        id={`${id}-role`}
        label="Role"
        defaultValue={(state?.values?.role as Role | undefined) ?? "STAFF"}
        errors={fieldErrors(state, "role")}
      />
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </form>
  );
}
