"use client";

import { useActionState, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { formError, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { PARTNER_WORDS, type PartnerKind } from "@/lib/partners/partner-kinds";

export interface PartnerChanged {
  name: string;
  archived: boolean;
}

interface PartnerStatusFormProps {
  kind: PartnerKind;
  partner: { id: string; version: number; name: string; archived: boolean };
  archiveAction: FormAction<PartnerChanged>;
  restoreAction: FormAction<PartnerChanged>;
}

/** Archive an active supplier or customer or restore an archived one, at the version on screen; the outcome is said below. */
export function PartnerStatusForm({ kind, partner, archiveAction, restoreAction }: PartnerStatusFormProps) {
  const [archiveState, archive] = useActionState(keptWhenUnanswered(archiveAction, { nothingTyped: true }), null);
  const [restoreState, restore] = useActionState(keptWhenUnanswered(restoreAction, { nothingTyped: true }), null);
  const [last, setLast] = useState<"archive" | "restore">("archive");
  const state = last === "archive" ? archiveState : restoreState;
  const error = formError(state, []);
  const { one, many } = PARTNER_WORDS[kind];
  return (
    <div className="space-y-2">
      <form
        action={partner.archived ? restore : archive}
        onSubmit={() => setLast(partner.archived ? "restore" : "archive")}
      >
        <CompanyField />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="id" value={partner.id} />
        <input type="hidden" name="version" value={partner.version} />
        <SubmitButton variant="secondary" pendingLabel={partner.archived ? "Restoring…" : "Archiving…"}>
          {partner.archived ? `Restore ${one}` : `Archive ${one}`}
        </SubmitButton>
      </form>
      <div aria-live="polite">
        {state?.ok && (
          <Alert tone="success">
            {state.data.archived
              ? `${state.data.name} is archived: it is hidden from the ${many} list unless you show archived ${many}. Its requests and history are kept.`
              : `${state.data.name} is active again.`}
          </Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </div>
  );
}
