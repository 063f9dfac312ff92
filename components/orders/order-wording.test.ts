import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { ORDER_STATUSES } from "@/lib/orders/order-state-machine";
import {
  approveSummary,
  cancelSummary,
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
    }
  });

  it("has something to say to staff in every status", () => {
    for (const status of ORDER_STATUSES) expect(orderActionNote(viewer({ status }))).toBeTruthy();
  });
});

describe("action summaries", () => {
  // 12 each (a hammer and a level) and 5 pair (gloves): never "17 units".
  const order = {
    type: "CUSTOMER_ORDER",
    status: "APPROVED",
    unitTotals: [
      { unit: "each", quantity: 12 },
      { unit: "pair", quantity: 5 },
    ],
    locationName: "Main",
  } as const;
  const oneUnit = [{ unit: "box", quantity: 40 }];

  it("says which way fulfilling moves the stock, and how much of each unit", () => {
    expect(fulfilSummary(order)).toBe("Ships 12 each and 5 pair from Main.");
    expect(fulfilSummary({ ...order, type: "RESTOCK", unitTotals: oneUnit })).toBe("Receives 40 box into Main.");
    expect(fulfilSummary({ ...order, unitTotals: [{ unit: "each", quantity: 1 }] })).toBe("Ships 1 each from Main.");
  });

  it("says cancelling an approved customer order releases its reservation, and nothing otherwise", () => {
    expect(cancelSummary(order)).toMatch(/^Releases the 12 each and 5 pair reserved at Main\./);
    expect(cancelSummary({ ...order, status: "PENDING" })).toMatch(/^Nothing moves\./);
    expect(cancelSummary({ ...order, type: "RESTOCK" })).toMatch(/^Nothing moves\./);
  });

  it("says approving a customer order reserves its stock, a restock nothing yet", () => {
    expect(approveSummary({ ...order, status: "PENDING" })).toMatch(/^Reserves 12 each and 5 pair at Main for/);
    expect(approveSummary({ ...order, type: "RESTOCK", status: "PENDING" })).toMatch(/^Nothing moves yet/);
  });

  it("says what a step did, with the request's number", () => {
    expect(movedMessage({ number: 123, status: "APPROVED" })).toBe("REQ-000123 is approved.");
    expect(movedMessage({ number: 7, status: "FULFILLED" })).toBe("REQ-000007 is fulfilled: the stock has moved.");
  });
});
