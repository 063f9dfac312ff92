"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/action";
import { resetPassword } from "@/lib/auth/reset-password";
import type { ActionResult } from "@/lib/errors";

export async function resetPasswordAction(_state: ActionResult<null> | undefined, form: FormData): Promise<ActionResult<null>> {
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
