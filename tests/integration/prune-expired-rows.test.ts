// Background retention on real PostgreSQL (lib/jobs/prune-expired-rows.ts): expired rate-limit counters and
// sign-in lock-outs, ended sessions, low-stock claims whose day is over in every time zone, one-time links a month
// past their expiry and pushes sent or failed a week ago are deleted, in bounded batches; live ones stay. The clock is set in 2001 so that rows of other test files (made with today's clock) are never in range.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { hashToken } from "../../lib/accounts/one-time-token";
import { EXPIRED_LINK_DAYS_KEPT, PUSH_OUTBOX_DAYS_KEPT, pruneExpiredRows } from "../../lib/jobs/prune-expired-rows";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let fixture: CompanyFixture;
const NOW = new Date("2001-01-02T12:00:00Z");
const prefix = `prune-test:${randomUUID()}:`;

beforeAll(async () => {
  system = superuserClient(2);
  fixture = await createCompanyFixture(system, "prune");
});

afterAll(async () => {
  await system.rateLimitBucket.deleteMany({ where: { key: { startsWith: prefix } } });
  await system.signInLockout.deleteMany({ where: { key: { startsWith: prefix } } });
  await system.oneTimeToken.deleteMany({ where: { email: { endsWith: "@prune-links.test" } } });
  await system.$disconnect();
});

async function bucket(name: string, expiresAt: string) {
  const expires = new Date(expiresAt);
  await system.rateLimitBucket.create({
    data: { key: `${prefix}${name}`, windowStart: new Date(expires.getTime() - 60_000), count: 3, expiresAt: expires },
  });
}

const bucketsLeft = async () =>
  (await system.rateLimitBucket.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } }))
    .map((row) => row.key.slice(prefix.length))
    .sort();

describe("pruneExpiredRows", () => {
  it("deletes rate-limit counters whose window has ended and keeps those still counting", async () => {
    await bucket("ended-yesterday", "2001-01-01T12:00:00Z");
    await bucket("ended-a-second-ago", "2001-01-02T11:59:59Z");
    await bucket("still-counting", "2001-01-02T12:05:00Z");
    const counts = await pruneExpiredRows({ now: NOW });
    expect(counts.rateLimitBuckets).toBe(2);
    expect(await bucketsLeft()).toEqual(["still-counting"]);
  });

  it("deletes sign-in lock-outs whose newest attempt has left the window and keeps those still locking", async () => {
    const lockout = (name: string, expiresAt: string) =>
      system.signInLockout.create({
        data: {
          key: `${prefix}${name}`,
          attempts: [new Date(new Date(expiresAt).getTime() - 15 * 60_000)],
          expiresAt: new Date(expiresAt),
        },
      });
    await lockout("ended", "2001-01-02T11:59:59Z");
    await lockout("still-locking", "2001-01-02T12:10:00Z");
    const counts = await pruneExpiredRows({ now: NOW });
    expect(counts.signInLockouts).toBe(1);
    const left = await system.signInLockout.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
    expect(left.map((row) => row.key.slice(prefix.length))).toEqual(["still-locking"]);
  });

  it("deletes a low-stock claim once its day is over in every time zone, and keeps the days that may still collide", async () => {
    for (const day of ["2000-12-29", "2000-12-30", "2000-12-31", "2001-01-01", "2001-01-02"]) {
      await system.lowStockAlert.create({
        data: { companyId: fixture.companyId, productId: fixture.productId, day: new Date(`${day}T00:00:00Z`) },
      });
    }
    const counts = await pruneExpiredRows({ now: NOW });
    // Any time on 2001-01-02 UTC, the earliest local day anywhere (UTC-12) is 2001-01-01: claims for that day may
    // still be made again, earlier days' never.
    expect(counts.lowStockAlerts).toBe(3);
    const left = await system.lowStockAlert.findMany({
      // The fixture's own claim (a day this year) is not part of the scenario.
      where: { companyId: fixture.companyId, day: { lt: new Date("2002-01-01") } },
      select: { day: true },
      orderBy: { day: "asc" },
    });
    expect(left.map((row) => row.day.toISOString().slice(0, 10))).toEqual(["2001-01-01", "2001-01-02"]);
  });

  it("deletes sessions that expired or were revoked, and keeps live ones", async () => {
    const session = (name: string, expiresAt: string, revokedAt: string | null = null) =>
      system.session.create({
        data: {
          userId: fixture.admin.id,
          userAgent: `${prefix}${name}`,
          expiresAt: new Date(expiresAt),
          revokedAt: revokedAt && new Date(revokedAt),
        },
      });
    await session("expired", "2001-01-02T11:00:00Z");
    await session("signed-out", "2001-01-05T00:00:00Z", "2001-01-02T10:00:00Z");
    await session("live", "2001-01-05T00:00:00Z");
    const counts = await pruneExpiredRows({ now: NOW });
    expect(counts.sessions).toBe(2);
    const left = await system.session.findMany({
      where: { userAgent: { startsWith: prefix } },
      select: { userAgent: true },
    });
    expect(left.map((row) => row.userAgent!.slice(prefix.length))).toEqual(["live"]);
  });

  it(`deletes one-time links ${EXPIRED_LINK_DAYS_KEPT} days after they expire, used or not, and keeps younger ones`, async () => {
    const DAY = 86_400_000;
    const link = (name: string, expiredDaysAgo: number, used: boolean) =>
      system.oneTimeToken.create({
        data: {
          purpose: "PASSWORD_RESET",
          tokenHash: hashToken(`${prefix}${name}`),
          email: `${name}@prune-links.test`,
          expiresAt: new Date(NOW.getTime() - expiredDaysAgo * DAY),
          usedAt: used ? new Date(NOW.getTime() - (expiredDaysAgo + 1) * DAY) : null,
        },
      });
    await link("long-gone", EXPIRED_LINK_DAYS_KEPT + 1, false);
    await link("used-long-ago", EXPIRED_LINK_DAYS_KEPT + 5, true);
    await link("recently-expired", EXPIRED_LINK_DAYS_KEPT - 1, false);
    await link("still-valid", -1, false);
    // A sign-up's link keeps the announcement its confirmation sends: kept while the address is unconfirmed.
    const registrant = await system.user.create({
      data: { email: `registrant-${randomUUID()}@prune.example`, name: "Registrant", passwordHash: "x" },
      select: { id: true },
    });
    await system.oneTimeToken.create({
      data: {
        purpose: "EMAIL_VERIFICATION",
        tokenHash: hashToken(`${prefix}sign-up`),
        email: "sign-up@prune-links.test",
        userId: registrant.id,
        payload: { registeredCompanyId: fixture.companyId },
        expiresAt: new Date(NOW.getTime() - (EXPIRED_LINK_DAYS_KEPT + 10) * DAY),
      },
    });
    const counts = await pruneExpiredRows({ now: NOW });
    expect(counts.oneTimeTokens).toBe(2);
    const left = await system.oneTimeToken.findMany({
      where: { email: { endsWith: "@prune-links.test" } },
      select: { email: true },
    });
    expect(left.map((row) => row.email).sort()).toEqual([
      "recently-expired@prune-links.test",
      "sign-up@prune-links.test",
      "still-valid@prune-links.test",
    ]);
    // Once the address is confirmed, the next run deletes it with the rest.
    await system.user.update({ where: { id: registrant.id }, data: { emailVerifiedAt: NOW } });
    expect((await pruneExpiredRows({ now: NOW })).oneTimeTokens).toBe(1);
  });

  it(`deletes pushes sent or failed ${PUSH_OUTBOX_DAYS_KEPT} days ago, keeps younger ones and every one still pending`, async () => {
    const DAY = 86_400_000;
    const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
    const session = await system.session.create({
      data: { userId: fixture.admin.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const subscription = await system.pushSubscription.create({
      data: {
        companyId: fixture.companyId,
        userId: fixture.admin.id,
        sessionId: session.id,
        endpoint: `https://fcm.googleapis.com/fcm/send/${prefix}`,
        p256dh: `B${"A".repeat(86)}`,
        auth: "A".repeat(22),
      },
    });
    const push = (
      name: string,
      row: { status: "PENDING" | "SENT" | "FAILED"; createdAt: Date; nextAttemptAt: Date; sentAt?: Date },
    ) =>
      system.pushOutbox.create({
        data: {
          companyId: fixture.companyId,
          subscriptionId: subscription.id,
          payload: { title: name, body: "", url: "/requests", tag: "order-x" },
          ...row,
        },
      });
    const old = PUSH_OUTBOX_DAYS_KEPT + 1;
    const recent = PUSH_OUTBOX_DAYS_KEPT - 1;
    // A row's last change: sent_at once sent; for a failure, the attempt that failed it (its claim moved
    // next_attempt_at to the end of its lease).
    await push("sent-long-ago", {
      status: "SENT",
      createdAt: daysAgo(old),
      nextAttemptAt: daysAgo(old),
      sentAt: daysAgo(old),
    });
    await push("failed-long-ago", { status: "FAILED", createdAt: daysAgo(old), nextAttemptAt: daysAgo(old) });
    await push("sent-recently", {
      status: "SENT",
      createdAt: daysAgo(recent),
      nextAttemptAt: daysAgo(recent),
      sentAt: daysAgo(recent),
    });
    await push("failed-recently", { status: "FAILED", createdAt: daysAgo(recent), nextAttemptAt: daysAgo(recent) });
    // Waited a month while push was off, then sent or failed yesterday: the last change counts, not the creation.
    await push("sent-after-waiting", {
      status: "SENT",
      createdAt: daysAgo(30),
      nextAttemptAt: daysAgo(1),
      sentAt: daysAgo(1),
    });
    await push("failed-after-waiting", { status: "FAILED", createdAt: daysAgo(30), nextAttemptAt: daysAgo(1) });
    // Still to be sent, however old.
    await push("pending-long", { status: "PENDING", createdAt: daysAgo(30), nextAttemptAt: daysAgo(30) });
    await push("retry-due-later", { status: "PENDING", createdAt: daysAgo(old), nextAttemptAt: daysAgo(-1) });

    const counts = await pruneExpiredRows({ now: NOW });
    expect(counts.pushOutbox).toBe(2);
    const left = await system.pushOutbox.findMany({
      where: { subscriptionId: subscription.id },
      select: { payload: true },
    });
    expect(left.map((row) => (row.payload as { title: string }).title).sort()).toEqual([
      "failed-after-waiting",
      "failed-recently",
      "pending-long",
      "retry-due-later",
      "sent-after-waiting",
      "sent-recently",
    ]);
    await system.pushSubscription.delete({
      where: { companyId_id: { companyId: fixture.companyId, id: subscription.id } },
    });
  });

  it("works in batches and stops after its bound, leaving the rest for the next run", async () => {
    for (let i = 0; i < 5; i += 1) await bucket(`old-${i}`, "2001-01-01T00:00:00Z");
    const bounded = await pruneExpiredRows({ now: NOW, batchSize: 2, maxBatches: 2 });
    expect(bounded.rateLimitBuckets).toBe(4);
    expect((await bucketsLeft()).filter((key) => key.startsWith("old-"))).toHaveLength(1);
    const rest = await pruneExpiredRows({ now: NOW, batchSize: 2, maxBatches: 2 });
    expect(rest.rateLimitBuckets).toBe(1);
    expect(await bucketsLeft()).toEqual(["still-counting"]);
  });
});
