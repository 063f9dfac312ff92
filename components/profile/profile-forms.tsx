"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: FormState<null>, form: FormData) => Promise<FormState<null>>;

// After a refused save each form shows what was typed (the action echoes it, never a password): re-keyed with it as
// the default, the field keeps it through React's reset of the form after the action (facebook/react#30580).

export function NameForm({ action, name }: { action: Action; name: string }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const typed = state?.values?.name ?? name;
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} success="Your name was saved." />
      <TextField
        key={`name-${typed}`}
        id="name"
        name="name"
        label="Name"
        autoComplete="name"
        defaultValue={typed}
        required
        errors={fieldErrors(state, "name")}
      />
      <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>
    </form>
  );
}

/** Asks for a new address: it changes only once the link sent there is opened (the profile shows it pending). */
export function EmailForm({ action, email }: { action: FormAction<{ pendingEmail: string }>; email: string }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const typed = state?.values?.email ?? email;
  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      <FormMessage
        state={state}
        success={
          state?.ok
            ? `We sent a link to ${state.data.pendingEmail}: your address changes when you open it. Until then ${email} stays in use.`
            : undefined
        }
      />
      <TextField
        key={`email-${typed}`}
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        defaultValue={typed}
        required
        errors={fieldErrors(state, "email")}
      />
      <TextField
        id="email-current-password"
        name="currentPassword"
        type="password"
        label="Current password"
        hint="To change your email, confirm it is you."
        autoComplete="current-password"
        required
        errors={fieldErrors(state, "currentPassword")}
      />
      <SubmitButton pendingLabel="Saving…">Change email</SubmitButton>
    </form>
  );
}
