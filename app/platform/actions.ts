"use server";

import { revalidatePath } from "next/cache";
import { sessionAction } from "@/lib/action";
import type { FormState } from "@/components/ui/form-state";
import type { ActionResult } from "@/lib/errors";
import { changeCompanyStatus, type CompanyStatusChanged } from "@/lib/platform/change-company-status";
import type { PlatformSettingsView } from "@/lib/platform/get-platform-settings";
import { setRequireCompanyApproval } from "@/lib/platform/set-require-company-approval";

export async function changeCompanyStatusAction(
  _state: FormState<CompanyStatusChanged>,
  form: FormData,
): Promise<ActionResult<CompanyStatusChanged>> {
  const result = await sessionAction((session) =>
    changeCompanyStatus(session, {
      companyId: String(form.get("companyId") ?? ""),
      change: String(form.get("change") ?? ""),
    }),
  );
  if (result.ok) revalidatePath("/platform");
  return result;
}

export async function setRequireCompanyApprovalAction(
  _state: FormState<PlatformSettingsView>,
  form: FormData,
): Promise<ActionResult<PlatformSettingsView>> {
  const result = await sessionAction((session) =>
    setRequireCompanyApproval(session, { requireCompanyApproval: form.get("requireCompanyApproval") === "true" }),
  );
  if (result.ok) revalidatePath("/platform");
  return result;
}
