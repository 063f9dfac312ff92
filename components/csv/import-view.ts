// What an import action returns to the page: a dry run's preview or a commit's outcome, shaped for the screen
// (a few cards and the problems, not 10,000 rows). Pure types and wording, shared by the action and the form.
export type ImportKind = "products" | "stock" | "suppliers" | "customers";

/** What one new item of an import is called: "product", "supplier"; the stock import adds none. */
export const IMPORT_ITEM: Record<Exclude<ImportKind, "stock">, string> = {
  products: "product",
  suppliers: "supplier",
  customers: "customer",
};

export interface ImportProblemView {
  line: number | null;
  column: string | null;
  message: string;
}

export interface ImportItemView {
  line: number;
  title: string;
  /** A product (supplier, customer) the import creates. */
  isNew: boolean;
  /** One line per change, already worded. */
  details: string[];
}

export interface ImportView {
  kind: ImportKind;
  fileName: string;
  committed: boolean;
  rowCount: number;
  /** Products, suppliers, customers: the new ones. Stock: always 0. */
  created: number;
  /** Products, suppliers, customers: the changed ones. Stock: changed counts. */
  changed: number;
  unchanged: number;
  /** The first rows that change something, in file order. */
  items: ImportItemView[];
  /** The first problems, in file order; problemCount says how many there are in all. */
  problems: ImportProblemView[];
  problemCount: number;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "2 new products, 1 changed, 3 unchanged" — what a preview would do or a commit did. */
export function importSummary(view: Pick<ImportView, "kind" | "created" | "changed" | "unchanged">): string {
  if (view.kind !== "stock") {
    const item = IMPORT_ITEM[view.kind];
    return `${count(view.created, `new ${item}`, `new ${item}s`)}, ${view.changed.toLocaleString("en-US")} changed, ${view.unchanged.toLocaleString("en-US")} unchanged`;
  }
  return `${count(view.changed, "count changed", "counts changed")}, ${view.unchanged.toLocaleString("en-US")} unchanged`;
}
