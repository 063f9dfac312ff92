// What the product list can be asked for — search, filters, sort and a keyset cursor — shared by the list page
// (which reads them from the URL, so a filtered list is a deep link), its filter form and listProducts. The
// cursor is a keyset cursor (lib/list/keyset-cursor.ts) of the sort's key and the row's id. Pure: no server imports.
import { z } from "zod";
import { hasControlCharacters, isUuid, locationIdSchema, MAX_SEARCH_LENGTH, stripControlCharacters } from "../fields";
import { decodeKeyset, encodeKeyset, isIsoTime, STALE_CURSOR_MESSAGE } from "../list/keyset-cursor";

export { isUuid, MAX_SEARCH_LENGTH };

export const PRODUCT_SORTS = ["name", "sku", "onHand", "updated"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** The natural direction of each sort: names A–Z, least stock first, most recently changed first. */
export const DEFAULT_DIRECTION: Record<ProductSort, SortDirection> = {
  name: "asc",
  sku: "asc",
  onHand: "asc",
  updated: "desc",
};

export const PRODUCT_STATUSES = ["active", "archived", "all"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const STOCK_FILTERS = ["all", "low", "short"] as const;
export type StockFilter = (typeof STOCK_FILTERS)[number];

export const PRODUCT_PAGE_SIZE = 50;

/** Where a page starts: after (or before) the row with this sort key and id. */
export interface ListCursor {
  value: string | number;
  id: string;
}

/** The cursor's key must be of the sort's type: text for name and SKU, a time for updated, a count for on hand. */
function keyFitsSort(value: unknown, sort: ProductSort): value is string | number {
  if (sort === "onHand") return typeof value === "number" && Number.isSafeInteger(value);
  if (sort === "updated") return isIsoTime(value);
  // Names and SKUs hold no control characters; one in a tampered cursor (NUL) would be refused by PostgreSQL.
  return typeof value === "string" && value.length <= 200 && !hasControlCharacters(value);
}

export function encodeCursor(sort: ProductSort, cursor: ListCursor): string {
  return encodeKeyset([sort, cursor.value, cursor.id]);
}

/** The cursor, if the text is one made for this sort (a cursor of another sort, or a tampered one, is none). */
export function decodeCursor(text: string, sort: ProductSort): ListCursor | null {
  const parsed = decodeKeyset(text, 3);
  if (!parsed) return null;
  const [cursorSort, value, id] = parsed;
  if (cursorSort !== sort || !isUuid(id) || !keyFitsSort(value, sort)) return null;
  return { value, id: id.toLowerCase() };
}

const optionalText = (label: string, max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .refine((text) => !hasControlCharacters(text), `The ${label} must not contain control characters.`)
    .optional()
    .transform((value) => value || undefined);

/** listProducts' input; unknown keys are refused. */
export const productListInputSchema = z
  .object({
    q: optionalText("search", MAX_SEARCH_LENGTH, `Search for at most ${MAX_SEARCH_LENGTH} characters.`),
    category: optionalText("category", 80, "That category is too long."),
    locationId: locationIdSchema.optional(),
    stock: z.enum(STOCK_FILTERS).default("all"),
    status: z.enum(PRODUCT_STATUSES).default("active"),
    sort: z.enum(PRODUCT_SORTS).default("name"),
    dir: z.enum(SORT_DIRECTIONS).optional(),
    after: z.string().optional(),
    before: z.string().optional(),
    limit: z.number().int().min(1).max(100).default(PRODUCT_PAGE_SIZE),
  })
  .strict()
  .transform((input, ctx) => {
    const decode = (key: "after" | "before") => {
      const text = input[key];
      if (text === undefined) return undefined;
      const cursor = decodeCursor(text, input.sort);
      if (!cursor) ctx.addIssue({ code: "custom", path: [key], message: STALE_CURSOR_MESSAGE });
      return cursor ?? undefined;
    };
    const after = decode("after");
    const before = decode("before");
    if (after && before)
      ctx.addIssue({ code: "custom", path: ["before"], message: "Ask for the page after or before a row, not both." });
    return { ...input, dir: input.dir ?? DEFAULT_DIRECTION[input.sort], after, before };
  });

export type ProductListInput = z.output<typeof productListInputSchema>;

/** The list's URL parameters, as they appear in the address bar (all optional, defaults left out). */
export interface ProductListQuery {
  q?: string;
  category?: string;
  locationId?: string;
  stock?: StockFilter;
  status?: ProductStatus;
  sort?: ProductSort;
  dir?: SortDirection;
  after?: string;
  before?: string;
}

/** The `sort` URL parameter: the sort's name, with "-asc"/"-desc" when not its natural direction. */
export function sortParam(sort: ProductSort, dir: SortDirection = DEFAULT_DIRECTION[sort]): string {
  return dir === DEFAULT_DIRECTION[sort] ? sort : `${sort}-${dir}`;
}

/** The orders the list offers, as the sort menu shows them. */
export const SORT_OPTIONS: { sort: ProductSort; dir: SortDirection; label: string }[] = [
  { sort: "name", dir: "asc", label: "Name, A to Z" },
  { sort: "name", dir: "desc", label: "Name, Z to A" },
  { sort: "sku", dir: "asc", label: "SKU, A to Z" },
  { sort: "sku", dir: "desc", label: "SKU, Z to A" },
  { sort: "onHand", dir: "asc", label: "On hand, least first" },
  { sort: "onHand", dir: "desc", label: "On hand, most first" },
  { sort: "updated", dir: "desc", label: "Recently updated" },
  { sort: "updated", dir: "asc", label: "Least recently updated" },
];

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((item) => item === value);

/**
 * The list query a URL asks for. Whatever someone typed or pasted, the page renders: an unknown sort is the
 * default one, a malformed location or a stale cursor is left out, control characters are dropped from text.
 */
export function productListQueryFromSearchParams(params: SearchParams): ProductListQuery {
  const text = (key: string, max: number) => {
    const value = stripControlCharacters(first(params[key]) ?? "").trim();
    return value ? value.slice(0, max) : undefined;
  };
  const [sortText, dirText] = (first(params.sort) ?? "").split("-");
  const sort = oneOf(PRODUCT_SORTS, sortText);
  const dir = oneOf(SORT_DIRECTIONS, dirText);
  const locationId = first(params.location);
  const cursor = (key: "after" | "before") => {
    const value = first(params[key]);
    return value && decodeCursor(value, sort ?? "name") ? value : undefined;
  };
  const after = cursor("after");
  return {
    q: text("q", MAX_SEARCH_LENGTH),
    category: text("category", 80),
    locationId: isUuid(locationId) ? locationId.toLowerCase() : undefined,
    stock: oneOf(STOCK_FILTERS, first(params.stock)),
    status: oneOf(PRODUCT_STATUSES, first(params.status)),
    sort,
    dir: sort && dir !== DEFAULT_DIRECTION[sort] ? dir : undefined,
    after,
    before: after ? undefined : cursor("before"),
  };
}

/** The input listProducts takes for a list query. */
export function productListInput(query: ProductListQuery): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

/** Whether any filter narrows the list (what "No products match" and "Clear filters" are about). */
export function hasFilters(query: ProductListQuery): boolean {
  return Boolean(
    query.q ||
    query.category ||
    query.locationId ||
    (query.stock && query.stock !== "all") ||
    (query.status && query.status !== "active"),
  );
}

/** The list's address for a query: defaults left out, parameters named as the filter form names them. */
export function productListHref(query: ProductListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.category) params.set("category", query.category);
  if (query.locationId) params.set("location", query.locationId);
  if (query.stock && query.stock !== "all") params.set("stock", query.stock);
  if (query.status && query.status !== "active") params.set("status", query.status);
  const sort = sortParam(query.sort ?? "name", query.dir);
  if (sort !== "name") params.set("sort", sort);
  if (query.after) params.set("after", query.after);
  else if (query.before) params.set("before", query.before);
  const text = params.toString();
  return text ? `/products?${text}` : "/products";
}
