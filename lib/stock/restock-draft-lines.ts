// The lines a restock drafted from the reorder list asks for (issue 15, item 3; docs/architecture.md §5 "Restock
// suggestions"), pure: from one supplier group's rows at one location, in the list's order.
//
// A product can have two rows there: low in total (received at the default location) and low at the default location
// by that location's own point. Both are met by one line of the larger suggestion, since every unit received there
// adds to the location and to the total alike; adding them would order the overlap twice.
import { MAX_ORDER_LINES } from "../orders/order-fields";
import { MAX_QUANTITY } from "./quantity";

export interface SuggestedRow {
  productId: string;
  suggested: number;
}

export interface RestockDraftLines {
  lines: { productId: string; quantity: number }[];
  /** Products with something to order that did not fit in one request (MAX_ORDER_LINES). */
  leftOut: number;
}

export function restockDraftLines(rows: SuggestedRow[], maxLines = MAX_ORDER_LINES): RestockDraftLines {
  const byProduct = new Map<string, number>();
  for (const row of rows) {
    if (row.suggested <= 0) continue;
    // A request's quantity has the ledger's bound; a suggestion past it (a point near a billion) orders the bound.
    const quantity = Math.min(row.suggested, MAX_QUANTITY);
    byProduct.set(row.productId, Math.max(byProduct.get(row.productId) ?? 0, quantity));
  }
  const lines = [...byProduct].map(([productId, quantity]) => ({ productId, quantity }));
  return { lines: lines.slice(0, maxLines), leftOut: Math.max(0, lines.length - maxLines) };
}
