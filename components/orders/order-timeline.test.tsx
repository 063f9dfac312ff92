import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { OrderTimeline, type OrderTimelineItem } from "./order-timeline";

afterEach(cleanup);

const entry = (id: number, overrides: Partial<OrderTimelineItem>): OrderTimelineItem => ({
  id: `0193a0c4-eeee-7000-8000-00000000000${id}`,
  action: "create",
  actorName: "Sam Staff",
  atLabel: `7 Dec 2026, 1${id}:00`,
  atIso: `2026-12-07T1${id}:00:00.000Z`,
  fromStatus: null,
  toStatus: "PENDING",
  note: null,
  ...overrides,
});

describe("OrderTimeline", () => {
  it("reads a fulfilment that left a backorder as partly fulfilled, the last one as fulfilled, and a close as closed", () => {
    // Approved, two deliveries that each left some to come, then the rest closed.
    render(
      <OrderTimeline
        entries={[
          entry(1, {}),
          entry(2, { action: "approve", actorName: "Mira Manager", fromStatus: "PENDING", toStatus: "APPROVED" }),
          entry(3, {
            action: "fulfil",
            actorName: "Mira Manager",
            fromStatus: "APPROVED",
            toStatus: "PARTIALLY_FULFILLED",
          }),
          entry(4, {
            action: "fulfil",
            actorName: "Mira Manager",
            fromStatus: "PARTIALLY_FULFILLED",
            toStatus: "PARTIALLY_FULFILLED",
          }),
          entry(5, {
            action: "close",
            actorName: "Mira Manager",
            fromStatus: "PARTIALLY_FULFILLED",
            toStatus: "CLOSED",
            note: "The supplier discontinued it",
          }),
        ]}
      />,
    );
    const items = within(screen.getByRole("list", { name: "History, oldest first" })).getAllByRole("listitem");
    expect(items.map((item) => item.querySelector("p")?.textContent)).toEqual([
      "Requested by Sam Staff",
      "Approved by Mira Manager",
      "Partly fulfilled by Mira Manager",
      "Partly fulfilled by Mira Manager",
      "Closed by Mira Manager",
    ]);
    expect(items[2]!.textContent).toContain("Approved → Partly fulfilled");
    // Still partly fulfilled after the second delivery: no change of status to show.
    expect(items[3]!.textContent).not.toContain("→");
    expect(items[4]!.textContent).toContain("Partly fulfilled → Closed");
    expect(within(items[4]!).getByText("The supplier discontinued it")).toBeTruthy();
  });

  it("reads a fulfilment that finished the request as fulfilled", () => {
    render(
      <OrderTimeline
        entries={[
          entry(1, {
            action: "fulfil",
            actorName: "Mira Manager",
            fromStatus: "PARTIALLY_FULFILLED",
            toStatus: "FULFILLED",
          }),
        ]}
      />,
    );
    expect(screen.getByText("Fulfilled by Mira Manager")).toBeTruthy();
    expect(screen.getByText(/Partly fulfilled → Fulfilled/)).toBeTruthy();
  });
});
