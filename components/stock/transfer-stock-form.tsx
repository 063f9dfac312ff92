"use client";

import { useActionState, useId } from "react";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { useOperationId } from "@/components/ui/operation-id";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";

export interface StockTransferredView {
  product: { name: string; unit: string };
  from: { name: string; onHand: number };
  to: { name: string; onHand: number };
  quantity: number;
}

const FIELDS = ["fromLocationId", "toLocationId", "quantity", "note"];
const count = new Intl.NumberFormat("en-US");

export function transferredMessage(result: StockTransferredView): string {
  return (
    `Moved ${count.format(result.quantity)} × ${result.product.name} from ${result.from.name} to ${result.to.name}` +
    ` (${result.from.name} now ${count.format(result.from.onHand)}, ${result.to.name} now ${count.format(result.to.onHand)}).`
  );
}

/**
 * Move stock of one product between two active locations. The controls are not held in state: each is re-keyed from
 * the values a refused submit sent, so the form shows, and sends again, exactly those.
 */
export function TransferStockForm({
  action,
  productId,
  operationId: firstOperationId,
  locations,
}: {
  action: FormAction<StockTransferredView>;
  productId: string;
  /** Made when the page was rendered: a retry of the same submit moves nothing twice. */
  operationId: string;
  locations: { id: string; name: string; available: number }[];
}) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const values = state?.values;
  const operationId = useOperationId(values?.operationId || firstOperationId, state, state?.ok === true);
  // Sensible starting points: from where most is available, to the first other location.
  const from = values?.fromLocationId ?? [...locations].sort((x, y) => y.available - x.available)[0]?.id;
  const to = values?.toLocationId ?? locations.find((location) => location.id !== from)?.id;
  return (
    <form onChange={clearOnEdit} action={formAction} aria-label="Transfer stock" className="space-y-4" noValidate>
      <CompanyField />
      <FormMessage state={state} fields={FIELDS} success={state?.ok ? transferredMessage(state.data) : undefined} />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="operationId" value={operationId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          key={`from-${from ?? ""}`}
          id={`${id}-from`}
          name="fromLocationId"
          label="From"
          defaultValue={from}
          errors={fieldErrors(state, "fromLocationId")}
          options={locations.map((location) => ({
            value: location.id,
            label: `${location.name} — ${count.format(location.available)} available`,
          }))}
        />
        <SelectField
          key={`to-${to ?? ""}`}
          id={`${id}-to`}
          name="toLocationId"
          label="To"
          defaultValue={to}
          errors={fieldErrors(state, "toLocationId")}
          options={locations.map((location) => ({ value: location.id, label: location.name }))}
        />
      </div>
      <TextField
        key={`quantity-${values?.quantity ?? ""}`}
        id={`${id}-quantity`}
        name="quantity"
        label="Quantity"
        hint="Whole units, at least 1."
        inputMode="numeric"
        autoComplete="off"
        required
        defaultValue={values?.quantity}
        errors={fieldErrors(state, "quantity")}
      />
      <TextAreaField
        key={`note-${values?.note ?? ""}`}
        id={`${id}-note`}
        name="note"
        label="Note (optional)"
        maxLength={500}
        defaultValue={values?.note}
        errors={fieldErrors(state, "note")}
      />
      <SubmitButton pendingLabel="Moving…">Move stock</SubmitButton>
    </form>
  );
}
