import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { CompanySwitcher } from "@/components/layout/company-switcher";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { NotificationPreferencesForm } from "@/components/profile/notification-preferences-form";
import { EmailForm, NameForm } from "@/components/profile/profile-forms";
import { PushDeviceToggle } from "@/components/profile/push-device-toggle";
import { SessionsList } from "@/components/profile/sessions-list";
import { PendingEmailChange, UnconfirmedEmailNotice } from "@/components/auth/email-confirmation";
import { requireSignedIn, requireTenant } from "@/lib/auth/context";
import { getEmailStatus } from "@/lib/accounts/email-confirmation";
import { listOwnSessions } from "@/lib/auth/sessions";
import { getNotificationPreferences } from "@/lib/notifications/get-notification-preferences";
import { getPushDevice } from "@/lib/push/get-push-device";
import { resendEmailConfirmationAction, switchCompanyAction } from "../actions";
import {
  cancelEmailChangeAction,
  changeEmailAction,
  changeProfilePasswordAction,
  revokeSessionAction,
  signOutEverywhereAction,
  subscribePushAction,
  unsubscribePushAction,
  updateNameAction,
  updateNotificationsAction,
} from "./actions";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const ctx = await requireTenant();
  const notifications = await getNotificationPreferences(ctx);
  const sessions = await listOwnSessions(await requireSignedIn());
  const emailStatus = await getEmailStatus(ctx.userId);
  const pushDevice = await getPushDevice(ctx);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold text-slate-900">Profile</h1>
      <Card>
        <h2 className="mb-4 font-semibold text-slate-900">Your name</h2>
        <NameForm action={updateNameAction} name={ctx.user.name} />
      </Card>
      <Card>
        <h2 className="mb-4 font-semibold text-slate-900">Email address</h2>
        <div className="space-y-4">
          {!emailStatus.verified && (
            <UnconfirmedEmailNotice
              action={resendEmailConfirmationAction}
              email={emailStatus.email}
              consequence="Until then no company email reaches you."
            />
          )}
          {emailStatus.pendingChange && (
            <PendingEmailChange
              key={emailStatus.pendingChange.email}
              action={cancelEmailChangeAction}
              pendingEmail={emailStatus.pendingChange.email}
              expiresAt={emailStatus.pendingChange.expiresAt}
            />
          )}
          <EmailForm action={changeEmailAction} email={ctx.user.email} />
        </div>
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold text-slate-900">Password</h2>
        <p className="mb-4 text-sm text-slate-600">Changing it signs you out on your other devices.</p>
        <ChangePasswordForm action={changeProfilePasswordAction} />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold text-slate-900">Where you are signed in</h2>
        <p className="mb-2 text-sm text-slate-600">Sign out a device you do not recognise or no longer use.</p>
        <SessionsList
          sessions={sessions}
          revokeAction={revokeSessionAction}
          signOutEverywhereAction={signOutEverywhereAction}
        />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold text-slate-900">Email notifications</h2>
        <p className="mb-4 text-sm text-slate-600">
          Which emails you receive from {ctx.company.name}.
          {ctx.memberships.length > 1 && " Each of your companies keeps its own choices."}
        </p>
        <NotificationPreferencesForm action={updateNotificationsAction} preferences={notifications} />
      </Card>
      <Card>
        <h2 className="mb-1 font-semibold text-slate-900">Push notifications</h2>
        <p className="mb-4 text-sm text-slate-600">
          On this phone or computer, from {ctx.company.name}. Turned on per device; signing out turns it off.
        </p>
        <PushDeviceToggle
          publicKey={pushDevice.publicKey}
          endpoints={pushDevice.endpoints}
          subscribeAction={subscribePushAction}
          unsubscribeAction={unsubscribePushAction}
        />
      </Card>
      <Card>
        <h2 className="mb-4 font-semibold text-slate-900">Your companies</h2>
        <ul className="mb-4 divide-y divide-slate-100">
          {ctx.memberships.map((m) => (
            <li key={m.companyId} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span className="font-medium text-slate-900">
                {m.companyName}
                {m.companyId === ctx.companyId && <span className="ml-2 text-slate-500">(current)</span>}
              </span>
              <span className="flex items-center gap-2">
                {m.companyStatus !== "ACTIVE" && (
                  <Badge tone="warning">{m.companyStatus === "PENDING" ? "Awaiting approval" : "Suspended"}</Badge>
                )}
                <Badge>{ROLE_LABELS[m.role]}</Badge>
              </span>
            </li>
          ))}
        </ul>
        {ctx.memberships.length > 1 && (
          <CompanySwitcher
            action={switchCompanyAction}
            currentId={ctx.companyId}
            companies={ctx.memberships.map((m) => ({
              companyId: m.companyId,
              companyName: m.companyName,
              roleLabel: ROLE_LABELS[m.role],
            }))}
          />
        )}
      </Card>
    </div>
  );
}
