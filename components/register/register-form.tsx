"use client";

import { NewPasswordFields } from "@/components/auth/new-password-fields";
import Link from "@/components/ui/link";
import { useActionState, useSyncExternalStore } from "react";
import { TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { fieldErrors, FormMessage } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionFailure } from "@/lib/errors";

/** What a person typed (never the passwords), shown again after a refused attempt. */
export type RegisterValues = {
  companyName: string;
  name: string;
  email: string;
  timeZone: string;
  currency: string;
};

/** Success redirects, so the form only ever gets a failure back. */
export type RegisterFormState = (ActionFailure & { values: RegisterValues }) | null;

type Action = (state: RegisterFormState, form: FormData) => Promise<RegisterFormState>;

export interface CurrencyOption {
  code: string;
  name: string;
}

const noSubscription = () => () => {};

/** The browser's time zone once hydrated; UTC on the server, which cannot know it. */
function useBrowserTimeZone(): string {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    () => "UTC",
  );
}

/** A new company and its first admin. Time zone defaults to the browser's, currency to US dollars. */
export function RegisterForm({
  action,
  timeZones,
  currencies,
}: {
  action: Action;
  timeZones: string[];
  currencies: CurrencyOption[];
}) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const browserZone = useBrowserTimeZone();
  const zone = state?.values.timeZone || browserZone;
  const currency = state?.values.currency || "USD";
  // A zone the server's list spells differently (an alias) is still offered, so the default always shows.
  const zones = timeZones.includes(zone) ? timeZones : [zone, ...timeZones];

  return (
    <form onChange={clearOnEdit} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <TextField
        id="companyName"
        name="companyName"
        label="Company name"
        autoComplete="organization"
        defaultValue={state?.values.companyName}
        required
        errors={fieldErrors(state, "companyName")}
      />
      <TextField
        id="name"
        name="name"
        label="Your name"
        autoComplete="name"
        defaultValue={state?.values.name}
        required
        errors={fieldErrors(state, "name")}
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        inputMode="email"
        defaultValue={state?.values.email}
        required
        errors={fieldErrors(state, "email")}
      />
      <NewPasswordFields state={state} label="Password" confirmLabel="Repeat the password" />
      {/* Keyed by the default: an uncontrolled select takes a new default only when it mounts again. */}
      <SelectField
        key={`zone:${zone}`}
        id="timeZone"
        name="timeZone"
        label="Time zone"
        hint="For daily charts and once-a-day emails. We picked your browser's."
        defaultValue={zone}
        errors={fieldErrors(state, "timeZone")}
      >
        {zones.map((name) => (
          <option key={name} value={name}>
            {name.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <SelectField
        key={`currency:${currency}`}
        id="currency"
        name="currency"
        label="Currency"
        hint="For prices and stock value."
        defaultValue={currency}
        errors={fieldErrors(state, "currency")}
      >
        {currencies.map(({ code, name }) => (
          <option key={code} value={code}>
            {code} — {name}
          </option>
        ))}
      </SelectField>
      <SubmitButton className="w-full" pendingLabel="Creating your company…">
        Create company account
      </SubmitButton>
      <p className="text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="text-brand-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
