"use client";

import { useActionState, useEffect, useId, type FormEvent } from "react";
import { DeviceDraftFrame } from "@/components/offline/device-draft-frame";
import { draftKey, type DraftScope } from "@/components/offline/device-draft-storage";
import { useDeviceDraft, type DeviceDraft } from "@/components/offline/use-device-draft";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { operationSpent, useOperationId } from "@/components/ui/operation-id";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { quantityHint, type CountedIn } from "@/lib/products/quantity-hint";

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

interface TransferStockFormProps {
  action: FormAction<StockTransferredView>;
  productId: string;
  /** The product's unit and pack size: the quantity's hint says how it is counted. */
  countedIn: CountedIn;
  /** Made when the page was rendered: a retry of the same submit moves nothing twice. */
  operationId: string;
  locations: { id: string; name: string; available: number }[];
  /** Whose draft this is: the page's signed-in person and company. */
  draftScope: DraftScope;
}

/** The fields a transfer's draft keeps, as its submit sends them. */
const DRAFTED = ["operationId", "fromLocationId", "toLocationId", "quantity", "note"];

/**
 * Move stock of one product between two active locations. What is typed is kept as a draft on the device (with its
 * operation id) until the server accepts it (docs/architecture.md, "Drafts on the device").
 */
export function TransferStockForm(props: TransferStockFormProps) {
  const draft = useDeviceDraft(draftKey(props.draftScope, "stock-transfer", props.productId));
  return (
    <DeviceDraftFrame draft={draft}>
      <TransferStockFields {...props} draft={draft} />
    </DeviceDraftFrame>
  );
}

/**
 * The controls are not held in state: each is re-keyed from the values a refused submit sent (or a draft held), so
 * the form shows, and sends again, exactly those.
 */
function TransferStockFields({
  action,
  productId,
  countedIn,
  operationId: firstOperationId,
  locations,
  draft,
}: TransferStockFormProps & { draft: DeviceDraft }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  // Once the server has answered, the answer decides what the fields show: a refusal its values, a success nothing —
  // never the restored draft again, which a second tap would book a second time.
  const values = result ? result.values : (draft.start ?? undefined);
  const operationId = useOperationId(values?.operationId || firstOperationId, state, operationSpent(state));
  const known = (locationId: string | undefined) => locations.find((location) => location.id === locationId)?.id;
  // Sensible starting points: from where most is available, to the first other location.
  const from = known(values?.fromLocationId) ?? [...locations].sort((x, y) => y.available - x.available)[0]?.id;
  const to = known(values?.toLocationId) ?? locations.find((location) => location.id !== from)?.id;
  const { track, accepted } = draft;
  useEffect(() => {
    if (state?.ok) accepted();
  }, [state, accepted]);

  function keepDraft(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const typed = Object.fromEntries(DRAFTED.map((name) => [name, String(data.get(name) ?? "")]));
    track(typed, typed.quantity!.trim() !== "" || typed.note!.trim() !== "");
  }

  return (
    <form
      action={formAction}
      onChange={(event) => {
        keepDraft(event);
        clearOnEdit(event);
      }}
      aria-label="Transfer stock"
      className="space-y-4"
      noValidate
    >
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
        hint={["Whole units, at least 1.", quantityHint(countedIn)].filter(Boolean).join(" ")}
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
