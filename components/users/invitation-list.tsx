"use client";

import { useActionState, useState } from "react";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { CardList } from "@/components/ui/list/card-list";
import { EmptyState } from "@/components/ui/list/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Role } from "@/lib/auth/permissions";
import { formError, type FormAction } from "@/components/ui/form-state";
import type { InvitationSent } from "./invite-member-form";
import { Badge } from "@/components/ui/badge";

export interface PendingInvitation {
  invitationId: string;
  email: string;
  role: Role;
  expired: boolean;
  /** Already formatted on the server, so server and browser render the same text. */
  expiresLabel: string;
  invitedLabel: string;
  invitedBy: string | null;
}

export interface InvitationActionSet {
  resend: FormAction<InvitationSent>;
  revoke: FormAction<{ email: string }>;
}

/**
 * The pending invitations, each with resend (a fresh 72-hour link; the old one stops working) and revoke. The
 * outcome is shown above the list: the row itself goes away (revoked) or is replaced (resent).
 */
export function InvitationList({
  invitations,
  actions,
}: {
  invitations: PendingInvitation[];
  actions: InvitationActionSet;
}) {
  const [resendState, resendAction] = useActionState(actions.resend, null);
  // A revoke the network dropped can go again (keptWhenUnanswered): one already revoked is refused as such. Not a
  // resend: sent again after the first reached the server, it would mail a second link and void the first.
  const [revokeState, revokeAction] = useActionState(keptWhenUnanswered(actions.revoke, { nothingTyped: true }), null);
  const [last, setLast] = useState<"resend" | "revoke">("resend");
  const state = last === "resend" ? resendState : revokeState;
  const error = formError(state, []);

  return (
    <div className="space-y-3">
      <div aria-live="polite">
        {resendState?.ok && last === "resend" && (
          <Alert tone="success">A new invitation link was sent to {resendState.data.email}.</Alert>
        )}
        {revokeState?.ok && last === "revoke" && (
          <Alert tone="success">The invitation to {revokeState.data.email} was revoked.</Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
      {invitations.length === 0 ? (
        <EmptyState title="No pending invitations.">
          Invite someone with the form above: they get an email with a link that works once, for 72 hours.
        </EmptyState>
      ) : (
        <CardList
          variant="grouped"
          label="Pending invitations"
          items={invitations}
          itemKey={(invitation) => invitation.invitationId}
          itemClassName="flex flex-col gap-3 md:flex-row md:items-center md:justify-between"
          card={(invitation) => (
            <>
              <div className="min-w-0 space-y-1">
                <p className="break-all font-medium text-slate-900">{invitation.email}</p>
                <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <Badge tone="neutral">{ROLE_LABELS[invitation.role]}</Badge>
                  {invitation.expired ? (
                    <Badge tone="warning">Expired {invitation.expiresLabel}</Badge>
                  ) : (
                    <Badge tone="pending">Invitation pending · expires {invitation.expiresLabel}</Badge>
                  )}
                </p>
                <p className="text-sm text-slate-500">
                  Invited {invitation.invitedLabel}
                  {invitation.invitedBy ? ` by ${invitation.invitedBy}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <form action={resendAction} onSubmit={() => setLast("resend")}>
                  <CompanyField />
                  <input type="hidden" name="invitationId" value={invitation.invitationId} />
                  <SubmitButton variant="secondary" pendingLabel="Resending…">
                    Resend<span className="sr-only"> the invitation to {invitation.email}</span>
                  </SubmitButton>
                </form>
                <form action={revokeAction} onSubmit={() => setLast("revoke")}>
                  <CompanyField />
                  <input type="hidden" name="invitationId" value={invitation.invitationId} />
                  <SubmitButton variant="ghost" pendingLabel="Revoking…">
                    Revoke<span className="sr-only"> the invitation to {invitation.email}</span>
                  </SubmitButton>
                </form>
              </div>
            </>
          )}
        />
      )}
    </div>
  );
}
