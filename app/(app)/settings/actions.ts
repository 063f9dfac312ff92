"use server";

// Thin: read the form, run one lib function as the signed-in caller (tenantAction resolves the caller and turns
// errors into safe results), then refresh every page: the company's name heads the app shell.
import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import type { CompanySettings } from "@/lib/companies/company-settings-fields";
import { updateCompanySettings } from "@/lib/companies/update-company-settings";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** A checkbox sends "on" when ticked and nothing at all when not. */
function checked(formData: FormData, name: string): boolean {
  return formData.get(name) === "on";
}

export async function updateCompanySettingsAction(
  _state: FormState<CompanySettings>,
  formData: FormData,
): Promise<FormState<CompanySettings>> {
  const input = {
    name: field(formData, "name"),
    timeZone: field(formData, "timeZone"),
    currency: field(formData, "currency"),
    requireSecondApprover: checked(formData, "requireSecondApprover"),
    lowStockAlerts: checked(formData, "lowStockAlerts"),
    staffSeeMoney: checked(formData, "staffSeeMoney"),
    updatedAt: field(formData, "updatedAt"),
  };
  const result = await tenantAction(formData, (ctx) => updateCompanySettings(ctx, input));
  if (result.ok) {
    revalidatePath("/", "layout");
    return result;
  }
  // The typed values come back so React's reset of the form after the action does not wipe them.
  const values = {
    name: input.name,
    timeZone: input.timeZone,
    currency: input.currency,
    requireSecondApprover: input.requireSecondApprover ? "on" : "",
    lowStockAlerts: input.lowStockAlerts ? "on" : "",
    staffSeeMoney: input.staffSeeMoney ? "on" : "",
  };
  return { ...result, values };
}
