// Keyset cursors, shared by every list that pages (docs/architecture.md §3): a cursor is the sort key and id of
// the row a page starts after, as opaque URL-safe text, so a page is "the rows after this one", never an OFFSET
// into 100k rows. Cursors come from URLs: decoding never throws, and anything that is not exactly a cursor this
// list made (another list's, a tampered one, an impossible time) is none. Pure: no server imports.
import { hasControlCharacters, isUuid } from "../fields";

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The message a list's input schema gives for a cursor it cannot read. */
export const STALE_CURSOR_MESSAGE = "That page link is out of date: start from the first page.";

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FIRST_YEAR = Date.parse("0001-01-01T00:00:00.000Z");

/**
 * Whether text is a moment as toISOString writes it, and one PostgreSQL takes as a timestamptz. The shape is not
 * enough: "2024-13-45T99:99:99.000Z" is no time, and Date.parse rolls "2024-02-30" over to March 1st where
 * PostgreSQL refuses it (as it does year 0), so the text must be exactly what its own time prints as.
 */
export function isIsoTime(value: unknown): value is string {
  if (typeof value !== "string" || !ISO_TIME.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && time >= FIRST_YEAR && new Date(time).toISOString() === value;
}

/** A keyset position (sort key parts and an id) as URL-safe text. */
export function encodeKeyset(parts: unknown[]): string {
  return toBase64Url(JSON.stringify(parts));
}

/** The parts of a keyset position, or null for text that is not one (never throws: it comes from URLs). */
export function decodeKeyset(text: string, length: number): unknown[] | null {
  if (text.length > 600) return null;
  const json = fromBase64Url(text);
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.length === length ? parsed : null;
  } catch {
    return null;
  }
}

/** Where a newest-first page starts: after the row created at this time with this id. */
export interface TimeCursor {
  createdAt: string;
  id: string;
}

/** A newest-first list's cursor, named for its list ("orders", "audit") so one list's cursor is not another's. */
export function encodeTimeCursor(list: string, cursor: TimeCursor): string {
  return encodeKeyset([list, cursor.createdAt, cursor.id]);
}

/** The cursor, if the text is one this list made (a tampered or foreign cursor is none). */
export function decodeTimeCursor(list: string, text: string): TimeCursor | null {
  const parts = decodeKeyset(text, 3);
  if (!parts) return null;
  const [kind, createdAt, id] = parts;
  if (kind !== list || !isIsoTime(createdAt) || !isUuid(id)) return null;
  return { createdAt, id: id.toLowerCase() };
}

/** Where a page ordered by text (a name; a name then a SKU) starts: after the row with these keys and this id. */
export interface TextCursor {
  keys: string[];
  id: string;
}

/** A text-ordered list's cursor, named for its list ("members", "stocktake") as time cursors are. */
export function encodeTextCursor(list: string, cursor: TextCursor): string {
  return encodeKeyset([list, ...cursor.keys, cursor.id]);
}

/** A row id as a cursor holds it: a uuid, lower-cased; anything else is none. */
const uuidId = (id: unknown): string | null => (isUuid(id) ? id.toLowerCase() : null);

/**
 * The cursor, if the text is one this list made with `keyCount` keys. Keys are column values (names, SKUs): at
 * most 200 characters and no control characters, which PostgreSQL would refuse (NUL) in a tampered one. The id is a
 * uuid unless the list says what else its rows' ids are (`readId`: the id as the query takes it, or null).
 */
export function decodeTextCursor(
  list: string,
  keyCount: number,
  text: string,
  readId: (id: unknown) => string | null = uuidId,
): TextCursor | null {
  const parts = decodeKeyset(text, keyCount + 2);
  if (!parts) return null;
  const [kind, ...rest] = parts;
  const id = rest.pop();
  const keys = rest.filter(
    (key): key is string => typeof key === "string" && key.length <= 200 && !hasControlCharacters(key),
  );
  const rowId = readId(id);
  if (kind !== list || keys.length !== keyCount || rowId === null) return null;
  return { keys, id: rowId };
}
