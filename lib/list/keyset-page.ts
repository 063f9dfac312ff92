// The shared half of every keyset list (docs/architecture.md §3 "Lists"): a list's input names the row its page
// starts after or before by an opaque cursor (lib/list/keyset-cursor.ts); the lib reads one more row than a page,
// from the cursor in index order, and this module turns those rows into the page and its neighbours' cursors.
// Pure: no server imports.
import { z } from "zod";
import { STALE_CURSOR_MESSAGE } from "./keyset-cursor";

/** The cursor keys of a list's input, as text (from a URL or a caller). */
export const cursorTextShape = { after: z.string().optional(), before: z.string().optional() };

/**
 * A list schema's transform: the `after` and `before` texts decoded by the list's own decoder. A cursor the list
 * did not make is a field error (the page dropped it already: see cursorParams), as is asking for both.
 */
export function decodeCursors<T extends { after?: string; before?: string }, C>(decode: (text: string) => C | null) {
  return (input: T, ctx: z.RefinementCtx): Omit<T, "after" | "before"> & { after?: C; before?: C } => {
    const read = (key: "after" | "before") => {
      const text = input[key];
      if (text === undefined) return undefined;
      const cursor = decode(text);
      if (!cursor) ctx.addIssue({ code: "custom", path: [key], message: STALE_CURSOR_MESSAGE });
      return cursor ?? undefined;
    };
    const after = read("after");
    const before = read("before");
    if (after && before)
      ctx.addIssue({ code: "custom", path: ["before"], message: "Ask for the page after or before a row, not both." });
    return { ...input, after, before };
  };
}

type Param = string | string[] | undefined;
const first = (value: Param) => (Array.isArray(value) ? value[0] : value);

/**
 * The cursor a URL asks for, as the page passes it on: a cursor the list cannot read (stale, tampered, another
 * list's) is left out, so a hand-edited link shows the first page instead of an error; `after` wins over `before`.
 */
export function cursorParams(
  after: Param,
  before: Param,
  decode: (text: string) => unknown,
): { after: string | undefined; before: string | undefined } {
  const keep = (value: Param) => {
    const text = first(value);
    return text && decode(text) !== null ? text : undefined;
  };
  const afterText = keep(after);
  return { after: afterText, before: afterText ? undefined : keep(before) };
}

export interface KeysetPage<T> {
  rows: T[];
  /** The cursor of the next page (`after`), if there is one. */
  nextCursor: string | null;
  /** The cursor of the previous page (`before`), if there is one. */
  previousCursor: string | null;
}

/**
 * The page that up to `limit + 1` rows make, given in the list's order (a page before a cursor is read backwards
 * from it, so its caller reverses the rows first). The extra row only says that there is a further page that way.
 */
export function keysetPage<T>(
  rows: T[],
  input: { limit: number; after?: unknown; before?: unknown },
  cursorOf: (row: T) => string,
): KeysetPage<T> {
  const more = rows.length > input.limit;
  // Reading backwards, the extra row is the one before the page, i.e. the first in the list's order.
  const page = more ? (input.before ? rows.slice(1) : rows.slice(0, input.limit)) : rows;
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  const hasNext = input.before ? true : more;
  const hasPrevious = input.before ? more : Boolean(input.after);
  return {
    rows: page,
    nextCursor: hasNext && lastRow ? cursorOf(lastRow) : null,
    previousCursor: hasPrevious && firstRow ? cursorOf(firstRow) : null,
  };
}
