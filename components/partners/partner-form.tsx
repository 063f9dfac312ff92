"use client";

import Link from "@/components/ui/link";
import { useActionState, useId } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { PARTNER_FIELD_NAMES, PARTNER_NAME_MAX } from "@/lib/partners/partner-fields";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";

export interface PartnerFormValues {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  notes: string;
}

const EMPTY: PartnerFormValues = { name: "", contactName: "", email: "", phone: "", notes: "" };

type PartnerFormProps = {
  kind: PartnerKind;
  action: FormAction<{ id: string }>;
  cancelHref: string;
} & ({ mode: "create" } | { mode: "edit"; partner: PartnerFormValues & { id: string; version: number } });

/**
 * Add or edit a supplier or customer. Uncontrolled fields: after a refused submission the action echoes what was sent
 * and each field, keyed on it, comes back with it (docs/architecture.md §3 "Forms"), as after a send the network
 * dropped (keptWhenUnanswered); field errors sit beside their fields, anything else (a CONFLICT naming who changed it,
 * "StockFlow did not answer — you're offline") above.
 */
export function PartnerForm(props: PartnerFormProps) {
  // Sent again after a dropped send, the version (an edit) or the name, unique among the kind (a new one), keeps it
  // from counting twice.
  const [result, formAction] = useActionState(keptWhenUnanswered(props.action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const words = PARTNER_WORDS[props.kind];
  const initial = props.mode === "edit" ? props.partner : EMPTY;
  const values: PartnerFormValues = { ...initial, ...state?.values };
  const text = (
    name: keyof PartnerFormValues,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>> = {},
  ) => (
    <TextField
      key={`${name}-${values[name]}`}
      id={`${id}-${name}`}
      name={name}
      label={label}
      defaultValue={values[name]}
      errors={fieldErrors(state, name)}
      autoComplete="off"
      {...extra}
    />
  );

  return (
    <form
      onChange={clearOnEdit}
      action={formAction}
      aria-label={props.mode === "create" ? `New ${words.one}` : `Edit ${words.one}`}
      className="space-y-6"
      noValidate
    >
      <CompanyField />
      <FormMessage state={state} fields={[...PARTNER_FIELD_NAMES]} />
      <input type="hidden" name="kind" value={props.kind} />
      {props.mode === "edit" && (
        <>
          <input type="hidden" name="id" value={props.partner.id} />
          <input type="hidden" name="version" value={props.partner.version} />
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Name", {
          required: true,
          maxLength: PARTNER_NAME_MAX,
          hint: `Unique among your ${words.many}, whatever the letter case.`,
        })}
        {text("contactName", "Contact person", { maxLength: 120 })}
        {text("email", "Email", { type: "email", inputMode: "email", maxLength: 254 })}
        {text("phone", "Phone", { type: "tel", inputMode: "tel", maxLength: 40 })}
      </div>
      <TextAreaField
        key={`notes-${values.notes}`}
        id={`${id}-notes`}
        name="notes"
        label="Notes"
        maxLength={2000}
        hint="Opening hours, delivery terms, account numbers: anything your team should know."
        defaultValue={values.notes}
        errors={fieldErrors(state, "notes")}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={props.mode === "create" ? "Adding…" : "Saving…"}>
          {props.mode === "create" ? `Add ${words.one}` : "Save changes"}
        </SubmitButton>
        <Link href={props.cancelHref} className="text-sm font-medium text-slate-700 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
