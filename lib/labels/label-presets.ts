// Label sizes StockFlow prints on (docs/architecture.md "Labels"): A4 and Letter sheets of sticky labels laid out
// exactly as their makers publish them, and label-printer rolls, where each label is a page of its own. All sizes
// are millimetres. The print stylesheet takes @page size and margins from here, and the preview pages by
// labelsPerPage, so what is on screen is what comes out. Pure: unit-tested for fit (no label runs off its page).

export interface LabelPreset {
  id: string;
  name: string;
  /** What it is, for the chooser. */
  description: string;
  kind: "sheet" | "roll";
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Page margins: the first label's top-left corner. */
  marginTop: number;
  marginLeft: number;
  /** Space between labels, across and down. */
  gapX: number;
  gapY: number;
}

const INCH = 25.4;

/** One label per page, the page the size of the label: how label printers take their rolls. */
function roll(id: string, name: string, description: string, width: number, height: number): LabelPreset {
  return {
    id,
    name,
    description,
    kind: "roll",
    page: { width, height },
    label: { width, height },
    columns: 1,
    rows: 1,
    marginTop: 0,
    marginLeft: 0,
    gapX: 0,
    gapY: 0,
  };
}

export const LABEL_PRESETS = [
  {
    id: "a4-l7160",
    name: "A4 sheet, 21 labels (Avery L7160)",
    description: "3 × 7 labels of 63.5 × 38.1 mm on A4",
    kind: "sheet",
    page: { width: 210, height: 297 },
    label: { width: 63.5, height: 38.1 },
    columns: 3,
    rows: 7,
    marginTop: 15.15,
    marginLeft: 7.21,
    gapX: 2.54,
    gapY: 0,
  },
  {
    id: "letter-5160",
    name: "Letter sheet, 30 labels (Avery 5160)",
    description: "3 × 10 labels of 2.625 × 1 in on US Letter",
    kind: "sheet",
    page: { width: 8.5 * INCH, height: 11 * INCH },
    label: { width: 2.625 * INCH, height: 1 * INCH },
    columns: 3,
    rows: 10,
    marginTop: 0.5 * INCH,
    marginLeft: 0.1875 * INCH,
    gapX: 0.125 * INCH,
    gapY: 0,
  },
  roll("roll-62x29", "62 mm roll, 29 mm labels", "Label printer: 62 × 29 mm (Brother DK-11209 and alike)", 62, 29),
  roll(
    "roll-2.25x1.25in",
    "2.25 × 1.25 in roll",
    "Label printer: 2.25 × 1.25 in (Zebra, Dymo and alike)",
    2.25 * INCH,
    1.25 * INCH,
  ),
  roll("roll-4x6in", "4 × 6 in roll", "Label printer: 4 × 6 in shipping labels", 4 * INCH, 6 * INCH),
] as const satisfies readonly LabelPreset[];

export type LabelPresetId = (typeof LABEL_PRESETS)[number]["id"];

export const LABEL_PRESET_IDS = LABEL_PRESETS.map((preset) => preset.id) as [LabelPresetId, ...LabelPresetId[]];

export const DEFAULT_LABEL_PRESET: LabelPresetId = "a4-l7160";

export function labelPreset(id: LabelPresetId): LabelPreset {
  return LABEL_PRESETS.find((preset) => preset.id === id) ?? LABEL_PRESETS[0];
}

export function labelsPerPage(preset: LabelPreset): number {
  return preset.columns * preset.rows;
}

/** The labels in pages of the preset: full pages, then the rest. */
export function paginateLabels<T>(labels: readonly T[], preset: LabelPreset): T[][] {
  const size = labelsPerPage(preset);
  const pages: T[][] = [];
  for (let start = 0; start < labels.length; start += size) pages.push(labels.slice(start, start + size));
  return pages;
}
