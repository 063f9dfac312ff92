// The rules of a stocktake document (docs/architecture.md §5 "Stocktake documents"), pure, for the domain functions
// and the pages alike: which step each status and role allows, when a line is recounted, and when expected
// quantities may be shown.
import { can, type Role } from "../auth/permissions";
import type { RecountState, StocktakeStatus } from "./stocktake-fields";
import { formatStocktakeNumber } from "./stocktake-fields";

export type StocktakeStep = "count" | "finish" | "book" | "cancel";

export interface RecountThreshold {
  /** A difference of more than this many of the product's units; null: not used. */
  units: number | null;
  /** A difference of more than this percentage of the expected quantity; null: not used. */
  percent: number | null;
}

/**
 * Whether a counted line's difference calls for a recount before booking: above every threshold that is set (more
 * than 5 units and more than 10% of the expected quantity), so a small item off by one is not recounted for being
 * off by 50%, nor a pallet for being off by 6 of 10,000. A threshold of 0 flags any difference; with none set,
 * nothing is recounted. A line expected at 0 and counted above it is above every percentage.
 */
export function needsRecount(line: { counted: number; expected: number }, threshold: RecountThreshold): boolean {
  if (threshold.units === null && threshold.percent === null) return false;
  const difference = Math.abs(line.counted - line.expected);
  if (difference === 0) return false;
  if (threshold.units !== null && difference <= threshold.units) return false;
  if (threshold.percent !== null && difference * 100 <= threshold.percent * line.expected) return false;
  return true;
}

const whole = new Intl.NumberFormat("en-US");

/** "more than 5 units and more than 10% of what was expected"; "no recounts" without thresholds. */
export function thresholdText(threshold: RecountThreshold): string {
  const parts = [
    threshold.units !== null &&
      `more than ${whole.format(threshold.units)} ${threshold.units === 1 ? "unit" : "units"}`,
    threshold.percent !== null && `more than ${whole.format(threshold.percent)}% of what was expected`,
  ].filter((part): part is string => Boolean(part));
  return parts.length === 0 ? "no recounts" : `a difference of ${parts.join(" and ")}`;
}

/**
 * Whether expected quantities, on-hand figures and variances may be shown: always for an open stocktake, for a blind
 * one only once it is booked — to everyone, managers included (the counts must not be steered by what the books say).
 */
export function expectedRevealed(stocktake: { blind: boolean; status: StocktakeStatus }): boolean {
  return !stocktake.blind || stocktake.status === "BOOKED";
}

/**
 * What one line's count shows to the people counting: in a blind stocktake, a line flagged for recount hides its
 * first count until booked, so the recount is made afresh.
 */
export function countShown(
  stocktake: { blind: boolean; status: StocktakeStatus },
  line: { recount: RecountState },
): boolean {
  return expectedRevealed(stocktake) || line.recount !== "REQUESTED";
}

type StepAnswer = { ok: true } | { ok: false; reason: string };

/**
 * Whether `role` may take `step` on a stocktake in `status` (counting a given line in a COUNTED stocktake also needs
 * the line to be flagged: lib/stocktakes/count-stocktake-line.ts). Staff count; managers and admins also start,
 * finish, book and cancel.
 */
export function stocktakeStep(step: StocktakeStep, status: StocktakeStatus, role: Role, number: number): StepAnswer {
  const permission = step === "count" ? "stocktakes.count" : "stock.stocktake";
  if (!can(role, permission)) {
    return { ok: false, reason: "Only managers and admins finish, book and cancel stocktakes." };
  }
  const name = formatStocktakeNumber(number);
  if (status === "BOOKED") return { ok: false, reason: `${name} is booked: nothing on it can change any more.` };
  if (status === "CANCELLED") return { ok: false, reason: `${name} was cancelled: nothing on it can change any more.` };
  switch (step) {
    case "count":
    case "cancel":
      return { ok: true };
    case "finish":
      return status === "STARTED" ? { ok: true } : { ok: false, reason: `Counting on ${name} has finished already.` };
    case "book":
      return status === "COUNTED"
        ? { ok: true }
        : { ok: false, reason: `Finish counting on ${name} before booking it.` };
  }
}
