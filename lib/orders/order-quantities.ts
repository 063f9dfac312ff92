// The quantities of partial approval and partial fulfilment (docs/architecture.md §6), pure, so the server's check
// and the form's defaults are one rule. Each line has three: requested (`quantity`), approved (`approvedQuantity`,
// null until approved; never more than requested) and fulfilled so far (`fulfilledQuantity`, never more than
// approved). What is still to come is approved − fulfilled; a request with some still to come after a fulfilment is a
// backorder. The CHECKs of migration 20261213010000_partial_fulfilment hold the same arithmetic for any writer.
import { z } from "zod";
import { AppError, type FieldErrors } from "../errors";
import { quantitySchema } from "../stock/quantity";

export interface QuantityLine {
  productId: string;
  quantity: number;
  approvedQuantity: number | null;
  fulfilledQuantity: number;
}

/** A quantity per product, as a form posts it (`quantities.<productId>`). */
export type LineQuantities = Record<string, number>;

export interface LineChange {
  productId: string;
  /** The quantity before this step (requested, when approving; still to come, when fulfilling). */
  from: number;
  to: number;
}

/**
 * `{ <productId>: quantity }`, each a whole number from 0 written as digits, as typed into the per-line fields: the
 * quantity rule of every other quantity field (lib/stock/quantity.ts), so a blank, "1e3" or "2.5" is a field error.
 */
export const lineQuantitiesSchema = z.record(
  z.uuid({ error: "Unknown line." }),
  quantitySchema({ min: 0, label: "Quantity" }),
);

/** What is still to come on a line: approved and not yet fulfilled (nothing before approval). */
export function outstanding(line: QuantityLine): number {
  return Math.max(0, (line.approvedQuantity ?? 0) - line.fulfilledQuantity);
}

const key = (productId: string) => `quantities.${productId}`;

function refuse(errors: FieldErrors, message: string): never {
  throw AppError.validation(errors, message);
}

/** Quantities for products that are not lines of this request are refused, never ignored. */
function refuseStrangers(lines: QuantityLine[], given: LineQuantities): void {
  const known = new Set(lines.map((line) => line.productId));
  const strangers = Object.keys(given).filter((productId) => !known.has(productId));
  if (strangers.length > 0) {
    refuse(
      Object.fromEntries(strangers.map((productId) => [key(productId), ["This product is not on the request."]])),
      "The quantities name a product that is not on this request. Reload the request and try again.",
    );
  }
}

export interface ApprovalPlan {
  /** Every line's approved quantity, in the lines' order. */
  approved: { productId: string; quantity: number }[];
  /** The lines approved below what was requested. */
  changes: LineChange[];
}

/**
 * What an approval allows: the requested quantities, or the approver's lower ones (`given`, any subset of lines;
 * the rest as requested). Never more than requested, at least one line above 0 (approving nothing is rejecting),
 * and a lowered quantity needs `note`: the requester is told what changed and why.
 */
export function planApproval(
  lines: QuantityLine[],
  given: LineQuantities | undefined,
  note: string | null,
): ApprovalPlan {
  const wanted = given ?? {};
  refuseStrangers(lines, wanted);
  const errors: FieldErrors = {};
  const approved = lines.map((line) => {
    const quantity = wanted[line.productId] ?? line.quantity;
    if (quantity > line.quantity) errors[key(line.productId)] = [`Approve at most the ${line.quantity} requested.`];
    return { productId: line.productId, quantity };
  });
  if (Object.keys(errors).length > 0) {
    refuse(errors, "An approval can lower quantities, never raise them: ask the requester to edit the request.");
  }
  if (approved.every((line) => line.quantity === 0)) {
    refuse(
      Object.fromEntries(lines.map((line) => [key(line.productId), ["Approve at least one item."]])),
      "Every quantity is 0: reject the request instead, saying why.",
    );
  }
  const changes = lines
    .map((line, index) => ({ productId: line.productId, from: line.quantity, to: approved[index]!.quantity }))
    .filter((change) => change.to !== change.from);
  if (changes.length > 0 && !note) {
    refuse({ note: ["Say why the quantities changed: the requester reads it."] }, "Say why the quantities changed.");
  }
  return { approved, changes };
}

export interface FulfilmentPlan {
  /** The lines that move stock now, with how much (lines with 0 left out). */
  moves: { productId: string; quantity: number }[];
  /** Whether something approved is still to come afterwards: the request stays open as a backorder. */
  leavesBackorder: boolean;
}

/**
 * Whether fulfilling the given quantities (everything still to come without any) leaves something approved still to
 * come on some line: a backorder. Read before the quantities are checked, so the state machine can be asked first.
 */
export function leavesBackorder(lines: QuantityLine[], given: LineQuantities | undefined): boolean {
  return lines.some((line) => given !== undefined && (given[line.productId] ?? 0) < outstanding(line));
}

/**
 * What a fulfilment moves: everything still to come, or the given quantities (any subset of lines; the rest 0 when
 * any are given). Each at most what is still to come on its line, and at least one above 0.
 */
export function planFulfilment(lines: QuantityLine[], given: LineQuantities | undefined): FulfilmentPlan {
  refuseStrangers(lines, given ?? {});
  const errors: FieldErrors = {};
  const moves = lines.map((line) => {
    const left = outstanding(line);
    const quantity = given ? (given[line.productId] ?? 0) : left;
    if (quantity > left) {
      errors[key(line.productId)] =
        left === 0
          ? ["Nothing is left to fulfil on this line."]
          : [`At most ${left}: that is all that is still to come.`];
    }
    return { productId: line.productId, quantity, left };
  });
  if (Object.keys(errors).length > 0) {
    refuse(errors, "A fulfilment cannot move more than was approved and is still to come.");
  }
  if (moves.every((move) => move.quantity === 0)) {
    refuse(
      Object.fromEntries(
        lines.filter((line) => outstanding(line) > 0).map((line) => [key(line.productId), ["Enter how many now."]]),
      ),
      "Every quantity is 0: enter what ships or arrives now.",
    );
  }
  return {
    moves: moves.filter((move) => move.quantity > 0).map(({ productId, quantity }) => ({ productId, quantity })),
    leavesBackorder: leavesBackorder(lines, given),
  };
}

/** The lines with something still to come, and how much: what closing a backorder gives up. */
export function outstandingLines(lines: QuantityLine[]): { productId: string; quantity: number }[] {
  return lines
    .map((line) => ({ productId: line.productId, quantity: outstanding(line) }))
    .filter((line) => line.quantity > 0);
}
