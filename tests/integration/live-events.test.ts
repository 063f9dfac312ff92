// Live updates on real PostgreSQL (docs/architecture.md §8): the process's one LISTEN connection (lib/events/event-listener.ts)
// fans committed events out to each browser's stream (lib/events/event-stream.ts), which carries only its own
// company's events and only what its role may see. A rolled-back change announces nothing; a terminated connection
// is re-established by itself, the streams are told to resync, and events flow again.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { withTenantTx } from "../../lib/db/tenant";
import type { EventAudience } from "../../lib/events/event-filter";
import { EventListener } from "../../lib/events/event-listener";
import { openEventStream } from "../../lib/events/event-stream";
import { publishEvent } from "../../lib/events/publish-event";
import { createLocation } from "../../lib/locations/create-location";
import { EVENT_CHANNEL } from "../../lib/events/types";
import { getProduct } from "../../lib/products/get-product";
import { importProducts } from "../../lib/products/import-products";
import { updateProduct } from "../../lib/products/update-product";
import { adjustStock } from "../../lib/stock/adjust-stock";
import { changeMemberRole } from "../../lib/users/change-member-role";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { createOrder } from "../factories/orders";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserPool, superuserClient, testDatabase } from "../helpers/db";

interface Received {
  event: string;
  data: Record<string, unknown>;
}

/** One browser's stream, read as it arrives: the named events in order, and whether the server ended it. */
interface Subscriber {
  messages: Received[];
  ended: boolean;
  stop(): void;
}

// Its own name, so this file's listener connection can be told apart from every other (and terminated) by it.
const APPLICATION_NAME = `stockflow-events-test-${uniqueSuffix()}`;

let system: PrismaClient;
let owner: pg.Pool;
let listener: EventListener;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;
const subscribers: Subscriber[] = [];

function subscribe(audience: EventAudience): Subscriber {
  const controller = new AbortController();
  const stream = openEventStream({ audience, listener, signal: controller.signal });
  const subscriber: Subscriber = { messages: [], ended: false, stop: () => controller.abort() };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      buffer += decoder.decode(read.value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) subscriber.messages.push({ event, data: JSON.parse(data ?? "{}") as Record<string, unknown> });
      }
    }
    subscriber.ended = true;
  })();
  subscribers.push(subscriber);
  return subscriber;
}

const audienceOf = ({ ctx }: { ctx: EventAudience }): EventAudience => ({
  companyId: ctx.companyId,
  userId: ctx.userId,
  role: ctx.role,
});

/** Waits until `subscriber` received an event matching `match`, and returns it. */
async function receivedBy(subscriber: Subscriber, match: (message: Received) => boolean): Promise<Received> {
  return vi.waitFor(
    () => {
      const found = subscriber.messages.find(match);
      if (!found) throw new Error(`not received yet; so far: ${JSON.stringify(subscriber.messages)}`);
      return found;
    },
    { timeout: 10_000, interval: 20 },
  );
}

const listenerConnections = async () =>
  (
    await owner.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [APPLICATION_NAME],
    )
  ).rows;

beforeAll(async () => {
  system = superuserClient();
  owner = superuserPool(1);
  a = await createCompanyFixture(system, "live-a");
  b = await createCompanyFixture(system, "live-b");
  manager = await addMember(system, a.companyId, { role: "MANAGER" });
  staff = await addMember(system, a.companyId, { role: "STAFF" });
  listener = new EventListener({
    connectionString: testDatabase.appUrl,
    applicationName: APPLICATION_NAME,
    backoff: { minMs: 50, maxMs: 1_000 },
  });
  await listener.ready();
});

afterAll(async () => {
  for (const subscriber of subscribers) subscriber.stop();
  await listener.close();
  await owner.end();
  await system.$disconnect();
});

describe("fan-out by company and role", () => {
  it("a stock change in company A reaches A's subscribers and not B's", async () => {
    const inA = subscribe(audienceOf(manager));
    const inAStaff = subscribe(audienceOf(staff));
    const inB = subscribe(audienceOf(b));

    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: a.productId,
      locationId: a.locationId,
      mode: "change",
      quantity: "2",
      reason: "Live update test",
    });

    for (const subscriber of [inA, inAStaff]) {
      const received = await receivedBy(subscriber, (m) => m.event === "stock.changed");
      expect(received.data).toMatchObject({
        type: "stock.changed",
        companyId: a.companyId,
        productIds: [a.productId],
        locationIds: [a.locationId],
      });
    }
    // The listener hands each notification to every subscriber at once: B has had its chance.
    expect(inB.messages).toEqual([]);
  });

  it("staff hear about their own requests only; managers about every request", async () => {
    const managerStream = subscribe(audienceOf(manager));
    const staffStream = subscribe(audienceOf(staff));
    const draft = {
      type: "RESTOCK" as const,
      locationId: a.locationId,
      lines: [{ productId: a.productId, quantity: 3 }],
    };

    const othersRequest = await createOrder(manager.ctx, draft);
    const ownRequest = await createOrder(staff.ctx, draft);

    await receivedBy(managerStream, (m) => m.data.orderId === othersRequest.id);
    await receivedBy(managerStream, (m) => m.data.orderId === ownRequest.id);
    const own = await receivedBy(staffStream, (m) => m.event === "order.changed");
    expect(own.data).toMatchObject({ orderId: ownRequest.id, requesterId: staff.userId, status: "PENDING" });
    // The manager's request was committed first, and the staff member's stream saw only their own.
    expect(staffStream.messages.filter((m) => m.event === "order.changed")).toHaveLength(1);
  });

  it("a change to a member's role reaches that member alone, and ends their stream so it reconnects as the new role", async () => {
    const member = await addMember(system, a.companyId, { role: "STAFF" });
    const memberStream = subscribe(audienceOf(member));
    const managerStream = subscribe(audienceOf(manager));

    await changeMemberRole(a.ctx, { membershipId: member.membershipId, role: "MANAGER" });

    const received = await receivedBy(memberStream, (m) => m.event === "membership.changed");
    expect(received.data).toMatchObject({ userId: member.userId, companyId: a.companyId });
    await vi.waitFor(() => expect(memberStream.ended).toBe(true));
    expect(managerStream.messages.filter((m) => m.event === "membership.changed")).toEqual([]);
    expect(managerStream.ended).toBe(false);
  });

  it("location changes and product imports are announced; an import sends its product ids in a few chunks", async () => {
    const stream = subscribe(audienceOf(manager));
    const location = await createLocation(manager.ctx, { name: `Live bin ${uniqueSuffix()}` });
    await receivedBy(stream, (m) => m.event === "location.changed" && m.data.locationId === location.id);

    const s = uniqueSuffix();
    const rows = Array.from({ length: 400 }, (_, i) => `LIVE-${s}-${i},Live item ${i},,,each,,1.00,2.00,0`);
    const content = `${["sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point", ...rows].join("\n")}\n`;
    const report = await importProducts(manager.ctx, {
      fileName: "live.csv",
      content,
      mode: "commit",
      operationId: randomUUID(),
    });
    expect(report).toMatchObject({ committed: true, errors: [] });

    const ids = await system.product.findMany({
      where: { companyId: a.companyId, sku: { startsWith: `LIVE-${s}-` } },
      select: { id: true },
    });
    expect(ids).toHaveLength(400);
    const announced = () =>
      stream.messages
        .filter((m) => m.event === "product.changed")
        .flatMap((m) => m.data.productIds as string[])
        .filter((id) => ids.some((p) => p.id === id));
    await vi.waitFor(() => expect(announced()).toHaveLength(400), { timeout: 10_000 });
    expect(new Set(announced())).toEqual(new Set(ids.map((p) => p.id)));
    expect(stream.messages.filter((m) => m.event === "product.changed")).toHaveLength(3);
  });
});

describe("money (issue 12, item 10)", () => {
  // Events name what changed, never what it is worth: a staff member's stream carries no cost or value whatever their
  // company's setting, because the payload has no such field and the listener drops any field it does not know.
  it("a cost edit and a stock change reach staff as ids only; a payload forged with money arrives without it", async () => {
    const staffStream = subscribe(audienceOf(staff));
    const current = (await getProduct(manager.ctx, { id: a.productId })).product;
    const { id, version, sku, name, unit, salePrice, reorderPoint } = current;
    await updateProduct(manager.ctx, { id, version, sku, name, unit, salePrice, reorderPoint, costPrice: "6.47" });
    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: a.productId,
      locationId: a.locationId,
      mode: "change",
      quantity: "1",
      reason: "Money test",
    });
    await owner.query("SELECT pg_notify($1, $2)", [
      EVENT_CHANNEL,
      JSON.stringify({
        type: "product.changed",
        productIds: ["forged"],
        companyId: a.companyId,
        at: new Date().toISOString(),
        costPrice: "6.47",
        stockValue: "64.70",
      }),
    ]);

    const names = (m: Received) => (m.data.productIds as string[] | undefined)?.[0];
    const edited = await receivedBy(staffStream, (m) => m.event === "product.changed" && names(m) === a.productId);
    const moved = await receivedBy(staffStream, (m) => m.event === "stock.changed");
    const forged = await receivedBy(staffStream, (m) => names(m) === "forged");
    expect(Object.keys(edited.data).sort()).toEqual(["at", "companyId", "productIds", "type"]);
    expect(edited.data.productIds).toEqual([a.productId]);
    expect(Object.keys(moved.data).sort()).toEqual(["at", "companyId", "locationIds", "productIds", "type"]);
    expect(Object.keys(forged.data).sort()).toEqual(["at", "companyId", "productIds", "type"]);
    expect(JSON.stringify(staffStream.messages)).not.toMatch(/6\.47|64\.70/);
  });
});

describe("transactions", () => {
  it("a rolled-back change delivers nothing: the next event a subscriber sees is the next committed one", async () => {
    const stream = subscribe(audienceOf(manager));
    const doomed = randomUUID();
    const failure = new Error("rolled back on purpose");
    await expect(
      withTenantTx(manager.ctx, async (tx) => {
        await publishEvent(tx, manager.ctx, { type: "product.changed", productIds: [doomed] });
        throw failure;
      }),
    ).rejects.toBe(failure);
    // Refused by the ledger (more than is on hand): its transaction rolls back too.
    await expect(
      adjustStock(manager.ctx, {
        operationId: randomUUID(),
        productId: a.productId,
        locationId: a.locationId,
        mode: "change",
        quantity: "-100000",
        reason: "Too much",
      }),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_STOCK" });

    const location = await createLocation(manager.ctx, { name: `After rollback ${uniqueSuffix()}` });
    await receivedBy(stream, (m) => m.data.locationId === location.id);
    expect(stream.messages).toEqual([
      { event: "location.changed", data: expect.objectContaining({ locationId: location.id }) },
    ]);
  });
});

describe("the LISTEN connection", () => {
  it("is one per process, however many streams are open", async () => {
    for (let i = 0; i < 5; i++) subscribe(audienceOf(manager));
    expect(listener.subscriberCount).toBeGreaterThanOrEqual(5);
    expect(await listenerConnections()).toHaveLength(1);
  });

  it("reconnects after its connection is terminated, tells the streams to resync, and delivers again", async () => {
    const stream = subscribe(audienceOf(manager));
    const [before] = await listenerConnections();
    expect(before).toBeDefined();

    const terminated = await owner.query<{ ok: boolean }>("SELECT pg_terminate_backend($1) AS ok", [before!.pid]);
    expect(terminated.rows).toEqual([{ ok: true }]);

    await receivedBy(stream, (m) => m.event === "resync");
    expect(listener.isListening).toBe(true);
    const after = await listenerConnections();
    expect(after).toHaveLength(1);
    expect(after[0]!.pid).not.toBe(before!.pid);

    await adjustStock(manager.ctx, {
      operationId: randomUUID(),
      productId: a.productId,
      locationId: a.locationId,
      mode: "change",
      quantity: "1",
      reason: "After the reconnect",
    });
    await receivedBy(stream, (m) => m.event === "stock.changed");
    expect(stream.ended).toBe(false);
  });
});
