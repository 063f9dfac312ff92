// Building blocks for the templates' prop schemas. Props are stored as JSON in the outbox and rendered later,
// so they are checked once when enqueued and again when delivered.
import { z } from "zod";
import { isMultiLine, isSingleLine, singleLineText } from "../lib/fields";

/** Display text of one line: names end up in subjects, where a line break would inject a header. */
export const singleLine = (max: number) => singleLineText({ max });

/** One line that may be blank: "" when there is none. */
export const optionalLine = (max: number) =>
  z.string().refine(isSingleLine, "must be a single line without control characters").trim().max(max);

/** Text that may span lines (and hold tabs), no other control characters; empty unless `min` says otherwise. */
export const multiLine = (max: number, min = 0) =>
  z.string().trim().min(min).max(max).refine(isMultiLine, "must be plain text without control characters");

/**
 * A link in an email must work from a mail client: an absolute http(s) URL, never a relative path. Any host,
 * localhost included (development APP_URLs).
 */
export const absoluteUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .regex(/^https?:\/\/[^/\\\s]/i, "must be an absolute http(s) URL");

/** A moment, as an ISO 8601 string with its offset (what Date#toISOString gives). */
export const isoDateTime = z.iso.datetime({ offset: true });

export const emailAddress = z.email().max(254);
