"use client";

// Start a stocktake (docs/architecture.md §5 "Stocktake documents"): the location, whether it is blind, and when a
// counted line is recounted before booking. Every control is React state and the form is never reset by its action
// (submitWithoutReset), so a refused start — or one the network dropped (keptWhenUnanswered) — keeps the location,
// the blind choice and the thresholds as they were. Sent again, a start that did reach the server is a CONFLICT naming
// the stocktake now open at the location: never a second one.
import { useActionState, useId, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";

const FIELDS = ["locationId", "blind", "recountUnits", "recountPercent"];

export function StartStocktakeForm({
  action,
  locations,
  defaultLocationId,
}: {
  action: FormAction<{ id: string }>;
  locations: { id: string; name: string }[];
  defaultLocationId?: string;
}) {
  const id = useId();
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const [locationId, setLocationId] = useState(defaultLocationId ?? locations[0]?.id ?? "");
  const [blind, setBlind] = useState(false);
  const [recountUnits, setRecountUnits] = useState("");
  const [recountPercent, setRecountPercent] = useState("");
  const blindErrors = fieldErrors(state, "blind");
  return (
    <form
      action={formAction}
      onSubmit={submitWithoutReset(formAction)}
      onChange={clearOnEdit}
      aria-label="Start a stocktake"
      className="space-y-5"
      noValidate
    >
      <CompanyField />
      <FormMessage state={state} fields={FIELDS} />
      <SelectField
        id={`${id}-location`}
        name="locationId"
        label="Location"
        hint="Everything with stock recorded there is listed to count; anything else found on the shelf is added as it is counted."
        value={locationId}
        onChange={(event) => setLocationId(event.target.value)}
        errors={fieldErrors(state, "locationId")}
        options={locations.map((location) => ({ value: location.id, label: location.name }))}
      />
      <div className="space-y-1.5">
        <label className="flex min-h-11 items-start gap-3 text-sm text-slate-800">
          <input
            type="checkbox"
            name="blind"
            checked={blind}
            onChange={(event) => setBlind(event.target.checked)}
            aria-describedby={`${id}-blind-hint${blindErrors ? ` ${id}-blind-error` : ""}`}
            className="mt-0.5 size-5 accent-brand-600"
          />
          <span className="font-medium">Blind count</span>
        </label>
        <p id={`${id}-blind-hint`} className="text-sm text-slate-500">
          Nobody sees what the books expect, or any difference, until it is booked: the counts are what is on the shelf.
        </p>
        {blindErrors && (
          <p id={`${id}-blind-error`} className="text-sm text-red-700">
            {blindErrors.join(" ")}
          </p>
        )}
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Recount before booking</legend>
        <p className="text-sm text-slate-500">
          When counting finishes, a line whose difference is above every threshold you set is counted again before the
          stocktake can be booked. Leave both blank for no recounts; 0 units recounts any difference.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id={`${id}-units`}
            name="recountUnits"
            label="More than this many units"
            inputMode="numeric"
            autoComplete="off"
            value={recountUnits}
            onChange={(event) => setRecountUnits(event.target.value)}
            errors={fieldErrors(state, "recountUnits")}
          />
          <TextField
            id={`${id}-percent`}
            name="recountPercent"
            label="More than this % of what was expected"
            inputMode="numeric"
            autoComplete="off"
            value={recountPercent}
            onChange={(event) => setRecountPercent(event.target.value)}
            errors={fieldErrors(state, "recountPercent")}
          />
        </div>
      </fieldset>
      <SubmitButton pendingLabel="Starting…" className="w-full sm:w-auto">
        Start stocktake
      </SubmitButton>
    </form>
  );
}
