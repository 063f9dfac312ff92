// Decisions on a phone (docs/architecture.md "Decisions on a phone"), on real PostgreSQL: a decision refused
// because someone acted first names who and when ("Already approved by … at …", in the company's time zone, the
// person as the company knows them) and changes nothing; the "needs my decision" count and list hold exactly the
// pending requests the caller may approve, in their own company only, oldest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { countAwaitingDecision } from "../../lib/orders/decisions";
import { listOrderRequests } from "../../lib/orders/list-order-requests";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { deactivateMember } from "../../lib/users/deactivate-member";
import {
  createOrder,
  orderRow,
  orderSnapshot,
  orderTeam,
  pricedProduct,
  requestNumber,
  type OrderTeam,
} from "../factories/orders";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;

beforeAll(() => {
  system = superuserClient(4);
});

afterAll(async () => {
  await system.$disconnect();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** "7 Dec 2026, 18:27" in a zone, spelled out from the date's parts rather than by the code under test. */
function wallClock(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

async function pendingRestock(team: OrderTeam, requester = team.staff) {
  const product = await pricedProduct(system, team.fixture);
  const order = await createOrder(requester.ctx, {
    type: "RESTOCK",
    locationId: team.fixture.locationId,
    lines: [{ productId: product.id, quantity: 3 }],
  });
  return { order, product };
}

describe("a decision someone else made first", () => {
  let t: OrderTeam;
  const zone = "Pacific/Auckland";

  beforeAll(async () => {
    t = await orderTeam(system, "decide-first", { timeZone: zone });
  });

  it("approving or rejecting the old version says 'Already approved by <first manager> at <time>' and changes nothing", async () => {
    const { order, product } = await pendingRestock(t);
    await approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 });
    const decidedAt = (await orderRow(system, order.id)).decidedAt;
    expect(decidedAt).toBeInstanceOf(Date);
    const before = await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id]);
    for (const attempt of [
      () => approveOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1 }),
      () => rejectOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1, note: "Not needed" }),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toBe(
        `Already approved by ${t.manager.name} at ${wallClock(decidedAt!, zone)} (${zone}): ` +
          `${requestNumber(order.number)} changed after you opened it. Reload the page to see it as it is now.`,
      );
    }
    expect(await orderSnapshot(system, t.fixture.companyId, [order.id], [product.id])).toEqual(before);
  });

  it("the one who decided in another tab reads 'by you'; a rejection reads 'Already rejected'", async () => {
    const { order } = await pendingRestock(t);
    await rejectOrderRequest(t.manager.ctx, { orderId: order.id, version: 1, note: "Over budget" });
    const own = await refusal(approveOrderRequest(t.manager.ctx, { orderId: order.id, version: 1 }));
    expect(own.message).toMatch(/^Already rejected by you at /);
    const other = await refusal(approveOrderRequest(t.manager2.ctx, { orderId: order.id, version: 1 }));
    expect(other.message).toMatch(new RegExp(`^Already rejected by ${t.manager.name} at `));
  });

  it("names a manager deactivated since as the company knew them, not by the name they took later", async () => {
    const team = await orderTeam(system, "decide-gone");
    const { order } = await pendingRestock(team);
    await approveOrderRequest(team.manager.ctx, { orderId: order.id, version: 1 });
    await deactivateMember(team.fixture.ctx, { membershipId: team.manager.membershipId });
    await system.user.update({ where: { id: team.manager.userId }, data: { name: "Someone Else Now" } });
    const error = await refusal(approveOrderRequest(team.manager2.ctx, { orderId: order.id, version: 1 }));
    expect(error.message).toMatch(new RegExp(`^Already approved by ${team.manager.name} at `));
    expect(error.message).not.toContain("Someone Else Now");
  });
});

describe("needs my decision", () => {
  it("counts and lists the pending requests the caller may decide, oldest first, in their own company only", async () => {
    const [a, b] = await Promise.all([orderTeam(system, "decide-a"), orderTeam(system, "decide-b")]);
    const first = await pendingRestock(a);
    const second = await pendingRestock(a, a.staff2);
    const managersOwn = await pendingRestock(a, a.manager);
    const decided = await pendingRestock(a);
    await approveOrderRequest(a.manager2.ctx, { orderId: decided.order.id, version: 1 });
    const inB = await pendingRestock(b);

    // The fixture's company starts with one pending request, made by its admin.
    const waiting = [a.fixture.orderId, first.order.id, second.order.id, managersOwn.order.id];
    expect(await countAwaitingDecision(a.manager.ctx)).toBe(4);
    expect(await countAwaitingDecision(a.fixture.ctx)).toBe(4);
    expect(await countAwaitingDecision(a.staff.ctx)).toBe(0);
    expect(await countAwaitingDecision(b.manager.ctx)).toBe(2);

    const listA = await listOrderRequests(a.manager.ctx, { view: "decide" });
    expect(listA.rows.map((row) => row.id)).toEqual(waiting);
    expect((await listOrderRequests(b.manager.ctx, { view: "decide" })).rows.map((row) => row.id)).toEqual([
      b.fixture.orderId,
      inB.order.id,
    ]);
    // Staff decide nothing: the view is empty for them, even of their own pending requests.
    expect((await listOrderRequests(a.staff.ctx, { view: "decide" })).rows).toEqual([]);

    // Pages, oldest first, continue where the last one stopped.
    const page1 = await listOrderRequests(a.manager.ctx, { view: "decide", limit: 3 });
    expect(page1.rows.map((row) => row.id)).toEqual(waiting.slice(0, 3));
    const page2 = await listOrderRequests(a.manager.ctx, { view: "decide", limit: 3, after: page1.nextCursor });
    expect(page2.rows.map((row) => row.id)).toEqual(waiting.slice(3));
    expect(page2.nextCursor).toBeNull();

    // A decision takes it off everyone's list.
    await approveOrderRequest(a.manager2.ctx, { orderId: first.order.id, version: 1 });
    expect(await countAwaitingDecision(a.manager.ctx)).toBe(3);
    expect(await countAwaitingDecision(b.manager.ctx)).toBe(2);
  });

  it("under 'require a second person', a manager's own request is not theirs to decide", async () => {
    const team = await orderTeam(system, "decide-second", { requireSecondApprover: true });
    const own = await pendingRestock(team, team.manager);
    const staffs = await pendingRestock(team);
    // The fixture's pending request is its admin's: the admin may not decide it, the managers may.
    expect(await countAwaitingDecision(team.manager.ctx)).toBe(2);
    expect((await listOrderRequests(team.manager.ctx, { view: "decide" })).rows.map((row) => row.id)).toEqual([
      team.fixture.orderId,
      staffs.order.id,
    ]);
    expect(await countAwaitingDecision(team.manager2.ctx)).toBe(3);
    expect(await countAwaitingDecision(team.fixture.ctx)).toBe(2);
    expect((await listOrderRequests(team.fixture.ctx, { view: "decide" })).rows.map((row) => row.id)).toEqual([
      own.order.id,
      staffs.order.id,
    ]);
  });
});
