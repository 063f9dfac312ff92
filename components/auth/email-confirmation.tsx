"use client";

import { useActionState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { FormMessage, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * Shown wherever a person with an unconfirmed address may land (profile, users, company status, platform): what is
 * held back until they confirm, and a button that sends a new link (rate limited on the server).
 */
export function UnconfirmedEmailNotice({
  action,
  email,
  consequence,
}: {
  action: FormAction<{ email: string }>;
  email: string;
  /** What waits for the confirmation here, e.g. "Invitations can be sent once you have." */
  consequence: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <Alert tone="info">
        Confirm your email address <strong>{email}</strong>: open the link we emailed you. {consequence}
      </Alert>
      <FormMessage state={state} success={state?.ok ? `A new link is on its way to ${state.data.email}.` : undefined} />
      <SubmitButton variant="secondary" pendingLabel="Sending…">
        Send a new confirmation link
      </SubmitButton>
    </form>
  );
}

/**
 * A change of address waiting for its link: the current address stays in use until then, or cancel it. A cancel the
 * network dropped says so and can go again (keptWhenUnanswered): with nothing pending any more it changes nothing.
 */
export function PendingEmailChange({
  action,
  pendingEmail,
  expiresAt,
}: {
  action: FormAction<null>;
  pendingEmail: string;
  expiresAt: Date;
}) {
  const [state, formAction] = useActionState(keptWhenUnanswered(action, { nothingTyped: true }), null);
  if (state?.ok) return <Alert tone="success">The change of address was cancelled.</Alert>;
  return (
    <form action={formAction} className="space-y-3">
      <Alert tone="info">
        Pending change to <strong>{pendingEmail}</strong>: confirm it from that inbox (the link works until{" "}
        {dateTime.format(expiresAt)} UTC). Until then your current address stays in use.
      </Alert>
      <FormMessage state={state} />
      <SubmitButton variant="secondary" pendingLabel="Cancelling…">
        Cancel the change
      </SubmitButton>
    </form>
  );
}

/** What a confirmed link shows: after the button, and when the used link is opened again. */
export function EmailConfirmed({ email, change }: { email: string; change: boolean }) {
  return (
    <div className="space-y-4">
      <Alert tone="success">
        {change ? "Your email address is now " : "Your email address is confirmed: "}
        <strong>{email}</strong>.
      </Alert>
      <ButtonLink href="/dashboard" className="w-full">
        Continue to StockFlow
      </ButtonLink>
    </div>
  );
}

/** The public page of a confirmation link: nothing happens until the button is pressed (mail scanners open links). */
export function ConfirmEmailForm({
  action,
  token,
}: {
  action: FormAction<{ email: string; change: boolean }>;
  token: string;
}) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <EmailConfirmed {...state.data} />;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingLabel="Confirming…">
        Confirm email address
      </SubmitButton>
    </form>
  );
}
