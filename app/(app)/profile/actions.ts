"use server";

import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/action";
import { changePassword } from "@/lib/auth/change-password";
import { startSession } from "@/lib/auth/session-token";
import { changeEmail, updateProfileName } from "@/lib/auth/update-profile";
import type { FormState } from "@/components/ui/form-state";

export async function updateNameAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await updateProfileName(
      { userId: session.userId, request: session.request },
      { name: String(form.get("name") ?? "") },
    );
    return null;
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function changeEmailAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(async (session) => {
    await changeEmail(
      { userId: session.userId, request: session.request },
      { email: String(form.get("email") ?? ""), currentPassword: String(form.get("currentPassword") ?? "") },
    );
    return null;
  });
  if (result.ok) revalidatePath("/profile");
  return result;
}

export async function changeProfilePasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  return sessionAction(async (session) => {
    const claims = await changePassword(
      { userId: session.userId, companyId: session.current?.companyId ?? null, request: session.request },
      {
        currentPassword: String(form.get("currentPassword") ?? ""),
        newPassword: String(form.get("newPassword") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      },
    );
    await startSession(claims);
    return null;
  });
}
