"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/action";
import { resetPassword } from "@/lib/accounts/reset-password";
import type { FormState } from "@/components/ui/form-state";

export async function resetPasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await publicAction(async (request) => {
    await resetPassword(
      {
        token: String(form.get("token") ?? ""),
        password: String(form.get("password") ?? ""),
        confirmPassword: String(form.get("confirmPassword") ?? ""),
      },
      request,
    );
    return null;
  });
  if (result.ok) redirect("/login?notice=password-reset");
  return result;
}
