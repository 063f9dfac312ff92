// Type sizes for a label, from its height: readable on a 1-inch address label, not shouting on a 4 × 6 in one.
// Millimetres, like the sheets. Pure.

/** A CSS length in millimetres; inches make float noise (6 × 25.4 = 152.39999999999998), a micrometre is plenty. */
export function mm(value: number): string {
  return `${Number(value.toFixed(3))}mm`;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export interface LabelText {
  /** Padding inside the label. */
  padding: number;
  /** The main line's font size (a product's or location's name). */
  title: number;
  /** How many lines the name may take before it is cut off with an ellipsis. */
  titleLines: number;
  /** Secondary lines (SKU, price, code). */
  detail: number;
}

export function labelText(height: number, { large = false }: { large?: boolean } = {}): LabelText {
  const title = clamp(height * (large ? 0.095 : 0.085), 2.2, large ? 10 : 7);
  return {
    padding: clamp(height * 0.05, 1.2, 5),
    title,
    titleLines: height >= 100 ? 3 : height >= 35 ? 2 : 1,
    detail: title * 0.8,
  };
}
