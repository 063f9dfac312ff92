import type { Metadata } from "next";
import { AuthCard } from "@/components/layout/auth-card";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { ButtonLink } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { AcceptAsMemberForm } from "@/components/users/accept-as-member-form";
import { AcceptInvitationForm } from "@/components/users/accept-invitation-form";
import { AcceptWithPasswordForm } from "@/components/users/accept-with-password-form";
import { getSessionUser } from "@/lib/auth/context";
import { readInvitation } from "@/lib/accounts/invitation-preview";
import {
  acceptAsMemberAction,
  acceptAsNewUserAction,
  acceptWithPasswordAction,
  signOutForInvitationAction,
} from "./actions";

export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };

const expiry = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, session] = await Promise.all([readInvitation(token), getSessionUser()]);

  if (!invitation) {
    return (
      <AuthCard title="This invitation link is not valid">
        <div className="space-y-4 text-sm text-slate-600">
          <p>
            It may have expired, been used already, or been replaced by a newer invitation. Ask your company&apos;s
            admin to send you a new one.
          </p>
          <ButtonLink href={session ? "/dashboard" : "/login"} variant="secondary" className="w-full">
            {session ? "Go to your dashboard" : "Go to sign in"}
          </ButtonLink>
        </div>
      </AuthCard>
    );
  }

  const role = ROLE_LABELS[invitation.role];
  return (
    <AuthCard title={`Join ${invitation.companyName}`}>
      <div className="space-y-5">
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            {invitation.inviterName ?? "An admin"} invited <strong className="break-all">{invitation.email}</strong> to
            join <strong>{invitation.companyName}</strong> on StockFlow as {role === "Admin" ? "an" : "a"}{" "}
            <strong>{role}</strong>.
          </p>
          <p className="text-slate-500">The invitation works once, until {expiry.format(invitation.expiresAt)} UTC.</p>
        </div>

        {session && session.email === invitation.email && (
          <AcceptAsMemberForm companyName={invitation.companyName} action={acceptAsMemberAction.bind(null, token)} />
        )}

        {session && session.email !== invitation.email && (
          <div className="space-y-4">
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              You are signed in as <strong className="break-all">{session.email}</strong>, but this invitation is for
              another address. Sign out, then open the link again as the invited person.
            </p>
            <form action={signOutForInvitationAction.bind(null, token)}>
              <SubmitButton variant="secondary" pendingLabel="Signing out…" className="w-full">
                Sign out
              </SubmitButton>
            </form>
          </div>
        )}

        {!session && invitation.accountExists && (
          <AcceptWithPasswordForm
            email={invitation.email}
            companyName={invitation.companyName}
            action={acceptWithPasswordAction.bind(null, token)}
          />
        )}

        {!session && !invitation.accountExists && (
          <AcceptInvitationForm email={invitation.email} action={acceptAsNewUserAction.bind(null, token)} />
        )}
      </div>
    </AuthCard>
  );
}
