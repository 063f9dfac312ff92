"use client";

import { useActionState, useId } from "react";
import { Badge } from "@/components/ui/badge";
import { CompanyField } from "@/components/ui/company-field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { NotificationPreference } from "@/lib/notifications/notification-kinds";

/**
 * What the boxes show: after a save, what it stored; after a refused save, what was ticked (React resets a form
 * after its action, so the values come back from the action); otherwise what the page loaded.
 */
function shownPreferences(
  state: FormState<NotificationPreference[]>,
  loaded: NotificationPreference[],
): NotificationPreference[] {
  if (state?.ok) return state.data;
  const values = state?.values;
  if (!values) return loaded;
  return loaded.map((p) =>
    p.required || !Object.hasOwn(values, p.kind) ? p : { ...p, enabled: values[p.kind] === "on" },
  );
}

const fieldKey = (kind: string) => `preferences.${kind}`;

/**
 * The person's email choices in the active company: one checkbox per kind their role receives. Each optional kind
 * is named in a hidden `kind` field and sent as `enabled=<kind>` when ticked, so an unticked box still says "off".
 * Required kinds are shown ticked and locked ("Always sent") and are not sent at all.
 */
export function NotificationPreferencesForm({
  action,
  preferences,
}: {
  action: FormAction<NotificationPreference[]>;
  preferences: NotificationPreference[];
}) {
  const [state, formAction] = useActionState(action, null);
  const id = useId();
  const shown = shownPreferences(state, preferences);
  const fields = shown.map((p) => fieldKey(p.kind));

  return (
    <form action={formAction} aria-label="Email notifications" className="space-y-4" noValidate>
      <CompanyField />
      <FormMessage state={state} fields={fields} success="Your email choices were saved." />
      <ul className="space-y-2">
        {shown.map((p) => {
          const inputId = `${id}-${p.kind}`;
          const errors = fieldErrors(state, fieldKey(p.kind));
          const describedBy = [
            p.required && `${inputId}-always`,
            `${inputId}-detail`,
            errors?.length && `${inputId}-error`,
          ]
            .filter(Boolean)
            .join(" ");
          return (
            // Keyed by the value shown: after a save or a refusal the box remounts with it.
            <li key={`${p.kind}-${p.enabled}`} className="space-y-1.5">
              {!p.required && <input type="hidden" name="kind" value={p.kind} />}
              <div className="flex min-h-11 items-start gap-3 py-1">
                <input
                  id={inputId}
                  type="checkbox"
                  {...(p.required ? { disabled: true } : { name: "enabled", value: p.kind })}
                  defaultChecked={p.enabled}
                  aria-invalid={errors?.length ? true : undefined}
                  aria-describedby={describedBy}
                  className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-brand-600 disabled:opacity-60"
                />
                <div className="text-sm">
                  <label htmlFor={inputId} className="font-medium text-slate-800">
                    {p.label}
                  </label>
                  {p.required && (
                    <span id={`${inputId}-always`} className="ml-2">
                      <Badge tone="muted">Always sent</Badge>
                    </span>
                  )}
                  <p id={`${inputId}-detail`} className="mt-0.5 text-slate-600">
                    {p.description}
                  </p>
                </div>
              </div>
              {errors?.length ? (
                <p id={`${inputId}-error`} className="pl-8 text-sm text-red-700">
                  {errors.join(" ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <SubmitButton pendingLabel="Saving…">Save email choices</SubmitButton>
    </form>
  );
}
