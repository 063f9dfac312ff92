// Sign-in, sessions and passwords on real PostgreSQL: the same answer for an unknown email and a wrong password,
// lock-outs per account and per client address held in the database (so they hold across app instances),
// sessions that die with a role change, deactivation or password change, and single-use reset links.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changePassword } from "../../lib/accounts/change-password";
import { loadSessionUser, tenantContextFor } from "../../lib/auth/context";
import { hashToken } from "../../lib/accounts/one-time-token";
import { verifyPassword } from "../../lib/auth/passwords";
import { requestPasswordReset, RESET_EMAIL_LIMIT } from "../../lib/accounts/request-password-reset";
import { resetPassword } from "../../lib/accounts/reset-password";
import {
  ACCOUNT_FAILURE_LIMIT,
  ADDRESS_FAILURE_LIMIT,
  SIGN_IN_WINDOW_MS,
  verifyCredentials,
  WRONG_CREDENTIALS,
} from "../../lib/auth/sign-in";
import type { SessionClaims } from "../../lib/auth/session-token";
import { createSession } from "../../lib/auth/sessions";
import { switchCompany } from "../../lib/auth/switch-company";
import { confirmEmail } from "../../lib/accounts/email-confirmation";
import { changeEmail, updateProfileName } from "../../lib/accounts/update-profile";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { confirmationTokenFromOutbox, createPerson, type Person } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;

beforeAll(async () => {
  system = superuserClient();
  a = await createCompanyFixture(system, "auth-a");
  b = await createCompanyFixture(system, "auth-b");
});

afterAll(async () => {
  await system.$disconnect();
  await disconnectAll();
});

/** A unique client address per test, so the per-address limit of one test never touches another's. */
function address(): string {
  const n = Number.parseInt(uniqueSuffix().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

// Limits count in fixed 15-minute windows: a test that straddles a boundary would start counting again halfway.
beforeEach(async () => {
  const left = SIGN_IN_WINDOW_MS - (Date.now() % SIGN_IN_WINDOW_MS);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
});

async function failure(input: Promise<unknown>): Promise<AppError> {
  const error = await input.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("verifyCredentials", () => {
  it("signs in with the right password, into the person's company, and audits it", async () => {
    const person = await createPerson(system, { companyId: a.companyId, role: "MANAGER" });
    const result = await verifyCredentials(
      { email: ` ${person.email.toUpperCase()} `, password: person.password },
      { ip: address() },
    );
    expect(result).toEqual({ ok: true, claims: { sub: person.id, companyId: a.companyId, sv: 1, mcp: false } });
    const audit = await system.auditLog.count({
      where: { companyId: a.companyId, entityId: person.id, action: "auth.login" },
    });
    expect(audit).toBe(1);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const wrong = await verifyCredentials({ email: person.email, password: "not the password" }, { ip: address() });
    const unknown = await verifyCredentials(
      { email: `nobody-${uniqueSuffix()}@accounts.test`, password: "x" },
      { ip: address() },
    );
    expect(wrong).toEqual({ ok: false, message: WRONG_CREDENTIALS });
    expect(unknown).toEqual(wrong);
  });

  it("refuses a deactivated user and a user whose only membership is inactive, without saying why", async () => {
    const inactive = await createPerson(system, { companyId: a.companyId });
    await system.user.update({ where: { id: inactive.id }, data: { active: false } });
    expect(await verifyCredentials({ email: inactive.email, password: inactive.password }, { ip: address() })).toEqual({
      ok: false,
      message: WRONG_CREDENTIALS,
    });

    const left = await createPerson(system, { companyId: a.companyId });
    await system.membership.updateMany({ where: { userId: left.id }, data: { active: false } });
    const result = await verifyCredentials({ email: left.email, password: left.password }, { ip: address() });
    expect(result.ok).toBe(false);
  });

  it("carries a due password change into the session claims", async () => {
    const person = await createPerson(system, { companyId: a.companyId, mustChangePassword: true });
    const result = await verifyCredentials({ email: person.email, password: person.password }, { ip: address() });
    expect(result.ok && result.claims.mcp).toBe(true);
  });

  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures, even across app instances, and audits the lock-out`, async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(await verifyCredentials({ email: person.email, password: `wrong ${i}` }, { ip: address() })).toEqual({
        ok: false,
        message: WRONG_CREDENTIALS,
      });
    }
    // A second app instance: new connection pools, no memory shared with the first.
    await disconnectAll();
    const locking = await verifyCredentials({ email: person.email, password: "wrong again" }, { ip: address() });
    expect(locking.ok).toBe(false);
    expect(!locking.ok && locking.message).toMatch(/^Too many attempts\. Try again in \d+ s\.$/);

    // Locked: even the right password is refused, with the same message.
    const right = await verifyCredentials({ email: person.email, password: person.password }, { ip: address() });
    expect(right).toEqual(locking);

    const lockouts = await system.auditLog.count({
      where: { companyId: a.companyId, entityId: person.id, action: "auth.locked_out" },
    });
    expect(lockouts).toBe(1);
    const platform = await system.platformAuditLog.count({ where: { email: person.email, action: "auth.locked_out" } });
    expect(platform).toBe(1);
  });

  it("locks an unknown email the same way, so lock-outs reveal nothing", async () => {
    const email = `ghost-${uniqueSuffix()}@accounts.test`;
    const results = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT + 1; i++)
      results.push(await verifyCredentials({ email, password: "guess" }, { ip: address() }));
    expect(results.slice(0, ACCOUNT_FAILURE_LIMIT - 1).every((r) => !r.ok && r.message === WRONG_CREDENTIALS)).toBe(
      true,
    );
    expect(
      results.slice(ACCOUNT_FAILURE_LIMIT - 1).every((r) => !r.ok && r.message.startsWith("Too many attempts")),
    ).toBe(true);
  });

  it(`limits one client address to ${ADDRESS_FAILURE_LIMIT} failures across accounts, and no other address`, async () => {
    const ip = address();
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
      await verifyCredentials({ email: `spray-${i}-${uniqueSuffix()}@accounts.test`, password: "guess" }, { ip });
    }
    const person = await createPerson(system, { companyId: a.companyId });
    const fromSprayer = await verifyCredentials({ email: person.email, password: person.password }, { ip });
    expect(!fromSprayer.ok && fromSprayer.message).toMatch(/^Too many attempts/);
    const fromElsewhere = await verifyCredentials(
      { email: person.email, password: person.password },
      { ip: address() },
    );
    expect(fromElsewhere.ok).toBe(true);
  });

  it("counts attempts that arrive together one by one: a burst gets no more guesses than the limit", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const burst = 12;
    const results = await Promise.all(
      Array.from({ length: burst }, (_, i) =>
        verifyCredentials({ email: person.email, password: `guess ${i}` }, { ip: address() }),
      ),
    );
    const messages = results.map((r) => (r.ok ? "signed in" : r.message));
    // Attempts 1–4 were checked and wrong, the 5th was checked and started the lock-out, the rest were refused unchecked.
    expect(messages.filter((m) => m === WRONG_CREDENTIALS)).toHaveLength(ACCOUNT_FAILURE_LIMIT - 1);
    expect(messages.filter((m) => m.startsWith("Too many attempts"))).toHaveLength(burst - ACCOUNT_FAILURE_LIMIT + 1);
    expect(
      await system.auditLog.count({
        where: { companyId: a.companyId, entityId: person.id, action: "auth.locked_out" },
      }),
    ).toBe(1);
    expect(
      await system.auditLog.count({
        where: { companyId: a.companyId, entityId: person.id, action: "auth.login_failed" },
      }),
    ).toBe(ACCOUNT_FAILURE_LIMIT - 1);
  });

  it("limits an account whose email is as long as an email can be", async () => {
    const email = `${"l".repeat(230)}-${uniqueSuffix()}@accounts.test`.slice(-254);
    const results = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++)
      results.push(await verifyCredentials({ email, password: "guess" }, { ip: address() }));
    expect(results.at(-1)).toEqual({ ok: false, message: expect.stringMatching(/^Too many attempts/) });
  });

  it("clears the account's failures after a successful sign-in", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++)
      await verifyCredentials({ email: person.email, password: "wrong" }, { ip: address() });
    expect((await verifyCredentials({ email: person.email, password: person.password }, { ip: address() })).ok).toBe(
      true,
    );
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++)
      await verifyCredentials({ email: person.email, password: "wrong" }, { ip: address() });
    expect((await verifyCredentials({ email: person.email, password: person.password }, { ip: address() })).ok).toBe(
      true,
    );
  });
});

describe("sessions are re-checked against the database on every request", () => {
  let person: Person;
  let claims: SessionClaims;

  beforeEach(async () => {
    person = await createPerson(system, { companyId: a.companyId, role: "MANAGER" });
    claims = { sub: person.id, companyId: a.companyId, sv: 1, mcp: false, sid: await createSession(person.id, {}) };
  });

  it("a valid session names the company and the role held there", async () => {
    const session = await loadSessionUser(claims, {});
    expect(session?.current).toMatchObject({ companyId: a.companyId, role: "MANAGER", companyStatus: "ACTIVE" });
  });

  it("a role change applies on the next request", async () => {
    await system.membership.update({
      where: { companyId_userId: { companyId: a.companyId, userId: person.id } },
      data: { role: "STAFF" },
    });
    expect((await loadSessionUser(claims, {}))?.current?.role).toBe("STAFF");
  });

  it("deactivating the membership or the user, or bumping the session version, ends the session", async () => {
    await system.membership.update({
      where: { companyId_userId: { companyId: a.companyId, userId: person.id } },
      data: { active: false },
    });
    expect(await loadSessionUser(claims, {})).toBeNull();

    const other = await createPerson(system, { companyId: a.companyId });
    const otherClaims = {
      sub: other.id,
      companyId: a.companyId,
      sv: 1,
      mcp: false,
      sid: await createSession(other.id, {}),
    };
    await system.user.update({ where: { id: other.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await loadSessionUser(otherClaims, {})).toBeNull();
    await system.user.update({ where: { id: other.id }, data: { active: false, sessionVersion: 1 } });
    expect(await loadSessionUser(otherClaims, {})).toBeNull();
  });

  it("a due password change, or a company that is not active, refuses every tenant action with its code", async () => {
    const acting = tenantContextFor((await loadSessionUser(claims, {}))!);
    expect(acting).toMatchObject({ companyId: a.companyId, userId: person.id, role: "MANAGER" });

    await system.user.update({ where: { id: person.id }, data: { mustChangePassword: true } });
    const due = await loadSessionUser(claims, {});
    expect(() => tenantContextFor(due!)).toThrow(expect.objectContaining({ code: "PASSWORD_CHANGE_REQUIRED" }));
    await system.user.update({ where: { id: person.id }, data: { mustChangePassword: false } });

    const pending = await createCompanyFixture(system, "auth-pending");
    await system.company.update({ where: { id: pending.companyId }, data: { status: "PENDING" } });
    const waiting = await createPerson(system, { companyId: pending.companyId, role: "ADMIN" });
    const session = await loadSessionUser(
      { sub: waiting.id, companyId: pending.companyId, sv: 1, mcp: false, sid: await createSession(waiting.id, {}) },
      {},
    );
    expect(session?.current?.companyStatus).toBe("PENDING");
    expect(() => tenantContextFor(session!)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: "Your company is waiting for approval." }),
    );
  });

  it("a session naming a company the person does not belong to is no session", async () => {
    expect(await loadSessionUser({ ...claims, companyId: b.companyId }, {})).toBeNull();
  });

  it("switching company is allowed only into the person's own active memberships", async () => {
    await system.membership.create({ data: { companyId: b.companyId, userId: person.id, role: "ADMIN" } });
    const session = (await loadSessionUser(claims, {}))!;
    // The same session, re-issued for the other company.
    const switched = { ...switchCompany(session, { companyId: b.companyId }), sid: session.sessionId };
    expect(switched).toEqual({ ...claims, companyId: b.companyId });
    expect((await loadSessionUser(switched, {}))?.current).toMatchObject({ companyId: b.companyId, role: "ADMIN" });

    const stranger = await createCompanyFixture(system, "auth-c");
    expect(() => switchCompany(session, { companyId: stranger.companyId })).toThrow(/not found/);
    expect(() => switchCompany(session, { companyId: b.companyId, role: "ADMIN" })).toThrow(AppError);
  });
});

describe("changePassword", () => {
  it("needs the current password and a good new one; changes nothing otherwise", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const owner = {
      userId: person.id,
      companyId: a.companyId,
      sessionId: await createSession(person.id, {}),
      request: {},
    };
    const wrong = await failure(
      changePassword(owner, {
        currentPassword: "nope",
        newPassword: "a fresh long passphrase",
        confirmPassword: "a fresh long passphrase",
      }),
    );
    expect(wrong.fieldErrors?.currentPassword).toBeDefined();
    const common = await failure(
      changePassword(owner, {
        currentPassword: person.password,
        newPassword: "password123",
        confirmPassword: "password123",
      }),
    );
    expect(common.fieldErrors?.newPassword?.[0]).toMatch(/too common/);
    const short = await failure(
      changePassword(owner, { currentPassword: person.password, newPassword: "short", confirmPassword: "short" }),
    );
    expect(short.fieldErrors?.newPassword?.[0]).toMatch(/at least 8/);
    const mismatch = await failure(
      changePassword(owner, {
        currentPassword: person.password,
        newPassword: "a fresh long passphrase",
        confirmPassword: "another one entirely",
      }),
    );
    expect(mismatch.fieldErrors?.confirmPassword).toBeDefined();
    const extra = await failure(
      changePassword(owner, {
        currentPassword: person.password,
        newPassword: "a fresh long passphrase",
        confirmPassword: "a fresh long passphrase",
        isPlatformAdmin: true,
      }),
    );
    expect(extra.code).toBe("VALIDATION");

    const user = await system.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(user.sessionVersion).toBe(1);
    expect(await verifyPassword(user.passwordHash, person.password)).toBe(true);
    expect(user.isPlatformAdmin).toBe(false);
  });

  it("limits guesses of the current password like sign-in attempts", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const owner = {
      userId: person.id,
      companyId: a.companyId,
      sessionId: await createSession(person.id, {}),
      request: { ip: address() },
    };
    const next = "a fresh long passphrase";
    const attempt = (current: string) =>
      failure(changePassword(owner, { currentPassword: current, newPassword: next, confirmPassword: next }));
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect((await attempt(`guess ${i}`)).fieldErrors?.currentPassword).toEqual([
        "That is not your current password.",
      ]);
    }
    expect((await attempt("last guess")).fieldErrors?.currentPassword?.[0]).toMatch(/^Too many attempts/);
    // Locked: the right password is refused too, and nothing changed.
    expect((await attempt(person.password)).fieldErrors?.currentPassword?.[0]).toMatch(/^Too many attempts/);
    expect((await system.user.findUniqueOrThrow({ where: { id: person.id } })).sessionVersion).toBe(1);
  });

  it("sets the new password, clears a due change, ends other sessions, audits and tells the person", async () => {
    const person = await createPerson(system, { companyId: a.companyId, mustChangePassword: true });
    const kept = await createSession(person.id, {});
    const other = await createSession(person.id, {});
    const oldClaims = { sub: person.id, companyId: a.companyId, sv: 1, mcp: true, sid: other };
    const next = "a brand new passphrase";
    const claims = await changePassword(
      { userId: person.id, companyId: a.companyId, sessionId: kept, request: {} },
      {
        currentPassword: person.password,
        newPassword: next,
        confirmPassword: next,
      },
    );
    expect(claims).toEqual({ sub: person.id, companyId: a.companyId, sv: 2, mcp: false });
    expect(await loadSessionUser(oldClaims, {})).toBeNull();
    // The other session is revoked, not only outdated: with the new version it is still refused.
    expect(await loadSessionUser({ ...claims, sid: other }, {})).toBeNull();
    expect((await loadSessionUser({ ...claims, sid: kept }, {}))?.mustChangePassword).toBe(false);
    expect((await verifyCredentials({ email: person.email, password: next }, { ip: address() })).ok).toBe(true);
    expect(
      await system.auditLog.count({
        where: { companyId: a.companyId, entityId: person.id, action: "user.password_changed" },
      }),
    ).toBe(1);
    expect(await system.emailOutbox.count({ where: { toAddress: person.email, template: "password-changed" } })).toBe(
      1,
    );
  });
});

describe("password reset by email", () => {
  async function resetLinkToken(email: string): Promise<string> {
    const row = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: email, template: "password-reset" },
      orderBy: { createdAt: "desc" },
    });
    const url = new URL(String((row.props as { resetUrl: string }).resetUrl));
    expect(url.origin).toBe("http://localhost:3100");
    return url.pathname.split("/").pop()!;
  }

  it("sends a single-use link, stores only its hash, and the link sets a new password and ends sessions", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    await requestPasswordReset({ email: ` ${person.email.toUpperCase()} ` }, { ip: address() });
    const token = await resetLinkToken(person.email);
    const stored = await system.oneTimeToken.findFirstOrThrow({
      where: { userId: person.id, purpose: "PASSWORD_RESET" },
    });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    // One hour from the request (createdAt is the database's clock, expiresAt the app's: allow a little skew).
    const ttl = stored.expiresAt.getTime() - stored.createdAt.getTime();
    expect(Math.abs(ttl - 60 * 60 * 1000)).toBeLessThan(5_000);

    const before = await createSession(person.id, {});
    const next = "reset to this passphrase";
    await resetPassword({ token, password: next, confirmPassword: next }, {});
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(await verifyPassword(user.passwordHash, next)).toBe(true);
    expect(user.sessionVersion).toBe(2);
    expect(
      await loadSessionUser({ sub: person.id, companyId: a.companyId, sv: 1, mcp: false, sid: before }, {}),
    ).toBeNull();
    expect(await system.session.findUniqueOrThrow({ where: { id: before } })).toMatchObject({
      revokedAt: expect.any(Date),
    });

    const again = await failure(
      resetPassword({ token, password: "yet another passphrase", confirmPassword: "yet another passphrase" }, {}),
    );
    expect(again.code).toBe("NOT_FOUND");
    expect(
      await verifyPassword((await system.user.findUniqueOrThrow({ where: { id: person.id } })).passwordHash, next),
    ).toBe(true);
  });

  it("a newer link replaces an older one, and an expired link does nothing", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    await requestPasswordReset({ email: person.email }, { ip: address() });
    const first = await resetLinkToken(person.email);
    await requestPasswordReset({ email: person.email }, { ip: address() });
    const second = await resetLinkToken(person.email);
    expect(second).not.toBe(first);
    expect(
      (
        await failure(
          resetPassword(
            { token: first, password: "first link passphrase", confirmPassword: "first link passphrase" },
            {},
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");

    await system.oneTimeToken.update({
      where: { tokenHash: hashToken(second) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (
        await failure(
          resetPassword(
            { token: second, password: "late link passphrase", confirmPassword: "late link passphrase" },
            {},
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(await verifyPassword(user.passwordHash, person.password)).toBe(true);
    expect(user.sessionVersion).toBe(1);
  });

  it("a password change, or a deactivated account, makes an unused link worthless", async () => {
    const changer = await createPerson(system, { companyId: a.companyId });
    await requestPasswordReset({ email: changer.email }, { ip: address() });
    const token = await resetLinkToken(changer.email);
    const mine = "changed it myself";
    await changePassword(
      { userId: changer.id, companyId: a.companyId, sessionId: await createSession(changer.id, {}), request: {} },
      { currentPassword: changer.password, newPassword: mine, confirmPassword: mine },
    );
    const stale = await failure(
      resetPassword({ token, password: "from the old link", confirmPassword: "from the old link" }, {}),
    );
    expect(stale).toMatchObject({
      code: "NOT_FOUND",
      message: "This reset link is invalid or has expired. Ask for a new one.",
    });

    const leaver = await createPerson(system, { companyId: a.companyId });
    await requestPasswordReset({ email: leaver.email }, { ip: address() });
    const leaverToken = await resetLinkToken(leaver.email);
    await system.user.update({ where: { id: leaver.id }, data: { active: false } });
    const dead = await failure(
      resetPassword({ token: leaverToken, password: "after deactivation", confirmPassword: "after deactivation" }, {}),
    );
    expect(dead).toMatchObject({
      code: "NOT_FOUND",
      message: "This reset link is invalid or has expired. Ask for a new one.",
    });
    expect(
      await verifyPassword(
        (await system.user.findUniqueOrThrow({ where: { id: leaver.id } })).passwordHash,
        leaver.password,
      ),
    ).toBe(true);
  });

  it("two submits of one link at once: exactly one wins", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    await requestPasswordReset({ email: person.email }, { ip: address() });
    const token = await resetLinkToken(person.email);
    const outcomes = await Promise.allSettled(
      ["first racing passphrase", "second racing passphrase"].map((p) =>
        resetPassword({ token, password: p, confirmPassword: p }, {}),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((await system.user.findUniqueOrThrow({ where: { id: person.id } })).sessionVersion).toBe(2);
  });

  it(`sends at most ${RESET_EMAIL_LIMIT} links an hour to one address`, async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    for (let i = 0; i < RESET_EMAIL_LIMIT + 2; i++)
      await requestPasswordReset({ email: person.email }, { ip: address() });
    expect(await system.emailOutbox.count({ where: { toAddress: person.email, template: "password-reset" } })).toBe(
      RESET_EMAIL_LIMIT,
    );
  });
});

describe("profile", () => {
  it("changes the name, and the email only with the password and the new address's link; the old address is told", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const owner = { userId: person.id, request: {} };
    expect(await updateProfileName(owner, { name: "  Renamed Person  " })).toEqual({ name: "Renamed Person" });
    expect((await failure(updateProfileName(owner, { name: "x", isPlatformAdmin: true }))).code).toBe("VALIDATION");

    const newEmail = `moved-${uniqueSuffix()}@accounts.test`;
    const wrong = await failure(changeEmail(owner, { email: newEmail, currentPassword: "nope" }));
    expect(wrong.fieldErrors?.currentPassword).toBeDefined();
    const taken = await failure(changeEmail(owner, { email: a.admin.email, currentPassword: person.password }));
    expect(taken.fieldErrors?.email?.[0]).toMatch(/Another account/);
    expect((await system.user.findUniqueOrThrow({ where: { id: person.id } })).email).toBe(person.email);

    await changeEmail(owner, { email: newEmail.toUpperCase(), currentPassword: person.password });
    // The address changes when the link sent to it is opened (tests/integration/verified-email.test.ts has the rest).
    expect((await system.user.findUniqueOrThrow({ where: { id: person.id } })).email).toBe(person.email);
    await confirmEmail(await confirmationTokenFromOutbox(system, newEmail), {});
    expect((await system.user.findUniqueOrThrow({ where: { id: person.id } })).email).toBe(newEmail);
    const notice = await system.emailOutbox.findFirstOrThrow({
      where: { toAddress: person.email, template: "email-changed" },
    });
    expect(notice.props).toMatchObject({ oldEmail: person.email, newEmail });
    expect(
      await system.auditLog.count({
        where: { companyId: a.companyId, entityId: person.id, action: "user.email_changed" },
      }),
    ).toBe(1);
  });
});
