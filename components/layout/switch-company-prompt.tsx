"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormMessage, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * A link into another of the person's companies (a request opened from an email): it asks before switching, since
 * the switch moves every open tab (docs/architecture.md §3, "Forms"). Switching is the person's own submit (a POST
 * through the switch action, never automatic) and comes back to the link's page; staying goes to the dashboard.
 */
export function SwitchCompanyPrompt({
  action,
  companyId,
  companyName,
  currentCompanyName,
  next,
}: {
  action: FormAction<null>;
  companyId: string;
  companyName: string;
  currentCompanyName: string;
  /** Where to go after switching: the link's own page. */
  next: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">This link is for {companyName}</h1>
        <p className="mt-2 text-slate-600">
          You are working in {currentCompanyName}. Switching moves your other tabs to {companyName} too: a form still
          open there for {currentCompanyName} is not sent until you reload it.
        </p>
        <form action={formAction} aria-label={`Switch to ${companyName}`} className="mt-4 space-y-3">
          <input type="hidden" name="companyId" value={companyId} />
          <input type="hidden" name="next" value={next} />
          <FormMessage state={state} />
          <div className="flex flex-wrap gap-3">
            <SubmitButton pendingLabel={`Switching to ${companyName}…`}>Switch to {companyName}</SubmitButton>
            <ButtonLink href="/dashboard" variant="secondary">
              Stay in {currentCompanyName}
            </ButtonLink>
          </div>
        </form>
      </Card>
    </div>
  );
}
