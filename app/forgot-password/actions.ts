"use server";

import { publicAction } from "@/lib/action";
import { requestPasswordReset } from "@/lib/accounts/request-password-reset";
import type { FormState } from "@/components/ui/form-state";

export async function forgotPasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const email = String(form.get("email") ?? "");
  const result = await publicAction(async (request) => {
    await requestPasswordReset({ email }, request);
    return null;
  });
  // A refusal (a malformed address, too many requests) keeps what was typed.
  return result.ok ? result : { ...result, values: { email } };
}
