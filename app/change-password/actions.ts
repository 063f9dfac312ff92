"use server";

import { redirect } from "next/navigation";
import { sessionAction } from "@/lib/action";
import { changePassword } from "@/lib/accounts/change-password";
import { reissueSession } from "@/lib/auth/session-token";
import type { FormState } from "@/components/ui/form-state";
import { START_PATH } from "@/lib/auth/home";

export async function changePasswordAction(_state: FormState<null>, form: FormData): Promise<FormState<null>> {
  const result = await sessionAction(
    async (session) => {
      const claims = await changePassword(
        {
          userId: session.userId,
          companyId: session.current?.companyId ?? null,
          sessionId: session.sessionId,
          request: session.request,
        },
        {
          currentPassword: String(form.get("currentPassword") ?? ""),
          newPassword: String(form.get("newPassword") ?? ""),
          confirmPassword: String(form.get("confirmPassword") ?? ""),
        },
      );
      await reissueSession(claims, session.sessionId);
      return null;
    },
    { allowPasswordChangeDue: true },
  );
  if (result.ok) redirect(START_PATH);
  return result;
}
