// Push notifications (issue 13, item 6) on real PostgreSQL, sent by the real worker to a push service on this
// machine that records each POST; the test holds the browser's keys and decrypts what arrived (RFC 8291). Covers:
// a new request reaches the approvers' devices and every later step someone else takes (approved, with changes or
// not, rejected, partly fulfilled, fulfilled, closed, cancelled) the requester's, with the request page as the link,
// while steps the requester takes on their own request push nothing;
// the VAPID header names the server's key; a 410 deletes the subscription; a 500 is retried later and then
// delivered once; an ended session's subscription is dropped unsent; the email choices govern push too; company B's
// events never reach company A's devices and B cannot touch A's subscriptions; subscribing again is one row; keys
// that cannot encrypt fail the push, never the request; an endpoint off the push-service allow-list is refused, and
// one stored before it is deleted by the worker unsent.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const vapid = await vi.hoisted(async () => {
  // Before anything reads the environment (lib/env.ts caches it): push on, with a local push service allowed.
  const { default: webpush } = await import("web-push");
  const keys = webpush.generateVAPIDKeys();
  process.env.VAPID_PUBLIC_KEY = keys.publicKey;
  process.env.VAPID_PRIVATE_KEY = keys.privateKey;
  process.env.VAPID_SUBJECT = "mailto:ops@stockflow.test";
  process.env.PUSH_ALLOW_LOOPBACK_HTTP = "1";
  return keys;
});

import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { cancelOrderRequest } from "../../lib/orders/cancel-order-request";
import { closeOrderRequest } from "../../lib/orders/close-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { rejectOrderRequest } from "../../lib/orders/reject-order-request";
import { updateNotificationPreferences } from "../../lib/notifications/update-notification-preferences";
import { enqueuePush } from "../../lib/push/enqueue-push";
import { deliverPendingPushes } from "../../lib/push/push-outbox-worker";
import { removePushSubscription } from "../../lib/push/remove-push-subscription";
import { savePushSubscription, type PushDeviceContext } from "../../lib/push/save-push-subscription";
import { withTenantTx } from "../../lib/db/tenant";
import { createOrder, orderTeam, pricedProduct, requestNumber, type OrderTeam } from "../factories/orders";
import type { MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";
import { BrowserSubscription, startPushService, type PushServiceFake } from "../helpers/push-service";

let system: PrismaClient;
let service: PushServiceFake;

beforeAll(async () => {
  system = superuserClient(4);
  service = await startPushService();
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), service.close()]);
});

/** A member signed in on a device: a live session of their own. */
async function onDevice(member: MemberFixture): Promise<PushDeviceContext> {
  const session = await system.session.create({
    data: { userId: member.userId, expiresAt: new Date(Date.now() + 3_600_000) },
    select: { id: true },
  });
  return { ...member.ctx, sessionId: session.id };
}

/** A browser of `ctx`'s that turned notifications on. */
async function subscribed(ctx: PushDeviceContext): Promise<BrowserSubscription> {
  const browser = new BrowserSubscription(service);
  await savePushSubscription(ctx, browser.toJSON());
  return browser;
}

const deliver = (now?: Date) => deliverPendingPushes({ batchSize: 50, now });

/** Every due row, until none is left (rows of all tests: each test reads only its own browsers' messages). */
async function deliverAll(now?: Date) {
  const total = { sent: 0, retried: 0, failed: 0, pruned: 0 };
  for (;;) {
    const counts = await deliver(now);
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
    if (counts.sent + counts.retried + counts.failed + counts.pruned === 0) return total;
  }
}

const restock = (team: OrderTeam, requester: MemberFixture, productId: string) =>
  createOrder(requester.ctx, {
    type: "RESTOCK",
    locationId: team.fixture.locationId,
    lines: [{ productId, quantity: 3 }],
  });

const subscriptionsOf = (companyId: string, userId?: string) =>
  system.pushSubscription.findMany({
    where: { companyId, ...(userId && { userId }) },
    select: { endpoint: true, userId: true },
  });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

describe("sending", () => {
  let team: OrderTeam;
  let productId: string;
  let companyName: string;
  beforeAll(async () => {
    team = await orderTeam(system, "push-send");
    productId = (await pricedProduct(system, team.fixture, { unit: "pair" })).id;
    companyName = (await system.company.findUniqueOrThrow({ where: { id: team.fixture.companyId } })).name;
  });

  it("a new request reaches each approver's device, encrypted for it, linking to the request; the requester's does not", async () => {
    const manager = await subscribed(await onDevice(team.manager));
    const managerPhone = await subscribed(await onDevice(team.manager));
    const requester = await subscribed(await onDevice(team.staff));
    const order = await restock(team, team.staff, productId);
    await deliverAll();

    const expected = {
      title: `${requestNumber(order.number)} needs a decision`,
      body: `${companyName}: ${team.staff.name} asks for 3 pair at Main`,
      url: `/requests/${order.id}`,
      tag: `order-${order.id}`,
    };
    expect(manager.messages(service)).toEqual([expected]);
    expect(managerPhone.messages(service)).toEqual([expected]);
    expect(requester.messages(service)).toEqual([]);

    const request = service.received.find((r) => r.path === new URL(manager.endpoint).pathname)!;
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);
    // Stored once, sent once.
    const rows = await system.pushOutbox.findMany({
      where: { companyId: team.fixture.companyId },
      select: { status: true },
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((row) => row.status === "SENT")).toBe(true);
  });

  it("a decision reaches the requester's device: approved, and rejected", async () => {
    const requester = await subscribed(await onDevice(team.staff2));
    const approved = await restock(team, team.staff2, productId);
    const rejected = await restock(team, team.staff2, productId);
    await approveOrderRequest(team.manager.ctx, { orderId: approved.id, version: 1 });
    await rejectOrderRequest(team.manager.ctx, { orderId: rejected.id, version: 1, note: "Not this week" });
    await deliverAll();
    expect(requester.messages(service)).toEqual([
      {
        title: `${requestNumber(approved.number)} approved`,
        body: `${companyName}: approved by ${team.manager.name}`,
        url: `/requests/${approved.id}`,
        tag: `order-${approved.id}`,
      },
      {
        title: `${requestNumber(rejected.number)} rejected`,
        body: `${companyName}: rejected by ${team.manager.name}`,
        url: `/requests/${rejected.id}`,
        tag: `order-${rejected.id}`,
      },
    ]);
  });

  it("every later step someone else takes reaches the requester's device: with changes, in part, closed, in full, cancelled", async () => {
    const requester = await subscribed(await onDevice(team.staff));
    const push = (order: { id: string; number: number }, verb: string, by: MemberFixture) => ({
      title: `${requestNumber(order.number)} ${verb}`,
      body: `${companyName}: ${verb} by ${by.name}`,
      url: `/requests/${order.id}`,
      tag: `order-${order.id}`,
    });
    // Each step delivered before the next, so each one's push is known to be its own.
    const step = async (taken: Promise<unknown>) => {
      await taken;
      await deliverAll();
    };

    // 3 pair requested: 2 approved, 1 received, the other 1 not coming.
    const backorder = await restock(team, team.staff, productId);
    await step(
      approveOrderRequest(team.manager.ctx, {
        orderId: backorder.id,
        version: 1,
        note: "Only 2 this week",
        quantities: { [productId]: 2 },
      }),
    );
    await step(
      fulfilOrderRequest(team.manager.ctx, { orderId: backorder.id, version: 2, quantities: { [productId]: 1 } }),
    );
    await step(closeOrderRequest(team.manager2.ctx, { orderId: backorder.id, version: 3, note: "Supplier ran out" }));
    // Approved as requested and received whole; and approved, then cancelled.
    const whole = await restock(team, team.staff, productId);
    await step(approveOrderRequest(team.manager.ctx, { orderId: whole.id, version: 1 }));
    await step(fulfilOrderRequest(team.manager2.ctx, { orderId: whole.id, version: 2 }));
    const cancelled = await restock(team, team.staff, productId);
    await step(approveOrderRequest(team.manager.ctx, { orderId: cancelled.id, version: 1 }));
    await step(cancelOrderRequest(team.manager2.ctx, { orderId: cancelled.id, version: 2, note: "Ordered twice" }));

    expect(requester.messages(service)).toEqual([
      push(backorder, "approved with changes", team.manager),
      push(backorder, "partly fulfilled", team.manager),
      push(backorder, "closed", team.manager2),
      push(whole, "approved", team.manager),
      push(whole, "fulfilled", team.manager2),
      push(cancelled, "approved", team.manager),
      push(cancelled, "cancelled", team.manager2),
    ]);
  });

  it("a requester who takes the steps on their own request is not pushed about them", async () => {
    // A manager's own restock: approved with a change, received in part and closed, all by that manager.
    const own = await subscribed(await onDevice(team.manager2));
    const otherApprover = await subscribed(await onDevice(team.manager));
    const order = await restock(team, team.manager2, productId);
    await approveOrderRequest(team.manager2.ctx, {
      orderId: order.id,
      version: 1,
      note: "Half now",
      quantities: { [productId]: 2 },
    });
    await fulfilOrderRequest(team.manager2.ctx, { orderId: order.id, version: 2, quantities: { [productId]: 1 } });
    await closeOrderRequest(team.manager2.ctx, { orderId: order.id, version: 3, note: "Enough for now" });
    // And a staff member's own pending request, cancelled by them.
    const staff = await subscribed(await onDevice(team.staff2));
    const withdrawn = await restock(team, team.staff2, productId);
    await cancelOrderRequest(team.staff2.ctx, { orderId: withdrawn.id, version: 1 });
    await deliverAll();

    const needsDecision = (request: { number: number }) =>
      expect.objectContaining({ title: `${requestNumber(request.number)} needs a decision` });
    // Nothing about their own steps was even enqueued: the manager's one push is the staff member's new request.
    expect(own.messages(service)).toEqual([needsDecision(withdrawn)]);
    expect(staff.messages(service)).toEqual([]);
    expect(await system.pushOutbox.count({ where: { subscription: { endpoint: own.endpoint } } })).toBe(1);
    expect(await system.pushOutbox.count({ where: { subscription: { endpoint: staff.endpoint } } })).toBe(0);
    // The other approver heard of the new requests only: the steps go to the requester, who took them.
    expect(otherApprover.messages(service)).toEqual([needsDecision(order), needsDecision(withdrawn)]);
  });
});

describe("the push service's answers", () => {
  let team: OrderTeam;
  let productId: string;
  beforeAll(async () => {
    team = await orderTeam(system, "push-answers");
    productId = (await pricedProduct(system, team.fixture)).id;
  });

  it("410: the subscription is deleted and never sent to again", async () => {
    const ctx = await onDevice(team.manager2);
    const gone = await subscribed(ctx);
    await restock(team, team.staff, productId);
    service.answer(410);
    try {
      await deliverAll();
    } finally {
      service.answer(201);
    }
    expect(service.received.filter((r) => r.path === new URL(gone.endpoint).pathname)).toHaveLength(1);
    expect(await subscriptionsOf(team.fixture.companyId, team.manager2.userId)).toEqual([]);

    await restock(team, team.staff, productId);
    await deliverAll();
    expect(service.received.filter((r) => r.path === new URL(gone.endpoint).pathname)).toHaveLength(1);
  });

  it("500: kept and retried after a pause, then delivered exactly once", async () => {
    const browser = await subscribed(await onDevice(team.manager));
    const order = await restock(team, team.staff, productId);
    service.answer(500);
    let first;
    try {
      first = await deliverAll();
    } finally {
      service.answer(201);
    }
    expect(first.retried).toBeGreaterThanOrEqual(1);
    const [row] = await system.pushOutbox.findMany({
      where: { companyId: team.fixture.companyId, subscription: { endpoint: browser.endpoint } },
      select: { status: true, attempts: true, nextAttemptAt: true, lastError: true },
    });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastError: "The push service answered 500" });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // Not due yet: nothing goes out.
    await deliverAll();
    expect(browser.messages(service)).toHaveLength(1);
    // Once due, the retry delivers.
    await deliverAll(new Date(row!.nextAttemptAt.getTime() + 1000));
    const messages = browser.messages(service);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatchObject({ url: `/requests/${order.id}` });
    await deliverAll(new Date(row!.nextAttemptAt.getTime() + 3_600_000));
    expect(browser.messages(service)).toHaveLength(2);
  });

  it("a signed-out session's device is dropped unsent", async () => {
    const ctx = await onDevice(team.manager2);
    const browser = await subscribed(ctx);
    await restock(team, team.staff, productId);
    await system.session.update({ where: { id: ctx.sessionId }, data: { revokedAt: new Date() } });
    const counts = await deliverAll();
    expect(counts.pruned).toBeGreaterThanOrEqual(1);
    expect(browser.messages(service)).toEqual([]);
    expect(await subscriptionsOf(team.fixture.companyId, team.manager2.userId)).toEqual([]);
  });

  it("keys that cannot encrypt fail the push, never the request", async () => {
    const ctx = await onDevice(team.manager);
    // A point that is not on the curve, shaped like a real key.
    await savePushSubscription(ctx, {
      endpoint: `${service.origin}/push/broken-${ctx.sessionId}`,
      keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) },
    });
    const order = await restock(team, team.staff, productId);
    expect(await system.orderRequest.findUnique({ where: { id: order.id }, select: { status: true } })).toEqual({
      status: "PENDING",
    });
    const counts = await deliverAll();
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    const rows = await system.pushOutbox.findMany({
      where: { subscription: { endpoint: `${service.origin}/push/broken-${ctx.sessionId}` } },
      select: { status: true, lastError: true },
    });
    expect(rows).toEqual([{ status: "FAILED", lastError: expect.stringMatching(/^Could not encrypt/) }]);
  });
});

describe("choices and subscriptions", () => {
  let team: OrderTeam;
  let productId: string;
  beforeAll(async () => {
    team = await orderTeam(system, "push-choices");
    productId = (await pricedProduct(system, team.fixture)).id;
  });

  it("a manager who turned new requests off gets no push; the other manager still does", async () => {
    const off = await subscribed(await onDevice(team.manager));
    const on = await subscribed(await onDevice(team.manager2));
    await updateNotificationPreferences(team.manager.ctx, { preferences: { "order.created": false } });
    const order = await restock(team, team.staff, productId);
    await deliverAll();
    expect(off.messages(service)).toEqual([]);
    expect(on.messages(service)).toEqual([expect.objectContaining({ url: `/requests/${order.id}` })]);
    expect(await system.pushOutbox.count({ where: { subscription: { endpoint: off.endpoint } } })).toBe(0);
  });

  it("a requester who turned decisions off gets no push for any step: approved, partly fulfilled, closed", async () => {
    const requester = await subscribed(await onDevice(team.staff2));
    await updateNotificationPreferences(team.staff2.ctx, { preferences: { "order.status": false } });
    const order = await restock(team, team.staff2, productId);
    await approveOrderRequest(team.manager2.ctx, { orderId: order.id, version: 1 });
    await fulfilOrderRequest(team.manager2.ctx, { orderId: order.id, version: 2, quantities: { [productId]: 1 } });
    await closeOrderRequest(team.manager2.ctx, { orderId: order.id, version: 3, note: "Rest not needed" });
    await deliverAll();
    expect(requester.messages(service)).toEqual([]);
    expect(await system.pushOutbox.count({ where: { subscription: { endpoint: requester.endpoint } } })).toBe(0);
  });

  it("subscribing again is one row; another person on the same browser takes it over; off removes only one's own", async () => {
    const staffCtx = await onDevice(team.staff);
    const browser = new BrowserSubscription(service);
    await savePushSubscription(staffCtx, browser.toJSON());
    await savePushSubscription(staffCtx, browser.toJSON());
    expect(await subscriptionsOf(team.fixture.companyId, team.staff.userId)).toHaveLength(1);
    const audits = () =>
      system.auditLog.count({
        where: { companyId: team.fixture.companyId, action: "push.subscribed", actorId: team.staff.userId },
      });
    expect(await audits()).toBe(1);

    // A notification for the staff member still waits to be sent to this browser…
    await withTenantTx(staffCtx, (tx) =>
      enqueuePush(tx, staffCtx, "order.status", [team.staff.userId], {
        title: "REQ-000001 approved",
        body: "Yours",
        url: "/requests",
        tag: "order-x",
      }),
    );
    const waiting = () =>
      system.pushOutbox.count({
        where: { status: "PENDING", subscription: { endpoint: browser.endpoint } },
      });
    expect(await waiting()).toBe(1);

    // …when someone else signs in on the same browser and turns it on: the device is theirs now, and what was
    // waiting for the staff member is never shown to them.
    const managerCtx = await onDevice(team.manager2);
    await savePushSubscription(managerCtx, browser.toJSON());
    expect(await waiting()).toBe(0);
    const rows = await system.pushSubscription.findMany({
      where: { endpoint: browser.endpoint },
      select: { userId: true, sessionId: true },
    });
    expect(rows).toEqual([{ userId: team.manager2.userId, sessionId: managerCtx.sessionId }]);

    // The former owner turning it off touches nothing that is not theirs.
    expect(await removePushSubscription(team.staff.ctx, { endpoint: browser.endpoint })).toEqual({ removed: false });
    expect(await system.pushSubscription.count({ where: { endpoint: browser.endpoint } })).toBe(1);
    expect(await removePushSubscription(team.manager2.ctx, { endpoint: browser.endpoint })).toEqual({ removed: true });
    expect(await removePushSubscription(team.manager2.ctx, { endpoint: browser.endpoint })).toEqual({ removed: false });
    expect(await system.pushSubscription.count({ where: { endpoint: browser.endpoint } })).toBe(0);
  });

  it("refuses an endpoint that is not a push service's and keys of the wrong shape, naming the field", async () => {
    const ctx = await onDevice(team.staff);
    const browser = new BrowserSubscription(service).toJSON();
    for (const endpoint of [
      "http://push.example.com/x",
      "https://127.0.0.1/x",
      "https://localhost/x",
      "https://user:pw@push.example.com/x",
      "javascript:alert(1)",
      `https://push.example.com/${"x".repeat(1100)}`,
    ]) {
      const error = await refusal(savePushSubscription(ctx, { ...browser, endpoint }));
      expect(error.code).toBe("VALIDATION");
      expect(Object.keys(error.fieldErrors ?? {})).toEqual(["endpoint"]);
    }
    const short = await refusal(savePushSubscription(ctx, { ...browser, keys: { ...browser.keys, auth: "abc" } }));
    expect(Object.keys(short.fieldErrors ?? {})).toEqual(["keys.auth"]);
    const extra = await refusal(savePushSubscription(ctx, { ...browser, userId: team.manager.userId }));
    expect(extra.code).toBe("VALIDATION");
    expect(await subscriptionsOf(team.fixture.companyId, team.staff.userId)).toEqual([]);
  });
});

describe("only the browsers' push services", () => {
  let team: OrderTeam;
  let productId: string;
  beforeAll(async () => {
    team = await orderTeam(system, "push-hosts");
    productId = (await pricedProduct(system, team.fixture)).id;
  });

  it("refuses to save an endpoint on any other host, naming the field, and stores nothing", async () => {
    const ctx = await onDevice(team.staff);
    const browser = new BrowserSubscription(service).toJSON();
    for (const endpoint of [
      "https://intranet.corp.example/push",
      "https://xfcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com.attacker.example/fcm/send/abc",
      "https://fcm.googleapis.com:8443/fcm/send/abc",
    ]) {
      const error = await refusal(savePushSubscription(ctx, { ...browser, endpoint }));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors).toEqual({ endpoint: [expect.stringMatching(/not one StockFlow can send to/)] });
    }
    expect(await subscriptionsOf(team.fixture.companyId)).toEqual([]);
    expect(
      await system.auditLog.count({ where: { companyId: team.fixture.companyId, action: "push.subscribed" } }),
    ).toBe(0);
  });

  it("a row stored under a wider rule is never sent to: the worker deletes it; its owner can still turn it off", async () => {
    const keys = new BrowserSubscription(service).toJSON().keys;
    const stored = async (member: MemberFixture, endpoint: string) => {
      const { sessionId } = await onDevice(member);
      await system.pushSubscription.create({
        data: { companyId: team.fixture.companyId, userId: member.userId, sessionId, endpoint, ...keys },
      });
    };
    // Before the allow-list, an intranet name passed.
    await stored(team.manager, "https://intranet.corp.example/push/a");
    await stored(team.manager2, "https://intranet.corp.example/push/b");
    await restock(team, team.staff, productId);
    const counts = await deliverAll();
    expect(counts.pruned).toBeGreaterThanOrEqual(1);
    expect(await subscriptionsOf(team.fixture.companyId, team.manager.userId)).toEqual([]);
    // Deleted unsent: the host does not resolve, so a POST would have left the row waiting for a retry.
    expect(await system.pushOutbox.count({ where: { companyId: team.fixture.companyId } })).toBe(0);

    await stored(team.manager, "https://intranet.corp.example/push/c");
    expect(
      await removePushSubscription(team.manager.ctx, { endpoint: "https://intranet.corp.example/push/c" }),
    ).toEqual({ removed: true });
    expect(await subscriptionsOf(team.fixture.companyId, team.manager.userId)).toEqual([]);
  });
});

describe("two companies", () => {
  let a: OrderTeam;
  let b: OrderTeam;
  let productB: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([orderTeam(system, "push-a"), orderTeam(system, "push-b")]);
    productB = (await pricedProduct(system, b.fixture)).id;
  });

  it("company B's new requests and decisions never push to company A's devices", async () => {
    const aManager = await subscribed(await onDevice(a.manager));
    const aStaff = await subscribed(await onDevice(a.staff));
    const bManager = await subscribed(await onDevice(b.manager));
    const order = await restock(b, b.staff, productB);
    await approveOrderRequest(b.manager.ctx, { orderId: order.id, version: 1 });
    await deliverAll();
    expect(aManager.messages(service)).toEqual([]);
    expect(aStaff.messages(service)).toEqual([]);
    expect(bManager.messages(service)).toEqual([expect.objectContaining({ url: `/requests/${order.id}` })]);
    expect(
      await system.pushOutbox.count({
        where: { companyId: b.fixture.companyId, subscription: { companyId: a.fixture.companyId } },
      }),
    ).toBe(0);
  });

  it("company B neither sees nor removes company A's subscriptions, whoever asks", async () => {
    const aManager = await subscribed(await onDevice(a.manager));
    const before = await subscriptionsOf(a.fixture.companyId);
    expect(await removePushSubscription(b.fixture.ctx, { endpoint: aManager.endpoint })).toEqual({ removed: false });
    expect(await removePushSubscription(b.manager.ctx, { endpoint: aManager.endpoint })).toEqual({ removed: false });
    const seen = await withTenantTx(b.fixture.ctx, (tx) =>
      tx.pushSubscription.findMany({ where: { endpoint: aManager.endpoint }, select: { id: true } }),
    );
    expect(seen).toEqual([]);
    expect(await subscriptionsOf(a.fixture.companyId)).toEqual(before);
  });
});
