"use client";

import { useActionState } from "react";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";

export interface DuplicateResolved {
  sku: string;
  barcode: string | null;
}

interface DuplicateResolveFormProps {
  product: { id: string; version: number; name: string; sku: string; barcode: string | null };
  action: FormAction<DuplicateResolved>;
}

/**
 * One flagged product's SKU and barcode, to give it values no other product has (letter case aside). What was typed
 * stays after a refusal (the inputs are uncontrolled, their defaults the values sent), with the clash beside it.
 */
export function DuplicateResolveForm({ product, action }: DuplicateResolveFormProps) {
  const [result, submit] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const values = state && !state.ok ? state.values : undefined;
  const prefix = `resolve-${product.id}`;
  return (
    <form onChange={clearOnEdit} action={submit} className="space-y-3" aria-label={`Resolve ${product.name}`}>
      <CompanyField />
      <input type="hidden" name="id" value={product.id} />
      <input type="hidden" name="version" value={product.version} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id={`${prefix}-sku`}
          name="sku"
          label="SKU"
          defaultValue={values?.sku ?? product.sku}
          errors={fieldErrors(state, "sku")}
          autoComplete="off"
        />
        <TextField
          id={`${prefix}-barcode`}
          name="barcode"
          label="Barcode"
          defaultValue={values?.barcode ?? product.barcode ?? ""}
          errors={fieldErrors(state, "barcode")}
          autoComplete="off"
        />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
      <div aria-live="polite">
        <FormMessage
          state={state}
          fields={["sku", "barcode"]}
          success={
            state?.ok
              ? `Saved: ${product.name} is now SKU ${state.data.sku}${state.data.barcode ? `, barcode ${state.data.barcode}` : ", no barcode"}.`
              : undefined
          }
        />
      </div>
    </form>
  );
}
