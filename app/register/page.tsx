import type { Metadata } from "next";
import { AuthCard } from "@/components/layout/auth-card";
import { RegisterForm } from "@/components/register/register-form";
import { registerAction } from "./actions";

export const metadata: Metadata = { title: "Create a company account" };

// The choices the server accepts (lib/accounts/register-company.ts checks against the same Intl data).
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone")];
const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });
const CURRENCIES = Intl.supportedValuesOf("currency").map((code) => ({ code, name: currencyNames.of(code) ?? code }));

export default function RegisterPage() {
  return (
    <AuthCard title="Create a company account">
      <p className="mb-4 text-sm text-slate-600">
        Set up StockFlow for your company. You will be its admin and can invite your team afterwards.
      </p>
      <RegisterForm action={registerAction} timeZones={TIME_ZONES} currencies={CURRENCIES} />
    </AuthCard>
  );
}
