"use client";

import { useActionState, useEffect, useRef } from "react";
import { Card } from "@/components/ui/card";
import { FormMessage, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * A request opened from an email link that belongs to another of the person's companies: the page switches
 * there by itself (once, on arrival) and comes back to the request. The button is the way when scripts are off
 * or the switch failed.
 */
export function SwitchCompanyPrompt({
  action,
  companyId,
  companyName,
  next,
}: {
  action: FormAction<null>;
  companyId: string;
  companyName: string;
  /** Where to go after switching: the request's own page. */
  next: string;
}) {
  const [state, formAction] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);

  useEffect(() => {
    // Once: a second mount (Strict Mode) or a failed switch must not loop.
    if (submitted.current) return;
    submitted.current = true;
    formRef.current?.requestSubmit();
  }, []);

  return (
    <div className="mx-auto max-w-xl">
      <Card>
        <h1 className="text-xl font-bold text-slate-900">This request is in {companyName}</h1>
        <p className="mt-2 text-slate-600">
          Switch to {companyName} to open it. You are taken back to the request once the switch is done.
        </p>
        <form ref={formRef} action={formAction} className="mt-4 space-y-3">
          <input type="hidden" name="companyId" value={companyId} />
          <input type="hidden" name="next" value={next} />
          <FormMessage state={state} />
          <SubmitButton pendingLabel={`Switching to ${companyName}…`}>Switch to {companyName}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
