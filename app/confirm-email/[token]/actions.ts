"use server";

import { publicAction } from "@/lib/action";
import { confirmEmail, type ConfirmedEmail } from "@/lib/accounts/email-confirmation";
import type { FormState } from "@/components/ui/form-state";

export async function confirmEmailAction(
  _state: FormState<ConfirmedEmail>,
  form: FormData,
): Promise<FormState<ConfirmedEmail>> {
  return publicAction((request) => confirmEmail(String(form.get("token") ?? ""), request));
}
