import { describe, expect, it } from "vitest";
import { OrderStatus as StoredOrderStatus } from "../db/generated/enums";
import {
  availableEvents,
  ORDER_EVENTS,
  ORDER_STATUSES,
  transition,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
  type TransitionOptions,
} from "./order-state-machine";

// The actors every row below has a column for, in this order.
const ACTORS = [
  { role: "ADMIN", isRequester: true },
  { role: "ADMIN", isRequester: false },
  { role: "MANAGER", isRequester: true },
  { role: "MANAGER", isRequester: false },
  { role: "STAFF", isRequester: true },
  { role: "STAFF", isRequester: false },
] as const satisfies readonly OrderActor[];

type Cell = OrderStatus | null;
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell];

// docs/architecture.md §6, written out cell by cell: the status each actor reaches, or null where they are refused.
// Independent of the code under test on purpose — no permission helpers, no loops that restate the rules. A fulfil
// here takes everything still to come; one that leaves a backorder differs only as FULFIL_LEAVING_BACKORDER says.
const __ = null;
const NONE: Row = [__, __, __, __, __, __];
const FINAL: Record<OrderEvent, Row> = {
  approve: NONE,
  reject: NONE,
  fulfil: NONE,
  close: NONE,
  cancel: NONE,
  edit: NONE,
};
// prettier-ignore
const EXPECTED: Record<OrderStatus, Record<OrderEvent, Row>> = {
  //                   ADMIN                        MANAGER                      STAFF
  //                   own          other           own          other           own          other
  PENDING: {
    approve: [         "APPROVED",  "APPROVED",     "APPROVED",  "APPROVED",     __,          __],
    reject: [          "REJECTED",  "REJECTED",     "REJECTED",  "REJECTED",     __,          __],
    fulfil: [          __,          __,             __,          __,             __,          __],
    close: [           __,          __,             __,          __,             __,          __],
    cancel: [          "CANCELLED", "CANCELLED",    "CANCELLED", "CANCELLED",    "CANCELLED", __],
    edit: [            "PENDING",   __,             "PENDING",   __,             "PENDING",   __],
  },
  APPROVED: {
    approve: [         __,          __,             __,          __,             __,          __],
    reject: [          __,          __,             __,          __,             __,          __],
    fulfil: [          "FULFILLED", "FULFILLED",    "FULFILLED", "FULFILLED",    __,          __],
    close: [           __,          __,             __,          __,             __,          __],
    cancel: [          "CANCELLED", "CANCELLED",    "CANCELLED", "CANCELLED",    __,          __],
    edit: [            __,          __,             __,          __,             __,          __],
  },
  PARTIALLY_FULFILLED: {
    approve: [         __,          __,             __,          __,             __,          __],
    reject: [          __,          __,             __,          __,             __,          __],
    fulfil: [          "FULFILLED", "FULFILLED",    "FULFILLED", "FULFILLED",    __,          __],
    close: [           "CLOSED",    "CLOSED",       "CLOSED",    "CLOSED",       __,          __],
    cancel: [          __,          __,             __,          __,             __,          __],
    edit: [            __,          __,             __,          __,             __,          __],
  },
  REJECTED: FINAL,
  FULFILLED: FINAL,
  CLOSED: FINAL,
  CANCELLED: FINAL,
};

// A fulfilment that leaves something approved still to come keeps the request open as a backorder.
// prettier-ignore
const FULFIL_LEAVING_BACKORDER: Record<OrderStatus, Row> = {
  //                     ADMIN                                       MANAGER                                     STAFF
  //                     own                    other                own                    other                own   other
  PENDING: NONE,
  APPROVED: [            "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", __,   __],
  PARTIALLY_FULFILLED: [ "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", "PARTIALLY_FULFILLED", __,   __],
  REJECTED: NONE,
  FULFILLED: NONE,
  CLOSED: NONE,
  CANCELLED: NONE,
};

// With "require a second person" on, approving differs from the table above only here: nobody approves their own.
// prettier-ignore
const APPROVE_WITH_SECOND_APPROVER: Record<OrderStatus, Row> = {
  //          ADMIN                   MANAGER                 STAFF
  //          own   other             own   other             own   other
  PENDING: [  __,   "APPROVED",       __,   "APPROVED",       __,   __],
  APPROVED: NONE,
  PARTIALLY_FULFILLED: NONE,
  REJECTED: NONE,
  FULFILLED: NONE,
  CLOSED: NONE,
  CANCELLED: NONE,
};

const SETTINGS = [
  { name: "second approver off", options: undefined },
  { name: "second approver on", options: { requireSecondApprover: true } },
  { name: "fulfilment leaving a backorder", options: { leavesBackorder: true } },
  {
    name: "second approver on, fulfilment leaving a backorder",
    options: { requireSecondApprover: true, leavesBackorder: true },
  },
] as const satisfies readonly { name: string; options: TransitionOptions | undefined }[];

function expected(status: OrderStatus, event: OrderEvent, column: number, options?: TransitionOptions) {
  const row =
    options?.requireSecondApprover && event === "approve"
      ? APPROVE_WITH_SECOND_APPROVER[status]
      : options?.leavesBackorder && event === "fulfil"
        ? FULFIL_LEAVING_BACKORDER[status]
        : EXPECTED[status][event];
  return row[column] ?? null;
}

const actorName = (actor: OrderActor) => `${actor.role} (${actor.isRequester ? "requester" : "not requester"})`;

describe("transition", () => {
  for (const setting of SETTINGS) {
    const cases = ORDER_STATUSES.flatMap((status) =>
      ORDER_EVENTS.flatMap((event) =>
        ACTORS.map((actor, column) => ({
          status,
          event,
          actor,
          name: actorName(actor),
          next: expected(status, event, column, setting.options),
        })),
      ),
    );

    it(`covers every status × event × role × requester (${setting.name})`, () => {
      expect(cases).toHaveLength(7 * 6 * 6);
    });

    it.each(cases)(`${setting.name}: $status --$event by $name → $next`, ({ status, event, actor, next }) => {
      const result = transition(status, event, actor, setting.options);
      if (next === null) {
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(result.reason.trim()).not.toBe("");
          expect(result.reason).toMatch(/^[A-Z].*\.$/);
        }
      } else {
        expect(result).toEqual({ ok: true, next });
      }
    });
  }

  it("treats the options switched off explicitly like the options left out", () => {
    for (const status of ORDER_STATUSES) {
      for (const event of ORDER_EVENTS) {
        for (const actor of ACTORS) {
          expect(transition(status, event, actor, { requireSecondApprover: false, leavesBackorder: false })).toEqual(
            transition(status, event, actor),
          );
        }
      }
    }
  });

  it("allows nothing from a final status, whoever asks", () => {
    const reasons: Record<"REJECTED" | "FULFILLED" | "CLOSED" | "CANCELLED", string> = {
      FULFILLED: "A fulfilled request is final.",
      CLOSED: "A closed request is final; make a new request if the rest is still needed.",
      REJECTED: "A rejected request is final; make a new request if the items are still needed.",
      CANCELLED: "A cancelled request is final; make a new request if the items are still needed.",
    };
    for (const [status, reason] of Object.entries(reasons) as [OrderStatus, string][]) {
      for (const { options } of SETTINGS) {
        for (const actor of ACTORS) {
          expect(availableEvents(status, actor, options)).toEqual([]);
          for (const event of ORDER_EVENTS) {
            expect(transition(status, event, actor, options)).toEqual({ ok: false, reason });
          }
        }
      }
    }
  });

  it("says why, in words a person can act on", () => {
    const manager = { role: "MANAGER", isRequester: false } as const;
    const staff = { role: "STAFF", isRequester: false } as const;
    const requester = { role: "STAFF", isRequester: true } as const;
    const ownManager = { role: "MANAGER", isRequester: true } as const;
    const refusal = (reason: string) => ({ ok: false, reason });

    expect(transition("APPROVED", "edit", requester)).toEqual(
      refusal("This request was already approved, so it can no longer be edited."),
    );
    expect(transition("PENDING", "approve", staff)).toEqual(refusal("Only managers and admins can approve requests."));
    expect(transition("PENDING", "approve", ownManager, { requireSecondApprover: true })).toEqual(
      refusal(
        "Your company requires a second person to approve each request, so another manager or admin must approve your own.",
      ),
    );
    expect(transition("PENDING", "fulfil", manager)).toEqual(
      refusal("This request must be approved before it can be fulfilled."),
    );
    expect(transition("APPROVED", "cancel", requester)).toEqual(
      refusal("Once a request is approved, only a manager or admin can cancel it."),
    );
    expect(transition("PENDING", "cancel", staff)).toEqual(
      refusal("Only the person who made this request, or a manager or admin, can cancel it."),
    );
    expect(transition("PENDING", "edit", manager)).toEqual(
      refusal("Only the person who made this request can edit it."),
    );
    expect(transition("FULFILLED", "cancel", manager)).toEqual(refusal("A fulfilled request is final."));
    expect(transition("PARTIALLY_FULFILLED", "cancel", manager)).toEqual(
      refusal("Part of this request has been fulfilled, so it can no longer be cancelled; close the rest instead."),
    );
    expect(transition("APPROVED", "close", manager)).toEqual(
      refusal("Nothing has been fulfilled yet, so there is no backorder to close; cancel the request instead."),
    );
    expect(transition("PENDING", "close", manager)).toEqual(
      refusal("Only a partly fulfilled request can be closed; cancel or reject a pending one."),
    );
    expect(transition("PARTIALLY_FULFILLED", "close", requester)).toEqual(
      refusal("Only managers and admins can close a backorder."),
    );
    expect(transition("PARTIALLY_FULFILLED", "approve", manager)).toEqual(refusal("This request is already approved."));
    expect(transition("PARTIALLY_FULFILLED", "edit", requester)).toEqual(
      refusal("This request was already approved, so it can no longer be edited."),
    );
  });
});

describe("availableEvents", () => {
  for (const setting of SETTINGS) {
    it(`offers exactly the events the design allows (${setting.name})`, () => {
      for (const status of ORDER_STATUSES) {
        ACTORS.forEach((actor, column) => {
          const allowed = ORDER_EVENTS.filter((event) => expected(status, event, column, setting.options) !== null);
          expect(availableEvents(status, actor, setting.options), `${status} for ${actorName(actor)}`).toEqual(allowed);
        });
      }
    });

    it(`agrees with transition for every status × actor (${setting.name})`, () => {
      for (const status of ORDER_STATUSES) {
        for (const actor of ACTORS) {
          const events = availableEvents(status, actor, setting.options);
          for (const event of ORDER_EVENTS) {
            expect(events.includes(event), `${status} --${event} by ${actorName(actor)}`).toBe(
              transition(status, event, actor, setting.options).ok,
            );
          }
        }
      }
    });
  }
});

describe("ORDER_STATUSES", () => {
  it("lists exactly the statuses of the database enum", () => {
    expect([...ORDER_STATUSES].sort()).toEqual(Object.values(StoredOrderStatus).sort());
  });

  it("lists each status and event once", () => {
    expect(new Set(ORDER_EVENTS).size).toBe(ORDER_EVENTS.length);
    expect(new Set(ORDER_STATUSES).size).toBe(ORDER_STATUSES.length);
  });
});
