// Company registration (issue "Accounts and access", part 1) on real PostgreSQL: everything a new company needs is
// created in one transaction, the platform's approval setting decides its status, a taken email is a field error
// with nothing written (also when two sign-ups race for it), and no field beyond the form's is accepted. The
// registration's one email is an outbox row of the same transaction: the link that confirms the new admin's address
// (issue 12, item 3). Only confirming it sends the welcome and, for a company waiting for approval, the notice to
// every active, confirmed platform administrator, exactly once; a refused sign-up enqueues nothing.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmEmail } from "../../lib/accounts/email-confirmation";
import { verifyPassword } from "../../lib/auth/passwords";
import {
  DEFAULT_LOCATION_NAME,
  EMAIL_TAKEN,
  REGISTRATIONS_PER_ADDRESS_PER_HOUR,
  registerCompany,
} from "../../lib/accounts/register-company";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { confirmationTokenFromOutbox } from "../factories/accounts";
import { uniqueSuffix } from "../factories/company";
import { superuserPool, superuserClient } from "../helpers/db";

// No client address: the per-address sign-up limit has its own test below and must not throttle the others.
const REQUEST = { requestId: "registration-test", userAgent: "vitest" };
const PASSWORD = "amber-falcon-orchard-17";
// APP_URL of the integration runs (tests/setup/integration-env.ts): every email link starts with it.
const APP_URL = "http://localhost:3100";

// Held by every test file that changes or depends on the platform's approval setting (platform.test.ts too), so
// files running in parallel never see each other's value.
const APPROVAL_SETTING_LOCK = 724_061;

let system: PrismaClient;
let owner: pg.Pool;

beforeAll(() => {
  system = superuserClient();
  owner = superuserPool(3);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), owner.end(), disconnectAll()]);
});

/** Runs `work` with the approval setting at `value`, restoring the previous value afterwards. */
async function withApprovalSetting<T>(value: boolean, work: () => Promise<T>): Promise<T> {
  const client = await owner.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [APPROVAL_SETTING_LOCK]);
    const { rows } = await client.query<{ require_company_approval: boolean }>(
      "SELECT require_company_approval FROM platform_settings WHERE id = 1",
    );
    await client.query("UPDATE platform_settings SET require_company_approval = $1 WHERE id = 1", [value]);
    try {
      return await work();
    } finally {
      await client.query("UPDATE platform_settings SET require_company_approval = $1 WHERE id = 1", [
        rows[0]!.require_company_approval,
      ]);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [APPROVAL_SETTING_LOCK]);
    client.release();
  }
}

function signUp(overrides: Record<string, unknown> = {}) {
  const suffix = uniqueSuffix();
  return {
    companyName: `Harbour Tools ${suffix}`,
    name: `Robin ${suffix}`,
    email: `robin-${suffix}@registration.test`,
    password: PASSWORD,
    confirmPassword: PASSWORD,
    timeZone: "Europe/Berlin",
    currency: "EUR",
    ...overrides,
  };
}

/** The thrown AppError, for assertions on its code and field errors. */
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; fieldErrors?: Record<string, string[]> };
  }
  throw new Error("expected the registration to be refused");
}

async function written(input: { companyName: string; email: string }) {
  const [companies, users] = await Promise.all([
    system.company.count({ where: { name: input.companyName } }),
    system.user.count({ where: { email: input.email.trim().toLowerCase() } }),
  ]);
  return { companies, users };
}

/** The registration emails a sign-up left in the outbox: the admin's welcome and the platform administrators' notices. */
async function registrationEmails(input: { companyName: string; email: string }) {
  const [welcome, pending] = await Promise.all([
    system.emailOutbox.findMany({
      where: { template: "company-registered", toAddress: input.email.trim().toLowerCase() },
      select: { toAddress: true, companyId: true, subject: true, props: true },
    }),
    // By company name: other files' sign-ups may notify the same platform administrators meanwhile.
    system.emailOutbox.findMany({
      where: { template: "company-pending", props: { path: ["companyName"], equals: input.companyName } },
      select: { toAddress: true, companyId: true, subject: true, props: true },
      orderBy: { toAddress: "asc" },
    }),
  ]);
  return { welcome, pending };
}

async function createPlatformAdmin(active: boolean, verified = true) {
  const email = `platform-admin-${uniqueSuffix()}@registration.test`;
  await system.user.create({
    data: {
      email,
      name: `Platform ${email}`,
      passwordHash: "not-a-real-hash",
      isPlatformAdmin: true,
      active,
      emailVerifiedAt: verified ? new Date() : null,
    },
    select: { id: true },
  });
  return email;
}

const activePlatformAdminEmails = async () =>
  (
    await system.user.findMany({
      where: { isPlatformAdmin: true, active: true, emailVerifiedAt: { not: null } },
      select: { email: true },
    })
  ).map((user) => user.email);

/** The new admin opens the link of their confirmation email. */
const confirmRegistrant = async (email: string) =>
  confirmEmail(await confirmationTokenFromOutbox(system, email.trim().toLowerCase()), REQUEST);

describe("registerCompany", () => {
  it("creates the company, its default location, order counter, admin and audit rows in one go", async () => {
    const input = signUp();
    const request = { ...REQUEST, ip: "203.0.113.7" };
    const registered = await withApprovalSetting(false, () => registerCompany(input, request));

    const company = await system.company.findUniqueOrThrow({
      where: { id: registered.companyId },
      select: { name: true, slug: true, status: true, timeZone: true, currency: true },
    });
    expect(company).toEqual({
      name: input.companyName,
      slug: `harbour-tools-${input.companyName.split(" ").at(-1)}`,
      status: "ACTIVE",
      timeZone: "Europe/Berlin",
      currency: "EUR",
    });
    expect(registered.status).toBe("ACTIVE");
    expect(registered.slug).toBe(company.slug);

    const locations = await system.location.findMany({
      where: { companyId: registered.companyId },
      select: { name: true, isDefault: true },
    });
    expect(locations).toEqual([{ name: DEFAULT_LOCATION_NAME, isDefault: true }]);
    const counter = await system.orderRequestCounter.findUnique({
      where: { companyId: registered.companyId },
      select: { lastNumber: true },
    });
    expect(counter).toEqual({ lastNumber: 0 });

    const user = await system.user.findUniqueOrThrow({
      where: { id: registered.userId },
      select: {
        email: true,
        name: true,
        passwordHash: true,
        mustChangePassword: true,
        isPlatformAdmin: true,
        sessionVersion: true,
      },
    });
    expect(user).toMatchObject({
      email: input.email,
      name: input.name,
      mustChangePassword: false,
      isPlatformAdmin: false,
      sessionVersion: 1,
    });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);

    const memberships = await system.membership.findMany({
      where: { companyId: registered.companyId },
      select: { userId: true, role: true, active: true },
    });
    expect(memberships).toEqual([{ userId: registered.userId, role: "ADMIN", active: true }]);

    const audit = await system.auditLog.findMany({
      where: { companyId: registered.companyId },
      select: {
        action: true,
        actorId: true,
        actorEmail: true,
        entityType: true,
        entityId: true,
        after: true,
        ip: true,
        requestId: true,
      },
    });
    expect(audit).toEqual([
      {
        action: "company.registered",
        actorId: registered.userId,
        actorEmail: input.email,
        entityType: "company",
        entityId: registered.companyId,
        after: expect.objectContaining({ name: input.companyName, status: "ACTIVE" }),
        ip: request.ip,
        requestId: REQUEST.requestId,
      },
    ]);
    const platformAudit = await system.platformAuditLog.findMany({
      where: { actorId: registered.userId, action: "company.registered" },
      select: { email: true, details: true },
    });
    expect(platformAudit).toEqual([
      { email: input.email, details: expect.objectContaining({ id: registered.companyId, slug: company.slug }) },
    ]);

    expect(registered.claims).toEqual({ sub: registered.userId, companyId: registered.companyId, sv: 1, mcp: false });
  });

  it("stores the email trimmed and lower-cased, and defaults the time zone to UTC and the currency to USD", async () => {
    const suffix = uniqueSuffix();
    const input = signUp({ email: `  Mixed.Case-${suffix}@Registration.TEST `, timeZone: "", currency: undefined });
    const registered = await registerCompany(input, REQUEST);
    const user = await system.user.findUniqueOrThrow({ where: { id: registered.userId }, select: { email: true } });
    expect(user.email).toBe(`mixed.case-${suffix}@registration.test`);
    const company = await system.company.findUniqueOrThrow({
      where: { id: registered.companyId },
      select: { timeZone: true, currency: true },
    });
    expect(company).toEqual({ timeZone: "UTC", currency: "USD" });
  });

  it(`allows ${REGISTRATIONS_PER_ADDRESS_PER_HOUR} sign-ups an hour from one address, then refuses and writes nothing`, async () => {
    const request = { ...REQUEST, ip: `203.0.113.${100 + Math.floor(Math.random() * 100)}` };
    for (let i = 0; i < REGISTRATIONS_PER_ADDRESS_PER_HOUR; i++) await registerCompany(signUp(), request);
    const refused = signUp();
    await expect(registerCompany(refused, request)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/^Too many sign-ups from your network\. Try again in \d+ (seconds?|minutes?)\.$/),
    });
    expect(await system.company.count({ where: { name: refused.companyName } })).toBe(0);
    expect(await system.user.count({ where: { email: refused.email } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { toAddress: refused.email } })).toBe(0);
    expect(await registrationEmails(refused)).toEqual({ welcome: [], pending: [] });
    // Another address is not affected.
    await expect(registerCompany(signUp(), { ...REQUEST, ip: "198.51.100.250" })).resolves.toMatchObject({
      status: expect.any(String),
    });
  });

  it("gives a second company of the same name its own slug", async () => {
    const companyName = `Same Name ${uniqueSuffix()}`;
    const first = await registerCompany(signUp({ companyName }), REQUEST);
    const second = await registerCompany(signUp({ companyName }), REQUEST);
    const base = companyName.toLowerCase().replaceAll(" ", "-");
    expect(first.slug).toBe(base);
    expect(second.slug).toBe(`${base}-2`);
  });

  it("gives each of two simultaneous sign-ups with the same company name a company", async () => {
    const companyName = `Race Name ${uniqueSuffix()}`;
    const results = await Promise.all([
      registerCompany(signUp({ companyName }), REQUEST),
      registerCompany(signUp({ companyName }), REQUEST),
    ]);
    const base = companyName.toLowerCase().replaceAll(" ", "-");
    expect(results.map((r) => r.slug).sort()).toEqual([base, `${base}-2`]);
    expect(await system.company.count({ where: { name: companyName } })).toBe(2);
  });

  describe.sequential("with the platform requiring approval", () => {
    it("creates the company PENDING, with everything else as usual", async () => {
      const input = signUp();
      const registered = await withApprovalSetting(true, () => registerCompany(input, REQUEST));
      expect(registered.status).toBe("PENDING");
      const company = await system.company.findUniqueOrThrow({
        where: { id: registered.companyId },
        select: { status: true },
      });
      expect(company.status).toBe("PENDING");
      expect(await system.membership.count({ where: { companyId: registered.companyId, role: "ADMIN" } })).toBe(1);
      expect(await system.location.count({ where: { companyId: registered.companyId, isDefault: true } })).toBe(1);
    });

    it("goes back to ACTIVE once the setting is off again", async () => {
      const registered = await withApprovalSetting(false, () => registerCompany(signUp(), REQUEST));
      expect(registered.status).toBe("ACTIVE");
    });
  });

  describe.sequential("emails", () => {
    it("welcomes the admin of an ACTIVE company with a link to the dashboard, and tells no platform administrator", async () => {
      const platformAdmin = await createPlatformAdmin(true);
      const input = signUp();
      const registered = await withApprovalSetting(false, () => registerCompany(input, REQUEST));
      expect(registered.status).toBe("ACTIVE");
      // Until the address is confirmed: only the confirmation link, and the admin counts as unconfirmed.
      expect(await registrationEmails(input)).toEqual({ welcome: [], pending: [] });
      const confirmation = await system.emailOutbox.findMany({
        where: { toAddress: input.email },
        select: { template: true, companyId: true, subject: true, props: true },
      });
      expect(confirmation).toEqual([
        {
          template: "email-confirmation",
          companyId: null,
          subject: "Confirm your StockFlow email address",
          props: {
            name: input.name,
            email: input.email,
            change: false,
            confirmUrl: expect.stringMatching(new RegExp(`^${APP_URL}/confirm-email/[A-Za-z0-9_-]{43}$`)),
            expiresInMinutes: 48 * 60,
          },
        },
      ]);
      const unconfirmed = await system.user.findUniqueOrThrow({
        where: { id: registered.userId },
        select: { emailVerifiedAt: true },
      });
      expect(unconfirmed.emailVerifiedAt).toBeNull();

      expect(await confirmRegistrant(input.email)).toEqual({ email: input.email, change: false });
      const confirmed = await system.user.findUniqueOrThrow({
        where: { id: registered.userId },
        select: { emailVerifiedAt: true },
      });
      expect(confirmed.emailVerifiedAt).toBeInstanceOf(Date);
      expect(
        await system.auditLog.count({
          where: { companyId: registered.companyId, entityId: registered.userId, action: "user.email_verified" },
        }),
      ).toBe(1);

      const { welcome, pending } = await registrationEmails(input);
      expect(welcome).toEqual([
        {
          toAddress: input.email,
          companyId: null,
          subject: `Welcome to StockFlow — ${input.companyName} is ready`,
          props: {
            name: input.name,
            companyName: input.companyName,
            status: "ACTIVE",
            dashboardUrl: `${APP_URL}/dashboard`,
            importUrl: `${APP_URL}/products/import`,
            usersUrl: `${APP_URL}/users`,
            settingsUrl: `${APP_URL}/settings`,
          },
        },
      ]);
      expect(pending).toEqual([]);
      expect(await system.emailOutbox.count({ where: { toAddress: platformAdmin } })).toBe(0);
    });

    it("tells the admin of a PENDING company it is under review, and each active platform administrator once, only after the admin confirmed", async () => {
      const activeAdmin = await createPlatformAdmin(true);
      const inactiveAdmin = await createPlatformAdmin(false);
      const unconfirmedAdmin = await createPlatformAdmin(true, false);
      const input = signUp({ timeZone: "America/New_York" });

      const startedAt = Date.now();
      const registered = await withApprovalSetting(true, () => registerCompany(input, REQUEST));
      const endedAt = Date.now();
      expect(registered.status).toBe("PENDING");
      // Nothing reaches the platform while the registrant's address is unconfirmed.
      expect(await registrationEmails(input)).toEqual({ welcome: [], pending: [] });
      expect(await system.emailOutbox.count({ where: { toAddress: activeAdmin } })).toBe(0);

      const before = await activePlatformAdminEmails();
      const token = await confirmationTokenFromOutbox(system, input.email);
      await confirmEmail(token, REQUEST);
      const after = await activePlatformAdminEmails();
      // The link works once: a second press announces nothing more.
      await expect(confirmEmail(token, REQUEST)).rejects.toMatchObject({ code: "NOT_FOUND" });

      const { welcome, pending } = await registrationEmails(input);
      expect(welcome).toEqual([
        {
          toAddress: input.email,
          companyId: null,
          subject: `We received your sign-up for ${input.companyName}`,
          props: {
            name: input.name,
            companyName: input.companyName,
            status: "PENDING",
            statusUrl: `${APP_URL}/company-status`,
          },
        },
      ]);

      const recipients = pending.map((email) => email.toAddress);
      expect(recipients).toContain(activeAdmin);
      expect(recipients).not.toContain(inactiveAdmin);
      expect(recipients).not.toContain(unconfirmedAdmin);
      expect(new Set(recipients).size).toBe(recipients.length);
      // Every active platform administrator, and nobody else (other files may add administrators meanwhile).
      for (const email of before.filter((email) => after.includes(email))) expect(recipients).toContain(email);
      for (const email of recipients) expect([...before, ...after]).toContain(email);

      const notice = pending.find((email) => email.toAddress === activeAdmin)!;
      expect(notice).toEqual({
        toAddress: activeAdmin,
        companyId: null,
        subject: `${input.companyName} is waiting for approval`,
        props: {
          companyName: input.companyName,
          registrantName: input.name,
          registrantEmail: input.email,
          timeZone: "America/New_York",
          registeredAt: expect.any(String),
          platformUrl: `${APP_URL}/platform`,
        },
      });
      const registeredAt = Date.parse((notice.props as { registeredAt: string }).registeredAt);
      expect(registeredAt).toBeGreaterThanOrEqual(startedAt);
      expect(registeredAt).toBeLessThanOrEqual(endedAt);
      // One sign-up, one notice per administrator: all of them the same.
      for (const email of pending) expect(email.props).toEqual(notice.props);
      expect(await system.emailOutbox.count({ where: { toAddress: inactiveAdmin } })).toBe(0);
      expect(await system.emailOutbox.count({ where: { toAddress: unconfirmedAdmin } })).toBe(0);
    });

    it("enqueues nothing for a sign-up refused while approval is required", async () => {
      const activeAdmin = await createPlatformAdmin(true);
      const existing = signUp();
      await registerCompany(existing, REQUEST);
      const attempt = signUp({ email: existing.email.toUpperCase() });

      const error = await withApprovalSetting(true, () => refusal(registerCompany(attempt, REQUEST)));
      expect(error.code).toBe("VALIDATION");
      expect(await registrationEmails(attempt)).toEqual({ welcome: [], pending: [] });
      // The confirmation link of the first sign-up only.
      expect(
        await system.emailOutbox.count({ where: { toAddress: existing.email, template: "email-confirmation" } }),
      ).toBe(1);
      const invalid = signUp({ password: "password123" });
      expect((await withApprovalSetting(true, () => refusal(registerCompany(invalid, REQUEST)))).code).toBe(
        "VALIDATION",
      );
      expect(await registrationEmails(invalid)).toEqual({ welcome: [], pending: [] });
      expect(
        await system.emailOutbox.count({
          where: { toAddress: activeAdmin, props: { path: ["companyName"], equals: attempt.companyName } },
        }),
      ).toBe(0);
    });
  });

  describe("an email that already has an account", () => {
    it.each([
      ["exactly the same", (email: string) => email],
      ["in other letter case and with spaces around it", (email: string) => `  ${email.toUpperCase()}  `],
    ])("is a field error on email (%s) and writes nothing", async (_label, variant) => {
      const existing = await registerCompany(signUp(), REQUEST);
      const email = (await system.user.findUniqueOrThrow({ where: { id: existing.userId }, select: { email: true } }))
        .email;
      const attempt = signUp({ email: variant(email) });

      const error = await refusal(registerCompany(attempt, REQUEST));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors).toEqual({ email: [EMAIL_TAKEN] });
      expect(await written(attempt)).toEqual({ companies: 0, users: 1 });
      expect(await system.platformAuditLog.count({ where: { email, action: "company.registered" } })).toBe(1);
    });

    it("lets exactly one of two simultaneous sign-ups have it; the other gets the field error", async () => {
      const email = `race-${uniqueSuffix()}@registration.test`;
      const attempts = [signUp({ email }), signUp({ email })];
      const results = await Promise.allSettled(attempts.map((input) => registerCompany(input, REQUEST)));

      const succeeded = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(succeeded).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toMatchObject({ code: "VALIDATION", fieldErrors: { email: [EMAIL_TAKEN] } });

      expect(await system.user.count({ where: { email } })).toBe(1);
      // One welcome: the refused sign-up's transaction, emails included, rolled back.
      expect(await system.emailOutbox.count({ where: { toAddress: email } })).toBe(1);
      const created = await Promise.all(
        attempts.map((input) => system.company.count({ where: { name: input.companyName } })),
      );
      expect(created.sort()).toEqual([0, 1]);
    });
  });

  it.each([
    ["role", "STAFF"],
    ["companyId", "0193a7c2-1111-7000-8000-000000000000"],
    ["isPlatformAdmin", true],
    ["status", "ACTIVE"],
  ])("refuses an extra %s field and writes nothing", async (key, value) => {
    const input = signUp({ [key]: value });
    const error = await refusal(registerCompany(input, REQUEST));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?._form?.join(" ")).toContain(key);
    expect(await written(input)).toEqual({ companies: 0, users: 0 });
  });

  it.each([
    ["a common password", "password123", "password"],
    ["a short password", "k7#q", "password"],
    ["a confirmation that differs", PASSWORD, "confirmPassword"],
  ])("refuses %s as a field error and writes nothing", async (_label, password, field) => {
    const input = signUp({ password, confirmPassword: field === "confirmPassword" ? `${password}!` : password });
    const error = await refusal(registerCompany(input, REQUEST));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([field]);
    expect(await written(input)).toEqual({ companies: 0, users: 0 });
  });

  it("refuses an unknown time zone or currency, and a name spanning lines, as field errors", async () => {
    const input = signUp({ timeZone: "Mars/Olympus_Mons", currency: "XYZ", companyName: "Two\nLines" });
    const error = await refusal(registerCompany(input, REQUEST));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["companyName", "currency", "timeZone"]);
    expect(await written(input)).toEqual({ companies: 0, users: 0 });
  });
});
