"use server";

import { redirect } from "next/navigation";
import { sessionAction } from "@/lib/action";
import { endSession, startSession } from "@/lib/auth/session-token";
import { switchCompany } from "@/lib/auth/switch-company";
import type { FormState } from "@/components/ui/form-state";

export async function signOutAction(): Promise<void> {
  await endSession();
  redirect("/login?notice=signed-out");
}

export async function switchCompanyAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await startSession(switchCompany(session, { companyId: String(form.get("companyId") ?? "") }));
    return null;
  });
  if (result.ok) redirect("/dashboard");
  return result;
}
