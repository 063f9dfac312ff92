"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { sessionAction, tenantAction } from "@/lib/action";
import { changePassword } from "@/lib/accounts/change-password";
import { clearSessionCookie, reissueSession } from "@/lib/auth/session-token";
import { revokeOwnSession, signOutEverywhere } from "@/lib/auth/sessions";
import { cancelEmailChange } from "@/lib/accounts/email-confirmation";
import { changeEmail, updateProfileName } from "@/lib/accounts/update-profile";
import type { NotificationPreference } from "@/lib/notifications/notification-kinds";
import { updateNotificationPreferences } from "@/lib/notifications/update-notification-preferences";
import { removePushSubscription } from "@/lib/push/remove-push-subscription";
import { savePushSubscription } from "@/lib/push/save-push-subscription";
import type { FormState } from "@/components/ui/form-state";

// A refused change sends back what was typed (never a password), so React's reset of the form after the action
// shows it again instead of the stored value.
export async function updateNameAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const values = { name: String(form.get("name") ?? "") };
  const result = await sessionAction(async (session) => {
    await updateProfileName({ userId: session.userId, request: session.request }, values);
    return null;
  });
  if (!result.ok) return { ...result, values };
  revalidatePath("/", "layout");
  return result;
}

export async function changeEmailAction(
  _state: FormState<{ pendingEmail: string }>,
  form: FormData,
): Promise<FormState<{ pendingEmail: string }>> {
  const values = { email: String(form.get("email") ?? "") };
  const result = await sessionAction((session) =>
    changeEmail(
      { userId: session.userId, request: session.request },
      { ...values, currentPassword: String(form.get("currentPassword") ?? "") },
    ),
  );
  if (!result.ok) return { ...result, values };
  revalidatePath("/profile");
  return result;
}

export async function cancelEmailChangeAction(_state: FormState<null>, _form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await cancelEmailChange({ userId: session.userId, request: session.request });
    return null;
  });
  if (result.ok) revalidatePath("/profile");
  return result;
}

export async function changeProfilePasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  return sessionAction(async (session) => {
    const claims = await changePassword(
      {
        userId: session.userId,
        companyId: session.current?.companyId ?? null,
        sessionId: session.sessionId,
        request: session.request,
      },
      {
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      },
    );
    await reissueSession(claims, session.sessionId);
    return null;
  });
}

/**
 * The email choices in the active company. The form names every optional kind it shows in a `kind` field and
 * sends `enabled=<kind>` for each ticked box, so an unticked box is an explicit "off".
 */
export async function updateNotificationsAction(
  _state: FormState<NotificationPreference[]>,
  form: FormData,
): Promise<FormState<NotificationPreference[]>> {
  const strings = (name: string) => form.getAll(name).filter((value): value is string => typeof value === "string");
  const kinds = strings("kind");
  const ticked = new Set(strings("enabled"));
  const preferences = Object.fromEntries(kinds.map((kind) => [kind, ticked.has(kind)]));
  const result = await tenantAction(form, (ctx) => updateNotificationPreferences(ctx, { preferences }));
  if (result.ok) {
    revalidatePath("/profile");
    return result;
  }
  // What was ticked comes back, so React's reset of the form after the action does not undo it.
  return { ...result, values: Object.fromEntries(kinds.map((kind) => [kind, ticked.has(kind) ? "on" : ""])) };
}

/** Signs out one of the person's sessions; signing out this device ends up on the sign-in page. */
export async function revokeSessionAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction((session) =>
    revokeOwnSession(session, { sessionId: String(form.get("sessionId") ?? "") }),
  );
  if (!result.ok) return result;
  if (result.data.current) {
    await clearSessionCookie();
    redirect("/login?notice=signed-out");
  }
  revalidatePath("/profile");
  return { ok: true, data: null };
}

/** Every session of the person ends, this one too. */
export async function signOutEverywhereAction(_state: FormState<null>): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await signOutEverywhere(session);
    return null;
  });
  if (!result.ok) return result;
  await clearSessionCookie();
  redirect("/login?notice=signed-out");
}

/** "Notifications on this device" turned on: the browser's push subscription, sent field by field. */
export async function subscribePushAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const field = (name: string) => String(form.get(name) ?? "");
  const result = await tenantAction(form, async (ctx) => {
    await savePushSubscription(ctx, {
      endpoint: field("endpoint"),
      keys: { p256dh: field("p256dh"), auth: field("auth") },
    });
    return null;
  });
  if (result.ok) revalidatePath("/profile");
  return result;
}

/** "Notifications on this device" turned off: this browser's subscription in the active company is forgotten. */
export async function unsubscribePushAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await tenantAction(form, async (ctx) => {
    await removePushSubscription(ctx, { endpoint: String(form.get("endpoint") ?? "") });
    return null;
  });
  if (result.ok) revalidatePath("/profile");
  return result;
}
