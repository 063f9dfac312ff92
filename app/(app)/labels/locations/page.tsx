import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LabelSettingsForm } from "@/components/labels/label-settings-form";
import { LabelPreview } from "@/components/labels/label-sheets";
import { LocationLabelView } from "@/components/labels/location-label";
import { Alert } from "@/components/ui/alert";
import { requireTenant } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { getLocationLabels } from "@/lib/labels/get-location-labels";
import { labelInputFromSearchParams } from "@/lib/labels/label-fields";
import { labelPreset } from "@/lib/labels/label-presets";
import { orRefusal } from "@/lib/page";

export const metadata: Metadata = { title: "Location labels" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Location labels (docs/architecture.md "Labels"): the chosen locations (`id`, repeated) or every location in use,
 * each with a QR code that opens its stocktake on a phone.
 */
export default async function LocationLabelsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const params = await searchParams;
  const { ids, preset, copies } = labelInputFromSearchParams(params);
  const result = await orRefusal(
    getLocationLabels(ctx, { ...(ids.length > 0 && { locationIds: ids }), preset, copies }),
  );
  const refused = result instanceof AppError ? result : null;
  const sheet = result instanceof AppError ? null : result;
  const chosen = sheet && labelPreset(sheet.preset);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="space-y-2 print:hidden">
        <Link href="/locations" className="text-sm font-medium text-brand-700 underline">
          Locations
        </Link>
        <h1 className="text-2xl font-bold text-slate-900">Location labels</h1>
        <p className="text-slate-600">
          {ids.length > 0 ? "A label" : "A label for every location in use"}, with a QR code that opens the location’s
          stocktake: scan it with a phone’s camera to count stock there. Print at 100% scale (“Actual size”), without
          fitting to the page.
        </p>
      </div>

      <LabelSettingsForm
        action="/labels/locations"
        ids={ids}
        preset={typeof params.preset === "string" ? params.preset : undefined}
        copies={typeof params.copies === "string" ? params.copies : undefined}
        errors={refused?.fieldErrors}
      />
      {refused && <Alert tone="error">{refused.message}</Alert>}
      {sheet && sheet.labels.length === 0 && <Alert tone="info">There are no locations in use to label.</Alert>}

      {sheet && chosen && sheet.labels.length > 0 && (
        <LabelPreview preset={chosen} labels={sheet.labels}>
          {(label) => <LocationLabelView label={label} preset={chosen} />}
        </LabelPreview>
      )}
    </div>
  );
}
