import { describe, expect, it } from "vitest";
import { MAX_ORDER_LINES } from "../orders/order-fields";
import { MAX_QUANTITY } from "./quantity";
import { restockDraftLines } from "./restock-draft-lines";

describe("restockDraftLines", () => {
  it("orders what is suggested, in the list's order, leaving out what is already covered", () => {
    expect(
      restockDraftLines([
        { productId: "anchors", suggested: 40 },
        { productId: "fixings", suggested: 0 },
        { productId: "clamps", suggested: 10 },
      ]),
    ).toEqual({
      lines: [
        { productId: "anchors", quantity: 40 },
        { productId: "clamps", quantity: 10 },
      ],
      leftOut: 0,
    });
  });

  it("asks once for a product low in total and at the default location: the larger of the two meets both", () => {
    // 30 received at the default location lifts its stock there by 30 and the total by 30.
    expect(
      restockDraftLines([
        { productId: "brackets", suggested: 12 },
        { productId: "brackets", suggested: 30 },
      ]).lines,
    ).toEqual([{ productId: "brackets", quantity: 30 }]);
  });

  it("fills one request up to its line limit and counts the products left out", () => {
    const rows = Array.from({ length: MAX_ORDER_LINES + 7 }, (_, i) => ({ productId: `p${i}`, suggested: i + 1 }));
    const drafted = restockDraftLines(rows);
    expect(drafted.lines).toHaveLength(MAX_ORDER_LINES);
    expect(drafted.lines.at(-1)).toEqual({ productId: `p${MAX_ORDER_LINES - 1}`, quantity: MAX_ORDER_LINES });
    expect(drafted.leftOut).toBe(7);
  });

  it("never asks for more than a request's quantity may be", () => {
    expect(restockDraftLines([{ productId: "huge", suggested: MAX_QUANTITY + 5 }]).lines).toEqual([
      { productId: "huge", quantity: MAX_QUANTITY },
    ]);
  });

  it("has nothing to order when every suggestion is covered", () => {
    expect(restockDraftLines([{ productId: "fixings", suggested: 0 }])).toEqual({ lines: [], leftOut: 0 });
  });
});
