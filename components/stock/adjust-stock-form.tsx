"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { DeviceDraftFrame } from "@/components/offline/device-draft-frame";
import { draftKey, type DraftScope } from "@/components/offline/device-draft-storage";
import { useDeviceDraft, type DeviceDraft } from "@/components/offline/use-device-draft";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { operationSpent, useOperationId } from "@/components/ui/operation-id";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { quantityHint, type CountedIn } from "@/lib/products/quantity-hint";

export interface StockAdjustedView {
  product: { name: string; unit: string };
  location: { name: string };
  mode: "set" | "change";
  before: number;
  after: number;
  change: number;
}

const FIELDS = ["locationId", "mode", "quantity", "reason"];
const count = new Intl.NumberFormat("en-US");
const signed = (n: number) => (n > 0 ? `+${count.format(n)}` : `−${count.format(-n)}`);

export function adjustedMessage(result: StockAdjustedView): string {
  const { product, location } = result;
  if (result.mode === "set") {
    return `Set ${product.name} at ${location.name} to ${count.format(result.after)} (was ${count.format(result.before)}, ${signed(result.change)}).`;
  }
  const verb = result.change > 0 ? "Added" : "Removed";
  return `${verb} ${count.format(Math.abs(result.change))} × ${product.name} at ${location.name} (now ${count.format(result.after)}).`;
}

interface AdjustStockFormProps {
  action: FormAction<StockAdjustedView>;
  productId: string;
  /** The product's unit and pack size: the quantity's hint says how it is counted. */
  countedIn: CountedIn;
  /** Made when the page was rendered: a retry of the same submit books nothing twice. */
  operationId: string;
  locations: { id: string; name: string; onHand: number; available: number }[];
  defaultLocationId?: string;
  /** Whose draft this is: the page's signed-in person and company. */
  draftScope: DraftScope;
}

/**
 * Correct one product's stock at one location: set it to a counted value, or change it by an amount. What is typed
 * is kept as a draft on the device (with its operation id) until the server accepts it, and a dropped connection
 * leaves the form on screen (docs/architecture.md, "Drafts on the device").
 */
export function AdjustStockForm(props: AdjustStockFormProps) {
  const draft = useDeviceDraft(draftKey(props.draftScope, "stock-adjust", props.productId));
  return (
    <DeviceDraftFrame draft={draft}>
      <AdjustStockFields {...props} draft={draft} />
    </DeviceDraftFrame>
  );
}

/**
 * Every control is held in state and the form is never reset by its action, so what a refused submit showed is what
 * the next one sends (the mode above all: a "change by 3" must never be saved as "set to 3"). A success clears the
 * amount and the reason, keeps the location and the mode, and makes the next adjustment a new operation.
 */
function AdjustStockFields({
  action,
  productId,
  countedIn,
  operationId: firstOperationId,
  locations,
  defaultLocationId,
  draft,
}: AdjustStockFormProps & { draft: DeviceDraft }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  // A refused submit that came back without JavaScript starts the form from what was sent; otherwise a draft may.
  const [start] = useState(() => state?.values ?? draft.start ?? undefined);
  const operationId = useOperationId(start?.operationId || firstOperationId, state, operationSpent(state));
  const [locationId, setLocationId] = useState(
    locations.find((location) => location.id === start?.locationId)?.id ?? defaultLocationId ?? locations[0]?.id ?? "",
  );
  const [mode, setMode] = useState<"set" | "change">(start?.mode === "change" ? "change" : "set");
  const [quantity, setQuantity] = useState(start?.quantity ?? "");
  const [reason, setReason] = useState(start?.reason ?? "");
  const [handled, setHandled] = useState(state);
  if (state !== handled) {
    setHandled(state);
    if (state?.ok) {
      setQuantity("");
      setReason("");
    }
  }
  const { track, accepted } = draft;
  useEffect(() => {
    if (state?.ok) accepted();
  }, [state, accepted]);
  useEffect(() => {
    track({ operationId, locationId, mode, quantity, reason }, quantity.trim() !== "" || reason.trim() !== "");
  }, [track, operationId, locationId, mode, quantity, reason]);
  const modeErrors = fieldErrors(state, "mode");
  return (
    <form
      onChange={clearOnEdit}
      action={formAction}
      onSubmit={submitWithoutReset(formAction)}
      aria-label="Adjust stock"
      className="space-y-4"
      noValidate
    >
      <CompanyField />
      <FormMessage state={state} fields={FIELDS} success={state?.ok ? adjustedMessage(state.data) : undefined} />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="operationId" value={operationId} />
      <SelectField
        id={`${id}-location`}
        name="locationId"
        label="Location"
        value={locationId}
        onChange={(event) => setLocationId(event.target.value)}
        errors={fieldErrors(state, "locationId")}
        options={locations.map((location) => ({
          value: location.id,
          label: `${location.name} — ${count.format(location.onHand)} on hand, ${count.format(location.available)} available`,
        }))}
      />
      <fieldset className="space-y-2" aria-describedby={modeErrors ? `${id}-mode-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Adjustment</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {(
            [
              ["set", "Set to what was counted"],
              ["change", "Change by an amount (+ or −)"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
                className="size-4 accent-brand-600"
              />
              {label}
            </label>
          ))}
        </div>
        {modeErrors && (
          <p id={`${id}-mode-error`} className="text-sm text-red-700">
            {modeErrors.join(" ")}
          </p>
        )}
      </fieldset>
      <TextField
        id={`${id}-quantity`}
        name="quantity"
        label={mode === "set" ? "Counted quantity" : "Change by"}
        hint={[
          mode === "set" ? "What is there now, in whole units." : "A whole number: 5 adds five, -3 removes three.",
          quantityHint(countedIn),
        ]
          .filter(Boolean)
          .join(" ")}
        inputMode={mode === "set" ? "numeric" : "text"}
        autoComplete="off"
        required
        value={quantity}
        onChange={(event) => setQuantity(event.target.value)}
        errors={fieldErrors(state, "quantity")}
      />
      <TextAreaField
        id={`${id}-reason`}
        name="reason"
        label="Reason"
        hint="Required, 3 to 500 characters: what an auditor reads next to the change."
        maxLength={500}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        errors={fieldErrors(state, "reason")}
      />
      <SubmitButton pendingLabel="Saving…">Save adjustment</SubmitButton>
    </form>
  );
}
