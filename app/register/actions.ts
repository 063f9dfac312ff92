"use server";

import { redirect } from "next/navigation";
import type { RegisterFormState, RegisterValues } from "@/components/register/register-form";
import { publicAction } from "@/lib/action";
import { registerCompany } from "@/lib/accounts/register-company";
import { startSession } from "@/lib/auth/session-token";

export async function registerAction(_state: RegisterFormState, form: FormData): Promise<RegisterFormState> {
  // Every posted field reaches the schema, which refuses unknown ones (role, companyId, status…); only React's
  // own $ACTION_ fields are left out.
  const input = Object.fromEntries([...form.entries()].filter(([key]) => !key.startsWith("$ACTION")));
  const result = await publicAction(async (request) => {
    const registered = await registerCompany(input, request);
    await startSession(registered.claims, request);
  });
  // The dashboard sends the admin of a company waiting for approval on to /company-status.
  if (result.ok) redirect("/dashboard");
  const text = (key: keyof RegisterValues) => {
    const value = input[key];
    return typeof value === "string" ? value : "";
  };
  const values: RegisterValues = {
    companyName: text("companyName"),
    name: text("name"),
    email: text("email"),
    timeZone: text("timeZone"),
    currency: text("currency"),
  };
  return { ...result, values };
}
