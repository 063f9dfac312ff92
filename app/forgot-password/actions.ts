"use server";

import { publicAction } from "@/lib/action";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import type { FormState } from "@/components/ui/form-state";

export async function forgotPasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  return publicAction(async (request) => {
    await requestPasswordReset({ email: String(form.get("email") ?? "") }, request);
    return null;
  });
}
