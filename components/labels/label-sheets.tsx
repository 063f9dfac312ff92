import type { ReactNode } from "react";
import { labelsPerPage, paginateLabels, type LabelPreset } from "@/lib/labels/label-presets";
import { mm } from "./label-text";
import { PrintButton } from "./print-button";

/**
 * Labels laid out on the preset's pages at their real size (docs/architecture.md "Labels"): on screen a preview,
 * one sheet under the other in a frame that scrolls sideways on a phone; in print, each sheet one page. @page takes
 * the preset's page size with no margin (the sheet draws the preset's margins itself, so no browser header or footer
 * fits on the page), and the printed page shows nothing but the sheets.
 */
export function LabelSheets<T>({
  preset,
  labels,
  children,
}: {
  preset: LabelPreset;
  labels: readonly T[];
  /** One label's content, filling its cell. */
  children: (label: T) => ReactNode;
}) {
  const pages = paginateLabels(labels, preset);
  return (
    <div
      className="-mx-4 overflow-x-auto bg-slate-100 px-4 py-4 sm:mx-0 sm:rounded-xl print:m-0 print:overflow-visible print:bg-transparent print:p-0"
      data-label-preset={preset.id}
    >
      <style>{`@page { size: ${mm(preset.page.width)} ${mm(preset.page.height)}; margin: 0; }`}</style>
      <div className="mx-auto flex w-max flex-col gap-4 print:block">
        {pages.map((page, index) => (
          <section
            key={index}
            aria-label={`${preset.kind === "sheet" ? "Sheet" : "Label"} ${index + 1} of ${pages.length}`}
            className="grid content-start overflow-hidden bg-white text-black shadow-md [print-color-adjust:exact] print:break-after-page print:shadow-none print:last:break-after-auto"
            style={{
              width: mm(preset.page.width),
              height: mm(preset.page.height),
              paddingTop: mm(preset.marginTop),
              paddingLeft: mm(preset.marginLeft),
              gridTemplateColumns: `repeat(${preset.columns}, ${mm(preset.label.width)})`,
              gridAutoRows: mm(preset.label.height),
              columnGap: mm(preset.gapX),
              rowGap: mm(preset.gapY),
            }}
            data-label-page
          >
            {page.map((label, position) => (
              <div
                key={position}
                className="overflow-hidden outline-1 -outline-offset-1 outline-slate-300 outline-dashed print:outline-none"
                data-label
              >
                {children(label)}
              </div>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}

const count = new Intl.NumberFormat("en-US");

/** "6 labels on 1 sheet", "3 labels on the roll, one per label". */
export function labelSummary(labels: number, preset: LabelPreset): string {
  const what = `${count.format(labels)} ${labels === 1 ? "label" : "labels"}`;
  if (preset.kind === "roll") return `${what} on the roll, one per label`;
  const sheets = Math.ceil(labels / labelsPerPage(preset));
  return `${what} on ${count.format(sheets)} ${sheets === 1 ? "sheet" : "sheets"}`;
}

/** The preview's heading with how many labels on how many sheets, the Print button, and the sheets. */
export function LabelPreview<T>(props: {
  preset: LabelPreset;
  labels: readonly T[];
  children: (label: T) => ReactNode;
}) {
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <div>
          <h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
            Preview
          </h2>
          <p className="text-sm text-slate-600">{labelSummary(props.labels.length, props.preset)}.</p>
        </div>
        <PrintButton>Print labels</PrintButton>
      </div>
      <LabelSheets {...props} />
    </section>
  );
}
