import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { ORDER_STATUSES } from "@/lib/orders/order-state-machine";
import {
  approveSummary,
  cancelSummary,
  closeSummary,
  fulfilSummary,
  movedMessage,
  orderActionNote,
  type OrderViewer,
} from "./order-wording";

const viewer = (overrides: Partial<OrderViewer>): OrderViewer => ({
  status: "PENDING",
  type: "CUSTOMER_ORDER",
  role: "STAFF",
  isRequester: true,
  requireSecondApprover: false,
  ...overrides,
});

describe("orderActionNote", () => {
  it("tells staff an approved request is out of their hands", () => {
    expect(orderActionNote(viewer({ status: "APPROVED" }))).toBe(
      "This request was already approved, so it can no longer be edited. A manager fulfils it.",
    );
  });

  it("tells staff a partly fulfilled request is out of their hands, and what a manager does with the rest", () => {
    expect(orderActionNote(viewer({ status: "PARTIALLY_FULFILLED" }))).toBe(
      "This request was already approved, so it can no longer be edited. Part of it has shipped; a manager ships the rest when the stock is there, or closes it, saying why.",
    );
    expect(orderActionNote(viewer({ status: "PARTIALLY_FULFILLED", type: "RESTOCK" }))).toBe(
      "This request was already approved, so it can no longer be edited. Part of it has been received; a manager receives the rest when it arrives, or closes it, saying why.",
    );
  });

  it("tells managers and admins on a backorder that they fulfil the rest or close it", () => {
    for (const role of ["MANAGER", "ADMIN"] as const) {
      for (const isRequester of [false, true]) {
        expect(orderActionNote(viewer({ role, isRequester, status: "PARTIALLY_FULFILLED" }))).toBe(
          "Part of this order has shipped and the rest is on backorder: fulfil it when the stock is there, or close the backorder, saying why it is not coming.",
        );
        expect(orderActionNote(viewer({ role, isRequester, status: "PARTIALLY_FULFILLED", type: "RESTOCK" }))).toBe(
          "Part of this delivery has been received and the rest is still expected: fulfil it when it arrives, or close the backorder, saying why it is not coming.",
        );
      }
    }
  });

  it("says nothing to managers and admins on an open request they may decide", () => {
    for (const role of ["MANAGER", "ADMIN"] as const) {
      for (const status of ["PENDING", "APPROVED"] as const) {
        expect(orderActionNote(viewer({ role, status, isRequester: false }))).toBeNull();
        expect(orderActionNote(viewer({ role, status, isRequester: true }))).toBeNull();
      }
    }
  });

  it("explains why a manager cannot approve their own request when a second person is required", () => {
    expect(orderActionNote(viewer({ role: "MANAGER", requireSecondApprover: true }))).toBe(
      "Your company requires a second person to approve each request, so another manager or admin must approve your own.",
    );
    expect(orderActionNote(viewer({ role: "MANAGER", requireSecondApprover: true, isRequester: false }))).toBeNull();
  });

  it("tells the requester a pending request waits for a manager and may still be edited or cancelled", () => {
    expect(orderActionNote(viewer({}))).toBe(
      "A manager approves or rejects this request. Until then you can edit or cancel it.",
    );
  });

  it("calls every closed request final for everyone, saying what happened", () => {
    for (const role of ROLES) {
      expect(orderActionNote(viewer({ role, status: "REJECTED" }))).toBe(
        "A rejected request is final; make a new request if the items are still needed.",
      );
      expect(orderActionNote(viewer({ role, status: "CANCELLED" }))).toBe(
        "A cancelled request is final; make a new request if the items are still needed.",
      );
      expect(orderActionNote(viewer({ role, status: "FULFILLED" }))).toBe("A fulfilled request is final.");
      expect(orderActionNote(viewer({ role, status: "CLOSED" }))).toBe(
        "A closed request is final; make a new request if the rest is still needed.",
      );
    }
  });

  it("has something to say to staff in every status", () => {
    for (const status of ORDER_STATUSES) expect(orderActionNote(viewer({ status }))).toBeTruthy();
  });
});

describe("action summaries", () => {
  // Requested: 12 each (a hammer and a level) and 5 pair (gloves), never "17 units". Approved in full; 4 each and
  // 2 pair have shipped, so 8 each and 3 pair are still to come.
  const order = {
    type: "CUSTOMER_ORDER",
    status: "APPROVED",
    unitTotals: [
      { unit: "each", quantity: 12 },
      { unit: "pair", quantity: 5 },
    ],
    outstandingTotals: [
      { unit: "each", quantity: 12 },
      { unit: "pair", quantity: 5 },
    ],
    locationName: "Main",
  } as const;
  const partlyShipped = {
    ...order,
    status: "PARTIALLY_FULFILLED",
    outstandingTotals: [
      { unit: "each", quantity: 8 },
      { unit: "pair", quantity: 3 },
    ],
  } as const;
  const oneUnit = [{ unit: "box", quantity: 40 }];

  it("says how much of each unit is still to move, and that what does not move now stays on backorder", () => {
    expect(fulfilSummary(order)).toBe(
      "Still to ship from Main: 12 each and 5 pair. Whatever does not ship now stays open as a backorder, to ship later or close with a reason.",
    );
    expect(fulfilSummary(partlyShipped)).toMatch(/^Still to ship from Main: 8 each and 3 pair\./);
    expect(fulfilSummary({ ...order, type: "RESTOCK", unitTotals: oneUnit, outstandingTotals: oneUnit })).toBe(
      "Still to receive into Main: 40 box. Whatever is not received now stays open as a backorder, to receive later or close with a reason.",
    );
  });

  it("says cancelling an approved customer order releases what it reserved, and nothing otherwise", () => {
    expect(cancelSummary(order)).toMatch(/^Releases the 12 each and 5 pair reserved at Main\./);
    // Approved lower than requested (6 of the 12 each): only the approved quantities were reserved.
    const lowered = { ...order, outstandingTotals: [{ unit: "each", quantity: 6 }, order.outstandingTotals[1]] };
    expect(cancelSummary(lowered)).toMatch(/^Releases the 6 each and 5 pair reserved at Main\./);
    expect(cancelSummary({ ...order, status: "PENDING" })).toMatch(/^Nothing moves\./);
    expect(cancelSummary({ ...order, type: "RESTOCK" })).toMatch(/^Nothing moves\./);
  });

  it("says approving a customer order reserves what is approved (as requested unless lowered), a restock nothing yet", () => {
    expect(approveSummary({ ...order, status: "PENDING" })).toMatch(
      /^Reserves what you approve at Main for this order \(as requested: 12 each and 5 pair\)\./,
    );
    expect(approveSummary({ ...order, type: "RESTOCK", status: "PENDING" })).toMatch(/^Nothing moves yet/);
  });

  it("says closing a backorder gives up only what is still to come", () => {
    expect(closeSummary(partlyShipped)).toBe(
      "The 8 each and 3 pair still to come will not ship: their reservation at Main is released. What was shipped stays.",
    );
    expect(closeSummary({ ...partlyShipped, type: "RESTOCK" })).toBe(
      "The 8 each and 3 pair still expected will not be received. What arrived stays.",
    );
  });

  it("says what a step did, with the request's number", () => {
    expect(movedMessage({ number: 123, status: "APPROVED" })).toBe("REQ-000123 is approved.");
    expect(movedMessage({ number: 7, status: "FULFILLED" })).toBe("REQ-000007 is fulfilled: the stock has moved.");
    expect(movedMessage({ number: 7, status: "PARTIALLY_FULFILLED" })).toBe(
      "REQ-000007 is partly fulfilled: the stock has moved, the rest is on backorder.",
    );
    expect(movedMessage({ number: 7, status: "CLOSED" })).toBe("REQ-000007 is closed: the rest is not coming.");
  });
});
