// Lock-out is no weapon (issue 12 item 5; OWASP device cookies; docs/architecture.md §8), on real PostgreSQL and
// through next-auth's credentials authorize as the sign-in route runs it: wrong passwords lock an account for
// untrusted clients — the right password too, the platform admin's too, for as long as five requests come every
// 15 minutes — while a browser holding a device cookie from an earlier sign-in still gets in. The clock is faked
// (Date only: the database and timers run as usual) and set to a day of its own, so every "try again in N s"
// follows from the times the scenario chose.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { authOptions } from "../../lib/auth/auth-options";
import { changePassword } from "../../lib/accounts/change-password";
import { deviceCookieFromHeader, deviceCookieName, signDeviceCookie } from "../../lib/auth/device-cookie";
import {
  ACCOUNT_ADDRESS_FAILURE_LIMIT,
  ACCOUNT_DAILY_LIMIT,
  ACCOUNT_FAILURE_LIMIT,
  DEVICE_FAILURE_LIMIT,
  SIGN_IN_WINDOW_MS,
  WRONG_CREDENTIALS,
} from "../../lib/auth/sign-in";
import { createSession } from "../../lib/auth/sessions";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { env } from "../../lib/env";
import { CLIENT_ADDRESS_HEADER } from "../../lib/http/client-address";
import { createPerson, type Person } from "../factories/accounts";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let company: CompanyFixture;

beforeAll(async () => {
  system = superuserClient();
  company = await createCompanyFixture(system, "lockout");
});

afterAll(async () => {
  await system.$disconnect();
  await disconnectAll();
});

// A UTC day of this file's own: fixed-window counters start at its midnight, and no other test counts on it.
const DAY_START = new Date("2031-03-04T00:00:00.000Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(DAY_START);
});

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the clock to `ms` after the day's start. */
function at(ms: number): void {
  vi.setSystemTime(new Date(DAY_START.getTime() + ms));
}

/** A unique client address per call: only the limits that are per account apply across them. */
function address(): string {
  const n = Number.parseInt(uniqueSuffix().slice(0, 6), 16);
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

type SignIn = { ok: true; deviceCookie: string } | { ok: false; message: string };

interface Authorize {
  options: { authorize(credentials: Record<string, string>, request: { headers: Record<string, string> }): unknown };
}

/**
 * One sign-in as the sign-in route runs it: next-auth's credentials authorize, with the request's client address and
 * device cookie; the device cookie the route would set on success.
 */
async function signIn(email: string, password: string, browser: { ip?: string; deviceCookie?: string } = {}) {
  const set: string[] = [];
  const provider = authOptions({ setCookie: (header) => set.push(header) }).providers[0] as unknown as Authorize;
  const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: browser.ip ?? address() };
  if (browser.deviceCookie) headers.cookie = `${deviceCookieName(env().APP_URL)}=${browser.deviceCookie}`;
  try {
    await provider.options.authorize({ email, password }, { headers });
  } catch (error) {
    expect(set).toEqual([]);
    return { ok: false, message: (error as Error).message } satisfies SignIn;
  }
  expect(set).toHaveLength(1);
  expect(set[0]).toMatch(/; HttpOnly; SameSite=Lax$/);
  return { ok: true, deviceCookie: deviceCookieFromHeader(set[0]!.split(";")[0], env().APP_URL)! } satisfies SignIn;
}

const tryAgain = (seconds: number) => ({ ok: false, message: `Too many attempts. Try again in ${seconds} s.` });
const wrong = { ok: false, message: WRONG_CREDENTIALS };

/** `count` wrong passwords from untrusted clients, one a second from `startMs`; the answers. */
async function guesses(
  person: Person,
  startMs: number,
  count: number,
  browser: { deviceCookie?: string; ip?: string } = {},
) {
  const answers: SignIn[] = [];
  for (let i = 0; i < count; i++) {
    at(startMs + i * SECOND);
    answers.push(await signIn(person.email, `guess ${i}`, browser));
  }
  return answers;
}

async function lockouts(person: Person) {
  return system.platformAuditLog.count({ where: { email: person.email, action: "auth.locked_out" } });
}

describe("an account locked by wrong passwords", () => {
  it("stays open to the browser that signed in before, and closed to every other client", async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const earlier = await signIn(owner.email, owner.password);
    expect(earlier.ok).toBe(true);

    // The attacker, from anywhere: four wrong answers, the fifth locks the account until the first guess leaves
    // the 15-minute window (at 1:00 + 15:00), 896 s after the fifth guess at 1:04.
    const attack = await guesses(owner, MINUTE, ACCOUNT_FAILURE_LIMIT);
    expect(attack).toEqual([wrong, wrong, wrong, wrong, tryAgain(896)]);
    expect(await lockouts(owner)).toBe(1);

    // The owner on a new browser, with the right password: refused at 1:05, and that request counts too.
    at(MINUTE + 5 * SECOND);
    expect(await signIn(owner.email, owner.password)).toEqual(tryAgain(896));

    // The owner's browser that signed in before gets in, and is handed a new device cookie.
    at(MINUTE + 6 * SECOND);
    const trusted = await signIn(owner.email, owner.password, { deviceCookie: earlier.ok ? earlier.deviceCookie : "" });
    expect(trusted.ok).toBe(true);
    expect(trusted.ok && earlier.ok && trusted.deviceCookie !== earlier.deviceCookie).toBe(true);
    expect(
      await system.auditLog.count({
        where: { companyId: company.companyId, entityId: owner.id, action: "auth.login" },
      }),
    ).toBe(2);

    // Its success does not lift the lock for untrusted clients: the attacker is still refused.
    at(MINUTE + 7 * SECOND);
    expect((await signIn(owner.email, owner.password)).ok).toBe(false);
  });

  it("holds against the right password, the platform admin's too, while five requests come every 15 minutes", async () => {
    const admin = await createPerson(system, {});
    await system.user.update({ where: { id: admin.id }, data: { isPlatformAdmin: true } });

    // Five wrong passwords at 0:00–0:04: locked until 15:00.
    expect((await guesses(admin, 0, ACCOUNT_FAILURE_LIMIT)).at(-1)).toEqual(tryAgain(900 - 4));

    // Five requests at 14:00–14:04, the right password first: all refused, and each counts. The lock ends when the
    // fifth newest attempt leaves the window: after 14:00 that is 0:01 (15:01, 61 s away), after 14:01 it is 0:02,
    // and so on; after 14:04 the five newest are 14:00–14:04, so the lock ends at 29:00.
    at(14 * MINUTE);
    expect(await signIn(admin.email, admin.password)).toEqual(tryAgain(61));
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++) {
      at(14 * MINUTE + i * SECOND);
      expect(await signIn(admin.email, `guess ${i}`)).toEqual(tryAgain(i < ACCOUNT_FAILURE_LIMIT - 1 ? 61 : 896));
    }
    // The first lock would have ended at 15:00; at 15:30 the right password is still refused. This request counts
    // as well, so the lock ends when the second of 14:00–14:04 leaves the window: 29:01, 811 s away.
    at(15 * MINUTE + 30 * SECOND);
    expect(await signIn(admin.email, admin.password)).toEqual(tryAgain(811));

    // Nobody asks in the meantime: at 29:01 the right password is accepted, and the lock is gone.
    at(29 * MINUTE + SECOND);
    expect((await signIn(admin.email, admin.password)).ok).toBe(true);
    at(29 * MINUTE + 2 * SECOND);
    expect(await signIn(admin.email, "a wrong one")).toEqual(wrong);
    expect(await lockouts(admin)).toBe(1);
  });

  it("lets the owner's browser confirm its current password (a password change) while it is locked", async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const earlier = await signIn(owner.email, owner.password);
    if (!earlier.ok) throw new Error(earlier.message);
    await guesses(owner, 0, ACCOUNT_FAILURE_LIMIT);

    const sessionId = await createSession(owner.id, {});
    const next = "a fresh long passphrase";
    const change = (deviceCookie?: string) =>
      changePassword(
        { userId: owner.id, companyId: company.companyId, sessionId, request: { ip: address(), deviceCookie } },
        { currentPassword: owner.password, newPassword: next, confirmPassword: next },
      );
    at(10 * SECOND);
    // A session without the device cookie (another browser) is refused like an untrusted sign-in.
    await expect(change()).rejects.toMatchObject({
      fieldErrors: { currentPassword: [expect.stringMatching(/^Too many attempts\. Try again in \d+ s\.$/)] },
    });
    expect((await change(earlier.deviceCookie)).sv).toBe(2);
  });

  it("does not trust a forged device cookie, nor one of another account", async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const other = await createPerson(system, { companyId: company.companyId });
    const othersCookie = await signIn(other.email, other.password);
    if (!othersCookie.ok) throw new Error(othersCookie.message);
    await guesses(owner, 0, ACCOUNT_FAILURE_LIMIT);

    const [, version, nonce, signature] = othersCookie.deviceCookie.split(".");
    const candidates = [
      othersCookie.deviceCookie,
      // The other account's cookie with the owner's id put in.
      `${owner.id}.${version}.${nonce}.${signature}`,
      // Signed for the owner, but not with this app's secret.
      signDeviceCookie(owner.id, 1, "an attacker's own secret of thirty-two characters"),
      // Signed by this app for the owner, but at a session version that is not the account's.
      signDeviceCookie(owner.id, 7, env().AUTH_SECRET),
    ];
    // Untrusted, so refused and counted: at 0:10 + i the fifth newest attempt is the guess at 0:0(1 + i), whose
    // leaving the window at 15:0(1 + i) ends the lock, 891 s away each time.
    for (const [i, deviceCookie] of candidates.entries()) {
      at(10 * SECOND + i * SECOND);
      expect(await signIn(owner.email, owner.password, { deviceCookie })).toEqual(tryAgain(891));
    }
  });

  it("stops trusting the device cookies handed out before the password was reset", async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    // Someone who knew the password signs in and keeps the device cookie; then the owner resets the password.
    const thief = await signIn(owner.email, owner.password);
    if (!thief.ok) throw new Error(thief.message);
    await system.user.update({ where: { id: owner.id }, data: { sessionVersion: { increment: 1 } } });
    await guesses(owner, 0, ACCOUNT_FAILURE_LIMIT);
    // The old cookie no longer exempts its browser: its guesses meet the account's lock like anyone's.
    at(10 * SECOND);
    expect(await signIn(owner.email, "another guess", { deviceCookie: thief.deviceCookie })).toEqual(tryAgain(891));
  });

  it(`locks a device cookie itself after ${DEVICE_FAILURE_LIMIT} wrong passwords, and nothing else`, async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const laptop = await signIn(owner.email, owner.password);
    const phone = await signIn(owner.email, owner.password);
    if (!laptop.ok || !phone.ok) throw new Error("sign-in failed");

    // Someone at the laptop guesses: its fifth failure (0:04) locks the laptop's cookie until 15:00.
    const atLaptop = await guesses(owner, 0, DEVICE_FAILURE_LIMIT, { deviceCookie: laptop.deviceCookie });
    expect(atLaptop).toEqual([wrong, wrong, wrong, wrong, tryAgain(896)]);
    expect(await lockouts(owner)).toBe(1);
    // The right password at the laptop (0:05) is refused and counts: the lock now ends at 15:01.
    at(5 * SECOND);
    expect(await signIn(owner.email, owner.password, { deviceCookie: laptop.deviceCookie })).toEqual(tryAgain(896));

    // The phone's cookie, and clients without one, are not affected by the laptop's failures.
    at(6 * SECOND);
    expect((await signIn(owner.email, owner.password, { deviceCookie: phone.deviceCookie })).ok).toBe(true);
    expect((await signIn(owner.email, owner.password)).ok).toBe(true);
  });

  it(`limits trusted browsers to ${ACCOUNT_ADDRESS_FAILURE_LIMIT} failures per account and address`, async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const office = address();
    const cookies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await signIn(owner.email, owner.password, { ip: office });
      if (!result.ok) throw new Error(result.message);
      cookies.push(result.deviceCookie);
    }
    // Three browsers in one office: 4 + 4 + 2 wrong passwords, each under its own cookie's limit; the tenth (at
    // 0:09) uses up the office's limit for this account until the 15-minute window ends (15:00).
    const answers = [
      ...(await guesses(owner, 0, 4, { ip: office, deviceCookie: cookies[0] })),
      ...(await guesses(owner, 4 * SECOND, 4, { ip: office, deviceCookie: cookies[1] })),
      ...(await guesses(owner, 8 * SECOND, 2, { ip: office, deviceCookie: cookies[2] })),
    ];
    expect(
      answers.slice(0, ACCOUNT_ADDRESS_FAILURE_LIMIT - 1).every((a) => !a.ok && a.message === WRONG_CREDENTIALS),
    ).toBe(true);
    expect(answers.at(-1)).toEqual(tryAgain(900 - 9));
    at(10 * SECOND);
    expect(await signIn(owner.email, owner.password, { ip: office, deviceCookie: cookies[2] })).toEqual(tryAgain(890));
    // From elsewhere that browser still gets in.
    expect((await signIn(owner.email, owner.password, { deviceCookie: cookies[2] })).ok).toBe(true);
  });

  it(`bounds untrusted attempts at an account to ${ACCOUNT_DAILY_LIMIT} a day`, async () => {
    const owner = await createPerson(system, { companyId: company.companyId });
    const earlier = await signIn(owner.email, owner.password);
    if (!earlier.ok) throw new Error(earlier.message);

    // A patient attacker: four guesses per quarter hour, never enough to lock the account; the twentieth guess
    // (at 1:04:03) uses up the day, which ends at midnight UTC.
    const batches = ACCOUNT_DAILY_LIMIT / (ACCOUNT_FAILURE_LIMIT - 1);
    const answers: SignIn[] = [];
    for (let batch = 0; batch < batches; batch++) {
      answers.push(...(await guesses(owner, batch * 16 * MINUTE, ACCOUNT_FAILURE_LIMIT - 1)));
    }
    const lastGuess = (batches - 1) * 16 * MINUTE + (ACCOUNT_FAILURE_LIMIT - 2) * SECOND;
    expect(answers.slice(0, -1).every((a) => !a.ok && a.message === WRONG_CREDENTIALS)).toBe(true);
    expect(answers.at(-1)).toEqual(tryAgain((24 * 60 * MINUTE - lastGuess) / SECOND));

    // A quarter hour later the account's 15-minute lock would be long over; the day's bound still refuses.
    const later = lastGuess + SIGN_IN_WINDOW_MS;
    at(later);
    expect(await signIn(owner.email, owner.password)).toEqual(tryAgain((24 * 60 * MINUTE - later) / SECOND));
    // The owner's browser is not bound by it.
    expect((await signIn(owner.email, owner.password, { deviceCookie: earlier.deviceCookie })).ok).toBe(true);
  });
});
