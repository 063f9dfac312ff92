"use server";

import { publicAction } from "@/lib/action";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import type { ActionResult } from "@/lib/errors";

export async function forgotPasswordAction(_state: ActionResult<null> | undefined, form: FormData): Promise<ActionResult<null>> {
  return publicAction(async (request) => {
    await requestPasswordReset({ email: String(form.get("email") ?? "") }, request);
    return null;
  });
}
