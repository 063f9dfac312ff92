// Platform administration (issue "Accounts and access", part 8) on real PostgreSQL: status changes are conditional
// writes with audit rows and an email to each active admin, refused transitions and races change nothing, the
// company list counts in SQL and pages on the server, anyone but a platform administrator is told it does not
// exist, and the administrator named by PLATFORM_ADMIN_EMAIL is created once.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../lib/auth/passwords";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { STALE_CURSOR_MESSAGE } from "../../lib/list/keyset-cursor";
import { changeCompanyStatus } from "../../lib/platform/change-company-status";
import { ensurePlatformAdmin } from "../../lib/platform/ensure-platform-admin";
import { getPlatformSettings } from "../../lib/platform/get-platform-settings";
import { listCompanies } from "../../lib/platform/list-companies";
import type { PlatformContext } from "../../lib/platform/require-platform-admin";
import { setRequireCompanyApproval } from "../../lib/platform/set-require-company-approval";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { superuserPool, superuserClient } from "../helpers/db";
import { walkKeyset } from "../helpers/keyset-walk";

const REQUEST = { requestId: "platform-test", ip: "198.51.100.4", userAgent: "vitest" };
const SIGN_IN_URL = "http://localhost:3100/login";

// The same lock as registration.test.ts: files that change or depend on the approval setting take turns.
const APPROVAL_SETTING_LOCK = 724_061;

let system: PrismaClient;
let owner: pg.Pool;
let platformAdmin: PlatformContext;

async function createUser(options: { isPlatformAdmin?: boolean; mustChangePassword?: boolean; active?: boolean } = {}) {
  const email = `person-${uniqueSuffix()}@platform.test`;
  const user = await system.user.create({
    data: { email, name: `Person ${email}`, passwordHash: "not-a-real-hash", emailVerifiedAt: new Date(), ...options },
    select: { id: true },
  });
  return { userId: user.id, email, isPlatformAdmin: options.isPlatformAdmin ?? false, request: REQUEST };
}

beforeAll(async () => {
  system = superuserClient(6);
  owner = superuserPool(2);
  platformAdmin = await createUser({ isPlatformAdmin: true });
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), owner.end(), disconnectAll()]);
});

async function companyIn(status: "PENDING" | "ACTIVE" | "SUSPENDED"): Promise<CompanyFixture> {
  const fixture = await createCompanyFixture(system, "platform");
  await system.company.update({ where: { id: fixture.companyId }, data: { status }, select: { id: true } });
  return fixture;
}

/** Everything a status change may write for a company, to show that a refusal wrote none of it. */
async function traceOf(fixture: CompanyFixture) {
  const [company, audit, platformAudit, emails] = await Promise.all([
    system.company.findUniqueOrThrow({
      where: { id: fixture.companyId },
      select: { status: true, statusChangedAt: true, updatedAt: true },
    }),
    system.auditLog.count({
      where: { companyId: fixture.companyId, entityType: "company", action: { startsWith: "company." } },
    }),
    system.platformAuditLog.count({ where: { details: { path: ["companyId"], equals: fixture.companyId } } }),
    system.emailOutbox.count({ where: { template: "company-status", toAddress: fixture.admin.email } }),
  ]);
  return { company, audit, platformAudit, emails };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected a refusal");
}

describe("changeCompanyStatus", () => {
  it.each([
    ["approve", "PENDING", "ACTIVE", "company.approved"],
    ["suspend", "ACTIVE", "SUSPENDED", "company.suspended"],
    ["reactivate", "SUSPENDED", "ACTIVE", "company.reactivated"],
  ] as const)("%s moves a company from %s to %s, audited twice", async (change, from, to, action) => {
    const fixture = await companyIn(from);
    const result = await changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change });
    expect(result).toEqual({
      companyId: fixture.companyId,
      companyName: `Company ${fixture.slug}`,
      status: to,
      emailed: 1,
    });

    const company = await system.company.findUniqueOrThrow({
      where: { id: fixture.companyId },
      select: { status: true, statusChangedAt: true },
    });
    expect(company.status).toBe(to);
    expect(company.statusChangedAt).toBeInstanceOf(Date);

    const audit = await system.auditLog.findMany({
      where: { companyId: fixture.companyId, action },
      select: {
        actorId: true,
        actorEmail: true,
        entityType: true,
        entityId: true,
        before: true,
        after: true,
        ip: true,
      },
    });
    expect(audit).toEqual([
      {
        actorId: platformAdmin.userId,
        actorEmail: platformAdmin.email,
        entityType: "company",
        entityId: fixture.companyId,
        before: { status: from },
        after: { status: to },
        ip: REQUEST.ip,
      },
    ]);
    const platformAudit = await system.platformAuditLog.findMany({
      where: { action, details: { path: ["companyId"], equals: fixture.companyId } },
      select: { actorId: true, details: true },
    });
    expect(platformAudit).toEqual([
      {
        actorId: platformAdmin.userId,
        details: {
          companyId: fixture.companyId,
          companyName: `Company ${fixture.slug}`,
          before: { status: from },
          after: { status: to },
        },
      },
    ]);
  });

  it("emails each active admin of the company once, and nobody else", async () => {
    const fixture = await companyIn("PENDING");
    const people = {
      secondAdmin: await createUser(),
      leftAdmin: await createUser(),
      deactivatedAdmin: await createUser({ active: false }),
      manager: await createUser(),
    };
    await system.membership.createMany({
      data: [
        { companyId: fixture.companyId, userId: people.secondAdmin.userId, role: "ADMIN" },
        { companyId: fixture.companyId, userId: people.leftAdmin.userId, role: "ADMIN", active: false },
        { companyId: fixture.companyId, userId: people.deactivatedAdmin.userId, role: "ADMIN" },
        { companyId: fixture.companyId, userId: people.manager.userId, role: "MANAGER" },
      ],
    });

    const result = await changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change: "approve" });
    expect(result.emailed).toBe(2);

    const everyone = [fixture.admin.email, ...Object.values(people).map((p) => p.email)];
    const emails = await system.emailOutbox.findMany({
      where: { template: "company-status", toAddress: { in: everyone } },
      select: { toAddress: true, companyId: true, props: true, status: true },
      orderBy: { toAddress: "asc" },
    });
    const props = { companyName: `Company ${fixture.slug}`, status: "ACTIVE", signInUrl: SIGN_IN_URL };
    expect(emails).toEqual(
      [fixture.admin.email, people.secondAdmin.email]
        .sort()
        .map((toAddress) => ({ toAddress, companyId: null, props, status: "PENDING" })),
    );
  });

  it("tells a suspended company's admins it is suspended", async () => {
    const fixture = await companyIn("ACTIVE");
    await changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change: "suspend" });
    const email = await system.emailOutbox.findFirstOrThrow({
      where: { template: "company-status", toAddress: fixture.admin.email },
      select: { props: true, subject: true },
    });
    expect(email.props).toEqual({
      companyName: `Company ${fixture.slug}`,
      status: "SUSPENDED",
      signInUrl: SIGN_IN_URL,
    });
    expect(email.subject).toBe(`Company ${fixture.slug} is suspended on StockFlow`);
  });

  it.each([
    [
      "suspend",
      "PENDING",
      "INVALID_TRANSITION",
      /is waiting for approval: only a company that is active can be suspended/,
    ],
    [
      "approve",
      "SUSPENDED",
      "INVALID_TRANSITION",
      /is suspended: only a company that is waiting for approval can be approved/,
    ],
    ["reactivate", "PENDING", "INVALID_TRANSITION", /only a company that is suspended can be reactivated/],
    ["approve", "ACTIVE", "CONFLICT", /is already active/],
    ["reactivate", "ACTIVE", "CONFLICT", /is already active/],
    ["suspend", "SUSPENDED", "CONFLICT", /is already suspended/],
  ] as const)("refuses to %s a %s company (%s) and changes nothing", async (change, from, code, message) => {
    const fixture = await companyIn(from);
    const before = await traceOf(fixture);
    const error = await refusal(changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await traceOf(fixture)).toEqual(before);
  });

  it("lets exactly one of two simultaneous approvals win; the other is a CONFLICT", async () => {
    const fixture = await companyIn("PENDING");
    const before = await traceOf(fixture);
    const results = await Promise.allSettled([
      changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change: "approve" }),
      changeCompanyStatus(platformAdmin, { companyId: fixture.companyId, change: "approve" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toMatchObject({ code: "CONFLICT" });

    // One change's worth of rows: one audit row each, one email to the fixture's one admin.
    expect(await traceOf(fixture)).toMatchObject({
      company: { status: "ACTIVE" },
      audit: before.audit + 1,
      platformAudit: before.platformAudit + 1,
      emails: before.emails + 1,
    });
  });

  it("answers NOT_FOUND for an unknown company and VALIDATION for an unknown change or extra field", async () => {
    expect(
      (
        await refusal(
          changeCompanyStatus(platformAdmin, { companyId: "0193a7c2-1111-7000-8000-000000000000", change: "approve" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const fixture = await companyIn("PENDING");
    const before = await traceOf(fixture);
    for (const input of [
      { companyId: fixture.companyId, change: "delete" },
      { companyId: fixture.companyId, change: "approve", status: "ACTIVE" },
    ]) {
      expect((await refusal(changeCompanyStatus(platformAdmin, input))).code).toBe("VALIDATION");
    }
    expect(await traceOf(fixture)).toEqual(before);
  });
});

describe("who may administer the platform", () => {
  it("is not a company admin, nor anyone merely claiming the flag: for them it does not exist", async () => {
    const fixture = await companyIn("PENDING");
    const companyAdmin: PlatformContext = {
      userId: fixture.admin.id,
      email: fixture.admin.email,
      isPlatformAdmin: false,
    };
    const claimingAdmin: PlatformContext = { ...companyAdmin, isPlatformAdmin: true };
    const formerAdmin = await createUser({ isPlatformAdmin: true, active: false });
    const before = await traceOf(fixture);

    for (const ctx of [companyAdmin, claimingAdmin, formerAdmin]) {
      for (const attempt of [
        () => changeCompanyStatus(ctx, { companyId: fixture.companyId, change: "approve" }),
        () => listCompanies(ctx, {}),
        () => getPlatformSettings(ctx),
        () => setRequireCompanyApproval(ctx, { requireCompanyApproval: true }),
      ]) {
        expect((await refusal(attempt())).code).toBe("NOT_FOUND");
      }
    }
    expect(await traceOf(fixture)).toEqual(before);
    expect(
      await system.platformAuditLog.count({
        where: { action: "platform.settings_changed", actorId: fixture.admin.id },
      }),
    ).toBe(0);
  });

  it("needs a platform administrator with a temporary password to choose a new one first", async () => {
    const fixture = await companyIn("PENDING");
    const newcomer = await createUser({ isPlatformAdmin: true, mustChangePassword: true });
    const error = await refusal(changeCompanyStatus(newcomer, { companyId: fixture.companyId, change: "approve" }));
    expect(error.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await traceOf(fixture)).company.status).toBe("PENDING");
  });
});

describe("listCompanies", () => {
  it("counts active memberships and products that are not archived, and shows nothing of the inventory", async () => {
    const fixture = await companyIn("ACTIVE");
    // The fixture has one active admin and one product; add people and products on both sides of each rule.
    const [staff, left] = [await createUser(), await createUser()];
    await system.membership.createMany({
      data: [
        { companyId: fixture.companyId, userId: staff.userId, role: "STAFF" },
        { companyId: fixture.companyId, userId: left.userId, role: "MANAGER", active: false },
      ],
    });
    await system.product.createMany({
      data: [
        { companyId: fixture.companyId, sku: "EXTRA-1", name: "Extra one" },
        { companyId: fixture.companyId, sku: "EXTRA-2", name: "Extra two" },
        { companyId: fixture.companyId, sku: "OLD-1", name: "Archived one", archived: true },
      ],
    });
    const expected = { users: 1 + 1, products: 1 + 2 };

    const list = await listCompanies(platformAdmin, { query: fixture.slug });
    expect(list.total).toBe(1);
    expect(list.companies).toHaveLength(1);
    const [row] = list.companies;
    expect(Object.keys(row!).sort()).toEqual(
      ["createdAt", "id", "name", "productCount", "slug", "adminConfirmed", "status", "userCount"].sort(),
    );
    expect(row).toMatchObject({
      id: fixture.companyId,
      name: `Company ${fixture.slug}`,
      slug: fixture.slug,
      status: "ACTIVE",
      userCount: expected.users,
      productCount: expected.products,
      adminConfirmed: true,
    });
    expect(row!.createdAt).toBeInstanceOf(Date);
  });

  it("searches name and slug case-insensitively, filters by status, and takes % and _ literally", async () => {
    const fixture = await companyIn("SUSPENDED");
    expect(
      (await listCompanies(platformAdmin, { query: `COMPANY ${fixture.slug.toUpperCase()}` })).companies.map(
        (c) => c.id,
      ),
    ).toEqual([fixture.companyId]);
    expect((await listCompanies(platformAdmin, { query: fixture.slug, status: "SUSPENDED" })).total).toBe(1);
    expect((await listCompanies(platformAdmin, { query: fixture.slug, status: "ACTIVE" })).total).toBe(0);
    // A NUL (which PostgreSQL refuses in text) or another control character is dropped, never a database error.
    expect((await listCompanies(platformAdmin, { query: `${fixture.slug}\u0000`, status: "SUSPENDED" })).total).toBe(1);
    // "platform_" with a literal underscore matches no fixture slug ("platform-…").
    expect(
      (await listCompanies(platformAdmin, { query: `platform_${fixture.slug.slice("platform-".length)}` })).total,
    ).toBe(0);
    expect((await listCompanies(platformAdmin, { query: `%${fixture.slug}` })).total).toBe(0);
  });

  it("pages newest first, ties broken by id, forward and back; a company registered while paging shifts no page", async () => {
    const tag = `paged-${uniqueSuffix()}`;
    const start = Date.now() - 60_000;
    // Twelve companies at eight moments: four share one and two another, which their ids order.
    const seconds = [0, 1, 2, 2, 2, 2, 3, 4, 5, 5, 6, 7];
    await system.company.createMany({
      data: seconds.map((second, i) => ({
        name: `Paged ${tag} ${String(i).padStart(2, "0")}`,
        slug: `${tag}-${i}`,
        createdAt: new Date(start + second * 1000),
      })),
    });
    const made = await system.company.findMany({
      where: { slug: { startsWith: `${tag}-` } },
      select: { id: true, createdAt: true },
    });
    const expected = made
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
      .map((c) => c.id);
    const read = async (cursor: { after?: string; before?: string }) => {
      const page = await listCompanies(platformAdmin, { query: tag, ...cursor, limit: 5 });
      expect(page.total).toBe(seconds.length);
      return { ...page, rows: page.companies.map((c) => c.id) };
    };

    const { forward, backward } = await walkKeyset(read, 5);
    expect(forward.map((rows) => rows.length)).toEqual([5, 5, 2]);
    expect(forward.flat()).toEqual(expected);
    expect(backward.flat()).toEqual(expected);

    // A company registered now is the newest, before the cursor: the second page is still the one after the first.
    const first = await listCompanies(platformAdmin, { query: tag, limit: 5 });
    await system.company.create({ data: { name: `Paged ${tag} late`, slug: `${tag}-late` } });
    const second = await listCompanies(platformAdmin, { query: tag, after: first.nextCursor!, limit: 5 });
    expect(second.companies.map((c) => c.id)).toEqual(expected.slice(5, 10));
    expect(second.companies[0]).toMatchObject({ userCount: 0, productCount: 0 });
    await expect(listCompanies(platformAdmin, { query: tag, after: "not-a-cursor" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { after: [STALE_CURSOR_MESSAGE] },
    });
  });

  it("counts the companies waiting for approval, whatever the filter", async () => {
    const before = (await listCompanies(platformAdmin, { query: "no company is called this" })).pendingCount;
    await companyIn("PENDING");
    const after = await listCompanies(platformAdmin, { query: "no company is called this" });
    expect(after.total).toBe(0);
    // Other files add pending companies in parallel: at least ours arrived.
    expect(after.pendingCount).toBeGreaterThanOrEqual(before + 1);
  });

  it("lists a pending company whose admin has not confirmed their address as waiting for that, not for approval", async () => {
    const fixture = await companyIn("PENDING");
    await system.user.update({ where: { id: fixture.admin.id }, data: { emailVerifiedAt: null } });
    const [row] = (await listCompanies(platformAdmin, { query: fixture.slug })).companies;
    expect(row).toMatchObject({ id: fixture.companyId, status: "PENDING", adminConfirmed: false });
    // Another admin's confirmed address is enough, a deactivated or non-admin member's is not.
    const other = await createUser();
    await system.membership.create({
      data: { companyId: fixture.companyId, userId: other.userId, role: "ADMIN", active: false },
    });
    expect((await listCompanies(platformAdmin, { query: fixture.slug })).companies[0]!.adminConfirmed).toBe(false);
    await system.membership.updateMany({
      where: { companyId: fixture.companyId, userId: other.userId },
      data: { role: "STAFF", active: true },
    });
    expect((await listCompanies(platformAdmin, { query: fixture.slug })).companies[0]!.adminConfirmed).toBe(false);
    await system.membership.updateMany({
      where: { companyId: fixture.companyId, userId: other.userId },
      data: { role: "ADMIN" },
    });
    expect((await listCompanies(platformAdmin, { query: fixture.slug })).companies[0]!.adminConfirmed).toBe(true);
  });
});

describe("the approval setting", () => {
  it("is switched on and off by a platform administrator, audited each time", async () => {
    const client = await owner.connect();
    await client.query("SELECT pg_advisory_lock($1)", [APPROVAL_SETTING_LOCK]);
    const original = await getPlatformSettings(platformAdmin);
    try {
      expect(await setRequireCompanyApproval(platformAdmin, { requireCompanyApproval: true })).toEqual({
        requireCompanyApproval: true,
      });
      expect(await getPlatformSettings(platformAdmin)).toEqual({ requireCompanyApproval: true });
      expect(await setRequireCompanyApproval(platformAdmin, { requireCompanyApproval: false })).toEqual({
        requireCompanyApproval: false,
      });
      expect(await getPlatformSettings(platformAdmin)).toEqual({ requireCompanyApproval: false });

      const audit = await system.platformAuditLog.findMany({
        where: { actorId: platformAdmin.userId, action: "platform.settings_changed" },
        select: { details: true },
        orderBy: { createdAt: "asc" },
      });
      expect(audit.map((a) => a.details)).toEqual([
        {
          before: { requireCompanyApproval: original.requireCompanyApproval },
          after: { requireCompanyApproval: true },
        },
        { before: { requireCompanyApproval: true }, after: { requireCompanyApproval: false } },
      ]);
      expect((await refusal(setRequireCompanyApproval(platformAdmin, { requireCompanyApproval: "yes" }))).code).toBe(
        "VALIDATION",
      );
    } finally {
      await setRequireCompanyApproval(platformAdmin, original);
      await client.query("SELECT pg_advisory_unlock($1)", [APPROVAL_SETTING_LOCK]);
      client.release();
    }
  });
});

describe("ensurePlatformAdmin", () => {
  it("creates the administrator once, with a temporary password shown once, and then leaves it be", async () => {
    const email = `operator-${uniqueSuffix()}@platform.test`;
    const lines: string[] = [];
    const created = await ensurePlatformAdmin(system, {
      email: `  ${email.toUpperCase()} `,
      log: (line) => lines.push(line),
    });
    expect(created.outcome).toBe("created");
    const password = created.temporaryPassword!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(lines.filter((line) => line.includes(password))).toHaveLength(1);

    const user = await system.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, isPlatformAdmin: true, mustChangePassword: true, passwordHash: true },
    });
    expect(user).toMatchObject({ id: created.userId, isPlatformAdmin: true, mustChangePassword: true });
    expect(await verifyPassword(user.passwordHash, password)).toBe(true);
    expect(await system.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await system.platformAuditLog.count({ where: { actorId: user.id, action: "platform.admin_created" } })).toBe(
      1,
    );

    const again: string[] = [];
    const second = await ensurePlatformAdmin(system, { email, log: (line) => again.push(line) });
    expect(second).toEqual({ userId: created.userId, outcome: "unchanged" });
    expect(again).toEqual([]);
    expect(await system.user.count({ where: { email } })).toBe(1);
    const after = await system.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(after.passwordHash).toBe(user.passwordHash);
  });

  it("gives an existing user the flag, keeping their password", async () => {
    const person = await createUser();
    const lines: string[] = [];
    const result = await ensurePlatformAdmin(system, { email: person.email, log: (line) => lines.push(line) });
    expect(result).toEqual({ userId: person.userId, outcome: "promoted" });
    const user = await system.user.findUniqueOrThrow({
      where: { id: person.userId },
      select: { isPlatformAdmin: true, passwordHash: true, mustChangePassword: true },
    });
    expect(user).toEqual({ isPlatformAdmin: true, passwordHash: "not-a-real-hash", mustChangePassword: false });
    expect(lines).toHaveLength(1);
    expect(
      await system.platformAuditLog.count({ where: { actorId: person.userId, action: "platform.admin_granted" } }),
    ).toBe(1);
  });

  it("creates one administrator when two instances start at once", async () => {
    const email = `twin-${uniqueSuffix()}@platform.test`;
    const results = await Promise.all([
      ensurePlatformAdmin(system, { email, log: () => {} }),
      ensurePlatformAdmin(system, { email, log: () => {} }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["created", "unchanged"]);
    expect(await system.user.count({ where: { email } })).toBe(1);
  });

  it("refuses a value that is not an email address", async () => {
    await expect(ensurePlatformAdmin(system, { email: "not an email", log: () => {} })).rejects.toThrow(
      /PLATFORM_ADMIN_EMAIL/,
    );
  });
});
