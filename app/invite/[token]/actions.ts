"use server";

// Accepting an invitation: lib/auth does the work and returns the session claims; starting the session (a cookie)
// happens here, in the request, before going to the dashboard of the company just joined.
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { publicAction, sessionAction } from "@/lib/action";
import {
  acceptInvitationAsMember,
  acceptInvitationAsNewUser,
  acceptInvitationWithPassword,
} from "@/lib/accounts/accept-invitation";
import { endSession, reissueSession, startSession } from "@/lib/auth/session-token";
import { START_PATH } from "@/lib/auth/home";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function acceptAsNewUserAction(
  token: string,
  _state: FormState<null>,
  formData: FormData,
): Promise<FormState<null>> {
  const values = { name: field(formData, "name") };
  const input = {
    ...values,
    password: field(formData, "password"),
    confirmPassword: field(formData, "confirmPassword"),
  };
  const result = await publicAction(async (request) => {
    await startSession(await acceptInvitationAsNewUser(token, input, request), request);
    return null;
  });
  if (!result.ok) return { ...result, values };
  redirect(START_PATH);
}

export async function acceptAsMemberAction(token: string, _state: FormState<null>): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    const claims = await acceptInvitationAsMember(token, { userId: session.userId }, session.request);
    await reissueSession(claims, session.sessionId);
    return null;
  });
  if (!result.ok) return result;
  redirect(START_PATH);
}

/** Signed in as someone else: sign out and come back to the invitation. */
export async function signOutForInvitationAction(token: string): Promise<void> {
  await endSession();
  redirect(`/invite/${encodeURIComponent(String(token))}`);
}

export async function acceptWithPasswordAction(
  token: string,
  _state: FormState<null>,
  formData: FormData,
): Promise<FormState<null>> {
  const result = await publicAction(async (request) => {
    const claims = await acceptInvitationWithPassword(token, { password: field(formData, "password") }, request);
    await startSession(claims, request);
    return null;
  });
  if (!result.ok) return result;
  redirect(START_PATH);
}
