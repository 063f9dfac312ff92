"use client";

import { useActionState, useId } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { CompanyField } from "@/components/ui/company-field";
import { fieldAria, TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  COMPANY_NAME_MAX_LENGTH,
  type CompanySettings,
  type SettingOption,
} from "@/lib/companies/company-settings-fields";

const FIELDS = ["name", "timeZone", "currency", "requireSecondApprover", "lowStockAlerts", "staffSeeMoney"];

type Values = Record<(typeof FIELDS)[number], string>;

const CHECKBOXES = ["requireSecondApprover", "lowStockAlerts", "staffSeeMoney"];

/**
 * The values a failed save sent, to show again. An unticked box is not in a form's data: a failure's values without it
 * (those keptWhenUnanswered takes from the form data as sent) mean unticked, not the stored setting.
 */
function sentValues(state: FormState<CompanySettings>): Record<string, string> | undefined {
  if (!state || state.ok || !state.values) return undefined;
  return { ...Object.fromEntries(CHECKBOXES.map((name) => [name, ""])), ...state.values };
}

/** The settings the form shows: the newest of what the page loaded and what the last save returned. */
function shownSettings(state: FormState<CompanySettings>, loaded: CompanySettings): CompanySettings {
  return state?.ok && state.data.updatedAt > loaded.updatedAt ? state.data : loaded;
}

/** A setting that is on or off; the action reads a ticked box as "on" and a missing one as off. */
function SettingCheckbox({
  id,
  name,
  title,
  detail,
  defaultChecked,
  errors,
}: {
  id: string;
  name: string;
  title: string;
  detail?: string;
  defaultChecked: boolean;
  errors?: string[];
}) {
  return (
    <div className="space-y-1.5">
      <div className="flex min-h-11 items-start gap-3 py-1">
        <input
          id={id}
          name={name}
          type="checkbox"
          defaultChecked={defaultChecked}
          {...fieldAria({ id, label: title, errors })}
          className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-brand-600"
        />
        <label htmlFor={id} className="text-sm text-slate-800">
          <span className="font-medium">{title}</span>
          {detail && (
            <>
              <span className="sr-only"> — </span>
              <span className="mt-0.5 block text-slate-600">{detail}</span>
            </>
          )}
        </label>
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} className="pl-8 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The company's settings (admins only). It sends back the moment it loaded them, so a save over someone else's
 * newer change is refused (CONFLICT) instead of silently undoing it. After a refused save, or one the network dropped
 * (keptWhenUnanswered), the typed values come back (keyed inputs remount with them); field errors sit beside their
 * fields, anything else above. Sent again, a save that did reach the server is that CONFLICT: never applied twice.
 */
export function CompanySettingsForm({
  action,
  settings,
  timeZones,
  currencies,
}: {
  action: FormAction<CompanySettings>;
  settings: CompanySettings;
  timeZones: SettingOption[];
  currencies: { common: SettingOption[]; other: SettingOption[] };
}) {
  const [result, formAction] = useActionState(keptWhenUnanswered(action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const shown = shownSettings(state, settings);
  const values: Values = {
    name: shown.name,
    timeZone: shown.timeZone,
    currency: shown.currency,
    requireSecondApprover: shown.requireSecondApprover ? "on" : "",
    lowStockAlerts: shown.lowStockAlerts ? "on" : "",
    staffSeeMoney: shown.staffSeeMoney ? "on" : "",
    ...sentValues(state),
  };

  return (
    <form onChange={clearOnEdit} action={formAction} aria-label="Company settings" className="space-y-6" noValidate>
      <CompanyField />
      <FormMessage state={state} fields={FIELDS} success="Settings saved." />
      {state && !state.ok && state.code === "CONFLICT" && (
        // A full load, so every field shows what is stored now.
        <a href="/settings" className="inline-block text-sm font-medium text-brand-700 underline">
          Reload the settings
        </a>
      )}
      <input type="hidden" name="updatedAt" value={shown.updatedAt} />

      <TextField
        key={`name-${values.name}`}
        id={`${id}-name`}
        name="name"
        label="Company name"
        hint="Shown to everyone in your company, in the app and in emails."
        autoComplete="organization"
        required
        maxLength={COMPANY_NAME_MAX_LENGTH}
        defaultValue={values.name}
        errors={fieldErrors(state, "name")}
      />

      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <SelectField
          key={`timeZone-${values.timeZone}`}
          id={`${id}-timeZone`}
          name="timeZone"
          label="Time zone"
          hint="Days on the dashboard and once-a-day emails follow it."
          defaultValue={values.timeZone}
          options={timeZones}
          errors={fieldErrors(state, "timeZone")}
        />
        <SelectField
          key={`currency-${values.currency}`}
          id={`${id}-currency`}
          name="currency"
          label="Currency"
          hint="For prices and stock value."
          defaultValue={values.currency}
          errors={fieldErrors(state, "currency")}
        >
          <optgroup label="Common currencies">
            {currencies.common.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="All other currencies">
            {currencies.other.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        </SelectField>
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Requests and alerts</legend>
        <SettingCheckbox
          key={`requireSecondApprover-${values.requireSecondApprover}`}
          id={`${id}-requireSecondApprover`}
          name="requireSecondApprover"
          title="Require a second person to approve requests"
          detail="Managers and admins cannot approve their own requests."
          defaultChecked={values.requireSecondApprover === "on"}
          errors={fieldErrors(state, "requireSecondApprover")}
        />
        <SettingCheckbox
          key={`lowStockAlerts-${values.lowStockAlerts}`}
          id={`${id}-lowStockAlerts`}
          name="lowStockAlerts"
          title="Email managers when a product falls to its reorder point"
          defaultChecked={values.lowStockAlerts === "on"}
          errors={fieldErrors(state, "lowStockAlerts")}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">Who sees money</legend>
        <SettingCheckbox
          key={`staffSeeMoney-${values.staffSeeMoney}`}
          id={`${id}-staffSeeMoney`}
          name="staffSeeMoney"
          title="Staff see cost prices and stock values"
          detail="Managers and admins always do. Unticked, staff see no product's cost price, no price on restock requests and no stock value on the dashboard."
          defaultChecked={values.staffSeeMoney === "on"}
          errors={fieldErrors(state, "staffSeeMoney")}
        />
      </fieldset>

      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
