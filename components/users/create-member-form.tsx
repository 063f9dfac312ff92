"use client";

import { useActionState, useId } from "react";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { fieldErrors, formError, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { RoleSelect } from "./role-select";

export interface MemberCreated {
  name: string;
  email: string;
  role: Role;
}

const FIELDS = ["email", "name", "role", "temporaryPassword"];

/** For someone without an email inbox at hand: an account with a temporary password, changed at first sign-in. */
export function CreateMemberForm({ action }: { action: FormAction<MemberCreated> }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const error = formError(state, FIELDS);
  const values = state?.values;
  return (
    <form
      onChange={clearOnEdit}
      action={formAction}
      aria-label="Add with a temporary password"
      className="space-y-4"
      noValidate
    >
      <CompanyField />
      {state?.ok && (
        <Alert tone="success">
          Account created for <strong>{state.data.name}</strong> ({state.data.email}) as {ROLE_LABELS[state.data.role]}.
          Give them the temporary password in person: they choose their own when they first sign in.
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <TextField
        key={`email-${values?.email ?? ""}`}
        id={`${id}-email`}
        name="email"
        type="email"
        label="Email"
        autoComplete="off"
        inputMode="email"
        required
        defaultValue={values?.email}
        errors={fieldErrors(state, "email")}
      />
      <TextField
        key={`name-${values?.name ?? ""}`}
        id={`${id}-name`}
        name="name"
        label="Name"
        autoComplete="off"
        required
        defaultValue={values?.name}
        errors={fieldErrors(state, "name")}
      />
      <RoleSelect
        key={`role-${values?.role ?? ""}`}
        id={`${id}-role`}
        label="Role"
        defaultValue={(values?.role as Role | undefined) ?? "STAFF"}
        errors={fieldErrors(state, "role")}
      />
      <TextField
        id={`${id}-password`}
        name="temporaryPassword"
        type="password"
        label="Temporary password"
        autoComplete="new-password"
        hint="At least 8 characters, not a common password."
        required
        errors={fieldErrors(state, "temporaryPassword")}
      />
      <SubmitButton pendingLabel="Creating…">Create account</SubmitButton>
    </form>
  );
}
