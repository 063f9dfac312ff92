// withTenantTx is all-or-nothing: a throw rolls back the change with its audit row, its outbox email and its
// live-update event; a commit delivers the event exactly once, tagged with the scope's company.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../../lib/audit/record-audit";
import type { PrismaClient } from "../../../lib/db/client";
import { withTenantTx } from "../../../lib/db/tenant";
import { enqueueEmail } from "../../../lib/email/enqueue-email";
import { publishEvent } from "../../../lib/events/publish-event";
import { EVENT_CHANNEL, type CompanyEvent } from "../../../lib/events/types";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../../factories/company";
import { superuserClient, testDatabase } from "../../helpers/db";

let system: PrismaClient;
let listener: pg.Client;
let a: CompanyFixture;
const received: CompanyEvent[] = [];
const passwordChangedProps = {
  name: "Sam Someone",
  changedAt: "2026-11-24T14:05:00.000Z",
  signInUrl: "http://localhost:3100/login",
};

beforeAll(async () => {
  system = superuserClient();
  a = await createCompanyFixture(system, "tx");
  listener = new pg.Client({ connectionString: testDatabase.appUrl });
  await listener.connect();
  listener.on("notification", (message) => {
    const event = JSON.parse(message.payload ?? "{}") as CompanyEvent;
    if (event.companyId === a.companyId) received.push(event);
  });
  await listener.query(`LISTEN ${EVENT_CHANNEL}`);
});

afterAll(async () => {
  await listener.end();
  await system.$disconnect();
});

/** Waits until `count` events arrived, or fails after a bounded time. */
async function eventsAfter(count: number, waitMs = 1_000): Promise<CompanyEvent[]> {
  const deadline = Date.now() + waitMs;
  while (received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return [...received];
}

describe("withTenantTx", () => {
  it("rolls back everything when the work throws: row, audit, outbox and event", async () => {
    const sku = `ROLLBACK-${uniqueSuffix()}`;
    const to = `${sku.toLowerCase()}@example.test`;
    const failure = new Error("boom after writing");
    received.length = 0;
    await expect(
      withTenantTx(a, async (tx) => {
        const product = await tx.product.create({
          data: { companyId: a.companyId, sku, name: "Doomed" },
          select: { id: true },
        });
        await recordAudit(tx, a.ctx, { action: "product.created", entityType: "product", entityId: product.id });
        await enqueueEmail(tx, a.ctx, { template: "password-changed", to, props: passwordChangedProps });
        await publishEvent(tx, a.ctx, { type: "product.changed", productIds: [product.id] });
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await system.product.count({ where: { sku } })).toBe(0);
    expect(await system.auditLog.count({ where: { companyId: a.companyId, action: "product.created" } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { toAddress: to } })).toBe(0);
    expect(await eventsAfter(1, 500)).toEqual([]);
  });

  it("commits the change with its audit row, outbox row and one event for the scope's company", async () => {
    const sku = `COMMIT-${uniqueSuffix()}`;
    const to = `${sku.toLowerCase()}@example.test`;
    received.length = 0;
    const productId = await withTenantTx(a, async (tx) => {
      const product = await tx.product.create({
        data: { companyId: a.companyId, sku, name: "Kept" },
        select: { id: true },
      });
      await recordAudit(tx, a.ctx, {
        action: "product.created",
        entityType: "product",
        entityId: product.id,
        after: { sku, passwordHash: "must not be stored" },
      });
      await enqueueEmail(tx, a.ctx, { template: "password-changed", to, props: passwordChangedProps });
      await publishEvent(tx, a.ctx, { type: "product.changed", productIds: [product.id] });
      return product.id;
    });

    const audit = await system.auditLog.findFirstOrThrow({ where: { companyId: a.companyId, entityId: productId } });
    expect(audit).toMatchObject({ actorId: a.admin.id, actorEmail: a.admin.email, action: "product.created" });
    expect(audit.after).toEqual({ sku });
    // Not its status: the outbox test file may deliver it concurrently (its worker serves every due row).
    const email = await system.emailOutbox.findFirstOrThrow({ where: { toAddress: to } });
    expect(email).toMatchObject({
      companyId: a.companyId,
      template: "password-changed",
      subject: "Your StockFlow password was changed",
      props: passwordChangedProps,
    });

    const events = await eventsAfter(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "product.changed", productIds: [productId], companyId: a.companyId });
  });

  it("refuses an email header with a line break and writes nothing", async () => {
    const mailbox = `a-${uniqueSuffix()}`;
    const to = `${mailbox}@example.test\r\nBcc: victim@example.test`;
    await expect(
      withTenantTx(a, (tx) =>
        enqueueEmail(tx, a.ctx, { template: "password-changed", to, props: passwordChangedProps }),
      ),
    ).rejects.toThrow(/single lines/);
    expect(await system.emailOutbox.count({ where: { toAddress: { startsWith: mailbox } } })).toBe(0);
  });
});
