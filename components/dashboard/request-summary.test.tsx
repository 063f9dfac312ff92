import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RequestSummary } from "./request-summary";

afterEach(cleanup);

// 6 + 1 + 2 + 0 + 1,200 + 2 + 1 = 1,212 requests.
const COUNTS = {
  PENDING: 6,
  APPROVED: 1,
  PARTIALLY_FULFILLED: 2,
  REJECTED: 0,
  FULFILLED: 1_200,
  CLOSED: 2,
  CANCELLED: 1,
};
const NONE = { PENDING: 0, APPROVED: 0, PARTIALLY_FULFILLED: 0, REJECTED: 0, FULFILLED: 0, CLOSED: 0, CANCELLED: 0 };

describe("RequestSummary", () => {
  it("lists every status with its count, each count linking to the list filtered by it", () => {
    render(<RequestSummary scope="company" byStatus={COUNTS} total={1_212} />);
    expect(screen.getByRole("heading", { name: "Requests by status" })).toBeTruthy();
    expect(screen.getByText("1,212 requests in all.")).toBeTruthy();
    const items = within(screen.getByRole("list")).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "Pending6",
      "Approved1",
      "Partly fulfilled2",
      "Rejected0",
      "Fulfilled1,200",
      "Closed2",
      "Cancelled1",
    ]);
    const pending = screen.getByRole("link", { name: "Show the 6 pending requests" });
    expect(pending.getAttribute("href")).toBe("/requests?status=PENDING");
    expect(screen.getByRole("link", { name: "Show the 1 approved request" }).getAttribute("href")).toBe(
      "/requests?status=APPROVED",
    );
    // A backorder is a status of its own, with its own link.
    expect(screen.getByRole("link", { name: "Show the 2 partly fulfilled requests" }).getAttribute("href")).toBe(
      "/requests?status=PARTIALLY_FULFILLED",
    );
    // Nothing to show: no link.
    expect(screen.queryByRole("link", { name: /rejected/ })).toBeNull();
  });

  it("speaks of the staff member's own requests", () => {
    render(<RequestSummary scope="own" byStatus={{ ...NONE, PENDING: 1 }} total={1} />);
    expect(screen.getByRole("heading", { name: "Your requests by status" })).toBeTruthy();
    expect(screen.getByText("1 request in all, raised by you.")).toBeTruthy();
  });

  it("says so when there are none", () => {
    render(<RequestSummary scope="own" byStatus={NONE} total={0} />);
    expect(screen.getByText("You have not raised a request yet.")).toBeTruthy();
    expect(screen.queryAllByRole("link")).toHaveLength(0);
  });
});
