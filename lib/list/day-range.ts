// A range of whole calendar days, as the From/To date inputs of a list's filters send it ("2026-11-24"): the
// request list and the audit log filter by it, in the company's time zone (lib/list/local-day-range.ts turns it
// into SQL). Pure: no server imports.
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as a date input sends it ("2026-11-24"), and one that exists (not "2026-02-30"). */
export function isDay(value: unknown): value is string {
  if (typeof value !== "string" || !DAY.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value && value >= "2000-01-01";
}

export interface DayRange {
  from?: string;
  to?: string;
}

/** An optional day field of a list's input schema; `label` names the field in the message. */
export const daySchema = (label: string) =>
  z.string().refine(isDay, `${label}: enter a date such as 2026-11-24.`).optional();

/** The refinement every schema with a day range applies: To is not before From. */
export function checkDayRange(input: DayRange, ctx: z.RefinementCtx): void {
  if (input.from && input.to && input.from > input.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "To: choose a day on or after the From day." });
  }
}

/**
 * The range a URL asks for, with what cannot be one dropped rather than refused (a hand-edited link shows the
 * list): a From that is no day, a To that is none or is before From.
 */
export function dayRangeFromParams(from: string | undefined, to: string | undefined): DayRange {
  const validFrom = isDay(from) ? from : undefined;
  const validTo = isDay(to) && !(validFrom && to < validFrom) ? to : undefined;
  return { ...(validFrom && { from: validFrom }), ...(validTo && { to: validTo }) };
}
