// Server-side sessions on real PostgreSQL (lib/auth/sessions.ts, docs/architecture.md §8): a token is worth only
// as much as its session row, sign-out and "sign out everywhere" end it for good, last seen moves at most once a
// minute, and a person sees and ends only their own sessions.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "../../lib/auth/context";
import { readSessionToken, type SessionClaims } from "../../lib/auth/session-token";
import {
  createSession,
  listOwnSessions,
  revokeOwnSession,
  revokeSessionById,
  signOutEverywhere,
} from "../../lib/auth/sessions";
import { disconnectAll, type PrismaClient } from "../../lib/db/client";
import { env } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { createPerson, type Person } from "../factories/accounts";
import { createCompanyFixture, type CompanyFixture } from "../factories/company";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;

beforeAll(async () => {
  system = superuserClient(2);
  a = await createCompanyFixture(system, "sessions");
});

afterAll(async () => {
  await system.$disconnect();
  await disconnectAll();
});

const ANDROID_CHROME =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const MAC_FIREFOX = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0";

async function signedIn(person: Person, userAgent?: string): Promise<SessionClaims> {
  return {
    sub: person.id,
    companyId: a.companyId,
    sv: 1,
    mcp: false,
    sid: await createSession(person.id, { userAgent, ip: "203.0.113.9" }),
  };
}

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

describe("a session token is worth its session row", () => {
  it("a signed-out session is refused, while the person's other session still works", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const laptop = await signedIn(person);
    const phone = await signedIn(person);
    expect((await loadSessionUser(laptop, {}))?.sessionId).toBe(laptop.sid);

    await revokeSessionById(laptop.sid);
    expect(await loadSessionUser(laptop, {})).toBeNull();
    expect((await loadSessionUser(phone, {}))?.userId).toBe(person.id);
  });

  it("a session id that is not the person's, unknown, or expired is refused", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const other = await createPerson(system, { companyId: a.companyId });
    const othersSession = await signedIn(other);
    expect(await loadSessionUser({ ...othersSession, sub: person.id }, {})).toBeNull();
    expect(await loadSessionUser({ ...othersSession, sid: crypto.randomUUID() }, {})).toBeNull();

    const expiring = await signedIn(person);
    await system.session.update({ where: { id: expiring.sid }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await loadSessionUser(expiring, {})).toBeNull();
  });

  it("a token issued before server-side sessions (no session id) reads as signed out", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const legacy = await encode({
      token: { sub: person.id, companyId: a.companyId, sv: 1, mcp: false },
      secret: env().AUTH_SECRET,
    });
    expect(await readSessionToken(legacy)).toBeNull();
    const current = await signedIn(person);
    const token = await encode({ token: current, secret: env().AUTH_SECRET });
    expect(await readSessionToken(token)).toMatchObject(current);
  });

  it("stores the browser's user agent without control characters, cut to its column", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const sid = await createSession(person.id, { userAgent: `Evil\u0000\u001b[31m${"x".repeat(400)}` });
    const row = await system.session.findUniqueOrThrow({ where: { id: sid } });
    expect(row.userAgent).toBe(`Evil[31m${"x".repeat(256 - "Evil[31m".length)}`);
  });
});

describe("sign out everywhere", () => {
  it("ends every session of the person and no one else's, and tells the person's company", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const bystander = await createPerson(system, { companyId: a.companyId });
    const sessions = [await signedIn(person), await signedIn(person), await signedIn(person)];
    const theirs = await signedIn(bystander);

    await signOutEverywhere({ userId: person.id, email: person.email, request: {} });
    for (const claims of sessions) expect(await loadSessionUser(claims, {})).toBeNull();
    expect((await loadSessionUser(theirs, {}))?.userId).toBe(bystander.id);
    const audit = await system.auditLog.findMany({
      where: { companyId: a.companyId, entityId: person.id, action: "user.signed_out_everywhere" },
      select: { after: true },
    });
    expect(audit).toEqual([{ after: { sessionsEnded: 3 } }]);
  });
});

describe("last seen", () => {
  it("moves on a request only when it is a minute old or more", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const claims = await signedIn(person);
    const lastSeen = async () =>
      (await system.session.findUniqueOrThrow({ where: { id: claims.sid } })).lastSeenAt.getTime();

    const recent = new Date(Date.now() - 30_000);
    await system.session.update({ where: { id: claims.sid }, data: { lastSeenAt: recent } });
    await loadSessionUser(claims, {});
    await loadSessionUser(claims, {});
    expect(await lastSeen()).toBe(recent.getTime());

    const stale = new Date(Date.now() - 5 * 60_000);
    await system.session.update({ where: { id: claims.sid }, data: { lastSeenAt: stale } });
    const before = Date.now();
    await loadSessionUser(claims, {});
    const moved = await lastSeen();
    // The database's clock set it: allow it a little skew against ours.
    expect(moved).toBeGreaterThan(before - 5_000);
    await loadSessionUser(claims, {});
    expect(await lastSeen()).toBe(moved);
  });
});

describe("the profile's sessions", () => {
  it("lists only the person's own live sessions, this device first and marked, in plain words", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const stranger = await createPerson(system, { companyId: a.companyId });
    const phone = await signedIn(person, ANDROID_CHROME);
    const laptop = await signedIn(person, MAC_FIREFOX);
    const ended = await signedIn(person, MAC_FIREFOX);
    await signedIn(stranger, ANDROID_CHROME);
    await revokeSessionById(ended.sid);
    await system.session.update({
      where: { id: phone.sid },
      data: { lastSeenAt: new Date(Date.now() - 3 * 3_600_000 - 60_000) },
    });

    const list = await listOwnSessions({ userId: person.id, sessionId: phone.sid });
    expect(list).toEqual([
      { id: phone.sid, device: "Chrome on Android", lastSeen: "3 hours ago", current: true },
      { id: laptop.sid, device: "Firefox on macOS", lastSeen: "just now", current: false },
    ]);
  });

  it("signs out one of the person's sessions; another person's session id is NOT_FOUND and stays signed in", async () => {
    const person = await createPerson(system, { companyId: a.companyId });
    const stranger = await createPerson(system, { companyId: a.companyId });
    const mine = await signedIn(person);
    const old = await signedIn(person);
    const theirs = await signedIn(stranger);
    const owner = { userId: person.id, sessionId: mine.sid };

    expect(await revokeOwnSession(owner, { sessionId: old.sid })).toEqual({ current: false });
    expect(await loadSessionUser(old, {})).toBeNull();
    expect((await failure(revokeOwnSession(owner, { sessionId: old.sid }))).code).toBe("NOT_FOUND");

    const refused = await failure(revokeOwnSession(owner, { sessionId: theirs.sid }));
    expect(refused.code).toBe("NOT_FOUND");
    expect((await loadSessionUser(theirs, {}))?.userId).toBe(stranger.id);
    expect((await loadSessionUser(mine, {}))?.userId).toBe(person.id);

    expect(await revokeOwnSession(owner, { sessionId: mine.sid.toUpperCase() })).toEqual({ current: true });
    expect(await loadSessionUser(mine, {})).toBeNull();
  });
});
