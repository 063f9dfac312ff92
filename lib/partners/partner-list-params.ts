// What the supplier and customer directories can be asked for — a search, active/archived/all, and a keyset cursor —
// shared by the list pages (which read it from the URL, so a filtered list is a deep link), their filter form and
// listPartners. Pages are by name regardless of letter case (name_key, which is unique per company and kind), then
// id: a cursor holds the row's name_key as PostgreSQL lower-cased it, so the comparison is the order's own
// (docs/architecture.md §3 "Lists"). Pure: no server imports.
import { z } from "zod";
import { MAX_SEARCH_LENGTH, searchText, searchTextSchema } from "../fields";
import { decodeTextCursor, encodeTextCursor, type TextCursor } from "../list/keyset-cursor";
import { cursorParams, cursorTextShape, decodeCursors } from "../list/keyset-page";
import { PARTNER_WORDS, partnerKindSchema, type PartnerKind } from "./partner-kinds";

export { MAX_SEARCH_LENGTH };

export const PARTNER_STATUSES = ["active", "archived", "all"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const PARTNER_PAGE_SIZE = 50;

/** A directory's cursor is named for its kind: a suppliers cursor is not a customers one. */
const cursorName = (kind: PartnerKind) => PARTNER_WORDS[kind].many;

export const decodePartnerCursor = (kind: PartnerKind) => (text: string) => decodeTextCursor(cursorName(kind), 1, text);

export function encodePartnerCursor(kind: PartnerKind, row: { nameKey: string; id: string }): string {
  return encodeTextCursor(cursorName(kind), { keys: [row.nameKey], id: row.id });
}

/** listPartners' input; unknown keys are refused, a cursor the kind's list did not make is a field error. */
export const partnerListInputSchema = z
  .object({
    kind: partnerKindSchema,
    q: searchTextSchema,
    status: z.enum(PARTNER_STATUSES, { error: "Choose active, archived or all." }).default("active"),
    ...cursorTextShape,
    limit: z.number().int().min(1).max(100).default(PARTNER_PAGE_SIZE),
  })
  .strict()
  .transform((input, ctx) => decodeCursors<typeof input, TextCursor>(decodePartnerCursor(input.kind))(input, ctx));

/** A directory's URL parameters as they appear in the address bar (defaults left out). */
export interface PartnerListQuery {
  q?: string;
  status?: PartnerStatus;
  after?: string;
  before?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The list a URL asks for. Whatever someone typed or pasted, the page renders: an unknown status is the default, a
 * stale or foreign cursor is left out, control characters are dropped from the search.
 */
export function partnerListQueryFromParams(kind: PartnerKind, params: SearchParams): PartnerListQuery {
  const q = searchText(params.q);
  const status = PARTNER_STATUSES.find((s) => s === first(params.status));
  const { after, before } = cursorParams(params.after, params.before, decodePartnerCursor(kind));
  return {
    ...(q && { q }),
    ...(status && status !== "active" && { status }),
    ...(after && { after }),
    ...(before && { before }),
  };
}

/** Whether anything narrows the list (what "No suppliers match" and "Clear filters" are about). */
export function hasPartnerFilters(query: PartnerListQuery): boolean {
  return Boolean(query.q || (query.status && query.status !== "active"));
}

/** The directory's address for a query. */
export function partnerListHref(kind: PartnerKind, query: PartnerListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status && query.status !== "active") params.set("status", query.status);
  if (query.after) params.set("after", query.after);
  else if (query.before) params.set("before", query.before);
  const text = params.toString();
  return text ? `${PARTNER_WORDS[kind].path}?${text}` : PARTNER_WORDS[kind].path;
}
