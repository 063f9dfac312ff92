"use client";

// The profile's signed-in devices (docs/architecture.md §8): each can be signed out, or all at once. A sign-out the
// network dropped says so and can go again (keptWhenUnanswered): a session signed out already stays signed out.
import { useActionState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Badge } from "@/components/ui/badge";
import { FormMessage, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SessionSummary } from "@/lib/auth/sessions";

function SessionRow({ session, action }: { session: SessionSummary; action: FormAction<null> }) {
  const [state, formAction] = useActionState(keptWhenUnanswered(action, { nothingTyped: true }), null);
  return (
    <li className="space-y-2 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="text-sm">
          <p className="font-medium text-slate-900">
            {session.device}
            {session.current && (
              <span className="ml-2">
                <Badge tone="positive">This device</Badge>
              </span>
            )}
          </p>
          <p className="text-slate-600">Last seen {session.lastSeen}</p>
        </div>
        <form action={formAction}>
          <input type="hidden" name="sessionId" value={session.id} />
          <SubmitButton variant="secondary" pendingLabel="Signing out…">
            Sign out <span className="sr-only">{session.current ? "this device" : session.device}</span>
          </SubmitButton>
        </form>
      </div>
      <FormMessage state={state} />
    </li>
  );
}

export function SessionsList({
  sessions,
  revokeAction,
  signOutEverywhereAction,
}: {
  sessions: SessionSummary[];
  revokeAction: FormAction<null>;
  signOutEverywhereAction: FormAction<null>;
}) {
  const [state, everywhereAction] = useActionState(
    keptWhenUnanswered(signOutEverywhereAction, { nothingTyped: true }),
    null,
  );
  if (sessions.length === 0) return <p className="text-sm text-slate-600">No device is signed in.</p>;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100">
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} action={revokeAction} />
        ))}
      </ul>
      {sessions.length === 1 && sessions[0]!.current && (
        <p className="text-sm text-slate-600">You are not signed in on any other device.</p>
      )}
      <form action={everywhereAction} className="space-y-2">
        <FormMessage state={state} />
        <SubmitButton variant="danger" pendingLabel="Signing out everywhere…">
          Sign out everywhere
        </SubmitButton>
      </form>
    </div>
  );
}
