import type { Metadata } from "next";
import { CompanySettingsForm } from "@/components/settings/company-settings-form";
import { Card } from "@/components/ui/card";
import { NotAllowed } from "@/components/ui/list/not-allowed";
import { requireTenant } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { currencyOptions, timeZoneOptions } from "@/lib/companies/company-settings-fields";
import { getCompanySettings } from "@/lib/companies/get-company-settings";
import { updateCompanySettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requireTenant();
  if (!can(ctx.role, "company.settings")) return <AdminsOnly />;
  const settings = await getCompanySettings(ctx);

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Company settings</h1>
        <p className="mt-1 text-slate-600">
          How {settings.name} works in StockFlow. Changes apply to everyone in the company from their next page.
        </p>
      </div>
      <Card>
        <CompanySettingsForm
          action={updateCompanySettingsAction}
          settings={settings}
          timeZones={timeZoneOptions(settings.timeZone)}
          currencies={currencyOptions(settings.currency)}
        />
      </Card>
    </div>
  );
}

/** What managers and staff see: a clear answer, not an error (lib refuses their changes anyway). */
function AdminsOnly() {
  return (
    <NotAllowed title="Only admins change company settings">
      Your role in this company does not include changing its name, time zone, currency or approval rules. If something
      needs changing, ask one of your company&apos;s admins.
    </NotAllowed>
  );
}
