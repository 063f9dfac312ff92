// Who receives which live-update event (docs/architecture.md §7): only the event's own company, and within it only what the
// subscriber's role may see — staff hear about their own requests only, and membership changes only about themselves.
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../auth/permissions";
import { ORDER_STATUSES } from "../orders/order-state-machine";
import { endsStream, mayReceive, type EventAudience } from "./event-filter";
import { parseCompanyEvent } from "./parse-event";
import type { CompanyEvent, DomainEvent } from "./types";

const COMPANY_A = "0190a000-0000-7000-8000-00000000000a";
const COMPANY_B = "0190b000-0000-7000-8000-00000000000b";
const ME = "0190c000-0000-7000-8000-000000000001";
const SOMEONE_ELSE = "0190c000-0000-7000-8000-000000000002";

const inA = (event: DomainEvent): CompanyEvent => ({ ...event, companyId: COMPANY_A, at: "2026-01-05T10:00:00.000Z" });
const inB = (event: DomainEvent): CompanyEvent => ({ ...event, companyId: COMPANY_B, at: "2026-01-05T10:00:00.000Z" });
const audience = (role: Role, companyId = COMPANY_A): EventAudience => ({ companyId, userId: ME, role });

const stock: DomainEvent = { type: "stock.changed", productIds: ["p1"], locationIds: ["l1"] };
const product: DomainEvent = { type: "product.changed", productIds: ["p1"] };
const location: DomainEvent = { type: "location.changed", locationId: "l1" };
const myOrder: DomainEvent = { type: "order.changed", orderId: "o1", requesterId: ME, status: "PENDING" };
const theirOrder: DomainEvent = { type: "order.changed", orderId: "o2", requesterId: SOMEONE_ELSE, status: "APPROVED" };
const myMembership: DomainEvent = { type: "membership.changed", userId: ME };
const theirMembership: DomainEvent = { type: "membership.changed", userId: SOMEONE_ELSE };
const stocktake: DomainEvent = { type: "stocktake.changed", stocktakeId: "s1" };
const ALL = [stock, product, location, myOrder, theirOrder, myMembership, theirMembership, stocktake];

describe("mayReceive: company", () => {
  it.each(ROLES)("a %s never receives another company's events, of any type", (role) => {
    for (const event of ALL) {
      expect(mayReceive(audience(role, COMPANY_A), inB(event))).toBe(false);
      expect(mayReceive(audience(role, COMPANY_B), inA(event))).toBe(false);
    }
  });

  it("compares the whole company id, not a prefix or a case-folded one", () => {
    expect(mayReceive(audience("ADMIN"), { ...inA(stock), companyId: COMPANY_A.slice(0, -1) })).toBe(false);
    expect(mayReceive(audience("ADMIN"), { ...inA(stock), companyId: COMPANY_A.toUpperCase() })).toBe(false);
  });
});

describe("mayReceive: role, within the company", () => {
  const table: [string, DomainEvent, Record<Role, boolean>][] = [
    ["stock changes", stock, { ADMIN: true, MANAGER: true, STAFF: true }],
    ["product changes", product, { ADMIN: true, MANAGER: true, STAFF: true }],
    ["location changes", location, { ADMIN: true, MANAGER: true, STAFF: true }],
    ["a change to one's own request", myOrder, { ADMIN: true, MANAGER: true, STAFF: true }],
    ["a change to someone else's request", theirOrder, { ADMIN: true, MANAGER: true, STAFF: false }],
    ["a change to one's own membership", myMembership, { ADMIN: true, MANAGER: true, STAFF: true }],
    ["a change to someone else's membership", theirMembership, { ADMIN: false, MANAGER: false, STAFF: false }],
    // Everyone counts a stocktake; the event names the stocktake and nothing it holds.
    ["a count or step on a stocktake", stocktake, { ADMIN: true, MANAGER: true, STAFF: true }],
  ];
  it.each(table)("%s", (_name, event, expected) => {
    for (const role of ROLES)
      expect({ role, receives: mayReceive(audience(role), inA(event)) }).toEqual({
        role,
        receives: expected[role],
      });
  });

  it("an event type this build does not know is never forwarded", () => {
    const unknown = { type: "invoice.paid", companyId: COMPANY_A, at: "x" } as unknown as CompanyEvent;
    for (const role of ROLES) expect(mayReceive(audience(role), unknown)).toBe(false);
  });
});

describe("requests in every status the state machine knows (lib/orders/order-state-machine.ts)", () => {
  // A backorder (PARTIALLY_FULFILLED) and a closed one (CLOSED) travel like the others: the status rides along, it
  // never decides who hears of the change.
  it.each(ORDER_STATUSES)("a request moved to %s parses, and reaches its requester and the approvers", (status) => {
    const mine = inA({ ...myOrder, status });
    const theirs = inA({ ...theirOrder, status });
    expect(parseCompanyEvent(JSON.stringify(mine))).toEqual(mine);
    expect(parseCompanyEvent(JSON.stringify(theirs))).toEqual(theirs);
    for (const role of ROLES) {
      expect(mayReceive(audience(role), mine), role).toBe(true);
      expect(mayReceive(audience(role), theirs), role).toBe(role !== "STAFF");
    }
  });
});

describe("endsStream", () => {
  it("ends the stream on a change to the subscriber's own membership in its company, and on nothing else", () => {
    for (const role of ROLES) {
      expect(endsStream(audience(role), inA(myMembership))).toBe(true);
      expect(endsStream(audience(role), inB(myMembership))).toBe(false);
      for (const event of [stock, product, location, myOrder, theirOrder, theirMembership]) {
        expect(endsStream(audience(role), inA(event))).toBe(false);
      }
    }
  });
});

describe("parseCompanyEvent", () => {
  it("reads what publishEvent writes", () => {
    for (const event of ALL) expect(parseCompanyEvent(JSON.stringify(inA(event)))).toEqual(inA(event));
  });

  it("drops keys it does not know, so only the event's own fields reach a browser", () => {
    const payload = JSON.stringify({ ...inA(myOrder), note: "internal", passwordHash: "x" });
    expect(parseCompanyEvent(payload)).toEqual(inA(myOrder));
  });

  it.each([
    ["no payload", undefined],
    ["not JSON", "{nope"],
    ["JSON that is not an object", "42"],
    ["an unknown type", JSON.stringify({ type: "invoice.paid", companyId: COMPANY_A, at: "x" })],
    ["no company", JSON.stringify({ type: "stock.changed", productIds: [], locationIds: [], at: "x" })],
    ["a company that is not a uuid", JSON.stringify({ ...inA(stock), companyId: "company-a" })],
    ["a field of the wrong type", JSON.stringify({ ...inA(stock), productIds: "p1" })],
  ])("refuses %s", (_name, payload) => {
    expect(parseCompanyEvent(payload)).toBeNull();
  });
});
