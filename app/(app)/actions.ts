"use server";

import { redirect } from "next/navigation";
import { sessionAction } from "@/lib/action";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { resendEmailConfirmation } from "@/lib/accounts/email-confirmation";
import { endSession, reissueSession } from "@/lib/auth/session-token";
import { switchCompany } from "@/lib/auth/switch-company";
import type { FormState } from "@/components/ui/form-state";

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/login?notice=signed-out");
}

/**
 * Switches the active company, then goes to `next` when the form names one of our own pages (a request opened
 * from an email that belongs to another of the person's companies), else to the dashboard.
 */
export async function switchCompanyAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await reissueSession(switchCompany(session, { companyId: String(form.get("companyId") ?? "") }), session.sessionId);
    return null;
  });
  if (result.ok) {
    const next = form.get("next");
    redirect(safeCallbackUrl(typeof next === "string" ? next : null));
  }
  return result;
}

/** A new link for the signed-in person's own unconfirmed address (profile, users, company status, platform pages). */
export async function resendEmailConfirmationAction(
  _state: FormState<{ email: string }>,
  _form: FormData,
): Promise<FormState<{ email: string }>> {
  return sessionAction((session) => resendEmailConfirmation({ userId: session.userId, request: session.request }));
}
