"use client";

import { useActionState, useId, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, formError, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export interface LocationChanged {
  id: string;
  name: string;
  isDefault: boolean;
  archived: boolean;
}

export interface LocationActionSet {
  rename: FormAction<LocationChanged>;
  archive: FormAction<LocationChanged>;
  restore: FormAction<LocationChanged>;
  setDefault: FormAction<LocationChanged>;
}

type Last = "default" | "archive" | "restore";

/** One location's controls for managers: make it the default, archive or restore it, rename it. */
export function LocationActions({
  location,
  actions,
}: {
  location: { id: string; name: string; isDefault: boolean; archived: boolean };
  actions: LocationActionSet;
}) {
  const id = useId();
  // A rename the network dropped keeps the new name typed (keptWhenUnanswered); sent again, it sets the same name. A
  // dropped press says so on the row's message line; pressed again, it sets the same state (archived, active, default).
  const [renameState, renameAction] = useActionState(keptWhenUnanswered(actions.rename), null);
  const [defaultState, defaultAction] = useActionState(
    keptWhenUnanswered(actions.setDefault, { nothingTyped: true }),
    null,
  );
  const [archiveState, archiveAction] = useActionState(
    keptWhenUnanswered(actions.archive, { nothingTyped: true }),
    null,
  );
  const [restoreState, restoreAction] = useActionState(
    keptWhenUnanswered(actions.restore, { nothingTyped: true }),
    null,
  );
  // The buttons share one message line: it speaks of the one pressed last.
  const [last, setLast] = useState<Last>("default");
  const rowState = { default: defaultState, archive: archiveState, restore: restoreState }[last];
  const rowError = formError(rowState, []);
  const renameError = formError(renameState, ["name"]);
  const hidden = <input type="hidden" name="locationId" value={location.id} />;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {!location.archived && !location.isDefault && (
          <form action={defaultAction} onSubmit={() => setLast("default")}>
            <CompanyField />
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Saving…">
              Make default<span className="sr-only"> location: {location.name}</span>
            </SubmitButton>
          </form>
        )}
        {!location.archived && !location.isDefault && (
          <form action={archiveAction} onSubmit={() => setLast("archive")}>
            <CompanyField />
            {hidden}
            <SubmitButton variant="ghost" pendingLabel="Archiving…">
              Archive<span className="sr-only"> {location.name}</span>
            </SubmitButton>
          </form>
        )}
        {location.archived && (
          <form action={restoreAction} onSubmit={() => setLast("restore")}>
            <CompanyField />
            {hidden}
            <SubmitButton variant="secondary" pendingLabel="Restoring…">
              Restore<span className="sr-only"> {location.name}</span>
            </SubmitButton>
          </form>
        )}
      </div>
      {rowState?.ok && (
        <Alert tone="success">
          {last === "default"
            ? `${rowState.data.name} is now the default location.`
            : last === "archive"
              ? `${rowState.data.name} is archived: it no longer appears in stock pickers.`
              : `${rowState.data.name} is in use again.`}
        </Alert>
      )}
      {rowError && <Alert tone="error">{rowError}</Alert>}

      <details className="rounded-lg border border-slate-200 p-3 open:bg-slate-50">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">
          Rename<span className="sr-only"> {location.name}</span>
        </summary>
        <form action={renameAction} className="mt-3 space-y-3" noValidate>
          <CompanyField />
          {hidden}
          {renameState?.ok && <Alert tone="success">Renamed to {renameState.data.name}.</Alert>}
          {renameError && <Alert tone="error">{renameError}</Alert>}
          <TextField
            key={`name-${renameState?.values?.name ?? location.name}`}
            id={`${id}-name`}
            name="name"
            label="New name"
            autoComplete="off"
            maxLength={80}
            defaultValue={renameState?.values?.name ?? location.name}
            errors={fieldErrors(renameState, "name")}
          />
          <SubmitButton variant="secondary" pendingLabel="Renaming…">
            Save name
          </SubmitButton>
        </form>
      </details>
    </div>
  );
}
