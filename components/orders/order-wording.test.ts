import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { ORDER_STATUSES } from "@/lib/orders/order-state-machine";
import { formatUnits } from "./labels";
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
  const order = { type: "CUSTOMER_ORDER", status: "APPROVED", totalUnits: 5, locationName: "Main" } as const;

  it("says which way fulfilling moves the stock, and how much", () => {
    expect(fulfilSummary(order)).toBe("Ships 5 units from Main.");
    expect(fulfilSummary({ ...order, type: "RESTOCK", totalUnits: 40 })).toBe("Receives 40 units into Main.");
    expect(fulfilSummary({ ...order, totalUnits: 1 })).toBe("Ships 1 unit from Main.");
  });

  it("says cancelling an approved customer order releases its reservation, and nothing otherwise", () => {
    expect(cancelSummary(order)).toMatch(/^Releases the 5 units reserved at Main\./);
    expect(cancelSummary({ ...order, status: "PENDING" })).toMatch(/^Nothing moves\./);
    expect(cancelSummary({ ...order, type: "RESTOCK" })).toMatch(/^Nothing moves\./);
  });

  it("says approving a customer order reserves its stock, a restock nothing yet", () => {
    expect(approveSummary({ ...order, status: "PENDING" })).toMatch(/^Reserves 5 units at Main/);
    expect(approveSummary({ ...order, type: "RESTOCK", status: "PENDING" })).toMatch(/^Nothing moves yet/);
  });

  it("says what a step did, with the request's number", () => {
    expect(movedMessage({ number: 123, status: "APPROVED" })).toBe("REQ-000123 is approved.");
    expect(movedMessage({ number: 7, status: "FULFILLED" })).toBe("REQ-000007 is fulfilled: the stock has moved.");
  });
});

describe("labels", () => {
  it("counts units in words", () => {
    expect(formatUnits(0)).toBe("0 units");
    expect(formatUnits(1)).toBe("1 unit");
    expect(formatUnits(12000)).toBe("12,000 units");
  });
});
