// The outbox end to end on PostgreSQL: rows written in a transaction are delivered after it commits, exactly once
// per row even with several workers, retried with backoff while the provider fails, and given up on for good
// when retrying cannot help. The worker serves every due row, so this file runs on a database of its own:
// delivering (and blanking the one-time links of) other files' emails would break their assertions, and their
// rows would crowd this file's out of a batch.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmailTemplateError } from "../../emails/registry";
import { createPrismaClient, disconnectAll, type PrismaClient } from "../../lib/db/client";
import { dropDatabase, provisionDatabase, urlFor } from "../../lib/db/roles";
import { withSystemTx } from "../../lib/db/system";
import { withTenantTx } from "../../lib/db/tenant";
import { enqueueEmail } from "../../lib/email/enqueue-email";
import { FolderMailer } from "../../lib/email/folder-mailer";
import { absoluteUrl } from "../../lib/email/links";
import type { Mailer, OutgoingEmail, SentEmail } from "../../lib/email/mailer";
import { enqueuePlatformEmail } from "../../lib/email/outbox-enqueue-platform";
import { deliverPendingEmails } from "../../lib/email/outbox-worker";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { testDatabase } from "../helpers/db";

let system: PrismaClient;
let company: CompanyFixture;
let mailDir: string;

// tests/setup/integration-env.ts sets the environment afresh for every test file (and modules are loaded afresh):
// pointing this file's at another database affects no other file.
const ownDatabase = `${testDatabase.database}_outbox`;

beforeAll(async () => {
  const urls = await provisionDatabase({
    serverUrl: testDatabase.serverUrl,
    database: ownDatabase,
    ownerPassword: "stockflow-test-owner",
    appPassword: "stockflow-test-app",
    systemPassword: "stockflow-test-system",
    fresh: true,
  });
  process.env.DATABASE_URL = urls.appUrl;
  process.env.DATABASE_SYSTEM_URL = urls.systemUrl;
  // Fixtures as the superuser, like tests/helpers/db.ts superuserClient(), on this file's own database.
  system = createPrismaClient(urlFor(testDatabase.serverUrl, { database: ownDatabase }), 3);
  company = await createCompanyFixture(system, "mail");
  mailDir = await fs.mkdtemp(path.join(os.tmpdir(), "stockflow-outbox-"));
});

afterAll(async () => {
  await fs.rm(mailDir, { recursive: true, force: true });
  await system.$disconnect();
  await disconnectAll();
  await dropDatabase(testDatabase.serverUrl, ownDatabase);
});

/** Providers can answer at length; last_error keeps the start of it. */
const PROVIDER_DIAGNOSTICS = ` (${"trace ".repeat(600)})`;

/** Records every message it is handed (other files' rows included); passes them on or fails the chosen ones. */
class RecordingMailer implements Mailer {
  readonly name = "recording";
  readonly messages: OutgoingEmail[] = [];

  constructor(
    private readonly options: {
      deliver?: Mailer;
      failFor?: (message: OutgoingEmail) => boolean;
      delayMs?: number;
    } = {},
  ) {}

  async send(message: OutgoingEmail): Promise<SentEmail> {
    this.messages.push(message);
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    if (this.options.failFor?.(message)) throw new Error(`421 mail provider unavailable${PROVIDER_DIAGNOSTICS}`);
    return this.options.deliver ? this.options.deliver.send(message) : { id: `recorded-${this.messages.length}` };
  }

  to(address: string): OutgoingEmail[] {
    return this.messages.filter((message) => message.to === address);
  }
}

const address = (label: string) => `${label}-${uniqueSuffix()}@outbox.test`;

function passwordChanged(to: string) {
  return {
    template: "password-changed" as const,
    to,
    props: { name: "Robin Outbox", changedAt: "2026-11-24T14:05:00.000Z", signInUrl: absoluteUrl("/login") },
  };
}

/** The row enqueueEmail would write for passwordChanged(to), for tests that set up a state directly. */
function passwordChangedRow(to: string) {
  const { props } = passwordChanged(to);
  return { template: "password-changed", toAddress: to, subject: "Your StockFlow password was changed", props };
}

async function enqueueCommitted(to: string): Promise<string> {
  const { id } = await withTenantTx(company, (tx) => enqueueEmail(tx, company.ctx, passwordChanged(to)));
  return id;
}

const rowOf = (id: string) => system.emailOutbox.findUniqueOrThrow({ where: { id } });

describe("deliverPendingEmails", () => {
  it("delivers a committed email once, through the folder transport, and marks it SENT", async () => {
    const to = address("invitee");
    const acceptUrl = absoluteUrl(`/invitations/accept?token=${uniqueSuffix()}`);
    const { id } = await withTenantTx(company, (tx) =>
      enqueueEmail(tx, company.ctx, {
        template: "invitation",
        to,
        props: {
          companyName: "Outbox Traders",
          inviterName: "Kim Sender",
          role: "Staff",
          acceptUrl,
          expiresAt: "2026-12-01T09:30:00.000Z",
        },
      }),
    );
    const mailer = new RecordingMailer({ deliver: new FolderMailer(mailDir) });

    await deliverPendingEmails({ mailer, batchSize: 50 });
    await deliverPendingEmails({ mailer, batchSize: 50 });

    expect(mailer.to(to)).toHaveLength(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "SENT", attempts: 1, companyId: company.companyId });
    expect(row.sentAt).toBeInstanceOf(Date);

    const emls = [];
    for (const file of (await fs.readdir(mailDir)).filter((name) => name.endsWith(".eml"))) {
      const content = await fs.readFile(path.join(mailDir, file), "utf8");
      if (new RegExp(`^To: ${to}$`, "m").test(content)) emls.push(content);
    }
    expect(emls).toHaveLength(1);
    expect(emls[0]).toMatch(/^Subject: Kim Sender invited you to Outbox Traders on StockFlow$/m);
    expect(emls[0]).toMatch(/^From: StockFlow <no-reply@stockflow\.local>$/m);
    // Undo quoted-printable line folding before looking for the link.
    expect(emls[0]!.replace(/=\r?\n/g, "").replace(/=3D/g, "=")).toContain(acceptUrl);
  });

  it("never sends an email whose transaction rolled back", async () => {
    const to = address("rolled-back");
    await expect(
      withTenantTx(company, async (tx) => {
        await enqueueEmail(tx, company.ctx, passwordChanged(to));
        throw new Error("the change failed after enqueueing");
      }),
    ).rejects.toThrow("the change failed");
    const mailer = new RecordingMailer();

    await deliverPendingEmails({ mailer, batchSize: 50 });

    expect(mailer.to(to)).toEqual([]);
    expect(await system.emailOutbox.count({ where: { toAddress: to } })).toBe(0);
  });

  it("delivers a platform email, which belongs to no company", async () => {
    const to = address("platform");
    const resetUrl = absoluteUrl(`/reset-password?token=${uniqueSuffix()}`);
    const { id } = await withSystemTx((tx) =>
      enqueuePlatformEmail(tx, {
        template: "password-reset",
        to,
        props: { name: "Robin", resetUrl, expiresInMinutes: 30 },
      }),
    );
    const mailer = new RecordingMailer();

    await deliverPendingEmails({ mailer, batchSize: 50 });

    const row = await rowOf(id);
    expect(row).toMatchObject({
      companyId: null,
      status: "SENT",
      subject: "Reset your StockFlow password",
    });
    const [message] = mailer.to(to);
    expect(message?.subject).toBe("Reset your StockFlow password");
    expect(message?.text).toContain(resetUrl);
    expect(message?.html).toContain(resetUrl);
    // Sent: the one-time link is not kept; the rest of the props are.
    expect(row.props).toEqual({ name: "Robin", resetUrl: "[sent]", expiresInMinutes: 30 });
  });

  it("keeps the row while the provider fails, retries it a minute later, and then delivers it", async () => {
    const to = address("retry");
    const id = await enqueueCommitted(to);
    const failing = new RecordingMailer({ failFor: (message) => message.to === to });

    const before = Date.now();
    await deliverPendingEmails({ mailer: failing, batchSize: 50 });
    const after = Date.now();

    const failed = await rowOf(id);
    expect(failed).toMatchObject({ status: "PENDING", attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/^Error: 421 mail provider unavailable \(trace/);
    expect(failed.lastError!.length).toBeLessThanOrEqual(2000);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 60_000 - 1_000);
    expect(failed.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + 60_000 + 1_000);

    // Not due yet: a run now leaves it alone.
    const working = new RecordingMailer();
    await deliverPendingEmails({ mailer: working, batchSize: 50 });
    expect(working.to(to)).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ status: "PENDING", attempts: 1 });

    // Once due, it goes out.
    await deliverPendingEmails({ mailer: working, batchSize: 50, now: new Date(failed.nextAttemptAt.getTime() + 1) });
    expect(working.to(to)).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("backs off 1, 2, 4 … minutes (at most an hour) and gives up after 8 attempts", async () => {
    const to = address("doomed");
    const id = await enqueueCommitted(to);
    const failing = new RecordingMailer({ failFor: (message) => message.to === to });
    const expectedDelaysMinutes = [1, 2, 4, 8, 16, 32, 60];

    let now = new Date(Date.now() + 1_000);
    for (const [index, minutes] of expectedDelaysMinutes.entries()) {
      await deliverPendingEmails({ mailer: failing, batchSize: 50, now });
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: "PENDING", attempts: index + 1 });
      expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(minutes * 60_000);
      now = row.nextAttemptAt;
    }
    await deliverPendingEmails({ mailer: failing, batchSize: 50, now });

    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "FAILED", attempts: 8, sentAt: null });
    expect(row.lastError).toContain("421 mail provider unavailable");
    expect(failing.to(to)).toHaveLength(8);

    // A FAILED row is never claimed again.
    await deliverPendingEmails({ mailer: failing, batchSize: 50, now: new Date(now.getTime() + 24 * 3_600_000) });
    expect(failing.to(to)).toHaveLength(8);
  });

  it("gives a row back once the lease of a worker that never finished runs out, and ignores that worker later", async () => {
    const to = address("stalled");
    const id = await enqueueCommitted(to);
    let failStalledSend: ((error: Error) => void) | undefined;
    const stalling: Mailer = {
      name: "stalling",
      send: (message) =>
        message.to === to
          ? new Promise<SentEmail>((_, reject) => (failStalledSend = reject))
          : Promise.resolve({ id: "other" }),
    };

    const before = Date.now();
    const stalledRun = deliverPendingEmails({ mailer: stalling, batchSize: 50 });
    for (let wait = 0; wait < 200 && !failStalledSend; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
    const after = Date.now();
    expect(failStalledSend).toBeDefined();

    const claimed = await rowOf(id);
    expect(claimed).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(claimed.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 2 * 60_000 - 1_000);
    expect(claimed.nextAttemptAt.getTime()).toBeLessThanOrEqual(after + 2 * 60_000 + 1_000);

    const working = new RecordingMailer();
    await deliverPendingEmails({ mailer: working, batchSize: 50 });
    expect(working.to(to)).toEqual([]);
    await deliverPendingEmails({ mailer: working, batchSize: 50, now: new Date(claimed.nextAttemptAt.getTime() + 1) });
    expect(working.to(to)).toHaveLength(1);

    failStalledSend!(new Error("socket timeout"));
    await stalledRun;
    expect(await rowOf(id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("gives up on a row whose workers died during each of its 8 attempts", async () => {
    const to = address("crash-loop");
    // As the 8th claim leaves it when that worker dies before recording anything: due again after the lease.
    const row = await system.emailOutbox.create({
      data: {
        ...passwordChangedRow(to),
        companyId: company.companyId,
        attempts: 8,
        nextAttemptAt: new Date(Date.now() - 1_000),
      },
    });
    const mailer = new RecordingMailer();

    await deliverPendingEmails({ mailer, batchSize: 50 });

    expect(mailer.to(to)).toEqual([]);
    const failed = await rowOf(row.id);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 9 });
    expect(failed.lastError).toMatch(/Gave up after 8 attempts/);
  });

  it("fails a row of an unknown template, or with props its template refuses, without sending or crashing", async () => {
    const unknownTo = address("unknown-template");
    const badPropsTo = address("bad-props");
    const unknown = await system.emailOutbox.create({
      data: {
        companyId: company.companyId,
        template: "quarterly-newsletter",
        toAddress: unknownTo,
        subject: "News",
        props: {},
      },
    });
    const badProps = await system.emailOutbox.create({
      data: {
        companyId: company.companyId,
        template: "password-changed",
        toAddress: badPropsTo,
        subject: "Your StockFlow password was changed",
        props: { name: "Robin", changedAt: "yesterday", signInUrl: "/login" },
      },
    });
    const mailer = new RecordingMailer();

    const counts = await deliverPendingEmails({ mailer, batchSize: 50 });

    expect(counts.failed).toBeGreaterThanOrEqual(2);
    expect(mailer.to(unknownTo)).toEqual([]);
    expect(mailer.to(badPropsTo)).toEqual([]);
    const unknownRow = await rowOf(unknown.id);
    expect(unknownRow).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(unknownRow.lastError).toContain('Unknown email template "quarterly-newsletter"');
    const badPropsRow = await rowOf(badProps.id);
    expect(badPropsRow).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(badPropsRow.lastError).toMatch(/changedAt/);
    expect(badPropsRow.lastError).toMatch(/signInUrl/);
  });

  it("sends one message at a time, at the transport's pace, each with its row's id as the idempotency key", async () => {
    const addresses = Array.from({ length: 4 }, (_, i) => address(`paced-${i}`));
    const ids: string[] = [];
    for (const to of addresses) ids.push(await enqueueCommitted(to));
    const spans: { to: string; start: number; end: number; key?: string }[] = [];
    const paced: Mailer = {
      name: "paced",
      minIntervalMs: 60,
      async send(message) {
        const start = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
        spans.push({ to: message.to, start, end: Date.now(), key: message.idempotencyKey });
        return { id: `paced-${spans.length}` };
      },
    };
    for (let run = 0; run < 20 && spans.filter((s) => addresses.includes(s.to)).length < 4; run++) {
      await deliverPendingEmails({ mailer: paced, batchSize: 10 });
    }
    const ours = spans.filter((span) => addresses.includes(span.to));
    expect(ours.map((span) => span.key).sort()).toEqual([...ids].sort());
    for (let i = 1; i < spans.length; i++) {
      // Never two at once, and the pause between two sends of one run is at least the transport's interval.
      expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      expect(spans[i]!.start - spans[i - 1]!.end).toBeGreaterThanOrEqual(55);
    }
  });

  it("sends each of 20 rows exactly once with two workers running at the same time", async () => {
    const addresses = Array.from({ length: 20 }, (_, i) => address(`bulk-${i}`));
    const ids = await withTenantTx(company, async (tx) => {
      const created = [];
      for (const to of addresses) created.push((await enqueueEmail(tx, company.ctx, passwordChanged(to))).id);
      return created;
    });
    const workers = [new RecordingMailer({ delayMs: 5 }), new RecordingMailer({ delayMs: 5 })];

    /** Runs small batches until a run finds nothing due. */
    async function work(mailer: Mailer) {
      for (let run = 0; run < 100; run++) {
        const { sent, retried, failed } = await deliverPendingEmails({ mailer, batchSize: 3 });
        if (sent + retried + failed === 0) return;
      }
    }
    await Promise.all(workers.map(work));

    for (const to of addresses) {
      expect(workers[0]!.to(to).length + workers[1]!.to(to).length, to).toBe(1);
    }
    for (const worker of workers) {
      expect(addresses.some((to) => worker.to(to).length > 0)).toBe(true);
    }
    const rows = await system.emailOutbox.findMany({ where: { id: { in: ids } } });
    expect(rows).toHaveLength(20);
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
  });
});

describe("enqueueEmail", () => {
  it("refuses props that fail the template's schema and writes nothing", async () => {
    const to = address("refused");
    await expect(
      withTenantTx(company, (tx) =>
        enqueueEmail(tx, company.ctx, {
          template: "password-reset",
          to,
          props: { name: "Robin", resetUrl: "/reset-password?token=abc", expiresInMinutes: 30 },
        }),
      ),
    ).rejects.toThrow(EmailTemplateError);
    expect(await system.emailOutbox.count({ where: { toAddress: to } })).toBe(0);
  });

  it("refuses a recipient that is not an email address and writes nothing", async () => {
    const to = `not-an-address-${uniqueSuffix()}`;
    await expect(withTenantTx(company, (tx) => enqueueEmail(tx, company.ctx, passwordChanged(to)))).rejects.toThrow(
      /Not an email address/,
    );
    expect(await system.emailOutbox.count({ where: { toAddress: to } })).toBe(0);
  });
});
