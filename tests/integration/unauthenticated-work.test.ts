// No free work for the unauthenticated (issue 12, item 6), on real PostgreSQL and real argon2:
// - a reset or invitation link that cannot be used is refused before any password is hashed (argon2's own
//   counters, lib/auth/passwords.ts, show no hash), with its message and nothing written;
// - argon2 runs under a process-wide cap: never more at once than ARGON2_CONCURRENCY, and BUSY (503) when the
//   line is too long or the wait too slow, before any transaction is opened;
// - every public form that had no per-address limit has one now, refused with "try again in …" and nothing else;
// - forgot-password does the same writes whether or not the address has an account, and leaves the email to the
//   outbox (still pending when the request returns).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  acceptInvitationAsNewUser,
  acceptInvitationWithPassword,
  INVALID_INVITATION_MESSAGE,
  INVITATION_SUBMITS_PER_ADDRESS_PER_HOUR,
} from "../../lib/accounts/accept-invitation";
import { createOneTimeToken, hashToken } from "../../lib/accounts/one-time-token";
import { argon2Activity, hashPassword, resetArgon2Peak, verifyPassword } from "../../lib/auth/passwords";
import { timeUntil } from "../../lib/auth/rate-limit";
import { requestPasswordReset, RESET_ADDRESS_LIMIT } from "../../lib/accounts/request-password-reset";
import { resetPassword, RESET_SUBMITS_PER_ADDRESS_PER_HOUR } from "../../lib/accounts/reset-password";
import { verifyCredentials, WRONG_CREDENTIALS } from "../../lib/auth/sign-in";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { withSystemTx } from "../../lib/db/system";
import { SecondConnectionError } from "../../lib/db/transaction";
import { AppError, BUSY_MESSAGE, HTTP_STATUS, toFailure } from "../../lib/errors";
import { createPerson, type Person } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

const INVALID_LINK = "This reset link is invalid or has expired. Ask for a new one.";
const HOUR_MS = 60 * 60 * 1000;
const TRY_AGAIN = /Try again in \d+ (seconds?|minutes?)\.$/;

let system: PrismaClient;
let company: CompanyFixture;

beforeAll(async () => {
  system = superuserClient();
  company = await createCompanyFixture(system, "free-work");
});

afterAll(async () => {
  await system.$disconnect();
  await disconnectAll();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

// The form limits count in fixed one-hour windows: a test that straddles a boundary would start counting again.
beforeEach(async () => {
  const left = HOUR_MS - (Date.now() % HOUR_MS);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
});

/** A unique client address per test, so one test's limits never touch another's. */
function address(): string {
  const n = Number.parseInt(uniqueSuffix().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

type TokenOptions = {
  purpose: "PASSWORD_RESET" | "INVITATION";
  email: string;
  userId?: string | null;
  expiresInMs?: number;
  used?: boolean;
};

/** A one-time link as the app stores it (hash only); returns the token the link would carry. */
async function storeToken(options: TokenOptions): Promise<string> {
  const { token, tokenHash } = createOneTimeToken();
  const invitation = options.purpose === "INVITATION";
  await system.oneTimeToken.create({
    data: {
      purpose: options.purpose,
      tokenHash,
      email: options.email,
      userId: options.userId ?? null,
      companyId: invitation ? company.companyId : null,
      role: invitation ? "STAFF" : null,
      expiresAt: new Date(Date.now() + (options.expiresInMs ?? HOUR_MS)),
      usedAt: options.used ? new Date() : null,
    },
  });
  return token;
}

const newPassword = (label: string) => ({ password: `${label} passphrase`, confirmPassword: `${label} passphrase` });

/** A long argon2 computation holding the cap (production memory and more), to fill the line behind it. */
function slowHash(): Promise<string> {
  vi.stubEnv("ARGON2_MEMORY_KIB", "65536");
  vi.stubEnv("ARGON2_ITERATIONS", "6");
  const running = hashPassword("holds the only slot");
  // Read when a hash is asked for: whatever is asked next is cheap again.
  vi.stubEnv("ARGON2_MEMORY_KIB", "1024");
  vi.stubEnv("ARGON2_ITERATIONS", "1");
  return running;
}

describe("a link that cannot be used costs no argon2", () => {
  async function unchangedPerson(person: Person) {
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(await verifyPassword(user.passwordHash, person.password)).toBe(true);
    expect(user.sessionVersion).toBe(1);
    expect(await system.platformAuditLog.count({ where: { actorId: person.id } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { toAddress: person.email } })).toBe(0);
  }

  it("password reset: unknown, expired, used, another purpose, no account, deactivated account", async () => {
    const person = await createPerson(system, { companyId: company.companyId });
    const leaver = await createPerson(system, { companyId: company.companyId });
    await system.user.update({ where: { id: leaver.id }, data: { active: false } });
    const own = { purpose: "PASSWORD_RESET", email: person.email, userId: person.id } as const;
    const links = {
      unknown: createOneTimeToken().token,
      expired: await storeToken({ ...own, expiresInMs: -1000 }),
      used: await storeToken({ ...own, used: true }),
      invitation: await storeToken({ purpose: "INVITATION", email: person.email }),
      "no account": await storeToken({ purpose: "PASSWORD_RESET", email: person.email, userId: null }),
      deactivated: await storeToken({ purpose: "PASSWORD_RESET", email: leaver.email, userId: leaver.id }),
    };
    for (const [what, token] of Object.entries(links)) {
      const hashes = argon2Activity().hashes;
      const refused = await failure(resetPassword({ token, ...newPassword(what) }, { ip: address() }));
      expect(refused, what).toMatchObject({ code: "NOT_FOUND", message: INVALID_LINK });
      expect(argon2Activity().hashes, what).toBe(hashes);
    }
    await unchangedPerson(person);
    // None of them was spent by the refusals (only the one stored as used is).
    expect(await system.oneTimeToken.count({ where: { email: person.email, usedAt: { not: null } } })).toBe(1);

    // The counter does count: a good link hashes the new password exactly once.
    const good = await storeToken(own);
    const hashes = argon2Activity().hashes;
    await resetPassword({ token: good, ...newPassword("good link") }, { ip: address() });
    expect(argon2Activity().hashes).toBe(hashes + 1);
  });

  it("invitation for a new account: unknown, expired, used, another purpose", async () => {
    const email = `invitee-${uniqueSuffix()}@free-work.test`;
    const invited = { purpose: "INVITATION", email } as const;
    const links = {
      unknown: createOneTimeToken().token,
      expired: await storeToken({ ...invited, expiresInMs: -1000 }),
      used: await storeToken({ ...invited, used: true }),
      reset: await storeToken({ purpose: "PASSWORD_RESET", email }),
    };
    for (const [what, token] of Object.entries(links)) {
      const hashes = argon2Activity().hashes;
      const refused = await failure(
        acceptInvitationAsNewUser(token, { name: "Nadia Invitee", ...newPassword(what) }, { ip: address() }),
      );
      expect(refused, what).toMatchObject({ code: "NOT_FOUND", message: INVALID_INVITATION_MESSAGE });
      expect(argon2Activity().hashes, what).toBe(hashes);
    }
    expect(await system.user.count({ where: { email } })).toBe(0);
    expect(await system.auditLog.count({ where: { companyId: company.companyId, actorEmail: email } })).toBe(0);

    const good = await storeToken(invited);
    const hashes = argon2Activity().hashes;
    await acceptInvitationAsNewUser(good, { name: "Nadia Invitee", ...newPassword("good") }, { ip: address() });
    expect(argon2Activity().hashes).toBe(hashes + 1);
    expect(await system.user.count({ where: { email } })).toBe(1);
  });
});

describe("argon2 runs under a process-wide cap", () => {
  it("N+1 computations at once with a cap of N: never more than N in flight, the last one waits its turn", async () => {
    vi.stubEnv("ARGON2_CONCURRENCY", "2");
    resetArgon2Peak();
    const hashes = ["one", "two", "three"].map((password) => hashPassword(password));
    expect(argon2Activity()).toMatchObject({ inFlight: 2, waiting: 1 });
    const stored = await Promise.all(hashes);
    expect(argon2Activity()).toMatchObject({ inFlight: 0, waiting: 0, peakInFlight: 2 });
    // Verifications share the same cap.
    resetArgon2Peak();
    const checks = await Promise.all(
      [...stored, stored[0]!].map((hash, i) => verifyPassword(hash, ["one", "two", "three", "one"][i]!)),
    );
    expect(checks).toEqual([true, true, true, true]);
    expect(argon2Activity().peakInFlight).toBe(2);
  });

  it(`answers BUSY (${HTTP_STATUS.BUSY}) when the wait would be longer than ARGON2_QUEUE_TIMEOUT_MS`, async () => {
    vi.stubEnv("ARGON2_CONCURRENCY", "1");
    vi.stubEnv("ARGON2_QUEUE_TIMEOUT_MS", "20");
    const refusedBefore = argon2Activity().refused;
    const holder = slowHash();
    const waited = await failure(hashPassword("waits too long"));
    expect(waited).toMatchObject({ code: "BUSY", message: BUSY_MESSAGE });
    expect(toFailure(waited)).toMatchObject({ ok: false, code: "BUSY" });
    expect(HTTP_STATUS.BUSY).toBe(503);
    // A refused verification is BUSY too, not a wrong password.
    expect(await failure(verifyPassword("$argon2id$not-checked", "x"))).toMatchObject({ code: "BUSY" });
    expect(argon2Activity().refused).toBe(refusedBefore + 2);
    await holder;
    // The slot came back.
    await expect(hashPassword("after the wait")).resolves.toMatch(/^\$argon2id\$/);
    expect(argon2Activity()).toMatchObject({ inFlight: 0, waiting: 0 });
  });

  it("answers BUSY at once when the line is longer than ARGON2_QUEUE_LIMIT", async () => {
    vi.stubEnv("ARGON2_CONCURRENCY", "1");
    vi.stubEnv("ARGON2_QUEUE_LIMIT", "0");
    const holder = slowHash();
    const refused = await failure(hashPassword("no room in line"));
    expect(refused.code).toBe("BUSY");
    // Refused while the slow one still runs: nobody waited.
    expect(argon2Activity()).toMatchObject({ inFlight: 1, waiting: 0 });
    await holder;
  });

  it("a sign-in refused for a full line is BUSY, and the next one is checked as usual", async () => {
    const email = `nobody-${uniqueSuffix()}@free-work.test`;
    const ip = address();
    vi.stubEnv("ARGON2_CONCURRENCY", "1");
    vi.stubEnv("ARGON2_QUEUE_LIMIT", "0");
    const holder = slowHash();
    expect(await failure(verifyCredentials({ email, password: "guess" }, { ip }))).toMatchObject({ code: "BUSY" });
    await holder;
    await expect(verifyCredentials({ email, password: "guess" }, { ip })).resolves.toEqual({
      ok: false,
      message: WRONG_CREDENTIALS,
    });
  });

  it("is never taken inside a transaction (it would hold a connection while waiting)", async () => {
    const hashes = argon2Activity().hashes;
    await expect(withSystemTx(() => hashPassword("inside"))).rejects.toBeInstanceOf(SecondConnectionError);
    await expect(withSystemTx(() => verifyPassword("$argon2id$x", "inside"))).rejects.toBeInstanceOf(
      SecondConnectionError,
    );
    expect(argon2Activity().hashes).toBe(hashes);
  });

  it("a reset refused for a full line is BUSY and changes nothing: the cap comes before the transaction", async () => {
    const person = await createPerson(system, { companyId: company.companyId });
    const token = await storeToken({ purpose: "PASSWORD_RESET", email: person.email, userId: person.id });
    vi.stubEnv("ARGON2_CONCURRENCY", "1");
    vi.stubEnv("ARGON2_QUEUE_LIMIT", "0");
    const holder = slowHash();
    const refused = await failure(resetPassword({ token, ...newPassword("busy") }, { ip: address() }));
    expect(refused).toMatchObject({ code: "BUSY", message: BUSY_MESSAGE });
    await holder;
    expect(await system.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).toMatchObject({
      usedAt: null,
    });
    const user = await system.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(await verifyPassword(user.passwordHash, person.password)).toBe(true);
    expect(await system.platformAuditLog.count({ where: { actorId: person.id } })).toBe(0);
  });
});

describe("every public form has a per-address limit", () => {
  it("says how long to wait, in seconds under a minute and in minutes above", () => {
    const now = new Date("2026-12-07T10:00:00Z");
    expect(timeUntil(new Date("2026-12-07T10:00:00.300Z"), now)).toBe("1 second");
    expect(timeUntil(new Date("2026-12-07T10:00:45Z"), now)).toBe("45 seconds");
    expect(timeUntil(new Date("2026-12-07T10:01:00Z"), now)).toBe("1 minute");
    expect(timeUntil(new Date("2026-12-07T10:11:30Z"), now)).toBe("12 minutes");
  });

  it(`password reset: ${RESET_SUBMITS_PER_ADDRESS_PER_HOUR} submits an hour per address, bad links included`, async () => {
    const person = await createPerson(system, { companyId: company.companyId });
    const token = await storeToken({ purpose: "PASSWORD_RESET", email: person.email, userId: person.id });
    const ip = address();
    for (let i = 0; i < RESET_SUBMITS_PER_ADDRESS_PER_HOUR; i++) {
      const probe = createOneTimeToken().token;
      expect((await failure(resetPassword({ token: probe, ...newPassword("probe") }, { ip }))).code).toBe("NOT_FOUND");
    }
    const hashes = argon2Activity().hashes;
    const refused = await failure(resetPassword({ token, ...newPassword("limited") }, { ip }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/^Too many password resets from your network\. /);
    expect(refused.message).toMatch(TRY_AGAIN);
    expect(argon2Activity().hashes).toBe(hashes);
    expect(await system.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).toMatchObject({
      usedAt: null,
    });
    expect(await system.platformAuditLog.count({ where: { actorId: person.id } })).toBe(0);
    // Another address is not affected.
    await expect(resetPassword({ token, ...newPassword("elsewhere") }, { ip: address() })).resolves.toBeUndefined();
  });

  it(`forgot-password: ${RESET_ADDRESS_LIMIT} requests an hour per address, whatever the emails`, async () => {
    const person = await createPerson(system, { companyId: company.companyId });
    const ip = address();
    for (let i = 0; i < RESET_ADDRESS_LIMIT; i++) {
      await requestPasswordReset({ email: `nobody-${uniqueSuffix()}@free-work.test` }, { ip });
    }
    const refused = await failure(requestPasswordReset({ email: person.email }, { ip }));
    expect(refused.code).toBe("RATE_LIMITED");
    expect(refused.message).toMatch(/^Too many password reset requests from your network\. /);
    expect(refused.message).toMatch(TRY_AGAIN);
    expect(await system.oneTimeToken.count({ where: { email: person.email } })).toBe(0);
    expect(await system.emailOutbox.count({ where: { toAddress: person.email } })).toBe(0);
    expect(await system.platformAuditLog.count({ where: { email: person.email } })).toBe(0);
  });

  it(`invitations: ${INVITATION_SUBMITS_PER_ADDRESS_PER_HOUR} submits an hour per address, across both forms`, async () => {
    const email = `invitee-${uniqueSuffix()}@free-work.test`;
    const token = await storeToken({ purpose: "INVITATION", email });
    const member = await createPerson(system);
    const memberToken = await storeToken({ purpose: "INVITATION", email: member.email });
    const ip = address();
    for (let i = 0; i < INVITATION_SUBMITS_PER_ADDRESS_PER_HOUR; i++) {
      const probe = createOneTimeToken().token;
      const refused = await failure(
        i % 2 === 0
          ? acceptInvitationAsNewUser(probe, { name: "Probe", ...newPassword("probe") }, { ip })
          : acceptInvitationWithPassword(probe, { password: "probe" }, { ip }),
      );
      expect(refused.code).toBe("NOT_FOUND");
    }
    const hashes = argon2Activity().hashes;
    const verifications = argon2Activity().verifications;
    // One at a time: a second call started alongside would reject before anything awaits it.
    for (const attempt of [
      () => acceptInvitationAsNewUser(token, { name: "Nadia Invitee", ...newPassword("limited") }, { ip }),
      () => acceptInvitationWithPassword(memberToken, { password: member.password }, { ip }),
    ]) {
      const refused = await failure(attempt());
      expect(refused.code).toBe("RATE_LIMITED");
      expect(refused.message).toMatch(/^Too many invitation attempts from your network\. /);
      expect(refused.message).toMatch(TRY_AGAIN);
    }
    expect(argon2Activity()).toMatchObject({ hashes, verifications });
    expect(await system.user.count({ where: { email } })).toBe(0);
    expect(await system.membership.count({ where: { userId: member.id } })).toBe(0);
    expect(await system.oneTimeToken.count({ where: { email: { in: [email, member.email] }, usedAt: null } })).toBe(2);
    // Another address is not affected.
    await expect(
      acceptInvitationAsNewUser(token, { name: "Nadia Invitee", ...newPassword("elsewhere") }, { ip: address() }),
    ).resolves.toMatchObject({ companyId: company.companyId });
  });
});

describe("forgot-password does the same work whether or not the address has an account", () => {
  /** What one address has in the tables forgot-password writes. */
  async function writes(email: string) {
    const [tokens, unusedTokens, audits, outbox] = await Promise.all([
      system.oneTimeToken.count({ where: { email, purpose: "PASSWORD_RESET" } }),
      system.oneTimeToken.count({ where: { email, purpose: "PASSWORD_RESET", usedAt: null } }),
      system.platformAuditLog.count({ where: { email, action: "auth.password_reset_requested" } }),
      system.emailOutbox.findMany({
        where: { toAddress: email },
        select: { template: true, status: true, attempts: true },
      }),
    ]);
    return {
      tokens,
      unusedTokens,
      audits,
      outbox: outbox.length,
      // Sent after the response: nothing is delivered, or even tried, while the request runs.
      waiting: outbox.filter((row) => row.status === "PENDING" && row.attempts === 0).length,
      templates: [...new Set(outbox.map((row) => row.template))],
    };
  }

  it("an active account, a deactivated one and an unknown address: the same rows, twice over", async () => {
    const active = await createPerson(system, { companyId: company.companyId });
    const leaver = await createPerson(system, { companyId: company.companyId });
    await system.user.update({ where: { id: leaver.id }, data: { active: false } });
    const addresses = {
      active: active.email,
      deactivated: leaver.email,
      unknown: `nobody-${uniqueSuffix()}@free-work.test`,
    };
    for (const round of [1, 2]) {
      for (const [what, email] of Object.entries(addresses)) {
        await expect(requestPasswordReset({ email }, { ip: address() }), what).resolves.toBeUndefined();
        const { templates, ...shape } = await writes(email);
        // An early return for an address without an account would leave these at 0.
        expect(shape, `${what}, request ${round}`).toEqual({
          tokens: round,
          unusedTokens: 1,
          audits: round,
          outbox: round,
          waiting: round,
        });
        expect(templates, what).toEqual([what === "active" ? "password-reset" : "password-reset-no-account"]);
      }
    }
    // Only the account's link names the account; the others open nothing.
    expect(await system.oneTimeToken.count({ where: { email: active.email, userId: active.id } })).toBe(2);
    expect(
      await system.oneTimeToken.count({
        where: { email: { in: [leaver.email, addresses.unknown] }, userId: { not: null } },
      }),
    ).toBe(0);
    const notice = await system.emailOutbox.findFirstOrThrow({ where: { toAddress: addresses.unknown } });
    expect(Object.keys(notice.props as object)).toEqual(["requestedAt"]);
  });
});
