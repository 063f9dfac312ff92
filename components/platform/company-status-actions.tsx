"use client";

import { useActionState, useCallback, useRef, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Button } from "@/components/ui/button";
import { FormMessage, type FormState } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { useDecisionNotice } from "./decision-notice";

import {
  COMPANY_STATUS_CHANGES,
  COMPANY_STATUS_LABELS,
  statusChangesFor,
  type CompanyStatus,
  type CompanyStatusChange,
} from "@/lib/platform/company-status-changes";

interface Changed {
  companyId: string;
  companyName: string;
  status: CompanyStatus;
  emailed: number;
}

type Action = (state: FormState<Changed>, form: FormData) => Promise<FormState<Changed>>;

function successMessage({ companyName, status, emailed }: Changed): string {
  const told =
    emailed === 0
      ? "It has no active admin to email."
      : emailed === 1
        ? "Its admin was emailed."
        : `Its ${emailed} admins were emailed.`;
  return `${companyName} is now ${COMPANY_STATUS_LABELS[status].toLowerCase()}. ${told}`;
}

/** The status changes a company allows; a refused one says why beside them. */
export function CompanyStatusActions({
  action,
  companyId,
  companyName,
  status,
}: {
  action: Action;
  companyId: string;
  companyName: string;
  status: CompanyStatus;
}) {
  const notify = useDecisionNotice();
  // A change the network dropped says so here and can go again (keptWhenUnanswered): the write is conditional on the
  // status it starts from, so a second arrival changes nothing and is answered as already made.
  const change = keptWhenUnanswered(action, { nothingTyped: true });
  const [state, formAction] = useActionState<FormState<Changed>, FormData>(async (previous, form) => {
    const result = await change(previous, form);
    if (result?.ok) notify(successMessage(result.data));
    return result;
  }, null);
  return (
    <div className="space-y-2 md:max-w-xs">
      {/* A refusal shows here; a decision made is confirmed by DecisionNotices, which outlives this row. */}
      <FormMessage state={state} />
      {/* Keyed by status: a half-open confirmation does not survive the change it was for. */}
      <ChangeButtons
        key={status}
        formAction={formAction}
        companyId={companyId}
        companyName={companyName}
        status={status}
      />
    </div>
  );
}

function ChangeForm({
  formAction,
  companyId,
  change,
  children,
  variant,
}: {
  formAction: (form: FormData) => void;
  companyId: string;
  change: CompanyStatusChange;
  children: React.ReactNode;
  variant?: "primary" | "secondary" | "danger";
}) {
  return (
    <form action={formAction}>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="change" value={change} />
      <SubmitButton variant={variant} pendingLabel="Saving…">
        {children}
      </SubmitButton>
    </form>
  );
}

function ChangeButtons({
  formAction,
  companyId,
  companyName,
  status,
}: {
  formAction: (form: FormData) => void;
  companyId: string;
  companyName: string;
  status: CompanyStatus;
}) {
  // Suspending locks a whole company out, so it asks once more; focus follows the question and comes back.
  const [confirming, setConfirming] = useState(false);
  const returnFocus = useRef(false);
  const focusCancel = useCallback((node: HTMLButtonElement | null) => node?.focus(), []);
  const focusSuspend = useCallback((node: HTMLButtonElement | null) => {
    if (node && returnFocus.current) {
      returnFocus.current = false;
      node.focus();
    }
  }, []);
  const changes = statusChangesFor(status);

  if (confirming) {
    return (
      <div
        role="group"
        aria-label={`Suspend ${companyName}?`}
        className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3"
      >
        <p className="text-sm text-red-900">
          Suspend {companyName}? Nobody can use it until it is reactivated; its admins are emailed.
        </p>
        <div className="flex flex-wrap gap-2">
          <ChangeForm formAction={formAction} companyId={companyId} change="suspend" variant="danger">
            Yes, suspend
          </ChangeForm>
          <Button
            type="button"
            variant="ghost"
            ref={focusCancel}
            onClick={() => {
              returnFocus.current = true;
              setConfirming(false);
            }}
          >
            Cancel
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-wrap gap-2">
      {changes.map((change) =>
        change === "suspend" ? (
          <Button key={change} type="button" variant="secondary" ref={focusSuspend} onClick={() => setConfirming(true)}>
            Suspend…
          </Button>
        ) : (
          <ChangeForm key={change} formAction={formAction} companyId={companyId} change={change}>
            {COMPANY_STATUS_CHANGES[change].label}
          </ChangeForm>
        ),
      )}
    </div>
  );
}
