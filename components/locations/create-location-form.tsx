"use client";

import { useActionState, useId } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LocationChanged } from "./location-actions";

const FIELDS = ["name", "code"];

/**
 * A new warehouse, site or bin. A refused add or one the network dropped (keptWhenUnanswered) shows what was typed;
 * sent again, an add that did reach the server is refused for its name (unique per company): never a second location.
 */
export function CreateLocationForm({ action }: { action: FormAction<LocationChanged> }) {
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const values = state?.values;
  return (
    <form onChange={clearOnEdit} action={formAction} aria-label="Add a location" className="space-y-4" noValidate>
      <CompanyField />
      <FormMessage
        state={state}
        fields={FIELDS}
        success={state?.ok ? `Added the location ${state.data.name}.` : undefined}
      />
      <TextField
        key={`name-${values?.name ?? ""}`}
        id={`${id}-name`}
        name="name"
        label="Name"
        autoComplete="off"
        required
        maxLength={80}
        defaultValue={values?.name}
        errors={fieldErrors(state, "name")}
      />
      <TextField
        key={`code-${values?.code ?? ""}`}
        id={`${id}-code`}
        name="code"
        label="Code (optional)"
        hint="A short label for shelves and pick lists, e.g. WH or A-12."
        autoComplete="off"
        maxLength={32}
        defaultValue={values?.code}
        errors={fieldErrors(state, "code")}
      />
      <SubmitButton pendingLabel="Adding…">Add location</SubmitButton>
    </form>
  );
}
