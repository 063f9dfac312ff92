import { Button } from "@/components/ui/button";
import { fieldAria, TextField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { MAX_COPIES } from "@/lib/labels/label-fields";
import { DEFAULT_LABEL_PRESET, LABEL_PRESETS, labelPreset, type LabelPresetId } from "@/lib/labels/label-presets";

/**
 * The label size, copies and (for people who may see money) the price, as a plain GET form back to the labels page
 * (docs/architecture.md "Labels"): the preview is a deep link, and changing a setting is loading it again. The
 * chosen ids travel as hidden fields. Values the server refused are shown as sent, with the reason beside them.
 */
export function LabelSettingsForm({
  action,
  ids,
  preset,
  copies,
  price,
  errors,
}: {
  action: string;
  ids: readonly string[];
  preset: string | undefined;
  copies: string | undefined;
  /** Whether the price is offered (the person may see money) and ticked. */
  price?: { checked: boolean };
  errors?: Record<string, string[]>;
}) {
  const known = LABEL_PRESETS.some((p) => p.id === preset);
  const chosen = labelPreset(known ? (preset as LabelPresetId) : DEFAULT_LABEL_PRESET);
  return (
    <form
      method="get"
      action={action}
      aria-label="Label settings"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:hidden"
    >
      {ids.map((id) => (
        <input key={id} type="hidden" name="id" value={id} />
      ))}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <SelectField
          id="labels-preset"
          name="preset"
          label="Label size"
          defaultValue={chosen.id}
          hint={chosen.description}
          errors={errors?.preset}
          options={LABEL_PRESETS.map((p) => ({ value: p.id, label: p.name }))}
        />
        <TextField
          id="labels-copies"
          name="copies"
          label="Copies of each"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_COPIES}
          defaultValue={copies ?? "1"}
          errors={errors?.copies}
        />
      </div>
      {price && (
        <div className="flex items-start gap-3">
          <input
            id="labels-price"
            name="price"
            value="1"
            type="checkbox"
            defaultChecked={price.checked}
            {...fieldAria({ id: "labels-price", label: "Print the sale price" })}
            className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-brand-600"
          />
          <label htmlFor="labels-price" className="text-sm font-medium text-slate-800">
            Print the sale price
          </label>
        </div>
      )}
      <Button type="submit" variant="secondary">
        Update preview
      </Button>
    </form>
  );
}
