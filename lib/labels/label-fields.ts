// What a label print takes (docs/architecture.md "Labels"): which products or locations, the label size and how many
// copies of each, with bounds that keep one print page sensible to render (at most 500 products, 1–100 copies, 2,000
// labels in all). The schemas are the lib boundary's; labelInputFromSearchParams turns a labels page's URL into
// their input, leaving every judgement to them. Pure.
import { z } from "zod";
import { DEFAULT_LABEL_PRESET, LABEL_PRESET_IDS } from "./label-presets";

export const MAX_LABEL_ITEMS = 500;
export const MAX_COPIES = 100;
export const MAX_LABELS = 2000;

const copies = z
  .number({ error: `Enter a whole number of copies from 1 to ${MAX_COPIES}.` })
  .int({ error: `Enter a whole number of copies from 1 to ${MAX_COPIES}.` })
  .min(1, { error: `Enter a whole number of copies from 1 to ${MAX_COPIES}.` })
  .max(MAX_COPIES, { error: `Enter a whole number of copies from 1 to ${MAX_COPIES}.` })
  .default(1);

const preset = z.enum(LABEL_PRESET_IDS, { error: "Choose a label size from the list." }).default(DEFAULT_LABEL_PRESET);

/** Ids are taken as they come and checked after the permission: a malformed one is NOT_FOUND, like a foreign one. */
function ids(what: string) {
  return z
    .array(z.unknown(), { error: `Choose the ${what} to label.` })
    .min(1, { error: `Choose at least one of the ${what}.` })
    .max(MAX_LABEL_ITEMS, {
      error: `Choose at most ${MAX_LABEL_ITEMS.toLocaleString("en")} ${what} at once, and print the rest after.`,
    });
}

export const TOO_MANY_LABELS = `That makes more than ${MAX_LABELS.toLocaleString("en")} labels: print fewer copies or fewer at a time.`;

export const productLabelsSchema = z
  .object({ productIds: ids("products"), preset, copies, showPrice: z.boolean().default(false) })
  .strict()
  .refine((input) => input.productIds.length * input.copies <= MAX_LABELS, {
    error: TOO_MANY_LABELS,
    path: ["copies"],
  });

export type ProductLabelsInput = z.input<typeof productLabelsSchema>;

/** No location ids: every location in use. The total is checked once the locations are known. */
export const locationLabelsSchema = z.object({ locationIds: ids("locations").optional(), preset, copies }).strict();

export type LocationLabelsInput = z.input<typeof locationLabelsSchema>;

type SearchParams = Record<string, string | string[] | undefined>;

const all = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const one = (value: string | string[] | undefined): string | undefined => all(value)[0];

/**
 * A labels page's URL as lib input: `id` repeated (the list's checkboxes submit one per product), `preset`,
 * `copies` (digits become a number; anything else is passed on for the schema to refuse) and `price=1`.
 */
export function labelInputFromSearchParams(params: SearchParams) {
  const text = one(params.copies)?.trim();
  return {
    ids: all(params.id),
    ...(one(params.preset) && { preset: one(params.preset) }),
    ...(text && { copies: /^\d{1,6}$/.test(text) ? Number(text) : text }),
    showPrice: one(params.price) === "1",
  };
}

function labelsHref(path: string, ids: readonly string[]): string {
  const query = new URLSearchParams(ids.map((id) => ["id", id])).toString();
  return query ? `${path}?${query}` : path;
}

/** The product labels page for these products. */
export function productLabelsHref(ids: readonly string[]): string {
  return labelsHref("/labels/products", ids);
}

/** The location labels page for these locations; none: every location in use. */
export function locationLabelsHref(ids: readonly string[] = []): string {
  return labelsHref("/labels/locations", ids);
}
