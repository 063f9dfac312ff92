// Email over a real SMTP server (smtp-server on 127.0.0.1, started here), delivered by the real outbox worker
// through SmtpMailer and read back with mailparser: who receives the request emails, that a rolled-back change
// sends nothing, that an outage loses nothing and sends nothing twice, and that no header can be injected. Like
// email-outbox.test.ts, this file runs on a database of its own: the worker delivers every due row, and other
// files' rows would land in this server's inbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, disconnectAll, type PrismaClient } from "../../lib/db/client";
import { dropDatabase, provisionDatabase, urlFor } from "../../lib/db/roles";
import { withTenantTx } from "../../lib/db/tenant";
import { enqueueEmail } from "../../lib/email/enqueue-email";
import { absoluteUrl } from "../../lib/email/links";
import type { Mailer, OutgoingEmail } from "../../lib/email/mailer";
import { deliverPendingEmails } from "../../lib/email/outbox-worker";
import { SmtpMailer } from "../../lib/email/smtp-mailer";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { uniqueSuffix } from "../factories/company";
import {
  createOrder,
  orderTeam,
  pricedProduct,
  requestNumber,
  type OrderMade,
  type OrderTeam,
  type PricedProduct,
} from "../factories/orders";
import { testDatabase } from "../helpers/db";
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from "../helpers/smtp";

const ownDatabase = `${testDatabase.database}_smtp`;
const STOCK = 10;

let system: PrismaClient;
let smtp: TestSmtpServer;
let mailer: SmtpMailer;
let teamA: OrderTeam;
let teamB: OrderTeam;
let product: PricedProduct;

beforeAll(async () => {
  const urls = await provisionDatabase({
    serverUrl: testDatabase.serverUrl,
    database: ownDatabase,
    ownerPassword: "stockflow-test-owner",
    appPassword: "stockflow-test-app",
    systemPassword: "stockflow-test-system",
    fresh: true,
  });
  // tests/setup/integration-env.ts sets the environment afresh for every file: this affects no other file.
  process.env.DATABASE_URL = urls.appUrl;
  process.env.DATABASE_SYSTEM_URL = urls.systemUrl;
  // Fixtures as the superuser, like tests/helpers/db.ts superuserClient(), on this file's own database.
  system = createPrismaClient(urlFor(testDatabase.serverUrl, { database: ownDatabase }), 3);
  [teamA, teamB] = await Promise.all([orderTeam(system, "smtp-a"), orderTeam(system, "smtp-b")]);
  product = await pricedProduct(system, teamA.fixture, { stock: { [teamA.fixture.locationId]: STOCK } });
  smtp = await startSmtpServer();
  mailer = new SmtpMailer(smtp.url);
  // The company fixtures' placeholder rows (a template that does not exist) are settled here, once.
  await deliverAll(mailer);
});

afterAll(async () => {
  await smtp?.stop();
  await system?.$disconnect();
  await disconnectAll();
  await dropDatabase(testDatabase.serverUrl, ownDatabase);
});

beforeEach(() => {
  smtp.clear();
});

/** Runs the worker until a run finds nothing due, as the app's sweep would. */
async function deliverAll(through: Mailer, options: { now?: Date; batchSize?: number } = {}): Promise<void> {
  for (let run = 0; run < 100; run++) {
    const { sent, retried, failed } = await deliverPendingEmails({ mailer: through, batchSize: 5, ...options });
    if (sent + retried + failed === 0) return;
  }
  throw new Error("the outbox never ran dry");
}

/** Counts what one worker sent, to show that both workers took part. */
class CountingMailer implements Mailer {
  readonly name = "counting";
  sent = 0;

  constructor(private readonly inner: Mailer) {}

  async send(message: OutgoingEmail) {
    const sent = await this.inner.send(message);
    this.sent += 1;
    return sent;
  }
}

const recipients = (mails: ReceivedEmail[]) => mails.flatMap((mail) => mail.recipients).sort();
const requestLink = (orderId: string) => `${process.env.APP_URL}/requests/${orderId}`;
const approversOf = (team: OrderTeam) => [team.fixture.admin.email, team.manager.email, team.manager2.email];
const everyoneIn = (team: OrderTeam) => [...approversOf(team), team.staff.email, team.staff2.email];

function expectDeepLink(mail: ReceivedEmail, link: string) {
  expect(mail.parsed.html).toContain(`href="${link}"`);
  expect(mail.parsed.text).toContain(link);
}

describe("request emails over SMTP", () => {
  it("a new request reaches every manager and admin of its company and nobody else; approval tells the requester", async () => {
    const order = await createOrder(teamA.staff.ctx, {
      locationId: teamA.fixture.locationId,
      lines: [{ productId: product.id, quantity: 3 }],
    });

    await deliverAll(mailer);

    expect(recipients(smtp.received)).toEqual(approversOf(teamA).sort());
    for (const address of everyoneIn(teamB)) expect(smtp.to(address), address).toEqual([]);
    for (const address of approversOf(teamA)) {
      const [mail] = smtp.to(address);
      expect(mail!.mailFrom).toBe("no-reply@stockflow.local");
      expect(mail!.parsed.to).toMatchObject({ text: address });
      expect(mail!.parsed.subject).toBe(`New customer order ${requestNumber(order.number)} from ${teamA.staff.name}`);
      expectDeepLink(mail!, requestLink(order.id));
    }

    smtp.clear();
    await approveOrderRequest(teamA.manager.ctx, { orderId: order.id, version: order.version });
    await deliverAll(mailer);

    expect(recipients(smtp.received)).toEqual([teamA.staff.email]);
    const [status] = smtp.received;
    expect(status!.parsed.subject).toBe(`Your customer order ${requestNumber(order.number)} was approved`);
    expectDeepLink(status!, requestLink(order.id));
  });

  it("an approval that fails for want of stock enqueues nothing and sends nothing", async () => {
    const order = await createOrder(teamA.staff2.ctx, {
      locationId: teamA.fixture.locationId,
      lines: [{ productId: product.id, quantity: STOCK + 1 }],
    });
    await deliverAll(mailer);
    expect(recipients(smtp.received)).toEqual(approversOf(teamA).sort());
    smtp.clear();
    const outboxBefore = await system.emailOutbox.count({ where: { companyId: teamA.fixture.companyId } });

    await expect(
      approveOrderRequest(teamA.manager.ctx, { orderId: order.id, version: order.version }),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_STOCK" });
    await deliverAll(mailer);

    expect(await system.emailOutbox.count({ where: { companyId: teamA.fixture.companyId } })).toBe(outboxBefore);
    expect(smtp.received).toEqual([]);
    expect(smtp.connections).toBe(0);
  });
});

describe("an SMTP outage", () => {
  it("keeps the rows pending with the error, then delivers each exactly once with two workers running", async () => {
    await smtp.stop();
    const requesters = [teamA.staff, teamA.staff2];
    const orders: (OrderMade & { requesterName: string })[] = [];
    for (const [index, requester] of requesters.entries()) {
      const order = await createOrder(requester.ctx, {
        locationId: teamA.fixture.locationId,
        lines: [{ productId: product.id, quantity: index + 1 }],
      });
      orders.push({ ...order, requesterName: requester.name });
    }
    const rowsOfTheseOrders = () =>
      system.emailOutbox.findMany({
        where: {
          companyId: teamA.fixture.companyId,
          template: "order-submitted",
          OR: orders.map((order) => ({ props: { path: ["requestNumber"], equals: requestNumber(order.number) } })),
        },
      });

    const before = Date.now();
    await deliverAll(mailer);
    const after = Date.now();

    const pending = await rowsOfTheseOrders();
    expect(pending).toHaveLength(orders.length * approversOf(teamA).length);
    for (const row of pending) {
      expect(row).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
      expect(row.lastError).toContain(`ECONNREFUSED 127.0.0.1:${smtp.port}`);
      // Retried a minute after the failed attempt.
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 60_000 - 1_000);
      expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + 60_000 + 1_000);
    }

    await smtp.start();
    const due = new Date(Math.max(...pending.map((row) => row.nextAttemptAt.getTime())) + 1);
    // One row per claim, so the two workers compete for the same rows.
    const workers = [new CountingMailer(new SmtpMailer(smtp.url)), new CountingMailer(new SmtpMailer(smtp.url))];
    await Promise.all(workers.map((worker) => deliverAll(worker, { now: due, batchSize: 1 })));
    for (const worker of workers) expect(worker.sent).toBeGreaterThan(0);

    const delivered = smtp.received.map((mail) => `${mail.recipients.join()} ${mail.parsed.subject}`).sort();
    const expected = orders
      .flatMap((order) =>
        approversOf(teamA).map(
          (address) => `${address} New customer order ${requestNumber(order.number)} from ${order.requesterName}`,
        ),
      )
      .sort();
    expect(delivered).toEqual(expected);
    const sent = await rowsOfTheseOrders();
    expect(sent.map((row) => ({ status: row.status, attempts: row.attempts }))).toEqual(
      pending.map(() => ({ status: "SENT", attempts: 2 })),
    );
    // Each message names its outbox row (the sender's domain after it): one delivery per row, told apart by id.
    expect(smtp.received.map((mail) => mail.parsed.messageId).sort()).toEqual(
      sent.map((row) => `<${row.id}@stockflow.local>`).sort(),
    );
  });
});

describe("SmtpMailer", () => {
  const message: OutgoingEmail = {
    from: "StockFlow <no-reply@stockflow.local>",
    to: "dana@example.test",
    replyTo: "visitor@example.test",
    subject: "Thanks for getting in touch",
    html: '<p>We will answer soon.</p><a href="http://localhost:3100/contact">Contact</a>',
    text: "We will answer soon.\n\nContact http://localhost:3100/contact",
  };

  it("logs in with the credentials in the URL, as for Gmail with an app password, and passes reply-to on", async () => {
    const username = "robin@example.com";
    const password = "abcd efgh ijkl mnop";
    const url = `smtp://${encodeURIComponent(username)}:${encodeURIComponent(password)}@127.0.0.1:${smtp.port}`;

    const sent = await new SmtpMailer(url).send(message);

    expect(smtp.logins).toEqual([{ username, password }]);
    const [mail] = smtp.to("dana@example.test");
    expect(mail!.parsed.messageId).toBe(sent.id);
    expect(mail!.parsed.replyTo).toMatchObject({ text: "visitor@example.test" });
    expect(mail!.parsed.subject).toBe("Thanks for getting in touch");
    expect(mail!.parsed.text).toContain("Contact http://localhost:3100/contact");
  });

  it("sends over implicit TLS with an smtps:// URL", async () => {
    const secure = await startSmtpServer({ secure: true });
    try {
      // The test server's certificate is self-signed; a real provider's is verified.
      await new SmtpMailer(`${secure.url}/?tls.rejectUnauthorized=false`).send(message);
      expect(recipients(secure.received)).toEqual(["dana@example.test"]);
    } finally {
      await secure.stop();
    }
  });

  it.each(["from", "to", "replyTo", "subject"] as const)(
    "refuses a line break in %s before connecting to the server",
    async (field) => {
      await expect(
        mailer.send({ ...message, [field]: `${message[field]}\r\nBcc: everyone@example.test` }),
      ).rejects.toThrow(`Email ${field} contains a line break`);
      expect(smtp.connections).toBe(0);
    },
  );

  it("never sends an outbox row whose subject carries a line break, however it was written", async () => {
    const to = `injected-${uniqueSuffix()}@example.test`;
    // enqueueEmail refuses it outright and writes nothing.
    await expect(
      withTenantTx(teamA.fixture.ctx, (tx) =>
        enqueueEmail(tx, teamA.fixture.ctx, {
          template: "password-changed",
          to,
          replyTo: "visitor@example.test\r\nBcc: everyone@example.test",
          props: { name: "Robin", changedAt: "2026-11-24T14:05:00.000Z", signInUrl: absoluteUrl("/login") },
        }),
      ),
    ).rejects.toThrow("Email headers must be single lines");
    expect(await system.emailOutbox.count({ where: { toAddress: to } })).toBe(0);
    // A row written around it is still refused by the transport, and given up at once (no retry can fix it).
    const row = await system.emailOutbox.create({
      data: {
        companyId: teamA.fixture.companyId,
        template: "password-changed",
        toAddress: to,
        subject: "Your StockFlow password was changed\r\nBcc: everyone@example.test",
        props: { name: "Robin", changedAt: "2026-11-24T14:05:00.000Z", signInUrl: absoluteUrl("/login") },
      },
    });

    await deliverAll(mailer);

    expect(smtp.connections).toBe(0);
    const refused = await system.emailOutbox.findUniqueOrThrow({ where: { id: row.id } });
    expect(refused).toMatchObject({ status: "FAILED", attempts: 1, sentAt: null });
    expect(refused.lastError).toBe("UndeliverableEmailError: Email subject contains a line break");
  });
});
