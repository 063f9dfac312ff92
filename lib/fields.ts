// The field primitives every lib boundary shares: text without control characters, ids, versions, search text.
// One rule each, so a value is judged the same in a form, an import, an email's props and a URL (issue 11, item 4).
// Pure: no server imports; the forms and the email templates use it too.
import "./zod-browser";
import { z } from "zod";

/**
 * Control characters: C0 (NUL, tab, line feed…), DEL and C1 (U+0085 among them). PostgreSQL refuses NUL; the
 * others break email headers, CSV cells and single-line displays.
 */
const CONTROL = /\p{Cc}/u;
const CONTROLS = /\p{Cc}+/gu;
/** One line: no control character and no Unicode line or paragraph separator. */
const SINGLE_LINE = /^[^\p{Cc}\p{Zl}\p{Zp}]*$/u;
/** Lines of text: line breaks (CR, LF, U+2028/9) and tabs (pasted text carries them), no other control character. */
const MULTI_LINE = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

/** Whether the text is one line without control characters (what every name, reference and id must be). */
export function isSingleLine(text: string): boolean {
  return SINGLE_LINE.test(text);
}

/** Whether the text is lines of text: line breaks and tabs, no other control character. */
export function isMultiLine(text: string): boolean {
  return MULTI_LINE.test(text);
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/**
 * Stored text made fit for one line, for where a stored value must not stop the work (the degraded form of a
 * security email): each run of control characters or line separators becomes one space.
 */
export function asSingleLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, " ").trim();
}

/** The text with its control characters dropped: for searches and URL parameters, which never refuse. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROLS, "");
}

export interface TextRule {
  /**
   * Starts every message ("Reason: use at most 500 characters.") where errors show away from their input; left
   * out, a message reads beside its input ("Use at most 80 characters.").
   */
  label?: string;
  /** The message for blank text: "Enter a name.". By default "<Label>: enter text." or "Enter text.". */
  missing?: string;
  /** Fewest characters once trimmed (default 1; optional text may be blank whatever this says). */
  min?: number;
  max: number;
}

function messages(rule: TextRule) {
  const say = (text: string) => (rule.label ? `${rule.label}: ${text}` : text.charAt(0).toUpperCase() + text.slice(1));
  return {
    missing: rule.missing ?? say("enter text."),
    tooShort: say(`${rule.label ? "enter" : "use"} at least ${rule.min?.toLocaleString("en")} characters.`),
    tooLong: say(`use at most ${rule.max.toLocaleString("en")} characters.`),
    singleLine: say("use a single line without control characters."),
    multiLine: say("use plain text without control characters."),
  };
}

/**
 * Checked on the text as given, before trimming: a trailing line break or tab is refused, not trimmed away
 * unnoticed (it would be kept by anything that reads the raw value).
 */
function text(rule: TextRule, lines: "singleLine" | "multiLine", optional: boolean) {
  const say = messages(rule);
  const min = rule.min ?? 1;
  const pattern = lines === "singleLine" ? SINGLE_LINE : MULTI_LINE;
  const base = z.string({ error: say.missing }).regex(pattern, { error: say[lines], abort: true }).trim();
  const bounded = optional ? base : base.min(1, { error: say.missing, abort: true });
  return (min > 1 ? bounded.refine((value) => value === "" || value.length >= min, say.tooShort) : bounded).max(
    rule.max,
    say.tooLong,
  );
}

const orNull = <Schema extends z.ZodType<string>>(schema: Schema) =>
  schema.nullish().transform((value) => value || null);

/** Required text of one line: no control characters at all (tab, line feed, NUL, U+0085…), trimmed, bounded. */
export function singleLineText(rule: TextRule) {
  return text(rule, "singleLine", false);
}

/** Optional one-line text: blank, null or missing is null, so "none" is one value, not three. */
export function optionalSingleLineText(rule: TextRule) {
  return orNull(text(rule, "singleLine", true));
}

/** Required text that may span lines (line breaks and tabs), no other control characters, trimmed, bounded. */
export function multiLineText(rule: TextRule) {
  return text(rule, "multiLine", false);
}

export function optionalMultiLineText(rule: TextRule) {
  return orNull(text(rule, "multiLine", true));
}

/**
 * An id: a UUID, lower-cased like the text the database returns (the stock code keys its maps by it). Anything
 * else is as unknown as another company's row: "That product was not found.".
 */
export function idSchema(entity: string) {
  return z.uuid({ error: `${entity} was not found.` }).transform((id) => id.toLowerCase());
}

const uuid = z.uuid();

export function isUuid(value: unknown): value is string {
  return uuid.safeParse(value).success;
}

/**
 * A client's idempotency key: made once per change the person means to make (a request to create, a stock
 * operation), sent with every submit or replay of it, so a retry does nothing new.
 */
export const idempotencyKeySchema = z
  .uuid({ error: "The form is out of date: reload the page and submit again." })
  .transform((s) => s.toLowerCase());

export const productIdSchema = idSchema("That product");
export const locationIdSchema = idSchema("That location");
export const orderIdSchema = idSchema("That request");
export const membershipIdSchema = idSchema("That member");
export const invitationIdSchema = idSchema("That invitation");

/** PostgreSQL's integer, the type of every version column. */
const MAX_VERSION = 2_147_483_647;

/**
 * The version of a row the person saw (a wrong one is a CONFLICT, never a silent overwrite): a whole number from 1,
 * as a number or a string of digits only, so "1e3", " 1", "1.0" or "0x10" are refused, not read as another version.
 */
export function versionSchema(entity: string) {
  const missing = `Reload the page: the ${entity}'s version is missing.`;
  const invalid = `Reload the page: the ${entity}'s version is not a version number.`;
  return z.union([z.number(), z.string()], { error: missing }).transform((value, ctx) => {
    if (value === "") {
      ctx.addIssue({ code: "custom", message: missing });
      return z.NEVER;
    }
    const version = typeof value === "number" ? value : /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(version) || version < 1 || version > MAX_VERSION) {
      ctx.addIssue({ code: "custom", message: invalid });
      return z.NEVER;
    }
    return version;
  });
}

export const MAX_SEARCH_LENGTH = 100;

/** A search box's text: control characters dropped, trimmed, cut to 100 characters; blank is no search. */
export const searchTextSchema = z
  .string()
  .optional()
  .transform((value) => searchText(value));

/** The same rule for a URL parameter (the first value when repeated); never refuses. */
export function searchText(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return stripControlCharacters(first ?? "")
    .trim()
    .slice(0, MAX_SEARCH_LENGTH)
    .trim();
}
