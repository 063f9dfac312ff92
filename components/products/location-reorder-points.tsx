"use client";

import { useActionState, useId } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Button } from "@/components/ui/button";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { formatQuantity } from "./labels";

/** What setting a location's reorder point came to (lib/stock/set-location-reorder-point.ts). */
export interface LocationPointSaved {
  locationName: string;
  reorderPoint: number | null;
  onHand: number;
  /** At or below the point now: "Low here". */
  low: boolean;
}

export interface LocationReorderPointsProps {
  productId: string;
  unit: string;
  /** The locations the product has a stock row at, with their own point (null: none). */
  stocked: { locationId: string; locationName: string; locationArchived: boolean; reorderPoint: number | null }[];
  /** Active locations without a stock row for it: a point set there makes the product stocked there. */
  others: { id: string; name: string }[];
  action: FormAction<LocationPointSaved>;
}

const FIELDS = ["locationId", "reorderPoint"];
const POINT_HINT = "Low here when the stock at this location is at or below it. Leave empty to clear it.";

function savedMessage(state: FormState<LocationPointSaved>, unit: string): string | undefined {
  if (!state?.ok) return undefined;
  const { locationName, reorderPoint, onHand, low } = state.data;
  if (reorderPoint === null) return `Reorder point at ${locationName} cleared: only the total is judged now.`;
  const stock = `${formatQuantity(onHand)} ${unit} on hand`;
  return `Reorder point at ${locationName} set to ${formatQuantity(reorderPoint)} ${unit}: ${low ? `low here now (${stock}).` : `${stock}, not low.`}`;
}

/**
 * A product's own reorder points per location (docs/architecture.md §5 "Low stock"), for managers: one small form per
 * location it is stocked at, and one to set a point where it is not stocked yet. The fields are uncontrolled and take
 * the values the action echoes after a refusal, or those sent when the network dropped the save (keptWhenUnanswered),
 * so what was typed (and the location chosen) survives React's reset. A point is set, not added: sent again, it is
 * the same point.
 */
export function LocationReorderPoints({ productId, unit, stocked, others, action }: LocationReorderPointsProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div>
        <h3 id={headingId} className="text-sm font-semibold text-slate-900">
          Reorder points here
        </h3>
        <p className="mt-1 text-sm text-slate-600">
          A location with its own reorder point shows &ldquo;Low here&rdquo; and appears on the To reorder page when its
          stock is at or below it, whatever the total.
        </p>
      </div>
      {stocked.length > 0 && (
        <ul className="space-y-3">
          {stocked
            .filter((level) => !level.locationArchived)
            .map((level) => (
              <li key={level.locationId} className="rounded-lg border border-slate-200 p-3">
                <LocationPointForm
                  productId={productId}
                  unit={unit}
                  location={{ id: level.locationId, name: level.locationName }}
                  reorderPoint={level.reorderPoint}
                  action={action}
                />
              </li>
            ))}
        </ul>
      )}
      <OtherLocationPointForm productId={productId} unit={unit} others={others} action={action} />
    </section>
  );
}

function LocationPointForm({
  productId,
  unit,
  location,
  reorderPoint,
  action,
}: {
  productId: string;
  unit: string;
  location: { id: string; name: string };
  reorderPoint: number | null;
  action: FormAction<LocationPointSaved>;
}) {
  const id = useId();
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const current = reorderPoint === null ? "" : String(reorderPoint);
  const value = state && !state.ok ? (state.values?.reorderPoint ?? current) : current;
  return (
    <form action={formAction} onChange={clearOnEdit} noValidate className="space-y-2">
      <CompanyField />
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="locationId" value={location.id} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <TextField
            key={`reorderPoint-${value}`}
            id={`${id}-point`}
            name="reorderPoint"
            label={`Reorder point at ${location.name} (${unit})`}
            inputMode="numeric"
            autoComplete="off"
            defaultValue={value}
            hint={POINT_HINT}
            errors={fieldErrors(state, "reorderPoint")}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <SubmitButton variant="secondary" pendingLabel="Saving…">
          Save <span className="sr-only">the reorder point at {location.name}</span>
        </SubmitButton>
        {reorderPoint !== null && (
          <Button type="submit" name="intent" value="clear" variant="ghost">
            Clear <span className="sr-only">the reorder point at {location.name}</span>
          </Button>
        )}
      </div>
      <FormMessage state={state} fields={FIELDS} success={savedMessage(state, unit)} />
    </form>
  );
}

function OtherLocationPointForm({
  productId,
  unit,
  others,
  action,
}: {
  productId: string;
  unit: string;
  others: { id: string; name: string }[];
  action: FormAction<LocationPointSaved>;
}) {
  const id = useId();
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const echoed = state && !state.ok ? state.values : undefined;
  const first = others[0];
  // The last location without stock got its point (the page refreshed without it): its message stays.
  if (!first) return state ? <FormMessage state={state} fields={FIELDS} success={savedMessage(state, unit)} /> : null;
  const locationId = echoed?.locationId ?? first.id;
  const point = echoed?.reorderPoint ?? "";
  return (
    <form
      action={formAction}
      onChange={clearOnEdit}
      noValidate
      aria-label="Reorder point at another location"
      className="space-y-2 rounded-lg border border-dashed border-slate-300 p-3"
    >
      <CompanyField />
      <input type="hidden" name="productId" value={productId} />
      <p className="text-sm font-medium text-slate-800">At a location without stock of it yet</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          key={`locationId-${locationId}`}
          id={`${id}-location`}
          name="locationId"
          label="Location"
          defaultValue={locationId}
          options={others.map((l) => ({ value: l.id, label: l.name }))}
          errors={fieldErrors(state, "locationId")}
        />
        <TextField
          key={`reorderPoint-${point}`}
          id={`${id}-point`}
          name="reorderPoint"
          label={`Reorder point there (${unit})`}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={point}
          errors={fieldErrors(state, "reorderPoint")}
        />
      </div>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Set reorder point
      </SubmitButton>
      <FormMessage state={state} fields={FIELDS} success={savedMessage(state, unit)} />
    </form>
  );
}
