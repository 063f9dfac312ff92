"use client";

// Every tenant form carries the company its page was rendered for (docs/architecture.md §3, "Forms"): the signed-in
// layout provides the session's company, <CompanyField /> inside the form sends it, and tenantAction refuses the submit
// when the session has moved to another company since (another tab opened a link of that company, or switched).
import { createContext, useContext, useState, type ReactNode } from "react";
import { COMPANY_FIELD } from "@/lib/form-company";

const FormCompanyContext = createContext<string | null>(null);

/** The session's company, for the forms below (app/(app)/layout.tsx). */
export function FormCompanyProvider({ companyId, children }: { companyId: string; children: ReactNode }) {
  return <FormCompanyContext value={companyId}>{children}</FormCompanyContext>;
}

/**
 * The company a form was first rendered for. Kept for the form's lifetime: a refresh of the page under a half-filled
 * form (live updates, after another tab switched) does not move the form to the new company. None outside the layout.
 */
export function useFormCompany(): string | null {
  const current = useContext(FormCompanyContext);
  const [companyId] = useState(current);
  return companyId;
}

/** The hidden field that says which company a tenant form is for; rendered inside every tenant `<form>`. */
export function CompanyField() {
  const companyId = useFormCompany();
  return companyId ? <input type="hidden" name={COMPANY_FIELD} value={companyId} /> : null;
}
